//===- TrueNorthKernel.h - truenorth population kernel ----------*- C++ -*-===//
//
// Private to the truenorth chip: the kernel its nc model makes
// (TrueNorthChip.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGETS_TRUENORTH_TRUENORTHKERNEL_H
#define SPIKEC_TARGETS_TRUENORTH_TRUENORTHKERNEL_H

#include "spikec/Target/PopulationKernel.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace spikec::ref {
std::unique_ptr<PopulationKernel>
makeTrueNorthKernel(const std::vector<std::vector<int32_t>> &values);
} // namespace spikec::ref

#endif // SPIKEC_TARGETS_TRUENORTH_TRUENORTHKERNEL_H
