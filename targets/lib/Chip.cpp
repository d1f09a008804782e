//===- Chip.cpp - the chip registry and the model table -------------------===//

#include "spikec/Target/Chip.h"

#include "llvm/ADT/STLExtras.h"

using namespace spikec;
using namespace spikec::target;

llvm::ArrayRef<const Chip *> target::allChips() {
#define SPIKEC_CHIP(Name) &get##Name##Chip(),
  static const Chip *const chips[] = {
#include "spikec/Target/Chips.def"
  };
  return chips;
}

const Chip *target::lookupChip(llvm::StringRef name) {
  for (const Chip *c : allChips())
    if (c->name == name)
      return c;
  return nullptr;
}

std::vector<std::string> target::chipNames() {
  std::vector<std::string> names;
  for (const Chip *c : allChips())
    names.push_back(c->name.str());
  return names;
}

const nc::NCModel *nc::lookupNCModel(llvm::StringRef name) {
  for (const Chip *c : allChips())
    for (const NCModel *m : c->models)
      if (m->name == name)
        return m;
  return nullptr;
}

std::string nc::knownNCModels() {
  std::string out;
  std::vector<const NCModel *> seen; // a chip may run another's model
  for (const Chip *c : allChips())
    for (const NCModel *m : c->models)
      if (!llvm::is_contained(seen, m)) {
        seen.push_back(m);
        out += (out.empty() ? "" : ", ") + m->name.str();
      }
  return out;
}
