//===- FixedPoint.h - integer helpers shared by the target models -*- C++ -*-===//
//
// Wrapping, saturation, sign extension and shifts with a stated rounding rule,
// used by the fixed-point neuron models of every target (LoihiModel.h,
// TrueNorthModel.h, AkidaModel.h). Everything is constexpr, header-only and
// free of undefined or implementation-defined behaviour for the documented
// ranges: negative values are never shifted with the built-in operators.
//
// Widths are in bits and must lie in [1, 62] so that every intermediate fits
// in int64_t. See targets/MODELS.md, section "Shared arithmetic".
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_TARGET_FIXEDPOINT_H
#define SPIKEC_TARGET_FIXEDPOINT_H

#include <cstdint>

namespace spikec {
namespace fxp {

/// Smallest value of a `bits`-wide two's-complement integer: -2^(bits-1).
constexpr int64_t minSigned(unsigned bits) {
  return -(int64_t(1) << (bits - 1));
}
/// Largest value of a `bits`-wide two's-complement integer: 2^(bits-1) - 1.
constexpr int64_t maxSigned(unsigned bits) {
  return (int64_t(1) << (bits - 1)) - 1;
}
/// Largest value of a `bits`-wide unsigned integer: 2^bits - 1.
constexpr int64_t maxUnsigned(unsigned bits) {
  return (int64_t(1) << bits) - 1;
}

/// Interprets the low `bits` bits of `raw` as a two's-complement number.
/// Higher bits of `raw` are ignored. signExtend(0xFFF, 12) == -1.
constexpr int64_t signExtend(uint64_t raw, unsigned bits) {
  const uint64_t low = raw & ((uint64_t(1) << bits) - 1);
  const uint64_t signBit = uint64_t(1) << (bits - 1);
  return (low & signBit) ? int64_t(low) - (int64_t(1) << bits) : int64_t(low);
}

/// Wraps `x` modulo 2^bits into [-2^(bits-1), 2^(bits-1) - 1], as a
/// `bits`-wide two's-complement register does on overflow.
constexpr int64_t wrapSigned(int64_t x, unsigned bits) {
  return signExtend(uint64_t(x), bits); // uint64_t(x) is x mod 2^64
}

/// Wraps `x` modulo 2^bits into [0, 2^bits - 1].
constexpr int64_t wrapUnsigned(int64_t x, unsigned bits) {
  return int64_t(uint64_t(x) & ((uint64_t(1) << bits) - 1));
}

/// Clamps `x` into [lo, hi].
constexpr int64_t clamp(int64_t x, int64_t lo, int64_t hi) {
  return x < lo ? lo : (x > hi ? hi : x);
}

/// Clamps `x` into [-2^(bits-1), 2^(bits-1) - 1].
constexpr int64_t saturateSigned(int64_t x, unsigned bits) {
  return clamp(x, minSigned(bits), maxSigned(bits));
}

/// Clamps `x` into [0, 2^bits - 1].
constexpr int64_t saturateUnsigned(int64_t x, unsigned bits) {
  return clamp(x, 0, maxUnsigned(bits));
}

/// Clamps `x` into the range of int32_t.
constexpr int32_t saturateToInt32(int64_t x) {
  return int32_t(saturateSigned(x, 32));
}

/// x * 2^s. Precondition: the result fits in int64_t (it is computed as a
/// multiplication, never as a left shift of a negative value).
constexpr int64_t shiftLeft(int64_t x, unsigned s) {
  return x * (int64_t(1) << s);
}

/// floor(x / 2^s): arithmetic right shift, rounding toward minus infinity.
/// This is numpy's np.right_shift on signed integers. -5 >> 1 == -3.
constexpr int64_t shiftRightFloor(int64_t x, unsigned s) {
  // For x < 0, ~x == -x - 1 >= 0, and ~((~x) >> s) == floor(x / 2^s).
  return x >= 0 ? (x >> s) : ~((~x) >> s);
}

/// trunc(x / 2^s): sign-magnitude right shift, rounding toward zero, i.e.
/// sign(x) * (|x| >> s). This is the rounding of Lava's bit-accurate LIF
/// decay. -5 >> 1 == -2. Precondition: x != INT64_MIN.
constexpr int64_t shiftRightTowardZero(int64_t x, unsigned s) {
  return x >= 0 ? (x >> s) : -((-x) >> s);
}

/// floor(x / 2^s + 1/2): round to nearest, ties toward plus infinity.
/// Precondition: x + 2^(s-1) fits in int64_t.
constexpr int64_t shiftRightRoundHalfUp(int64_t x, unsigned s) {
  return s == 0 ? x : shiftRightFloor(x + (int64_t(1) << (s - 1)), s);
}

/// x * 2^e for e >= 0, floor(x / 2^-e) for e < 0: numpy's
/// `np.left_shift(x, e) if e >= 0 else np.right_shift(x, -e)`, the pattern
/// Lava uses for weight and bias exponents.
constexpr int64_t shiftByExponent(int64_t x, int e) {
  return e >= 0 ? shiftLeft(x, unsigned(e)) : shiftRightFloor(x, unsigned(-e));
}

/// floor(a / b) for b > 0 (C++ `/` truncates toward zero instead).
constexpr int64_t floorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

/// -1, 0 or +1.
constexpr int64_t sign(int64_t x) { return (x > 0) - (x < 0); }

} // namespace fxp
} // namespace spikec

#endif // SPIKEC_TARGET_FIXEDPOINT_H
