#include "SampleKernels.h"
#include "Rounding.h"
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

void cowrite_interleave_rounded_24(const float *left, const float *right, long count, int32_t *target) {
    for (long i = 0; i < count; i++) {
        target[2 * i] = (int32_t)((uint32_t)rounded_24(left[i]) << 8);
        target[2 * i + 1] = (int32_t)((uint32_t)rounded_24(right[i]) << 8);
    }
}

// One sample as a WAV file holds it: three bytes, little-endian.
static inline void store_24le(uint8_t *out, uint32_t v) {
    out[0] = (uint8_t)v; out[1] = (uint8_t)(v >> 8); out[2] = (uint8_t)(v >> 16);
}

// libsndfile packs 32-bit integers into three bytes one sample at a time (2.5% of a
// render's CPU); a WAV file's data is packed here, in blocks of eight samples the compiler
// rounds in vector registers, and handed to libsndfile as raw bytes.
static void pack_24le_portable(const float *left, const float *right, long count, uint8_t *target) {
    long i = 0;
    int32_t values[16];
    for (; i + 8 <= count; i += 8) {
        for (int k = 0; k < 8; k++) {
            values[2 * k] = rounded_24(left[i + k]);
            values[2 * k + 1] = rounded_24(right[i + k]);
        }
        uint8_t *out = target + 6 * i;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        // Four bytes stored for each sample (the processor's order is the file's), the
        // next sample's store overwriting the fourth: one store a sample instead of three.
        for (int k = 0; k < 15; k++) {
            uint32_t v = (uint32_t)values[k];
            memcpy(out + 3 * k, &v, 4);
        }
#else
        for (int k = 0; k < 15; k++) store_24le(out + 3 * k, (uint32_t)values[k]);
#endif
        store_24le(out + 45, (uint32_t)values[15]);
    }
    for (; i < count; i++) {
        store_24le(target + 6 * i, (uint32_t)rounded_24(left[i]));
        store_24le(target + 6 * i + 3, (uint32_t)rounded_24(right[i]));
    }
}

void cowrite_interleave(const float *left, const float *right, long count, float *target) {
    for (long i = 0; i < count; i++) {
        target[2 * i] = left[i];
        target[2 * i + 1] = right[i];
    }
}

// A render's scratch tapes hold each chunk of a channel as 24-bit steps of a power of two
// its loudest sample sets (`StemTape`): a quarter less to write and read twice than 32-bit
// floats, which the last pass waited on the disk for. Why C: as above, the loops run in
// blocks of eight the compiler puts in vector registers (a plain loop stayed scalar).

float cowrite_peak(const float *source, long count) {
    float lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        for (int k = 0; k < 8; k++) {
            float a = __builtin_fabsf(source[i + k]);
            lanes[k] = a > lanes[k] ? a : lanes[k];   // NaN compares false: ignored
        }
    }
    for (; i < count; i++) {
        float a = __builtin_fabsf(source[i]);
        lanes[0] = a > lanes[0] ? a : lanes[0];
    }
    float peak = 0.0f;
    for (int k = 0; k < 8; k++) peak = lanes[k] > peak ? lanes[k] : peak;
    return peak;
}

static void pack_24le_scaled_portable(const float *source, long count, float multiplier, uint8_t *target) {
    long i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    // While a sample follows the block: four bytes stored for each, the next store
    // overwriting the fourth.
    for (; i + 8 < count; i += 8) {
        int32_t values[8];
        for (int k = 0; k < 8; k++) values[k] = rounded_24(source[i + k] * multiplier);
        for (int k = 0; k < 8; k++) {
            uint32_t v = (uint32_t)values[k];
            memcpy(target + 3 * (i + k), &v, 4);
        }
    }
#endif
    for (; i < count; i++) store_24le(target + 3 * i, (uint32_t)rounded_24(source[i] * multiplier));
}

