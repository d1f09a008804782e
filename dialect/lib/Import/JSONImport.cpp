//===- JSONImport.cpp - hand-written JSON networks into the snn dialect ---===//
//
// Reads the network description of docs/network-json.md with nlohmann-json
// and builds one snn.network. Every error names the file and the JSON
// pointer of the offending value; syntax errors name the line and column.
// This file holds the entry point and the importer's network, inputs,
// populations and outputs; the projections are JSONProjections.cpp, the
// checked reading JSONReading.cpp and the neuron models JSONModels.cpp.
//
//===----------------------------------------------------------------------===//

#include "JSONImporter.h"
#include "JSONModels.h"
#include "JSONReading.h"

#include "spikec/Import/Import.h"

#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Dialect/SNN/SNNParams.h"
#include "spikec/Support/FormatNumber.h"
#include "spikec/Support/JSONParse.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Path.h"

#include <map>
#include <set>

using namespace mlir;
using namespace spikec;
using namespace spikec::snn;
using namespace spikec::jsonimport;

namespace spikec::jsonimport {

//===----------------------------------------------------------------------===//
// The importer
//===----------------------------------------------------------------------===//

std::string JSONImporter::blobName(llvm::StringRef owner,
                                   llvm::StringRef field) {
  std::string out;
  for (char c : owner)
    out += (llvm::isAlnum(c) || c == '_' || c == '.') ? c : '_';
  if (out.empty() || llvm::isDigit(out[0]))
    out = "_" + out;
  return out + "." + field.str();
}

void JSONImporter::claimName(const std::string &name, const std::string &ptr) {
  auto [it, inserted] = names.try_emplace(name, ptr);
  if (!inserted)
    fail(jsonPointerChild(ptr, "name"),
         "duplicate name '" + name + "' (first used at " + it->second + ")");
}

JSONImporter::Node &JSONImporter::lookup(const json &obj,
                                         const std::string &ptr,
                                         llvm::StringRef key,
                                         bool populationOnly) {
  std::string p = jsonPointerChild(ptr, key);
  std::string name = getString(require(obj, ptr, key), p);
  auto it = nodes.find(name);
  if (it == nodes.end()) {
    std::string msg = "unknown " +
                      std::string(populationOnly ? "population" : "node") +
                      " '" + name + "'";
    if (names.count(name))
      msg += " ('" + name + "' is a " +
             (llvm::StringRef(names[name]).starts_with("/projections")
                  ? "projection"
                  : "output") +
             ", not " +
             (populationOnly ? "a population" : "an input or population") + ")";
    fail(p, msg);
  }
  if (populationOnly && !it->second.population)
    fail(p, "'" + name +
                "' is an input; projections must end at a "
                "population");
  return it->second;
}

Attribute JSONImporter::readParam(const json &j, const std::string &ptr,
                                  llvm::ArrayRef<int64_t> shape, Range range,
                                  llvm::StringRef owner,
                                  llvm::StringRef field) {
  llvm::SmallVector<int64_t> pshape;
  std::vector<float> values = readParamValues(j, ptr, shape, pshape);
  checkRange(values, j, ptr, range);
  return makeParam(ctx, blobName(owner, field), pshape, values);
}

void JSONImporter::warnResetAboveThreshold(
    const std::map<std::string, std::pair<const json *, std::string>> &given,
    llvm::ArrayRef<int64_t> shape, const std::string &ptr) {
  auto th = given.find("v_threshold"), rs = given.find("v_reset");
  if (th == given.end())
    return;
  llvm::SmallVector<int64_t> pshape;
  std::vector<float> threshold =
      readParamValues(*th->second.first, th->second.second, shape, pshape);
  std::vector<float> reset = {0.0f}; // the documented default
  std::string at = ptr;
  if (rs != given.end()) {
    reset =
        readParamValues(*rs->second.first, rs->second.second, shape, pshape);
    at = rs->second.second;
  }
  size_t n = std::max(reset.size(), threshold.size());
  for (size_t i = 0; i < n; ++i) {
    float r = reset[reset.size() == 1 ? 0 : i];
    float t = threshold[threshold.size() == 1 ? 0 : i];
    if (r > t) {
      emitWarning(fileLoc)
          << at << ": v_reset " << formatNumber(r)
          << (rs == given.end() ? " (the default)" : "")
          << " is above v_threshold " << formatNumber(t) << " (neuron " << i
          << "): the neuron fires on every step after its first spike";
      return;
    }
  }
}

OwningOpRef<ModuleOp> JSONImporter::run(const json &root) {
  expectObject(root, "", "a network description");
  checkKeys(root, "",
            {"name", "description", "inputs", "populations", "projections",
             "outputs"},
            "the network description");
  std::string netName = llvm::sys::path::stem(path).str();
  if (const json *n = getField(root, "name"))
    netName = getString(*n, "/name");
  if (netName.empty())
    netName = "network";
  if (const json *d = getField(root, "description"))
    getString(*d, "/description");

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());
  net = builder.create<NetworkOp>(fileLoc, netName);
  builder.setInsertionPointToEnd(&net.getBodyBlock());

