/*
 * Each guest boot's /chosen/rng-seed, drawn from the host's. QEMU gives a machine's kernel a
 * fresh seed at every boot; Linux credits it in full and its random pool is ready at once
 * (drivers/of/fdt.c, add_bootloader_randomness). A guest without one starts with an empty pool,
 * and until the pool fills, every get_random_u32() extracts entropy anew: ~15,000 instructions
 * for each file a tmpfs creates (its inode generation), 7.8 M instructions of a 6.12 guest's
 * boot. Guests must not share the host's seed, nor each other's: each boot takes one ChaCha20
 * block (RFC 8439 §2.3) keyed by the host's seed, at a block counter no other boot gets.
 * Pure C, tested on the host (tests/unit/hypervisor/rng_seed_test.c).
 */
#ifndef HEXT_HYP_RNG_SEED_H
#define HEXT_HYP_RNG_SEED_H

#include <stddef.h>
#include <stdint.h>

#define RNG_SEED_MAX 64 /* bytes per draw: one ChaCha20 block */

/* RFC 8439 §2.3: the block for key, 32-bit block counter and 96-bit nonce (little-endian). */
void chacha20_block(const uint8_t key[32], uint32_t counter, const uint8_t nonce[12],
                    uint8_t out[64]);

/* Keys the draws with the host's seed (any length; bytes past 32 are folded in by XOR). Each
 * draw is then min(len, RNG_SEED_MAX) bytes, so a guest's kernel credits what the host's
 * would; len 0: no draws (the host gave its kernel no seed either). Called once, by the boot
 * hart, before any other hart starts: the key has that single writer and is read-only after. */
void rng_seed_init(const uint8_t *host_seed, size_t len);

/* Fills out with the next draw and returns its length (0 without a host seed). Any hart, at
 * any time: the block counter is taken with an atomic fetch-and-add, so no two draws share a
 * block. */
size_t rng_seed_draw(uint8_t out[RNG_SEED_MAX]);

#endif
