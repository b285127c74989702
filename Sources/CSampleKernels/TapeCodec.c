#include "SampleKernels.h"
#include "Rounding.h"
#include <string.h>

// A render's tapes without loss (`StemTape`): each 256-frame block of a chunk's two
// channels, as 24-bit steps, held as the two signals of four pairs (left and right, mid
// and side, left and side, right and side) that take the fewest bits, each as its
// samples, their first differences or their second, whichever takes fewer, in as many bits
// a sample as the block's largest needs (zigzag: 0, −1, 1, −2 … as 0, 1, 2, 3 …).
//
// A block is a two-byte header (the pair, each signal's order and width) and each
// signal's 256 values, bit-packed eight lanes wide: lane l holds values 32 × l to
// 32 × l + 31 down its 32 rows (`to_rows`), so that decoding sums each lane down the rows
// with one vector add a row, and moves lanes only once a block (measured on the benchmark
// song's stems, runs alternating: its melody and bass, mostly second differences, 0.74–0.77
// ns a frame to decode, against 1.05–1.08 with eight consecutive values to a row, whose
// sums across the lanes took three shuffles each). A signal of
// width w takes 32 × w bytes; a block never takes more than its samples as 24-bit steps
// and its header (2 + 1,536 bytes), as left and right as they are is always one choice.
// The first block of a chunk starts from silence, so every chunk decodes alone.
//
// Why: after its synthesis a render waits on the disk, which reads every part's tape for
// the reverb and the loudness and then every tape again for the limiting pass; the fewer
// bytes a tape takes, the sooner both are done.

// The vector helpers are always inlined, so no vector crosses a call (the portable build
// would pass it differently from the AVX2 one).
#pragma clang diagnostic ignored "-Wpsabi"

#define BLOCK 256
#define ROWS (BLOCK / 8)
#define AI static inline __attribute__((always_inline))

typedef int32_t v8i __attribute__((vector_size(32)));
typedef uint32_t v8u __attribute__((vector_size(32)));
typedef float v8f __attribute__((vector_size(32)));

// The pairs a block's channels are held as: signals 0 left, 1 right, 2 mid, 3 side.
static const int first_signal[4] = {0, 2, 0, 1};
static const int second_signal[4] = {1, 3, 3, 3};

AI v8i load_i(const int32_t *p) { v8i v; memcpy(&v, p, sizeof v); return v; }
AI v8u load_u(const uint8_t *p) { v8u v; memcpy(&v, p, sizeof v); return v; }
AI void store_u(uint8_t *p, v8u v) { memcpy(p, &v, sizeof v); }
AI void store_f(float *p, v8f v) { memcpy(p, &v, sizeof v); }
AI v8u zigzag(v8i v) { return (v8u)((v << 1) ^ (v >> 31)); }
AI v8i unzigzag(v8u z) { return (v8i)(z >> 1) ^ -(v8i)(z & 1); }

// The bits the widest of eight values needs (their lanes or-ed by halves, not one by one).
AI int bits_of(v8u v) {
    v |= __builtin_shufflevector(v, v, 4, 5, 6, 7, 0, 1, 2, 3);
    v |= __builtin_shufflevector(v, v, 2, 3, 0, 1, 6, 7, 4, 5);
    v |= __builtin_shufflevector(v, v, 1, 0, 3, 2, 5, 4, 7, 6);
    uint32_t all = v[0];
    return all ? 32 - __builtin_clz(all) : 0;
}

// Each signal's samples of one block at [8 ..< 264], the two before them at [6] and [7].
typedef struct { int32_t s[4][BLOCK + 8]; } Signals;

// A signal's residual of `order` for the eight samples from x (x[-1] and x[-2] readable).
AI v8i residual(const int32_t *x, int order) {
    v8i x0 = load_i(x), x1 = load_i(x - 1);
    if (order == 0) return x0;
    if (order == 1) return x0 - x1;
    return x0 - x1 - x1 + load_i(x - 2);
}

