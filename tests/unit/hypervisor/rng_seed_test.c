/*
 * Guest rng-seeds (hypervisor/rng_seed.c): the ChaCha20 block against RFC 8439 and against
 * OpenSSL's chacha20, and the draws: sizes, keying, and no block handed out twice when harts
 * (threads here) draw at once.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rng_seed.h"

static const uint8_t zero_nonce[12];

static void seq_key(uint8_t *k, size_t n, uint8_t first)
{
    for (size_t i = 0; i < n; i++)
        k[i] = (uint8_t)(first + i);
}

/* RFC 8439 §2.3.2: key 00..1f, nonce 00:00:00:09:00:00:00:4a:00:00:00:00, counter 1. */
static void test_rfc8439_block(void **state)
{
    static const uint8_t nonce[12] = {0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0};
    static const uint8_t want[64] = {
            0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd, 0x1f, 0xa3,
            0x20, 0x71, 0xc4, 0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03, 0x04, 0x22,
            0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e, 0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa,
            0x09, 0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2, 0xb5, 0x12, 0x9c, 0xd1,
            0xde, 0x16, 0x4e, 0xb9, 0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e};
    uint8_t key[32], out[64];
    (void)state;
    seq_key(key, sizeof(key), 0);
    chacha20_block(key, 1, nonce, out);
    assert_memory_equal(out, want, sizeof(want));
}

/* OpenSSL's chacha20 takes a 16-byte IV: the 32-bit counter (little-endian), then the nonce.
 * Its keystream for 64 zero bytes is the block. */
static void test_against_openssl(void **state)
{
    static const uint32_t counters[] = {0, 7, 0xfffffffe};
    (void)state;
    if (system("openssl version > /dev/null 2>&1") != 0)
        skip();
    for (unsigned c = 0; c < sizeof(counters) / sizeof(counters[0]); c++) {
        uint8_t key[32], nonce[12], out[64], got[64];
        char cmd[512];
        int n = 0;
        seq_key(key, sizeof(key), (uint8_t)(0x40 + 17 * c));
        seq_key(nonce, sizeof(nonce), (uint8_t)(0x90 + c));
        chacha20_block(key, counters[c], nonce, out);
        n += snprintf(cmd + n, sizeof(cmd) - n, "head -c 64 /dev/zero | openssl enc -chacha20 -K ");
        for (unsigned i = 0; i < 32; i++)
            n += snprintf(cmd + n, sizeof(cmd) - n, "%02x", key[i]);
        n += snprintf(cmd + n, sizeof(cmd) - n, " -iv ");
        for (unsigned i = 0; i < 4; i++)
            n += snprintf(cmd + n, sizeof(cmd) - n, "%02x", (counters[c] >> (8 * i)) & 0xff);
        for (unsigned i = 0; i < 12; i++)
            n += snprintf(cmd + n, sizeof(cmd) - n, "%02x", nonce[i]);
        FILE *p = popen(cmd, "r");
        assert_non_null(p);
        assert_int_equal(fread(got, 1, sizeof(got), p), sizeof(got));
        assert_int_equal(pclose(p), 0);
        assert_memory_equal(out, got, sizeof(out));
    }
}

static void test_no_host_seed(void **state)
{
    uint8_t out[RNG_SEED_MAX];
    (void)state;
    rng_seed_init(NULL, 0);
    assert_int_equal(rng_seed_draw(out), 0);
}

/* A draw is as long as the host's seed, up to one block; block n of the host seed's key. */
static void test_draws(void **state)
{
    uint8_t host[100], key[32], block[64], out[RNG_SEED_MAX];
    (void)state;
    seq_key(host, sizeof(host), 0x11);

    rng_seed_init(host, 16);
    memset(key, 0, sizeof(key));
    memcpy(key, host, 16);
    for (uint32_t n = 0; n < 3; n++) {
        assert_int_equal(rng_seed_draw(out), 16);
        chacha20_block(key, n, zero_nonce, block);
        assert_memory_equal(out, block, 16);
        assert_memory_not_equal(out, host, 16);
    }

    /* Past 32 bytes the seed is folded onto the key by XOR, and a draw stops at 64 bytes. */
    rng_seed_init(host, sizeof(host));
    memset(key, 0, sizeof(key));
    for (size_t i = 0; i < sizeof(host); i++)
        key[i % 32] ^= host[i];
    assert_int_equal(rng_seed_draw(out), 64);
    chacha20_block(key, 0, zero_nonce, block);
    assert_memory_equal(out, block, 64);
}

#define DRAWERS 4
#define DRAWS   4000

static uint8_t drawn[DRAWERS * DRAWS][RNG_SEED_MAX];

static void *drawer(void *arg)
{
    uintptr_t t = (uintptr_t)arg;
    for (unsigned i = 0; i < DRAWS; i++)
        assert_int_equal(rng_seed_draw(drawn[t * DRAWS + i]), RNG_SEED_MAX);
    return NULL;
}

static int by_bytes(const void *a, const void *b)
{
    return memcmp(a, b, RNG_SEED_MAX);
}

/* Harts booting guests at once: every block counter handed out once, none skipped. */
static void test_concurrent_draws(void **state)
{
    static uint8_t want[DRAWERS * DRAWS][RNG_SEED_MAX];
    uint8_t host[64];
    pthread_t t[DRAWERS];
    (void)state;
    seq_key(host, sizeof(host), 0x5a);
    rng_seed_init(host, sizeof(host));
    for (uintptr_t i = 0; i < DRAWERS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, drawer, (void *)i), 0);
    for (unsigned i = 0; i < DRAWERS; i++)
        assert_int_equal(pthread_join(t[i], NULL), 0);

    uint8_t key[32] = {0};
    for (size_t i = 0; i < sizeof(host); i++)
        key[i % 32] ^= host[i];
    for (uint32_t n = 0; n < DRAWERS * DRAWS; n++)
        chacha20_block(key, n, zero_nonce, want[n]);
    qsort(drawn, DRAWERS * DRAWS, RNG_SEED_MAX, by_bytes);
    qsort(want, DRAWERS * DRAWS, RNG_SEED_MAX, by_bytes);
    assert_memory_equal(drawn, want, sizeof(want));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_rfc8439_block),    cmocka_unit_test(test_against_openssl),
            cmocka_unit_test(test_no_host_seed),     cmocka_unit_test(test_draws),
            cmocka_unit_test(test_concurrent_draws),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
