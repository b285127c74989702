#include "SampleKernels.h"
#include <string.h>

// Why C: the compiler turns this loop into vector instructions; the same loop in Swift
// stays scalar (its float-to-integer conversion checks its range and may trap), and took
// 2 ns a sample, 8% of a 3-minute render's CPU; this one takes about a fifth of that.
// Rounding without a libm call: the integer part truncated, the remainder (exact in a
// float) compared with a half. Clipping comes first, at the extreme steps, which rounds
// the same as clipping after.
static inline int32_t rounded_24(float sample) {
    float a = sample * 8388608.0f;
    a = a == a ? a : 0.0f;
    a = a < -8388608.0f ? -8388608.0f : (a > 8388607.0f ? 8388607.0f : a);
    int32_t t = (int32_t)a;
    float f = a - (float)t;
    return t + (f >= 0.5f) - (f <= -0.5f);
}

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
void cowrite_pack_24le(const float *left, const float *right, long count, uint8_t *target) {
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

void cowrite_pack_24le_scaled(const float *source, long count, float multiplier, uint8_t *target) {
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

void cowrite_unpack_24le_scaled(const uint8_t *source, long count, float scale, float *target) {
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