  const json &inputs = expectArray(require(root, "", "inputs"), "/inputs",
                                   "the list of inputs");
  if (inputs.empty())
    fail("/inputs", "a network needs at least one input");
  for (size_t i = 0; i < inputs.size(); ++i)
    importInput(inputs[i], jsonPointerChild("/inputs", i));

  static const json empty = json::array();
  const json *pops = getField(root, "populations");
  pops = pops ? &expectArray(*pops, "/populations", "the list of populations")
              : &empty;
  for (size_t i = 0; i < pops->size(); ++i)
    importPopulation((*pops)[i], jsonPointerChild("/populations", i));

  const json *projs = getField(root, "projections");
  projs = projs ? &expectArray(*projs, "/projections",
                               "the list of projections")
                : &empty;
  // Claim explicit projection names first so that a default name never
  // takes a name written later in the file.
  if (const json *outs = getField(root, "outputs"); outs && outs->is_array())
    for (const json &o : *outs)
      if (o.is_object() && o.contains("name") && o["name"].is_string())
        reserved.insert(o["name"].get<std::string>());
  for (size_t i = 0; i < projs->size(); ++i) {
    std::string p = jsonPointerChild("/projections", i);
    expectObject((*projs)[i], p, "a projection");
    if (getField((*projs)[i], "name"))
      claimName(getName((*projs)[i], p), p);
  }
  for (size_t i = 0; i < projs->size(); ++i)
    importProjection((*projs)[i], jsonPointerChild("/projections", i));

  const json &outputs = expectArray(require(root, "", "outputs"), "/outputs",
                                    "the list of outputs");
  if (outputs.empty())
    fail("/outputs", "a network needs at least one output");
  for (size_t i = 0; i < outputs.size(); ++i)
    importOutput(outputs[i], jsonPointerChild("/outputs", i));

  // Close the populations' inputs: one edge is used as is, several are
  // summed.
  for (const std::string &name : populationOrder) {
    Node &node = nodes[name];
    if (node.incoming.empty())
      fail(node.pointer, "population '" + name +
                             "' receives no projection (its input would "
                             "be undefined)");
    Value in = node.incoming.front();
    if (node.incoming.size() > 1) {
      builder.setInsertionPoint(node.population);
      in = builder.create<AddOp>(nodeLoc(name + "/sum"),
                                 tensorType(node.shape), node.incoming);
    }
    node.population->setOperand(0, in);
  }
  for (auto &[name, node] : nodes)
    if (!node.used)
      fail(node.pointer, std::string(node.population ? "population" : "input") +
                             " '" + name +
                             "' is never read (no projection or output uses "
                             "it)");
  return module;
}

