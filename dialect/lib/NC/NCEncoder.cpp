//===- NCEncoder.cpp - an nc.input's encoder dictionary -------------------===//

#include "spikec/Dialect/NC/NCEncoder.h"

#include "spikec/Kernels/EncoderConfig.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace spikec;

std::string nc::configureEncoder(ref::EventEncoder &out, DictionaryAttr enc) {
  std::string kind;
  if (auto s = enc.getAs<StringAttr>("kind"))
    kind = s.getValue().str();
  std::vector<ref::EncoderAttribute> attrs;
  for (NamedAttribute entry : enc) {
    if (entry.getName() == "kind")
      continue;
    Attribute a = entry.getValue();
    ref::EncoderAttribute &attr = attrs.emplace_back();
    attr.name = entry.getName().str();
    if (auto b = dyn_cast<BoolAttr>(a))
      attr.value = b.getValue();
    else if (auto i = dyn_cast<IntegerAttr>(a);
             i && i.getValue().getSignificantBits() <= 64)
      attr.value = int64_t(i.getValue().getSExtValue());
    else if (auto f = dyn_cast<FloatAttr>(a))
      attr.value = f.getValueAsDouble();
    llvm::raw_string_ostream os(attr.shown);
    os << a;
  }
  return ref::configureEncoder(kind, attrs, out);
}
