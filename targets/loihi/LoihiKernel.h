//===- LoihiKernel.h - the loihi population kernels -------------*- C++ -*-===//
//
// Private to the loihi chip: the kernels its nc models make (LoihiChip.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGETS_LOIHI_LOIHIKERNEL_H
#define SPIKEC_TARGETS_LOIHI_LOIHIKERNEL_H

#include "spikec/Target/PopulationKernel.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace spikec::loihi {
/// Model "loihi": values in paramNames(false)'s order, validated.
std::unique_ptr<ref::PopulationKernel>
makeKernel(const std::vector<std::vector<int32_t>> &values);
/// Model "loihi_readout": values in paramNames(true)'s order, validated.
std::unique_ptr<ref::PopulationKernel>
makeReadoutKernel(const std::vector<std::vector<int32_t>> &values);
} // namespace spikec::loihi

#endif // SPIKEC_TARGETS_LOIHI_LOIHIKERNEL_H