static void unpack_24le_scaled_portable(const uint8_t *source, long count, float scale, float *target) {
    long i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    // While a sample follows the block, four bytes loaded for each (the fourth is the
    // next sample's), shifted up and back to extend the sign.
    for (; i + 8 < count; i += 8) {
        uint32_t v[8];
        for (int k = 0; k < 8; k++) memcpy(&v[k], source + 3 * (i + k), 4);
        for (int k = 0; k < 8; k++) target[i + k] = (float)((int32_t)(v[k] << 8) >> 8) * scale;
    }
#endif
    for (; i < count; i++) {
        const uint8_t *in = source + 3 * i;
        uint32_t v = (uint32_t)in[0] | ((uint32_t)in[1] << 8) | ((uint32_t)in[2] << 16);
        target[i] = (float)((int32_t)(v << 8) >> 8) * scale;
    }
}

// ---------------------------------------------------------------------------------------
// True peak (`TruePeak`): libebur128's 4× interpolator and the render's longer one, eight
// frames at a time. `taps` holds, for each of `reach` taps, phases 1–3's coefficients and
// a zero (phase 0 is the sample itself). Why C: the same loop in Swift's SIMD8 runs in
// 128-bit halves on every processor; here a processor with AVX2 runs it in 256-bit
// registers (`wide` below), lane for lane the same arithmetic, so the same bits.

typedef float f8 __attribute__((vector_size(32)));
typedef int32_t i8 __attribute__((vector_size(32)));

// The compiler warns that a 256-bit vector passed by value is passed differently with and
// without AVX. These helpers are always inlined, into the portable functions and into the
// AVX2 ones alike, so no call passes one: the warning is about a call that never happens.
#pragma clang diagnostic ignored "-Wpsabi"

static inline __attribute__((always_inline)) f8 load8(const float *x) {
    f8 v;
    memcpy(&v, x, sizeof v);
    return v;
}

static inline __attribute__((always_inline)) f8 magnitude8(f8 v) {
    return (f8)((i8)v & 0x7FFFFFFF);
}

// a < b ? b : a, lane by lane (no NaN reaches here).
static inline __attribute__((always_inline)) f8 larger8(f8 a, f8 b) {
    i8 m = a < b;
    return (f8)(((i8)b & m) | ((i8)a & ~m));
}

// The largest magnitude of the four points p/4 of a sample after the frames
// n − reach/2 … n − reach/2 + 7, from x's frames n − reach + 1 … n + 7.
static inline __attribute__((always_inline)) f8 loudest8(const float *x, long n, const float *taps, long reach) {
    f8 a1 = {0}, a2 = {0}, a3 = {0};
    for (long k = 0; k < reach; k++) {
        f8 v = load8(x + n - k);
        a1 += v * taps[4 * k];
        a2 += v * taps[4 * k + 1];
        a3 += v * taps[4 * k + 2];
    }
    f8 a0 = load8(x + n - reach / 2);
    return larger8(larger8(magnitude8(a0), magnitude8(a1)), larger8(magnitude8(a2), magnitude8(a3)));
}

static inline __attribute__((always_inline)) float true_peak_points_body(const float *x, long count, long first, const float *taps, long reach) {
    f8 wide = {0};
    for (long n = first; n + 8 <= count; n += 8) wide = larger8(wide, loudest8(x, n, taps, reach));
    float peak = 0;
    for (int k = 0; k < 8; k++) peak = wide[k] > peak ? wide[k] : peak;
    return peak;
}

static inline __attribute__((always_inline)) void true_peak_envelope_body(const float *left, const float *right, long n, long blocks,
                                                                          const float *taps, long reach, float *target) {
    for (long b = 0; b < blocks; b++, n += 8) {
        f8 m = larger8(loudest8(left, n, taps, reach), loudest8(right, n, taps, reach));
        memcpy(target + 8 * b, &m, sizeof m);
    }
}

static float true_peak_points_portable(const float *x, long count, long first, const float *taps, long reach) {
    return true_peak_points_body(x, count, first, taps, reach);
}

static void true_peak_envelope_portable(const float *left, const float *right, long n, long blocks, const float *taps, long reach, float *target) {
    true_peak_envelope_body(left, right, n, blocks, taps, reach, target);
}

