/* Guest rng-seeds: ChaCha20 (RFC 8439 §2.3) keyed by the host's seed. See rng_seed.h. */
#include "rng_seed.h"

#include "string.h"

static uint8_t key[32];
static size_t draw_len;
/* Block counters taken so far; 64 bits, split between the counter and the nonce's first word,
 * so it never wraps. */
static uint64_t next_block;

static uint32_t rotl(uint32_t v, unsigned n)
{
    return v << n | v >> (32 - n);
}

static uint32_t load_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* §2.1: the quarter round on four words of the state. */
static void quarter_round(uint32_t *s, unsigned a, unsigned b, unsigned c, unsigned d)
{
    s[a] += s[b];
    s[d] = rotl(s[d] ^ s[a], 16);
    s[c] += s[d];
    s[b] = rotl(s[b] ^ s[c], 12);
    s[a] += s[b];
    s[d] = rotl(s[d] ^ s[a], 8);
    s[c] += s[d];
    s[b] = rotl(s[b] ^ s[c], 7);
}

void chacha20_block(const uint8_t k[32], uint32_t counter, const uint8_t nonce[12], uint8_t out[64])
{
    /* §2.3: "expand 32-byte k", the key, the counter, the nonce. */
    uint32_t init[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    uint32_t s[16];

    for (unsigned i = 0; i < 8; i++)
        init[4 + i] = load_le32(k + 4 * i);
    init[12] = counter;
    for (unsigned i = 0; i < 3; i++)
        init[13 + i] = load_le32(nonce + 4 * i);
    memcpy(s, init, sizeof(s));
    for (unsigned round = 0; round < 10; round++) {
        quarter_round(s, 0, 4, 8, 12); /* columns */
        quarter_round(s, 1, 5, 9, 13);
        quarter_round(s, 2, 6, 10, 14);
        quarter_round(s, 3, 7, 11, 15);
        quarter_round(s, 0, 5, 10, 15); /* diagonals */
        quarter_round(s, 1, 6, 11, 12);
        quarter_round(s, 2, 7, 8, 13);
        quarter_round(s, 3, 4, 9, 14);
    }
    for (unsigned i = 0; i < 16; i++) {
        uint32_t v = s[i] + init[i];
        for (unsigned b = 0; b < 4; b++)
            out[4 * i + b] = (uint8_t)(v >> (8 * b));
    }
}

void rng_seed_init(const uint8_t *host_seed, size_t len)
{
    memset(key, 0, sizeof(key));
    for (size_t i = 0; i < len; i++)
        key[i % sizeof(key)] ^= host_seed[i];
    draw_len = len < RNG_SEED_MAX ? len : RNG_SEED_MAX;
    __atomic_store_n(&next_block, 0, __ATOMIC_RELAXED);
}

size_t rng_seed_draw(uint8_t out[RNG_SEED_MAX])
{
    uint8_t block[64], nonce[12] = {0};

    if (!draw_len)
        return 0;
    uint64_t n = __atomic_fetch_add(&next_block, 1, __ATOMIC_RELAXED);
    for (unsigned b = 0; b < 4; b++)
        nonce[b] = (uint8_t)(n >> (32 + 8 * b));
    chacha20_block(key, (uint32_t)n, nonce, block);
    memcpy(out, block, draw_len);
    return draw_len;
}