// An 8 × 8 block of lanes turned about its diagonal: row i of the result holds lane i of
// each of a[0 ..< 8], in order.
AI void transpose(v8i a[8]) {
    v8i t[8], u[8];
    for (int k = 0; k < 8; k += 2) {
        t[k] = __builtin_shufflevector(a[k], a[k + 1], 0, 8, 1, 9, 4, 12, 5, 13);
        t[k + 1] = __builtin_shufflevector(a[k], a[k + 1], 2, 10, 3, 11, 6, 14, 7, 15);
    }
    for (int k = 0; k < 8; k += 4) {
        u[k] = __builtin_shufflevector(t[k], t[k + 2], 0, 1, 8, 9, 4, 5, 12, 13);
        u[k + 1] = __builtin_shufflevector(t[k], t[k + 2], 2, 3, 10, 11, 6, 7, 14, 15);
        u[k + 2] = __builtin_shufflevector(t[k + 1], t[k + 3], 0, 1, 8, 9, 4, 5, 12, 13);
        u[k + 3] = __builtin_shufflevector(t[k + 1], t[k + 3], 2, 3, 10, 11, 6, 7, 14, 15);
    }
    for (int k = 0; k < 4; k++) {
        a[k] = __builtin_shufflevector(u[k], u[k + 4], 0, 1, 2, 3, 8, 9, 10, 11);
        a[k + 4] = __builtin_shufflevector(u[k], u[k + 4], 4, 5, 6, 7, 12, 13, 14, 15);
    }
}

// A block's 256 values in time order (x[0 ..< 256]) as 32 rows of eight lanes: lane l of
// row j is value 32 × l + j, so that each lane is 32 consecutive samples and a lane's
// running sums go down the rows, one vector add a row, with no lane moved.
AI void to_rows(const int32_t *x, v8i rows[ROWS]) {
    for (int c = 0; c < ROWS / 8; c++) {
        v8i a[8];
        for (int l = 0; l < 8; l++) a[l] = load_i(x + 32 * l + 8 * c);
        transpose(a);
        for (int k = 0; k < 8; k++) rows[8 * c + k] = a[k];
    }
}

// 256 residuals of `order` from x, `width` bits each, as rows (`to_rows`) packed eight
// lanes wide: 32 × width bytes.
AI uint8_t *pack(const int32_t *x, int order, int width, uint8_t *out) {
    if (width == 0) return out;
    int32_t residuals[BLOCK];
    for (int i = 0; i < BLOCK; i += 8) {
        v8i r = residual(x + i, order);
        memcpy(residuals + i, &r, sizeof r);
    }
    v8i rows[ROWS];
    to_rows(residuals, rows);
    v8u word = {0};
    int bits = 0;
    for (int row = 0; row < ROWS; row++) {
        v8u z = zigzag(rows[row]);
        word |= z << bits;
        bits += width;
        if (bits >= 32) {
            store_u(out, word);
            out += 32;
            bits -= 32;
            word = bits ? z >> (width - bits) : (v8u){0};
        }
    }
    return out;
}

AI uint8_t *encode_block(Signals *g, uint8_t *out) {
    for (int i = 6; i < BLOCK + 8; i++) {
        int32_t l = g->s[0][i], r = g->s[1][i];
        g->s[2][i] = (l + r) >> 1;
        g->s[3][i] = l - r;
    }
    // Each signal's largest and smallest residual of each order: the widest zigzag value
    // is one of the two (two instructions a candidate, not a zigzag and an or), one signal
    // at a time so that the six stay in registers.
    int width[4], order[4];
    for (int s = 0; s < 4; s++) {
        v8i high0 = {0}, low0 = {0}, high1 = {0}, low1 = {0}, high2 = {0}, low2 = {0};
        for (int i = 8; i < BLOCK + 8; i += 8) {
            const int32_t *x = g->s[s] + i;
            v8i x0 = load_i(x), x1 = load_i(x - 1), x2 = load_i(x - 2);
            v8i d1 = x0 - x1, d2 = d1 - (x1 - x2);
            high0 = __builtin_elementwise_max(high0, x0);
            low0 = __builtin_elementwise_min(low0, x0);
            high1 = __builtin_elementwise_max(high1, d1);
            low1 = __builtin_elementwise_min(low1, d1);
            high2 = __builtin_elementwise_max(high2, d2);
            low2 = __builtin_elementwise_min(low2, d2);
        }
        int w0 = bits_of(zigzag(high0) | zigzag(low0)), w1 = bits_of(zigzag(high1) | zigzag(low1)),
            w2 = bits_of(zigzag(high2) | zigzag(low2));
        width[s] = w0; order[s] = 0;
        if (w1 < width[s]) { width[s] = w1; order[s] = 1; }
        if (w2 < width[s]) { width[s] = w2; order[s] = 2; }
    }
    int pair = 0, cost = width[0] + width[1];
    for (int k = 1; k < 4; k++) {
        int c = width[first_signal[k]] + width[second_signal[k]];
        if (c < cost) { cost = c; pair = k; }
    }
    int a = first_signal[pair], b = second_signal[pair];
    unsigned header = (unsigned)pair | (unsigned)order[a] << 2 | (unsigned)order[b] << 4
                    | (unsigned)width[a] << 6 | (unsigned)width[b] << 11;
    out[0] = (uint8_t)header;
    out[1] = (uint8_t)(header >> 8);
    out = pack(g->s[a] + 8, order[a], width[a], out + 2);
    out = pack(g->s[b] + 8, order[b], width[b], out);
    for (int s = 0; s < 2; s++) {
        g->s[s][6] = g->s[s][BLOCK + 6];
        g->s[s][7] = g->s[s][BLOCK + 7];
    }
    return out;
}

