//===- Loihi2Kernel.h - the loihi2 population kernel ------------*- C++ -*-===//
//
// Private to the loihi2 chip: the kernel its nc model makes (Loihi2Chip.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGETS_LOIHI2_LOIHI2KERNEL_H
#define SPIKEC_TARGETS_LOIHI2_LOIHI2KERNEL_H

#include "spikec/Target/PopulationKernel.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace spikec::loihi2 {
/// Model "loihi2_lif": values in paramNames()'s order, validated.
std::unique_ptr<ref::PopulationKernel>
makeKernel(const std::vector<std::vector<int32_t>> &values);
} // namespace spikec::loihi2

#endif // SPIKEC_TARGETS_LOIHI2_LOIHI2KERNEL_H
