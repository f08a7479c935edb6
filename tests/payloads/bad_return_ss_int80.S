/* The bad-return fixup, one selector and one entry: see bad_return.h. */
#include "bad_return.h"
	BAD_RETURN RING3_BAD_RETURN_SS, int80
