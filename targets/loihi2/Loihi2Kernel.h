//===- Loihi2Kernel.h - the loihi2 population kernel ------------*- C++ -*-===//
//
// Private to the loihi2 chip: the kernels its nc models make
// (Loihi2Chip.cpp).
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

/// Model "loihi2_sigma_delta": values in sigmaDeltaParamNames()'s order,
/// validated (Loihi2SigmaDeltaKernel.cpp).
std::unique_ptr<ref::PopulationKernel>
makeSigmaDeltaKernel(const std::vector<std::vector<int32_t>> &values);
} // namespace spikec::loihi2

#endif // SPIKEC_TARGETS_LOIHI2_LOIHI2KERNEL_H
