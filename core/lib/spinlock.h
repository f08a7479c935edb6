/* Test-and-test-and-set spinlock for kernel-side serialisation. */
#ifndef CORE_SPINLOCK_H
#define CORE_SPINLOCK_H

#include <stdint.h>

struct spinlock {
	volatile uint32_t held;
};

static inline void spin_lock(struct spinlock *l)
{
	while (__atomic_exchange_n(&l->held, 1, __ATOMIC_ACQUIRE))
		while (l->held)
			__asm__ volatile("pause");
}

/* One attempt: 1 if taken. For contexts that must not wait (NMI). */
static inline int spin_trylock(struct spinlock *l)
{
	return !l->held && !__atomic_exchange_n(&l->held, 1, __ATOMIC_ACQUIRE);
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->held, 0, __ATOMIC_RELEASE);
}

#endif
