/*
 * PLIC model, against the RISC-V PLIC Specification 1.0.0 (memory map, priority, threshold,
 * claim/complete) and the register sequence Linux 6.12's irq-sifive-plic driver uses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "plic.h"

/* §3 memory map. */
#define PRIO(s)      (4ULL * (s))
#define PENDING(w)   (0x1000ULL + 4 * (w))
#define ENABLE(c, w) (0x2000ULL + 0x80ULL * (c) + 4 * (w))
#define THRESH(c)    (0x200000ULL + 0x1000ULL * (c))
#define CLAIM(c)     (THRESH(c) + 4)

static void test_registers(void **state)
{
    struct plic p;

    (void)state;
    plic_init(&p, 32, 2);
    plic_write(&p, PRIO(0), 7);
    assert_int_equal(plic_read(&p, PRIO(0)), 0); /* source 0 does not exist */
    plic_write(&p, PRIO(10), 0xffffffff);
    assert_int_equal(plic_read(&p, PRIO(10)), 7); /* WARL: 3 priority bits */
    plic_write(&p, ENABLE(1, 0), 0xffffffff);
    assert_int_equal(plic_read(&p, ENABLE(1, 0)), 0xfffffffe); /* no source 0 */
    assert_int_equal(plic_read(&p, ENABLE(0, 0)), 0);
    plic_write(&p, THRESH(1), 0x1f);
    assert_int_equal(plic_read(&p, THRESH(1)), 7);
    /* Contexts and sources that do not exist read 0 and ignore writes. */
    plic_write(&p, THRESH(2), 3);
    assert_int_equal(plic_read(&p, THRESH(2)), 0);
    plic_write(&p, ENABLE(5, 0), 0xffffffff);
    assert_int_equal(plic_read(&p, ENABLE(5, 0)), 0);
    plic_write(&p, PRIO(40), 3);
    assert_int_equal(plic_read(&p, PRIO(40)), 0);
    /* Pending bits are read-only. */
    plic_write(&p, PENDING(0), 0xffffffff);
    assert_int_equal(plic_read(&p, PENDING(0)), 0);
    plic_set_level(&p, 10, true);
    assert_int_equal(plic_read(&p, PENDING(0)), 1U << 10);
    assert_int_equal(plic_read(&p, PRIO(10) + 1), 0); /* misaligned */
}

/* §8: claim returns the highest-priority pending enabled source above the threshold, the
 * lowest ID among equals, or 0. */
static void test_claim_order(void **state)
{
    struct plic p;

    (void)state;
    plic_init(&p, 64, 1);
    plic_write(&p, PRIO(3), 2);
    plic_write(&p, PRIO(5), 5);
    plic_write(&p, PRIO(7), 5);
    plic_write(&p, PRIO(40), 6);
    plic_write(&p, ENABLE(0, 0), (1U << 3) | (1U << 5) | (1U << 7));
    plic_write(&p, ENABLE(0, 1), 1U << (40 - 32));
    plic_set_level(&p, 3, true);
    plic_set_level(&p, 5, true);
    plic_set_level(&p, 7, true);
    plic_set_level(&p, 40, true);
    assert_true(plic_context_pending(&p, 0));
    assert_int_equal(plic_read(&p, CLAIM(0)), 40);
    assert_int_equal(plic_read(&p, CLAIM(0)), 5);
    assert_int_equal(plic_read(&p, CLAIM(0)), 7);
    /* §7: only priorities strictly above the threshold interrupt. */
    plic_write(&p, THRESH(0), 2);
    assert_false(plic_context_pending(&p, 0));
    assert_int_equal(plic_read(&p, CLAIM(0)), 0);
    plic_write(&p, THRESH(0), 1);
    assert_true(plic_context_pending(&p, 0));
    assert_int_equal(plic_read(&p, CLAIM(0)), 3);
    assert_int_equal(plic_read(&p, CLAIM(0)), 0);
    /* Priority 0 never interrupts. */
    plic_write(&p, THRESH(0), 0);
    plic_write(&p, PRIO(9), 0);
    plic_write(&p, ENABLE(0, 0), 1U << 9);
    plic_set_level(&p, 9, true);
    assert_false(plic_context_pending(&p, 0));
}

/* §9 and the level-triggered gateway: a source in service does not pend again until it is
 * completed; completion with the line still high pends it again. */
static void test_complete_and_gateway(void **state)
{
    struct plic p;

    (void)state;
    plic_init(&p, 32, 2);
    plic_write(&p, PRIO(10), 1);
    plic_write(&p, ENABLE(1, 0), 1U << 10);
    plic_set_level(&p, 10, true);
    assert_false(plic_context_pending(&p, 0)); /* not enabled there */
    assert_true(plic_context_pending(&p, 1));
    assert_int_equal(plic_read(&p, CLAIM(1)), 10);
    assert_false(plic_context_pending(&p, 1));
    plic_set_level(&p, 10, true);
    assert_false(plic_context_pending(&p, 1)); /* in service */
    /* A completion from a context where the source is not enabled is ignored. */
    plic_write(&p, CLAIM(0), 10);
    assert_false(plic_context_pending(&p, 1));
    plic_write(&p, CLAIM(1), 10);
    assert_true(plic_context_pending(&p, 1)); /* line still high */
    assert_int_equal(plic_read(&p, CLAIM(1)), 10);
    plic_set_level(&p, 10, false);
    plic_write(&p, CLAIM(1), 10);
    assert_false(plic_context_pending(&p, 1));
    /* Dropping the line before a claim withdraws the request (this model's choice). */
    plic_set_level(&p, 10, true);
    plic_set_level(&p, 10, false);
    assert_int_equal(plic_read(&p, CLAIM(1)), 0);
    /* Bogus completions are harmless. */
    plic_write(&p, CLAIM(1), 0);
    plic_write(&p, CLAIM(1), 99);
    plic_set_level(&p, 0, true);
    plic_set_level(&p, 99, true);
    assert_int_equal(plic_read(&p, PENDING(0)), 0);
}

/* What Linux does: irq-sifive-plic sets priority 1 when an IRQ is unmasked, threshold 0 on the
 * hart's context, then claims until 0 in its handler, completing each. */
static void test_linux_driver_flow(void **state)
{
    struct plic p;
    unsigned seen = 0;
    uint32_t s;

    (void)state;
    plic_init(&p, 32, 2);
    plic_write(&p, THRESH(1), 0);
    plic_write(&p, PRIO(10), 1);
    plic_write(&p, ENABLE(1, 0), plic_read(&p, ENABLE(1, 0)) | (1U << 10));
    plic_write(&p, PRIO(1), 1);
    plic_write(&p, ENABLE(1, 0), plic_read(&p, ENABLE(1, 0)) | (1U << 1));
    plic_set_level(&p, 1, true);
    plic_set_level(&p, 10, true);
    while ((s = plic_read(&p, CLAIM(1))) != 0) {
        seen |= 1U << s;
        plic_set_level(&p, s, false); /* the device driver services it */
        plic_write(&p, CLAIM(1), s);
    }
    assert_int_equal(seen, (1U << 1) | (1U << 10));
    assert_false(plic_context_pending(&p, 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_registers),
            cmocka_unit_test(test_claim_order),
            cmocka_unit_test(test_complete_and_gateway),
            cmocka_unit_test(test_linux_driver_flow),
    };

    return cmocka_run_group_tests_name("plic", tests, NULL, NULL);
}