void JSONImporter::importInput(const json &obj, const std::string &ptr) {
  expectObject(obj, ptr, "an input");
  checkKeys(obj, ptr, {"name", "size", "shape", "encoder"}, "an input");
  std::string name = getName(obj, ptr);
  claimName(name, ptr);
  auto shape = getShape(obj, ptr);
  Type type = tensorType(shape);
  Value value = builder.create<InputOp>(nodeLoc(name), type,
                                        builder.getStringAttr(name));
  if (!placeholder)
    placeholder = value;

  if (const json *enc = getField(obj, "encoder")) {
    std::string ep = jsonPointerChild(ptr, "encoder");
    json encObj = enc->is_string() ? json{{"kind", *enc}} : *enc;
    expectObject(encObj, ep, "an encoder");
    std::string kp = enc->is_string() ? ep : jsonPointerChild(ep, "kind");
    std::string kind = getString(require(encObj, ep, "kind"), kp);
    Location loc = nodeLoc(name + "/encoder");
    auto f64 = [&](llvm::StringRef key, double dflt, Range range) {
      const json *j = getField(encObj, key);
      if (!j)
        return builder.getF64FloatAttr(dflt);
      std::string p = jsonPointerChild(ep, key);
      double v = getNumber(*j, p, false);
      checkRange({float(v)}, *j, p, range);
      return builder.getF64FloatAttr(v);
    };
    if (kind == "direct") {
      checkKeys(encObj, ep, {"kind", "gain"}, "a direct encoder");
      value = builder.create<EncodeDirectOp>(loc, type, value,
                                             f64("gain", 1.0, Range::Any));
    } else if (kind == "rate") {
      checkKeys(encObj, ep, {"kind", "gain", "seed"}, "a rate encoder");
      int64_t seed = 0;
      if (const json *s = getField(encObj, "seed"))
        seed = getInt(*s, jsonPointerChild(ep, "seed"), 0);
      value = builder.create<EncodeRateOp>(
          loc, type, value, f64("gain", 1.0, Range::NonNegative),
          builder.getI64IntegerAttr(seed));
    } else if (kind == "latency") {
      checkKeys(encObj, ep, {"kind", "window", "threshold"},
                "a latency encoder");
      int64_t window = getInt(require(encObj, ep, "window"),
                              jsonPointerChild(ep, "window"), 1);
      value = builder.create<EncodeLatencyOp>(
          loc, type, value, builder.getI64IntegerAttr(window),
          f64("threshold", 0.0, Range::Any));
    } else if (kind == "delta") {
      checkKeys(encObj, ep, {"kind", "threshold", "off_spikes"},
                "a delta encoder");
      require(encObj, ep, "threshold");
      bool off = false;
      if (const json *o = getField(encObj, "off_spikes"))
        off = getBool(*o, jsonPointerChild(ep, "off_spikes"));
      value = builder.create<EncodeDeltaOp>(
          loc, type, value, f64("threshold", 0.0, Range::Positive),
          builder.getBoolAttr(off));
    } else {
      fail(kp, "unknown encoder '" + kind +
                   "' (expected direct, rate, latency or delta)");
    }
  }
  Node &node = nodes[name];
  node.pointer = ptr;
  node.value = value;
  node.shape = shape;
}

