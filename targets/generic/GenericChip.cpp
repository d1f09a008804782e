//===- GenericChip.cpp - the generic arithmetic's registration ------------===//
//
// The models of user-described chips, every width and mode a parameter:
// "generic_lif", "generic_alif", "generic_izhikevich" (targets/MODELS.md,
// "generic"). The generic arithmetic needs no field beyond the schema.
//
//===----------------------------------------------------------------------===//

#include "GenericKernel.h"

#include "spikec/Target/Chip.h"
#include "spikec/Target/GenericModel.h"

#include <vector>

using namespace spikec;

namespace {
/// The model's names as the table's StringRefs, built once.
llvm::ArrayRef<llvm::StringRef>
genericNames(const std::vector<const char *> &names,
             std::vector<llvm::StringRef> &storage) {
  storage.assign(names.begin(), names.end());
  return storage;
}

template <typename Params, typename... Mode>
std::string validateGeneric(llvm::ArrayRef<int64_t> v, Mode... mode) {
  Params p;
  std::string why;
  if (!generic::fromValues(v.data(), mode..., p, &why))
    return why;
  return "";
}
} // namespace

const target::Chip &target::getGenericChip() {
  static std::vector<llvm::StringRef> lifNames, alifNames, izhNames;
  static const nc::NCModel lif{
      "generic_lif",
      genericNames(generic::lifParamNames(false), lifNames),
      [](llvm::ArrayRef<int64_t> v) {
        return validateGeneric<generic::LIFParams>(v, false);
      },
      /*spiking=*/true,
      /*readout=*/false,
      [](const std::vector<std::vector<int32_t>> &values) {
        return ref::makeGenericLIFKernel(values, /*adaptive=*/false);
      }};
  static const nc::NCModel alif{
      "generic_alif",
      genericNames(generic::lifParamNames(true), alifNames),
      [](llvm::ArrayRef<int64_t> v) {
        return validateGeneric<generic::LIFParams>(v, true);
      },
      /*spiking=*/true,
      /*readout=*/false,
      [](const std::vector<std::vector<int32_t>> &values) {
        return ref::makeGenericLIFKernel(values, /*adaptive=*/true);
      }};
  static const nc::NCModel izhikevich{
      "generic_izhikevich",
      genericNames(generic::izhikevichParamNames(), izhNames),
      [](llvm::ArrayRef<int64_t> v) {
        return validateGeneric<generic::IzhikevichParams>(v);
      },
      /*spiking=*/true,
      /*readout=*/false,
      ref::makeGenericIzhikevichKernel};
  static const nc::NCModel *const models[] = {&lif, &alif, &izhikevich};
  static const Chip chip{"generic", models, nullptr};
  return chip;
}
