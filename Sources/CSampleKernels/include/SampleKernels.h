#ifndef COWRITE_SAMPLE_KERNELS_H
#define COWRITE_SAMPLE_KERNELS_H

#include <stdint.h>

/// Each sample of two channels rounded to the nearest 24-bit step (2^-23 of full scale),
/// half away from zero, clipped to full scale, as a 32-bit integer whose low byte is zero,
/// interleaved: target[2i] from left[i], target[2i + 1] from right[i]. NaN writes as
/// silence. The same integers, for every one of the 2^32 floats, as Swift's
/// `(Double(x) * 2^23).rounded()` clipped (checked exhaustively when it was written;
/// the tests hold it to Swift's rounding on ties, extremes and NaN).
void cowrite_interleave_rounded_24(const float *left, const float *right, long count, int32_t *target);

/// The same samples rounded as above, written as a 24-bit WAV file's data: three bytes a
/// sample, little-endian, interleaved (6 × count bytes at target).
void cowrite_pack_24le(const float *left, const float *right, long count, uint8_t *target);

/// target[2i] = left[i], target[2i + 1] = right[i].
void cowrite_interleave(const float *left, const float *right, long count, float *target);

/// The largest magnitude of `count` samples (NaN ignored; 0 for none).
float cowrite_peak(const float *source, long count);

/// One channel's samples, each multiplied by `multiplier` and rounded as above, written as
/// three bytes a sample, little-endian (3 × count bytes at target). With a power of two for
/// `multiplier`, `cowrite_unpack_24le_scaled` with its inverse × 2^-23 gives back each
/// sample to within half a step.
void cowrite_pack_24le_scaled(const float *source, long count, float multiplier, uint8_t *target);

/// Three-byte little-endian signed samples, each times `scale`, into `count` floats.
void cowrite_unpack_24le_scaled(const uint8_t *source, long count, float scale, float *target);

/// A tape's chunk without loss (`StemTape`): `frames` frames (a multiple of 256) of two
/// channels, each sample multiplied by its channel's multiplier and rounded to a 24-bit
/// step as `cowrite_pack_24le_scaled` rounds it, held in blocks of 256 frames as the pair
/// of signals (left and right, mid and side, left and side or right and side) and the
/// differences that take the fewest bits. Returns the bytes written, at most
/// `cowrite_tape_bound(frames)`.
long cowrite_tape_encode(const float *left, const float *right, long frames, float left_multiplier, float right_multiplier, uint8_t *target);

/// The most bytes `cowrite_tape_encode` writes for `frames` frames: each block's header
/// and its samples as 24-bit steps.
long cowrite_tape_bound(long frames);

/// The frames `cowrite_tape_encode` held in `length` bytes back as floats, each step times
/// its channel's scale: the same floats as `cowrite_unpack_24le_scaled` gives for the same
/// steps. Returns the bytes read, or −1 for bytes that are not such a chunk (nothing
/// is read past `length`).
long cowrite_tape_decode(const uint8_t *source, long length, long frames, float left_scale, float right_scale, float *left, float *right);

/// The largest magnitude of the 4× oversampled points after the samples n = first, first + 8,
/// … while n + 8 <= count, eight at a time (`TruePeak.points`; the caller reads the last
/// few): `taps` holds `reach` groups of four floats, phases 1–3's coefficients for x[n − k]
/// and a zero; phase 0 is the sample reach/2 before. x must hold `reach` − 1 samples of
/// history before `first`. 0 when there are fewer than eight.
float cowrite_true_peak_points(const float *x, long count, long first, const float *taps, long reach);

/// For each of `blocks` runs of eight frames from frame n (n, n + 8, …): each frame's
/// largest oversampled magnitude in either channel, into target[8b …] (`TruePeak.envelope`).
void cowrite_true_peak_envelope(const float *left, const float *right, long n, long blocks, const float *taps, long reach, float *target);

/// Freeverb's eight damped combs of a channel over `count` frames (`Reverb`): for each
/// frame n and comb k, o = lines[k][n]; stores[k] = o × damp2 + stores[k] × damp1;
/// lines[k][n] = input[n] + stores[k] × feedback; output[n] = the eight o summed as
/// ((o0 + o1) + (o2 + o3)) + ((o4 + o5) + (o6 + o7)). No line may wrap within `count`.
void cowrite_combs8(float *const lines[8], float stores[8], const float *input, long count,
                    float damp1, float damp2, float feedback, float *output);

/// With a non-zero argument, the portable kernels from here on, on any processor;
/// with zero, the fastest this processor runs (AVX2 where it has it). Every kernel gives
/// the same bits either way: the tests compare the two.
void cowrite_kernels_portable(int portable);

/// Whether the AVX2 kernels are in use (1) or the portable ones (0).
int cowrite_kernels_wide(void);

#endif
