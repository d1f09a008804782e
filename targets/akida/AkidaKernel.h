//===- AkidaKernel.h - the akida population kernels -------------*- C++ -*-===//
//
// Private to the akida chip: the kernels its nc models make (AkidaChip.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGETS_AKIDA_AKIDAKERNEL_H
#define SPIKEC_TARGETS_AKIDA_AKIDAKERNEL_H

#include "spikec/Target/PopulationKernel.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace spikec::ref {
std::unique_ptr<PopulationKernel>
makeAkidaKernel(const std::vector<std::vector<int32_t>> &values);
std::unique_ptr<PopulationKernel>
makeAkidaReadoutKernel(const std::vector<std::vector<int32_t>> &values);
} // namespace spikec::ref

#endif // SPIKEC_TARGETS_AKIDA_AKIDAKERNEL_H
