/* pure: Mapping lists (contract in vma.h). */
#include "core/mm/vma.h"

int vma_overlaps(const struct vma_list *l, uint64_t start, uint64_t end)
{
	for (uint32_t i = 0; i < l->count; i++)
		if (l->v[i].start < end && start < l->v[i].end)
			return 1;
	return 0;
}

int vma_covers(const struct vma_list *l, uint64_t start, uint64_t end)
{
	uint64_t at = start;
	for (uint32_t i = 0; i < l->count && at < end; i++) {
		if (l->v[i].end <= at)
			continue;
		if (l->v[i].start > at)
			return 0;
		at = l->v[i].end;
	}
	return at >= end;
}

uint64_t vma_find_free(const struct vma_list *l, uint64_t lo, uint64_t hi, uint64_t len)
{
	/* Gaps from the top down: between mapping i-1 and i, for i = count..0. */
	for (uint32_t i = l->count + 1; i-- > 0;) {
		uint64_t gap_end = i < l->count ? l->v[i].start : hi;
		uint64_t gap_start = i > 0 ? l->v[i - 1].end : lo;
		if (gap_end > hi)
			gap_end = hi;
		if (gap_start < lo)
			gap_start = lo;
		if (gap_end > gap_start && gap_end - gap_start >= len)
			return gap_end - len;
	}
	return 0;
}

/*
 * The list with [start, end) cut out and, when insert is set, one mapping
 * with prot put there; neighbours of equal protection merged. Written to
 * out (room for l->count + 2); returns the new count.
 */
static uint32_t vma_rebuild(const struct vma_list *l, uint64_t start, uint64_t end,
			    uint64_t prot, int insert, struct vma *out)
{
	uint32_t n = 0;
	int placed = !insert;
	for (uint32_t i = 0; i <= l->count; i++) {
		const struct vma *v = i < l->count ? &l->v[i] : 0;
		if (!placed && (!v || v->start >= start)) {
			out[n++] = (struct vma){ start, end, prot };
			placed = 1;
		}
		if (!v)
			break;
		if (v->end <= start || v->start >= end) {
			out[n++] = *v;
			continue;
		}
		if (v->start < start)
			out[n++] = (struct vma){ v->start, start, v->prot };
		if (!placed) {
			out[n++] = (struct vma){ start, end, prot };
			placed = 1;
		}
		if (v->end > end)
			out[n++] = (struct vma){ end, v->end, v->prot };
	}
	uint32_t m = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (m && out[m - 1].end == out[i].start && out[m - 1].prot == out[i].prot)
			out[m - 1].end = out[i].end;
		else
			out[m++] = out[i];
	}
	return m;
}

static int vma_apply(struct vma_list *l, uint64_t start, uint64_t end, uint64_t prot,
		     int insert, int dry_run)
{
	/* At most two more entries than now: a range cut out of the middle
	 * of one mapping leaves both ends, plus the new one. */
	struct vma out[l->count + 2];
	uint32_t n = vma_rebuild(l, start, end, prot, insert, out);
	if (n > l->max)
		return -1;
	if (!dry_run) {
		for (uint32_t i = 0; i < n; i++)
			l->v[i] = out[i];
		l->count = n;
	}
	return 0;
}

int vma_set(struct vma_list *l, uint64_t start, uint64_t end, uint64_t prot, int dry_run)
{
	return vma_apply(l, start, end, prot, 1, dry_run);
}

int vma_clear(struct vma_list *l, uint64_t start, uint64_t end, int dry_run)
{
	return vma_apply(l, start, end, 0, 0, dry_run);
}