void JSONImporter::importPopulation(const json &obj, const std::string &ptr) {
  expectObject(obj, ptr, "a population");
  checkKeys(obj, ptr,
            {"name", "model", "size", "shape", "params", "reset", "timing",
             "refractory", "v_peak", "time_scale"},
            "a population");
  std::string name = getName(obj, ptr);
  claimName(name, ptr);
  std::string mp = jsonPointerChild(ptr, "model");
  std::string model = getString(require(obj, ptr, "model"), mp);
  const ModelSpec *spec = nullptr;
  for (const ModelSpec &s : modelSpecs())
    if (s.model == model)
      spec = &s;
  if (!spec) {
    std::string known;
    for (auto [i, s] : llvm::enumerate(modelSpecs()))
      known += (i ? ", " : "") + s.model.str();
    fail(mp, "unknown neuron model '" + model + "' (expected one of: " +
                 known + ")");
  }
  auto shape = getShape(obj, ptr);
  bool izh = model == "izhikevich";

  // Parameters, by their canonical name.
  std::string pp = jsonPointerChild(ptr, "params");
  static const json noParams = json::object();
  const json &params =
      getField(obj, "params") ? expectObject(obj["params"], pp, "parameters")
                          : noParams;
  std::map<std::string, std::pair<const json *, std::string>> given;
  std::set<std::string> continuous, discrete;
  for (auto it = params.begin(); it != params.end(); ++it) {
    if (it.key() == "comment")
      continue;
    std::string key = it.key();
    std::string canon = canonicalParam(key).str();
    const ParamSpec *ps = nullptr;
    for (const ParamSpec &p : spec->params)
      if (p.name == canon)
        ps = &p;
    if (!ps) {
      std::string msg = "unknown parameter '" + key + "' for " +
                        withArticle(model) + " population (it takes:";
      for (auto [i, p] : llvm::enumerate(spec->params))
        msg += (i ? ", " : " ") + p.name.str();
      fail(jsonPointerChild(pp, key), msg + ")");
    }
    if (given.count(canon))
      fail(jsonPointerChild(pp, key),
           "'" + key + "' sets '" + canon + "', which is already given");
    given[canon] = {&*it, jsonPointerChild(pp, key)};
    if (ps->form == Form::Continuous)
      continuous.insert(key);
    if (ps->form == Form::Discrete)
      discrete.insert(key);
  }
  auto join = [](const std::set<std::string> &s) {
    std::string out;
    for (const std::string &k : s)
      out += (out.empty() ? "" : ", ") + k;
    return out;
  };
  if (!continuous.empty() && !discrete.empty())
    fail(pp, "mixes continuous-time (" + join(continuous) + ") and per-step (" +
                 join(discrete) + ") parameters; use one form");
  if (!izh) {
    const auto &keys =
        discrete.empty() ? spec->continuousKeys : spec->discreteKeys;
    for (llvm::StringRef k : keys)
      if (!given.count(k.str())) {
        std::string msg =
            withArticle(model) + " population needs '" + k.str() + "'";
        if (continuous.empty() && discrete.empty()) {
          msg = withArticle(model) + " population needs its continuous-time (";
          for (auto [i, c] : llvm::enumerate(spec->continuousKeys))
            msg += (i ? ", " : "") + c.str();
          msg += ") or per-step (";
          for (auto [i, d] : llvm::enumerate(spec->discreteKeys))
            msg += (i ? ", " : "") + d.str();
          msg += ") parameters";
        }
        fail(getField(obj, "params") ? pp : ptr, msg);
      }
  }
  for (llvm::StringRef k : spec->required)
    if (!given.count(k.str()))
      fail(getField(obj, "params") ? pp : ptr,
           withArticle(model) + " population needs parameter '" + k.str() +
               "'");

  OperationState state(nodeLoc(name), spec->opName);
  state.addOperands(placeholder);
  state.addTypes(tensorType(shape));
  for (const ParamSpec &ps : spec->params) {
    auto it = given.find(ps.name.str());
    if (it == given.end())
      continue;
    state.addAttribute(ps.name, readParam(*it->second.first, it->second.second,
                                          shape, ps.range, name, ps.name));
  }

  // Spike behaviour.
  ResetMode resetMode = ResetMode::ToVReset;
  if (const json *reset = getField(obj, "reset")) {
    std::string p = jsonPointerChild(ptr, "reset");
    if (!spec->spiking || izh)
      fail(p, withArticle(model) + " population has no reset mode");
    std::string mode = getString(*reset, p);
    std::optional<ResetMode> m =
        llvm::StringSwitch<std::optional<ResetMode>>(mode)
            .Case("to_v_reset", ResetMode::ToVReset)
            .Case("subtract", ResetMode::Subtract)
            .Case("none", ResetMode::None)
            .Default(std::nullopt);
    if (!m)
      fail(p, "unknown reset mode '" + mode +
                  "' (expected to_v_reset, subtract or none)");
    resetMode = *m;
    state.addAttribute("reset", ResetModeAttr::get(ctx, *m));
  }
  // An alif's threshold rises with adaptation, so its reset above the base
  // threshold does not make it fire every step.
  if (spec->spiking && !izh && model != "alif" &&
      resetMode == ResetMode::ToVReset)
    warnResetAboveThreshold(given, shape, ptr);
  if (const json *timing = getField(obj, "timing")) {
    std::string p = jsonPointerChild(ptr, "timing");
    if (!spec->spiking || izh)
      fail(p, withArticle(model) + " population has no spike timing");
    std::string t = getString(*timing, p);
    if (t != "post" && t != "pre")
      fail(p, "unknown spike timing '" + t + "' (expected post or pre)");
    state.addAttribute("timing", SpikeTimingAttr::get(
                                     ctx, t == "pre" ? SpikeTiming::Pre
                                                     : SpikeTiming::Post));
  }
  if (const json *refr = getField(obj, "refractory")) {
    std::string p = jsonPointerChild(ptr, "refractory");
    if (!spec->spiking || izh)
      fail(p, withArticle(model) + " population has no refractory period");
    state.addAttribute("refractory",
                       builder.getI64IntegerAttr(getInt(*refr, p, 0)));
  }
  for (llvm::StringRef key : {"v_peak", "time_scale"}) {
    const json *j = getField(obj, key);
    if (!j)
      continue;
    std::string p = jsonPointerChild(ptr, key);
    if (!izh)
      fail(p, "only izhikevich populations take '" + key.str() + "'");
    double v = getNumber(*j, p, false);
    if (key == "time_scale")
      checkRange({float(v)}, *j, p, Range::Positive);
    state.addAttribute(key, builder.getF64FloatAttr(v));
  }

  Operation *op = builder.create(state);
  Node &node = nodes[name];
  node.pointer = ptr;
  node.value = op->getResult(0);
  node.shape = shape;
  node.population = op;
  populationOrder.push_back(name);
}