// Freeverb's eight parallel damped combs of a channel (`Reverb`): each comb's line read
// at its place, its damping store moved on, the input plus the store times the feedback
// written back, and the eight reads summed, in the order the Swift loop summed them. A
// plain loop: eight independent chains the processor overlaps, bound by its throughput
// (about 17 cycles a frame, 57 ms of each channel's 8.5 million frames in a 3-minute
// song).
static void combs8_portable(float *const lines[8], float stores[8], const float *input, long count,
                            float damp1, float damp2, float feedback, float *output) {
    float s[8];
    for (int k = 0; k < 8; k++) s[k] = stores[k];
    for (long n = 0; n < count; n++) {
        float x = input[n], o[8];
        for (int k = 0; k < 8; k++) {
            o[k] = lines[k][n];
            s[k] = o[k] * damp2 + s[k] * damp1;
            lines[k][n] = x + s[k] * feedback;
        }
        output[n] = ((o[0] + o[1]) + (o[2] + o[3])) + ((o[4] + o[5]) + (o[6] + o[7]));
    }
    for (int k = 0; k < 8; k++) stores[k] = s[k];
}

// ---------------------------------------------------------------------------------------
// The same kernels for a processor with AVX2, chosen when the program first calls one
// (`__builtin_cpu_supports`); every other processor runs the portable ones above. Each
// gives the portable one's bits (the tests compare them on every input they try, and a
// test switch, `cowrite_kernels_portable`, runs the portable ones alone). The file is
// built with floating-point contraction off, so no multiply and add is fused in either.
// Measured on a 2^20-frame buffer (AMD EPYC), the same bytes out as the portable kernels: packing a stereo
// frame 0.85 → 0.39 ns, packing a tape's sample 0.49 → 0.20 ns, unpacking one 0.25 → 0.07 ns.

#if defined(__x86_64__)
#define WIDE __attribute__((target("avx2")))

// Each 128-bit half's four values as their low three bytes, little-endian, in its first
// twelve bytes.
WIDE static inline __m256i three_bytes(__m256i v) {
    const __m256i order = _mm256_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1,
                                           0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1);
    return _mm256_shuffle_epi8(v, order);
}

// Twelve bytes stored, none past them.
WIDE static inline void store_12(uint8_t *out, __m128i v) {
    _mm_storel_epi64((__m128i *)out, v);
    uint32_t last = (uint32_t)_mm_extract_epi32(v, 2);
    memcpy(out + 8, &last, 4);
}

WIDE static void pack_24le_wide(const float *left, const float *right, long count, uint8_t *target) {
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256i l = rounded_24x8(_mm256_loadu_ps(left + i)), r = rounded_24x8(_mm256_loadu_ps(right + i));
        __m256i lo = three_bytes(_mm256_unpacklo_epi32(l, r));   // frames 0 1 | 4 5
        __m256i hi = three_bytes(_mm256_unpackhi_epi32(l, r));   // frames 2 3 | 6 7
        uint8_t *out = target + 6 * i;
        // Sixteen bytes stored where the next store overwrites the last four.
        _mm_storeu_si128((__m128i *)out, _mm256_castsi256_si128(lo));
        _mm_storeu_si128((__m128i *)(out + 12), _mm256_castsi256_si128(hi));
        _mm_storeu_si128((__m128i *)(out + 24), _mm256_extracti128_si256(lo, 1));
        store_12(out + 36, _mm256_extracti128_si256(hi, 1));
    }
    if (i < count) pack_24le_portable(left + i, right + i, count - i, target + 6 * i);
}

WIDE static void pack_24le_scaled_wide(const float *source, long count, float multiplier, uint8_t *target) {
    long i = 0;
    __m256 m = _mm256_set1_ps(multiplier);
    for (; i + 8 <= count; i += 8) {
        __m256i v = three_bytes(rounded_24x8(_mm256_mul_ps(_mm256_loadu_ps(source + i), m)));
        _mm_storeu_si128((__m128i *)(target + 3 * i), _mm256_castsi256_si128(v));
        store_12(target + 3 * i + 12, _mm256_extracti128_si256(v, 1));
    }
    if (i < count) pack_24le_scaled_portable(source + i, count - i, multiplier, target + 3 * i);
}

