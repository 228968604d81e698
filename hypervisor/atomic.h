/*
 * What several harts share needs: counters bumped with one AMO, a spinlock (RVWMO: acquire on
 * lock, release on unlock, unprivileged spec chapter 17). Pure C builtins, so the host tests
 * compile them too.
 */
#ifndef HEXT_HYP_ATOMIC_H
#define HEXT_HYP_ATOMIC_H

#define ATOMIC_INC(x)    __atomic_fetch_add(&(x), 1, __ATOMIC_RELAXED)
#define ATOMIC_ADD(x, n) __atomic_fetch_add(&(x), (n), __ATOMIC_RELAXED)
#define ATOMIC_OR(x, n)  __atomic_fetch_or(&(x), (n), __ATOMIC_SEQ_CST)
#define ATOMIC_AND(x, n) __atomic_fetch_and(&(x), (n), __ATOMIC_SEQ_CST)

static inline void spin_lock(int *lock)
{
    while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE))
        while (__atomic_load_n(lock, __ATOMIC_RELAXED))
            ;
}

static inline void spin_unlock(int *lock)
{
    __atomic_store_n(lock, 0, __ATOMIC_RELEASE);
}

#endif
