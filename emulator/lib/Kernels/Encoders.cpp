//===- Encoders.cpp - the rate encoder's random numbers -------------------===//

#include "spikec/Kernels/Encoders.h"

namespace spikec::ref {

namespace {
uint64_t splitmix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
} // namespace

double counterUniform(uint64_t seed, uint64_t step, uint64_t index) {
  uint64_t h = splitmix64(splitmix64(splitmix64(seed) ^ step) ^ index);
  return static_cast<double>(h >> 11) * 0x1.0p-53;
}

} // namespace spikec::ref