WIDE static void unpack_24le_scaled_wide(const uint8_t *source, long count, float scale, float *target) {
    long i = 0;
    // Each sample's three bytes to the top of a 32-bit lane (the low byte zero); the upper
    // half is loaded from byte 8, so no load reaches past the eight samples.
    const __m256i order = _mm256_setr_epi8(-1, 0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11,
                                           -1, 4, 5, 6, -1, 7, 8, 9, -1, 10, 11, 12, -1, 13, 14, 15);
    __m256 s = _mm256_set1_ps(scale);
    for (; i + 8 <= count; i += 8) {
        __m128i a = _mm_loadu_si128((const __m128i *)(source + 3 * i));
        __m128i b = _mm_loadu_si128((const __m128i *)(source + 3 * i + 8));
        __m256i v = _mm256_shuffle_epi8(_mm256_inserti128_si256(_mm256_castsi128_si256(a), b, 1), order);
        v = _mm256_srai_epi32(v, 8);   // sign extended
        _mm256_storeu_ps(target + i, _mm256_mul_ps(_mm256_cvtepi32_ps(v), s));
    }
    if (i < count) unpack_24le_scaled_portable(source + 3 * i, count - i, scale, target + i);
}

WIDE static float true_peak_points_wide(const float *x, long count, long first, const float *taps, long reach) {
    return true_peak_points_body(x, count, first, taps, reach);
}

WIDE static void true_peak_envelope_wide(const float *left, const float *right, long n, long blocks, const float *taps, long reach, float *target) {
    true_peak_envelope_body(left, right, n, blocks, taps, reach, target);
}

// Eight rows of eight transposed: row k's lane t to row t's lane k.
WIDE static inline void transpose8(__m256 r[8]) {
    __m256 a0 = _mm256_unpacklo_ps(r[0], r[1]), a1 = _mm256_unpackhi_ps(r[0], r[1]);
    __m256 a2 = _mm256_unpacklo_ps(r[2], r[3]), a3 = _mm256_unpackhi_ps(r[2], r[3]);
    __m256 a4 = _mm256_unpacklo_ps(r[4], r[5]), a5 = _mm256_unpackhi_ps(r[4], r[5]);
    __m256 a6 = _mm256_unpacklo_ps(r[6], r[7]), a7 = _mm256_unpackhi_ps(r[6], r[7]);
    __m256 b0 = _mm256_shuffle_ps(a0, a2, 0x44), b1 = _mm256_shuffle_ps(a0, a2, 0xEE);
    __m256 b2 = _mm256_shuffle_ps(a1, a3, 0x44), b3 = _mm256_shuffle_ps(a1, a3, 0xEE);
    __m256 b4 = _mm256_shuffle_ps(a4, a6, 0x44), b5 = _mm256_shuffle_ps(a4, a6, 0xEE);
    __m256 b6 = _mm256_shuffle_ps(a5, a7, 0x44), b7 = _mm256_shuffle_ps(a5, a7, 0xEE);
    r[0] = _mm256_permute2f128_ps(b0, b4, 0x20); r[1] = _mm256_permute2f128_ps(b1, b5, 0x20);
    r[2] = _mm256_permute2f128_ps(b2, b6, 0x20); r[3] = _mm256_permute2f128_ps(b3, b7, 0x20);
    r[4] = _mm256_permute2f128_ps(b0, b4, 0x31); r[5] = _mm256_permute2f128_ps(b1, b5, 0x31);
    r[6] = _mm256_permute2f128_ps(b2, b6, 0x31); r[7] = _mm256_permute2f128_ps(b3, b7, 0x31);
}