void JSONImporter::importOutput(const json &obj, const std::string &ptr) {
  expectObject(obj, ptr, "an output");
  checkKeys(obj, ptr, {"name", "from"}, "an output");
  std::string name = getName(obj, ptr);
  claimName(name, ptr);
  Node &from = lookup(obj, ptr, "from", false);
  from.used = true;
  builder.setInsertionPointToEnd(&net.getBodyBlock());
  builder.create<OutputOp>(nodeLoc(name), from.value,
                           builder.getStringAttr(name));
}

} // namespace spikec::jsonimport

OwningOpRef<ModuleOp> spikec::importJSON(llvm::StringRef text,
                                         llvm::StringRef path,
                                         MLIRContext *ctx) {
  ctx->loadDialect<SNNDialect>();
  Location fileLoc = FileLineColLoc::get(ctx, path, 0, 0);
  try {
    auto parsed = parseJSON(text);
    if (auto *e = std::get_if<JSONParseError>(&parsed)) {
      switch (e->kind) {
      case JSONParseError::Kind::Syntax:
        emitError(FileLineColLoc::get(ctx, path, e->line, e->column))
            << e->message;
        return nullptr;
      case JSONParseError::Kind::DuplicateKey:
      case JSONParseError::Kind::OutOfRange:
        fail(e->pointer, e->message);
      case JSONParseError::Kind::Other:
        emitError(fileLoc) << "cannot import: " << e->message;
        return nullptr;
      }
    }
    json root = std::get<json>(std::move(parsed));
    JSONImporter importer(ctx, path);
    OwningOpRef<ModuleOp> module = importer.run(root);
    if (failed(verify(*module)))
      return nullptr;
    return module;
  } catch (const ImportError &e) {
    if (e.pointer.empty())
      emitError(fileLoc) << e.message;
    else
      emitError(fileLoc) << e.pointer << ": " << e.message;
    return nullptr;
  } catch (const std::exception &e) {
    emitError(fileLoc) << "cannot import: " << e.what();
    return nullptr;
  }
}