// 256 values of `width` bits, eight lanes wide, into z. Without a branch a row: row j's
// bits start at bit j × width of its lane's words, and reach into the next word or not
// (the next word is shifted in all the same, masked off where it is not wanted; the last
// word's "next" is itself, read again, as nothing past the block may be read).
AI void unpack(const uint8_t *in, int width, v8u z[ROWS]) {
    if (width == 0) {
        for (int row = 0; row < ROWS; row++) z[row] = (v8u){0};
        return;
    }
    const uint32_t mask = (1u << width) - 1;
    for (int row = 0; row < ROWS; row++) {
        int bit = row * width, word = bit >> 5, shift = bit & 31;
        int next = word + 1 < width ? word + 1 : word;
        v8u low = load_u(in + 32 * word), high = load_u(in + 32 * next);
        z[row] = ((low >> shift) | ((high << 1) << (31 - shift))) & mask;
    }
}

// Running sum of eight lanes.
AI v8i running(v8i v) {
    const v8i zero = {0};
    v += __builtin_shufflevector(v, zero, 8, 0, 1, 2, 3, 4, 5, 6);
    v += __builtin_shufflevector(v, zero, 8, 8, 0, 1, 2, 3, 4, 5);
    v += __builtin_shufflevector(v, zero, 8, 8, 8, 8, 0, 1, 2, 3);
    return v;
}

// The lanes moved up one, `first` in lane 0.
AI v8i after(v8i v, int32_t first) {
    v8i start = {first};
    return __builtin_shufflevector(v, start, 8, 0, 1, 2, 3, 4, 5, 6);
}

// The samples back (as rows) from residual rows of `order`, the two samples before the
// block `before2` and `before1`. Each lane is summed down the rows as if it started from
// silence, then moved by what came before it: for a first order, the sample before the
// lane; for a second, that sample and the slope there, the line they make added.
// What each lane starts from is known once the lanes before it are summed: a running sum
// across the lanes of their ends, once a block.
AI void integrate(const v8u z[ROWS], int order, int32_t before2, int32_t before1, v8i x[ROWS]) {
    if (order == 0) {
        for (int row = 0; row < ROWS; row++) x[row] = unzigzag(z[row]);
        return;
    }
    if (order == 1) {
        v8i sum = {0};
        for (int row = 0; row < ROWS; row++) {
            sum += unzigzag(z[row]);
            x[row] = sum;
        }
        // Each lane starts from the sample before it: before1, then each lane's end.
        v8i start = running(after(sum, 0)) + before1;
        for (int row = 0; row < ROWS; row++) x[row] += start;
        return;
    }
    v8i slope = {0}, sum = {0};
    for (int row = 0; row < ROWS; row++) {
        slope += unzigzag(z[row]);
        sum += slope;
        x[row] = sum;
    }
    // The slope each lane starts from, then the sample: a lane of 32 ends 32 slopes on.
    v8i slopes = running(after(slope, 0)) + (before1 - before2);
    v8i starts = running(after(sum + (slopes << 5), 0)) + before1;
    v8i line = starts + slopes;
    for (int row = 0; row < ROWS; row++) {
        x[row] += line;
        line += slopes;
    }
}