// The combs eight frames at a time: each comb's eight reads loaded as a row (a line does
// not wrap within the call, and a frame writes only the place it read, so no read of the
// eight sees a write among them), summed row by row in the portable order, turned into
// columns (the eight combs at one frame) for the damping, each frame's writes turned back
// into rows and stored. The damping's product and sum now wait on each other once a frame
// for all eight combs.
WIDE static void combs8_wide(float *const lines[8], float stores[8], const float *input, long count,
                             float damp1, float damp2, float feedback, float *output) {
    __m256 s = _mm256_loadu_ps(stores);
    const __m256 d1 = _mm256_set1_ps(damp1), d2 = _mm256_set1_ps(damp2), fb = _mm256_set1_ps(feedback);
    long n = 0;
    for (; n + 8 <= count; n += 8) {
        __m256 r[8];
        for (int k = 0; k < 8; k++) r[k] = _mm256_loadu_ps(lines[k] + n);
        __m256 sum = _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(r[0], r[1]), _mm256_add_ps(r[2], r[3])),
                                   _mm256_add_ps(_mm256_add_ps(r[4], r[5]), _mm256_add_ps(r[6], r[7])));
        _mm256_storeu_ps(output + n, sum);
        transpose8(r);
        for (int t = 0; t < 8; t++) {
            s = _mm256_add_ps(_mm256_mul_ps(r[t], d2), _mm256_mul_ps(s, d1));
            r[t] = _mm256_add_ps(_mm256_set1_ps(input[n + t]), _mm256_mul_ps(s, fb));
        }
        transpose8(r);
        for (int k = 0; k < 8; k++) _mm256_storeu_ps(lines[k] + n, r[k]);
    }
    _mm256_storeu_ps(stores, s);
    if (n < count) {
        float *const rest[8] = {lines[0] + n, lines[1] + n, lines[2] + n, lines[3] + n,
                                lines[4] + n, lines[5] + n, lines[6] + n, lines[7] + n};
        combs8_portable(rest, stores, input + n, count - n, damp1, damp2, feedback, output + n);
    }
}

// 0 not yet asked, 1 portable, 2 wide.
static int kernel_choice = 0;

static int wide(void) {
    int choice = __atomic_load_n(&kernel_choice, __ATOMIC_RELAXED);
    if (choice == 0) {
        __builtin_cpu_init();
        choice = __builtin_cpu_supports("avx2") ? 2 : 1;
        __atomic_store_n(&kernel_choice, choice, __ATOMIC_RELAXED);
    }
    return choice == 2;
}

void cowrite_kernels_portable(int portable) {
    __builtin_cpu_init();
    __atomic_store_n(&kernel_choice, portable || !__builtin_cpu_supports("avx2") ? 1 : 2, __ATOMIC_RELAXED);
}

int cowrite_kernels_wide(void) { return wide(); }
#define CHOOSE(name, ...) (wide() ? name##_wide(__VA_ARGS__) : name##_portable(__VA_ARGS__))
#else
void cowrite_kernels_portable(int portable) { (void)portable; }
int cowrite_kernels_wide(void) { return 0; }
#define CHOOSE(name, ...) name##_portable(__VA_ARGS__)
#endif

void cowrite_pack_24le(const float *left, const float *right, long count, uint8_t *target) {
    CHOOSE(pack_24le, left, right, count, target);
}

void cowrite_pack_24le_scaled(const float *source, long count, float multiplier, uint8_t *target) {
    CHOOSE(pack_24le_scaled, source, count, multiplier, target);
}

void cowrite_unpack_24le_scaled(const uint8_t *source, long count, float scale, float *target) {
    CHOOSE(unpack_24le_scaled, source, count, scale, target);
}

float cowrite_true_peak_points(const float *x, long count, long first, const float *taps, long reach) {
    return CHOOSE(true_peak_points, x, count, first, taps, reach);
}

void cowrite_true_peak_envelope(const float *left, const float *right, long n, long blocks, const float *taps, long reach, float *target) {
    CHOOSE(true_peak_envelope, left, right, n, blocks, taps, reach, target);
}

void cowrite_combs8(float *const lines[8], float stores[8], const float *input, long count,
                    float damp1, float damp2, float feedback, float *output) {
    CHOOSE(combs8, lines, stores, input, count, damp1, damp2, feedback, output);
}
