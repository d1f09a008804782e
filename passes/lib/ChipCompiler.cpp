//===- ChipCompiler.cpp - the chip arithmetics' compiler parts ------------===//

#include "ChipCompiler.h"

using namespace spikec;

const ChipCompiler *spikec::lookupChipCompiler(llvm::StringRef name) {
#define SPIKEC_CHIP(Name) &get##Name##ChipCompiler(),
  static const ChipCompiler *const compilers[] = {
#include "spikec/Target/Chips.def"
  };
  for (const ChipCompiler *c : compilers)
    if (c->name == name)
      return c;
  return nullptr;
}