AI long decode_body(const uint8_t *in, long length, long frames, float left_scale, float right_scale, float *left, float *right) {
    const uint8_t *start = in, *end = in + length;
    // The two frames before the block, left and right.
    int32_t l2 = 0, l1 = 0, r2 = 0, r1 = 0;
    v8u z[ROWS];
    v8i xa[ROWS], xb[ROWS];
    for (long f = 0; f + BLOCK <= frames; f += BLOCK) {
        if (end - in < 2) return -1;
        unsigned header = (unsigned)in[0] | (unsigned)in[1] << 8;
        int pair = header & 3, order_a = header >> 2 & 3, order_b = header >> 4 & 3;
        int width_a = header >> 6 & 31, width_b = header >> 11 & 31;
        if (order_a > 2 || order_b > 2 || width_a > 28 || width_b > 28) return -1;
        in += 2;
        if (end - in < 32L * (width_a + width_b)) return -1;
        int32_t before2[4] = {l2, r2, (l2 + r2) >> 1, l2 - r2};
        int32_t before1[4] = {l1, r1, (l1 + r1) >> 1, l1 - r1};
        int a = first_signal[pair], b = second_signal[pair];
        unpack(in, width_a, z);
        integrate(z, order_a, before2[a], before1[a], xa);
        in += 32 * width_a;
        unpack(in, width_b, z);
        integrate(z, order_b, before2[b], before1[b], xb);
        in += 32 * width_b;
        // Left in xa, right in xb.
        for (int row = 0; row < ROWS; row++) {
            v8i l, r;
            if (pair == 0) {
                l = xa[row]; r = xb[row];
            } else if (pair == 1) {
                v8i mid = (xa[row] << 1) | (xb[row] & 1);
                l = (mid + xb[row]) >> 1; r = (mid - xb[row]) >> 1;
            } else if (pair == 2) {
                l = xa[row]; r = xa[row] - xb[row];
            } else {
                r = xa[row]; l = xa[row] + xb[row];
            }
            xa[row] = l; xb[row] = r;
        }
        l2 = xa[ROWS - 2][7]; l1 = xa[ROWS - 1][7]; r2 = xb[ROWS - 2][7]; r1 = xb[ROWS - 1][7];
        // The rows back to time order, eight by eight.
        for (int c = 0; c < ROWS / 8; c++) {
            transpose(xa + 8 * c);
            transpose(xb + 8 * c);
            for (int l = 0; l < 8; l++) {
                store_f(left + f + 32 * l + 8 * c, __builtin_convertvector(xa[8 * c + l], v8f) * left_scale);
                store_f(right + f + 32 * l + 8 * c, __builtin_convertvector(xb[8 * c + l], v8f) * right_scale);
            }
        }
    }
    return in - start;
}

// Each block's samples rounded to 24-bit steps (as `cowrite_pack_24le_scaled` rounds
// them) by `QUANTIZE(source, multiplier, target)`, then held.
#define ENCODE_BODY(QUANTIZE)                                                         \
    Signals g;                                                                        \
    g.s[0][6] = g.s[0][7] = g.s[1][6] = g.s[1][7] = 0;                                \
    uint8_t *out = target;                                                            \
    for (long f = 0; f + BLOCK <= frames; f += BLOCK) {                               \
        QUANTIZE(left + f, lm, g.s[0] + 8);                                           \
        QUANTIZE(right + f, rm, g.s[1] + 8);                                          \
        out = encode_block(&g, out);                                                  \
    }                                                                                 \
    return out - target;

AI void quantize_portable(const float *source, float multiplier, int32_t *target) {
    for (int i = 0; i < BLOCK; i++) target[i] = rounded_24(source[i] * multiplier);
}

static long tape_encode_portable(const float *left, const float *right, long frames, float lm, float rm, uint8_t *target) {
    ENCODE_BODY(quantize_portable)
}

static long tape_decode_portable(const uint8_t *source, long length, long frames, float ls, float rs, float *left, float *right) {
    return decode_body(source, length, frames, ls, rs, left, right);
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) AI void quantize_wide(const float *source, float multiplier, int32_t *target) {
    for (int i = 0; i < BLOCK; i += 8)
        _mm256_storeu_si256((__m256i *)(target + i), rounded_24x8(_mm256_mul_ps(_mm256_loadu_ps(source + i), _mm256_set1_ps(multiplier))));
}

__attribute__((target("avx2")))
static long tape_encode_wide(const float *left, const float *right, long frames, float lm, float rm, uint8_t *target) {
    ENCODE_BODY(quantize_wide)
}

__attribute__((target("avx2")))
static long tape_decode_wide(const uint8_t *source, long length, long frames, float ls, float rs, float *left, float *right) {
    return decode_body(source, length, frames, ls, rs, left, right);
}
#define CHOOSE(name, ...) (cowrite_kernels_wide() ? name##_wide(__VA_ARGS__) : name##_portable(__VA_ARGS__))
#else
#define CHOOSE(name, ...) name##_portable(__VA_ARGS__)
#endif

long cowrite_tape_bound(long frames) { return frames / BLOCK * (2 + BLOCK * 6); }

long cowrite_tape_encode(const float *left, const float *right, long frames, float left_multiplier, float right_multiplier, uint8_t *target) {
    return CHOOSE(tape_encode, left, right, frames, left_multiplier, right_multiplier, target);
}

long cowrite_tape_decode(const uint8_t *source, long length, long frames, float left_scale, float right_scale, float *left, float *right) {
    return CHOOSE(tape_decode, source, length, frames, left_scale, right_scale, left, right);
}
