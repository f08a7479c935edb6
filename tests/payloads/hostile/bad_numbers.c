/* expect: exit 0
 * Syscall numbers outside the table (-1, 2^63, 1000, 335, 511, 512, 2^32+1)
 * return -ENOSYS; the dispatch is bounds-checked and masked, so none can
 * index past the table or alias a real call. */
#include "user_payload/ulib.h"

int main(void)
{
	static const uint64_t numbers[] = { ~0ULL, 1ULL << 63, 1000, 335, 336, 511, 512,
					    (1ULL << 32) + 1, (1ULL << 63) + 39 };
	int bad = 0;
	for (unsigned i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		int64_t r = usys0(numbers[i]);
		if (r != -ENOSYS) {
			uprintf("nr %llu returned %lld\n", (unsigned long long)numbers[i], (long long)r);
			bad++;
		}
	}
	return bad;
}
