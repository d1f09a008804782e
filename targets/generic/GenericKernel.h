//===- GenericKernel.h - the generic population kernels ---------*- C++ -*-===//
//
// Private to the generic chip: the kernels its nc models make
// (GenericChip.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGETS_GENERIC_GENERICKERNEL_H
#define SPIKEC_TARGETS_GENERIC_GENERICKERNEL_H

#include "spikec/Target/PopulationKernel.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace spikec::ref {
std::unique_ptr<PopulationKernel>
makeGenericLIFKernel(const std::vector<std::vector<int32_t>> &values,
                     bool adaptive);
std::unique_ptr<PopulationKernel>
makeGenericIzhikevichKernel(const std::vector<std::vector<int32_t>> &values);
} // namespace spikec::ref

#endif // SPIKEC_TARGETS_GENERIC_GENERICKERNEL_H
