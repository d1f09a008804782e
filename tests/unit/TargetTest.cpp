//===- TargetTest.cpp - target descriptions and their loader -------------===//
//
// The presets load and hold REFERENCE.md's numbers (each check names the row
// it comes from); every number in a preset has its provenance and every
// "source" names a real REFERENCE.md row; the ODIN example loads; each kind
// of bad description gives an error with the file, the JSON pointer and the
// problem; the content hash survives a dump and reload and follows values.
//
//
// Longer than 600 lines: a check per published number of each preset and a
// case per kind of bad description, all against the same loader.
//===----------------------------------------------------------------------===//

#include "spikec/Target/Target.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include <unistd.h>

using namespace spikec::target;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

/// The source tree (this file is tests/unit/TargetTest.cpp).
fs::path sourceRoot() {
  return fs::path(__FILE__).parent_path().parent_path().parent_path();
}

std::string readFile(const fs::path &p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Loads or fails the test with the loader's message.
TargetDesc mustLoad(const std::string &nameOrPath) {
  TargetOrError r = loadTarget(nameOrPath);
  if (auto *err = std::get_if<std::string>(&r))
    FAIL(*err);
  return std::get<TargetDesc>(r);
}

TargetDesc mustParse(const std::string &text) {
  TargetOrError r = parseTarget(text, "mem.json");
  if (auto *err = std::get_if<std::string>(&r))
    FAIL(*err);
  return std::get<TargetDesc>(r);
}

/// The error parseTarget gives for `text` ("" when it loads).
std::string errorOf(const std::string &text) {
  TargetOrError r = parseTarget(text, "mem.json");
  if (auto *err = std::get_if<std::string>(&r))
    return *err;
  return "";
}

/// The loihi preset as JSON, edited by `edit`, then its error.
template <typename F> std::string errorAfter(F edit) {
  json j = json::parse(readFile(sourceRoot() / "targets/loihi.json"));
  edit(j);
  return errorOf(j.dump(2));
}

/// Sets an environment variable for one scope.
struct ScopedEnv {
  std::string name;
  std::optional<std::string> old;
  ScopedEnv(std::string n, const std::string &value) : name(std::move(n)) {
    if (const char *o = std::getenv(name.c_str()))
      old = o;
    setenv(name.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old)
      setenv(name.c_str(), old->c_str(), 1);
    else
      unsetenv(name.c_str());
  }
};

/// Every number in `j` outside a {"value", "source"|"assumed"} object, as
/// JSON pointers.
void bareNumbers(const json &j, const std::string &ptr,
                 std::vector<std::string> &out) {
  if (j.is_number()) {
    out.push_back(ptr);
    return;
  }
  if (j.is_object() && j.contains("value") &&
      (j.contains("source") || j.contains("assumed")))
    return;
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it)
      bareNumbers(*it, ptr + "/" + it.key(), out);
  if (j.is_array())
    for (size_t i = 0; i < j.size(); ++i)
      bareNumbers(j[i], ptr + "/" + std::to_string(i), out);
}

/// Every "source" string in `j` with its pointer.
void sources(const json &j, const std::string &ptr,
             std::vector<std::pair<std::string, std::string>> &out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "source" && it->is_string())
        out.push_back({ptr, it->get<std::string>()});
      else
        sources(*it, ptr + "/" + it.key(), out);
    }
  }
  if (j.is_array())
    for (size_t i = 0; i < j.size(); ++i)
      sources(j[i], ptr + "/" + std::to_string(i), out);
}

/// REFERENCE.md's rows as "<section>: <first column>", the section being the
/// first word of its "## " heading without a trailing comma.
std::set<std::string> referenceRows(const std::string &text) {
  std::set<std::string> rows;
  std::istringstream in(text);
  std::string line, section;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) {
      section = line.substr(3, line.find_first_of(" ,", 3) - 3);
      continue;
    }
    if (line.rfind("| ", 0) != 0 || section.empty())
      continue;
    std::string first = line.substr(2, line.find(" |", 2) - 2);
    rows.insert(section + ": " + first);
  }
  return rows;
}

} // namespace

TEST_SUITE("Target") {

  //===----------------------------------------------------------------------===//
  // Presets
  //===----------------------------------------------------------------------===//

  TEST_CASE("loihi preset holds REFERENCE.md's Loihi numbers") {
    TargetDesc t = mustLoad("loihi");
    CHECK(t.name == "loihi");
    // Loihi: cores — 128 cores, 32 tiles x 4 cores (8 x 4 tiles, DESIGN.md).
    CHECK(t.mesh.cores == 128);
    CHECK(t.mesh.coresPerTile == 4);
    CHECK(t.mesh.tiles() == 32);
    CHECK(t.mesh.width == 8);
    CHECK(t.mesh.height == 4);
    CHECK(t.mesh.routing == Routing::XY);
    // Loihi: compartments per core — 1,024.
    CHECK(t.core.neurons == 1024);
    // Loihi: input / output axons per core — 4,096 / 4,096.
    CHECK(t.core.inputAxons == 4096);
    CHECK(t.core.outputAxons == 4096);
    // Loihi: synaptic memory per core — 1,048,576 synapse bits.
    CHECK(t.core.synapseMemoryBits == 1048576);
    CHECK_FALSE(t.core.axonTypes);
    // Loihi: weights — 8-bit weight + exponent, mixed sign.
    CHECK(t.precision.weight.bits == 8);
    CHECK(t.precision.weight.isSigned);
    REQUIRE(t.precision.weight.exponentMin);
    CHECK(t.precision.weight.exponentMin->provenance == Provenance::Assumed);
    // Loihi: neuron state — u, v 24-bit; du, dv 12-bit; bias 13 + 3 bits;
    // vth 17-bit << 6; input << 6.
    CHECK(t.precision.membraneBits == 24);
    CHECK(t.precision.currentBits->value == 24);
    CHECK(t.precision.decayBits->value == 12);
    CHECK(t.precision.threshold->bits == 17);
    CHECK(t.precision.threshold->shift == 6);
    CHECK(t.precision.inputShift->value == 6);
    CHECK(t.precision.bias->mantissaBits == 13);
    CHECK(t.precision.bias->exponentBits == 3);
    // lava's PyLifModelBitAcc: u wraps, v saturates, decays toward zero.
    CHECK(t.precision.currentOverflow == Overflow::Wrap);
    CHECK(t.precision.membraneOverflow == Overflow::Saturate);
    CHECK(t.precision.rounding == Rounding::TowardZero);
    // Loihi: synaptic spike op — 23.6 pJ, 3.5 ns.
    CHECK(t.energyPjOf(EventKind::SynapticOp) == doctest::Approx(23.6));
    CHECK(t.latencyNsOf(EventKind::SynapticOp) == doctest::Approx(3.5));
    // Loihi: synaptic update (STDP) — 120 pJ, 6.1 ns.
    CHECK(t.energyPjOf(EventKind::SynapticUpdate) == doctest::Approx(120));
    CHECK(t.latencyNsOf(EventKind::SynapticUpdate) == doctest::Approx(6.1));
    // Loihi: neuron update active / inactive — 81 / 52 pJ; 8.4 / 5.3 ns.
    CHECK(t.energyPjOf(EventKind::NeuronUpdateActive) == doctest::Approx(81));
    CHECK(t.energyPjOf(EventKind::NeuronUpdateIdle) == doctest::Approx(52));
    CHECK(t.latencyNsOf(EventKind::NeuronUpdateActive) == doctest::Approx(8.4));
    CHECK(t.latencyNsOf(EventKind::NeuronUpdateIdle) == doctest::Approx(5.3));
    // Loihi: spike within a tile — 1.7 pJ, 2.1 ns.
    CHECK(t.energyPjOf(EventKind::SpikeOut) == doctest::Approx(1.7));
    CHECK(t.latencyNsOf(EventKind::SpikeOut) == doctest::Approx(2.1));
    // Loihi: spike per tile hop E-W / N-S — 3.0 / 4.0 pJ; 4.1 / 6.5 ns.
    CHECK(t.energyPjOf(EventKind::HopEastWest) == doctest::Approx(3.0));
    CHECK(t.energyPjOf(EventKind::HopNorthSouth) == doctest::Approx(4.0));
    CHECK(t.latencyNsOf(EventKind::HopEastWest) == doctest::Approx(4.1));
    CHECK(t.latencyNsOf(EventKind::HopNorthSouth) == doctest::Approx(6.5));
    // Loihi: barrier sync, 1 to 32 tiles — 113–465 ns.
    CHECK(t.barrierNsFor(1) == doctest::Approx(113));
    CHECK(t.barrierNsFor(32) == doctest::Approx(465));
    CHECK(t.latencyNsOf(EventKind::Barrier) == doctest::Approx(465));
    // Loihi: static power per chip — about 104 mW.
    CHECK(t.staticPowerW.value == doctest::Approx(0.104));
    CHECK(t.staticPowerW.provenance == Provenance::Source);
    CHECK(t.staticPowerW.note == "Loihi: static power per chip");
    CHECK(t.supportsNeuronModel("cuba_lif"));
    CHECK_FALSE(t.supportsNeuronModel("izhikevich"));
    CHECK(t.supportsLayerKind("conv2d"));
  }

  TEST_CASE("truenorth preset holds REFERENCE.md's TrueNorth numbers") {
    TargetDesc t = mustLoad("truenorth");
    // TrueNorth: cores — 4,096 as a 64x64 mesh.
    CHECK(t.mesh.width == 64);
    CHECK(t.mesh.height == 64);
    CHECK(t.mesh.cores == 4096);
    // TrueNorth: core — 256 axons x 256 neurons, 4 axon types.
    CHECK(t.core.neurons == 256);
    CHECK(t.core.inputAxons == 256);
    CHECK(t.core.maxFanIn == 256);
    CHECK(t.core.synapseMemoryBits == 256 * 256);
    REQUIRE(t.core.axonTypes);
    CHECK(t.core.axonTypes->value == 4);
    // TrueNorth: fan-out — one destination axon per neuron.
    CHECK(t.core.maxFanOut == 1);
    // TrueNorth: neuron model — 20-bit membrane.
    CHECK(t.precision.membraneBits == 20);
    CHECK(t.supportsNeuronModel("truenorth"));
    // TrueNorth: tick — 1 ms.
    REQUIRE(t.timing.tickS);
    CHECK(t.timing.tickS->value == doctest::Approx(1e-3));
    // TrueNorth: energy per synaptic event (whole chip) — 26 pJ (the figure
    // the preset uses, not 1/46 GSOPS/W).
    CHECK(t.energyPjOf(EventKind::SynapticOp) == doctest::Approx(26));
    // It includes leakage, so static power is not charged again.
    CHECK(t.staticPowerW.value == 0);
    CHECK(t.staticPowerW.provenance == Provenance::Assumed);
    // TrueNorth: spike per core hop — 2.3 pJ.
    CHECK(t.energyPjOf(EventKind::HopEastWest) == doctest::Approx(2.3));
    CHECK(t.energyPjOf(EventKind::HopNorthSouth) == doctest::Approx(2.3));
    // No synaptic_update (no learning): absent gives 0.
    CHECK_FALSE(t.energyPj[static_cast<size_t>(EventKind::SynapticUpdate)]);
    CHECK(t.energyPjOf(EventKind::SynapticUpdate) == 0);
  }

  TEST_CASE("akida preset holds REFERENCE.md's Akida numbers") {
    TargetDesc t = mustLoad("akida");
    // Akida: processors — 80 NPs, nodes of 4.
    CHECK(t.mesh.cores == 80);
    CHECK(t.mesh.coresPerTile == 4);
    CHECK(t.mesh.capacity() >= 80);
    // Akida: InputConv / Conv — weights 1/2/4/8, activations 1/2/4.
    CHECK(t.precision.weight.bits == 8);
    REQUIRE(t.precision.weight.allowedBits);
    CHECK(t.precision.weight.allowedBits->value ==
          std::vector<int64_t>{1, 2, 4, 8});
    REQUIRE(t.precision.activation);
    CHECK(t.precision.activation->bits == 4);
    CHECK(t.precision.activation->allowedBits->value ==
          std::vector<int64_t>{1, 2, 4});
    // Akida: FullyConnected — W x H x C <= 57,334.
    CHECK(t.core.maxFanIn == 57334);
    CHECK(t.supportsLayerKind("separable_conv2d"));
    // Akida: per-operation energy — not published: every energy is assumed.
    for (EventKind k : kAllEventKinds)
      if (const auto &e = t.energyPj[static_cast<size_t>(k)]) {
        INFO(eventKindName(k));
        CHECK(e->provenance == Provenance::Assumed);
        CHECK_FALSE(e->note.empty());
      }
  }

  TEST_CASE("the ODIN example loads by path") {
    std::string path = (sourceRoot() / "examples/targets/odin.json").string();
    TargetDesc t = mustLoad(path);
    CHECK(t.name == "odin");
    // Others: ODIN (28 nm) — 12.7 pJ at 0.55 V; 256 neurons, 64k synapses.
    CHECK(t.energyPjOf(EventKind::SynapticOp) == doctest::Approx(12.7));
    CHECK(t.core.neurons == 256);
    CHECK(t.core.synapseMemoryBits == 65536 * 4);
    // Structural numbers may be bare.
    CHECK(t.core.inputAxons.provenance == Provenance::Bare);
    CHECK(t.mesh.cores == 1);
    CHECK(t.supportsNeuronModel("izhikevich"));
  }

  TEST_CASE("every preset number has provenance and every source is a row") {
    std::string refPath =
        std::string(SPIKEC_SHARED_DIR) + "/targets/REFERENCE.md";
    std::set<std::string> rows = referenceRows(readFile(refPath));
    if (rows.empty())
      MESSAGE("no " << refPath << ": sources not checked against its rows");
    else
      CHECK(rows.count("Loihi: synaptic spike op") == 1);
    std::vector<std::string> presets = listPresets();
    CHECK(presets ==
          std::vector<std::string>{"akida", "loihi", "loihi2", "truenorth"});
    presets.push_back("../examples/targets/odin");
    for (const std::string &name : presets) {
      json j =
          json::parse(readFile(sourceRoot() / "targets" / (name + ".json")));
      INFO(name);
      if (name.find("odin") == std::string::npos) {
        // The example shows that structural numbers may be bare; presets
        // carry provenance on every number.
        std::vector<std::string> bare;
        bareNumbers(j, "", bare);
        CHECK(bare == std::vector<std::string>{});
      }
      if (rows.empty())
        continue; // REFERENCE.md is not next to this checkout
      std::vector<std::pair<std::string, std::string>> srcs;
      sources(j, "", srcs);
      CHECK(!srcs.empty());
      for (auto &[ptr, src] : srcs) {
        // "<section>: <row>", optionally followed by "; <remark>".
        std::string row = src.substr(0, src.find("; "));
        INFO(name << ".json" << ptr << ": " << src);
        CHECK(rows.count(row) == 1);
      }
    }
  }

  TEST_CASE("bare names resolve in SPIKEC_TARGETS_DIR") {
    fs::path dir = fs::temp_directory_path() /
                   ("spikec-target-test-" + std::to_string(getpid()));
    fs::create_directories(dir);
    {
      json j =
          json::parse(readFile(sourceRoot() / "examples/targets/odin.json"));
      j["name"] = "mychip";
      std::ofstream(dir / "mychip.json") << j.dump(2);
    }
    {
      ScopedEnv env("SPIKEC_TARGETS_DIR", dir.string());
      CHECK(presetsDir() == dir.string());
      CHECK(mustLoad("mychip").name == "mychip");
      TargetOrError r = loadTarget("loihi");
      REQUIRE(std::holds_alternative<std::string>(r));
      std::string err = std::get<std::string>(r);
      CHECK(err.find("unknown target 'loihi'") != std::string::npos);
      CHECK(err.find("presets: mychip") != std::string::npos);
    }
    fs::remove_all(dir);
    // Back to the source tree's presets.
    CHECK(mustLoad("loihi").name == "loihi");
    std::string err = std::get<std::string>(loadTarget("lohi"));
    CHECK(err.find("unknown target 'lohi' (did you mean 'loihi'?)") !=
          std::string::npos);
    err = std::get<std::string>(loadTarget("/nonexistent/chip.json"));
    CHECK(err.find("/nonexistent/chip.json: cannot open") != std::string::npos);
  }

  //===----------------------------------------------------------------------===//
  // Errors
  //===----------------------------------------------------------------------===//

  TEST_CASE("error: missing field") {
    std::string e = errorAfter([](json &j) { j["core"].erase("neurons"); });
    CHECK(e == "mem.json: /core/neurons: missing required field 'neurons'");
    e = errorAfter([](json &j) { j.erase("energy_pj"); });
    CHECK(e == "mem.json: /energy_pj: missing required field 'energy_pj'");
    e = errorAfter([](json &j) { j["core"]["neurons"].erase("value"); });
    CHECK(e == "mem.json: /core/neurons/value: missing required field 'value'");
  }

  TEST_CASE("error: wrong type") {
    std::string e = errorAfter([](json &j) { j["mesh"]["width"] = "eight"; });
    CHECK(e == "mem.json: /mesh/width: expected an integer, got string "
               "\"eight\"");
    e = errorAfter([](json &j) { j["core"]["neurons"]["value"] = 10.5; });
    CHECK(e == "mem.json: /core/neurons/value: expected an integer, got number 10.5");
    e = errorAfter([](json &j) { j["precision"]["weight"]["signed"] = 1; });
    CHECK(e == "mem.json: /precision/weight/signed: expected true or false, "
               "got number 1");
    e = errorAfter([](json &j) { j["neuron_models"] = "lif"; });
    CHECK(e == "mem.json: /neuron_models: expected an array of strings, got "
               "string \"lif\"");
    e = errorAfter([](json &j) { j["mesh"] = json::array(); });
    CHECK(e == "mem.json: /mesh: expected an object, got an array");
    e = errorOf("[1, 2]");
    CHECK(e == "mem.json: /: expected an object, got an array");
  }

  TEST_CASE("error: negative or zero capacity") {
    std::string e =
        errorAfter([](json &j) { j["core"]["neurons"]["value"] = 0; });
    CHECK(e == "mem.json: /core/neurons: capacity must be positive, got 0");
    e = errorAfter([](json &j) { j["core"]["input_axons"]["value"] = -4; });
    CHECK(e ==
          "mem.json: /core/input_axons: capacity must be positive, got -4");
    e = errorAfter([](json &j) { j["mesh"]["height"]["value"] = 0; });
    CHECK(e == "mem.json: /mesh/height: capacity must be positive, got 0");
    e = errorAfter([](json &j) { j["clock_hz"]["value"] = 0; });
    CHECK(e == "mem.json: /clock_hz: must be positive, got 0");
    e = errorAfter(
        [](json &j) { j["energy_pj"]["synaptic_op"]["value"] = -1.5; });
    CHECK(e == "mem.json: /energy_pj/synaptic_op: must not be negative, got "
               "-1.5");
  }

  TEST_CASE("error: unknown neuron model or layer kind lists the known ones") {
    std::string e = errorAfter([](json &j) { j["neuron_models"][0] = "lfi"; });
    CHECK(e == "mem.json: /neuron_models/0: unknown neuron model 'lfi' (did "
               "you mean 'lif'?); known: lif, if, cuba_lif, li, integrator, "
               "cuba_li, alif, izhikevich, truenorth, akida");
    e = errorAfter([](json &j) { j["layer_kinds"][1] = "maxpool"; });
    CHECK(e == "mem.json: /layer_kinds/1: unknown layer kind 'maxpool'; known: "
               "dense, sparse, conv1d, conv2d, separable_conv2d, sum_pool2d, "
               "avg_pool2d");
    e = errorAfter([](json &j) { j["layer_kinds"].push_back("dense"); });
    CHECK(e == "mem.json: /layer_kinds/7: duplicate layer kind 'dense'");
    e = errorAfter([](json &j) { j["neuron_models"] = json::array(); });
    CHECK(e == "mem.json: /neuron_models: must list at least one neuron model");
    e = errorAfter([](json &j) { j["mesh"]["routing"] = "xz"; });
    CHECK(e == "mem.json: /mesh/routing: unknown value 'xz' (did you mean "
               "'xy'?); known: xy, yx");
  }

  TEST_CASE("error: value without source or assumed") {
    std::string e = errorAfter([](json &j) { j["energy_pj"]["hop_ew"] = 3.0; });
    CHECK(e.find("mem.json: /energy_pj/hop_ew: value without source or "
                 "assumed") == 0);
    e = errorAfter(
        [](json &j) { j["latency_ns"]["spike_out"].erase("source"); });
    CHECK(e.find("mem.json: /latency_ns/spike_out: value without source or "
                 "assumed") == 0);
    e = errorAfter([](json &j) { j["static_power_w"] = 0.1; });
    CHECK(e.find("mem.json: /static_power_w: value without source or "
                 "assumed") == 0);
    e = errorAfter([](json &j) { j["timing"]["barrier_ns"][0]["ns"] = 113; });
    CHECK(e.find("mem.json: /timing/barrier_ns/0/ns: value without source or "
                 "assumed") == 0);
    e = errorAfter([](json &j) { j["energy_pj"]["hop_ns"]["assumed"] = "x"; });
    CHECK(e == "mem.json: /energy_pj/hop_ns: give either \"source\" or "
               "\"assumed\", not both");
    e = errorAfter([](json &j) { j["energy_pj"]["hop_ns"]["source"] = ""; });
    CHECK(e == "mem.json: /energy_pj/hop_ns/source: \"source\" must not be "
               "empty");
    // Structural integers may be bare.
    CHECK(errorAfter([](json &j) { j["core"]["neurons"] = 1024; }) == "");
  }

  TEST_CASE("error: malformed JSON gives line and column") {
    std::string e = errorOf("{\n  \"name\": \"x\",\n  \"mesh\": {,}\n}\n");
    CHECK(e.find("mem.json:3:12: malformed JSON: ") == 0);
    CHECK(e.find("syntax error") != std::string::npos);
    e = errorOf("");
    CHECK(e.find("mem.json:1:1: malformed JSON: ") == 0);
  }

  TEST_CASE("error: a key given twice and a number out of range") {
    // json::parse would keep the last "name" silently and throw on 1e999.
    std::string e = errorOf("{\"name\": \"a\", \"name\": \"b\"}");
    CHECK(e == "mem.json: /name: duplicate key \"name\" in one object");
    e = errorOf("{\"clock_hz\": 1e999}");
    CHECK(e.find("mem.json: /clock_hz: number 1e999 is out of range") == 0);
  }

  TEST_CASE("error: unknown field with did-you-mean") {
    std::string e = errorAfter([](json &j) {
      j["core"]["nuerons"] = j["core"]["neurons"];
      j["core"].erase("neurons");
    });
    CHECK(e.find("mem.json: /core/nuerons: unknown field 'nuerons' (did you "
                 "mean 'neurons'?)") != std::string::npos);
    CHECK(e.find("mem.json: /core/neurons: missing required field") !=
          std::string::npos);
    e = errorAfter([](json &j) { j["energy_pj"]["hop_ew"]["sorce"] = "y"; });
    CHECK(e == "mem.json: /energy_pj/hop_ew/sorce: unknown field 'sorce' (did "
               "you mean 'source'?)");
    e = errorAfter([](json &j) { j["colour"] = "blue"; });
    CHECK(e.find("mem.json: /colour: unknown field 'colour' (expected one of: "
                 "name, summary,") == 0);
    // Barrier has no latency_ns entry: the table in timing is its latency.
    e = errorAfter([](json &j) {
      j["latency_ns"]["barrier"] = j["latency_ns"]["hop_ew"];
    });
    CHECK(e.find("mem.json: /latency_ns/barrier: unknown field 'barrier'") ==
          0);
  }

  TEST_CASE("error: bits out of range") {
    std::string e = errorAfter(
        [](json &j) { j["precision"]["weight"]["bits"]["value"] = 0; });
    CHECK(e == "mem.json: /precision/weight/bits: bits out of range 1..32, got "
               "0");
    e = errorAfter(
        [](json &j) { j["precision"]["membrane_bits"]["value"] = 33; });
    CHECK(e == "mem.json: /precision/membrane_bits: bits out of range 1..32, "
               "got 33");
    e = errorAfter(
        [](json &j) { j["precision"]["threshold"]["shift"]["value"] = 32; });
    CHECK(e == "mem.json: /precision/threshold/shift: shift out of range "
               "0..31, got 32");
    e = errorAfter([](json &j) {
      j["precision"]["weight"]["allowed_bits"] = json::array({1, 2, 16});
    });
    CHECK(e == "mem.json: /precision/weight/allowed_bits: allowed bits go up "
               "to 16, more than bits (8)");
    e = errorAfter(
        [](json &j) { j["precision"]["weight"]["exponent_min"]["value"] = 9; });
    CHECK(e == "mem.json: /precision/weight/exponent_min: exponent_min (9) is "
               "greater than exponent_max (7)");
  }

  TEST_CASE("error: mesh too small for cores") {
    std::string e =
        errorAfter([](json &j) { j["mesh"]["cores"]["value"] = 130; });
    CHECK(e == "mem.json: /mesh/cores: mesh too small for cores: 8 x 4 tiles x "
               "4 cores per tile = 128 < 130 cores");
  }

  TEST_CASE("errors are all reported, one per line") {
    std::string e = errorAfter([](json &j) {
      j["core"]["neurons"]["value"] = 0;
      j["precision"]["membrane_bits"]["value"] = 64;
      j["energy_pj"]["hop_ew"] = 3.0;
    });
    CHECK(std::count(e.begin(), e.end(), '\n') == 2);
  }

  TEST_CASE("barrier table rows must increase") {
    std::string e = errorAfter([](json &j) {
      std::swap(j["timing"]["barrier_ns"][0], j["timing"]["barrier_ns"][1]);
    });
    CHECK(e == "mem.json: /timing/barrier_ns/1/tiles: rows must have strictly "
               "increasing tiles, got 1 after 32");
  }

  //===----------------------------------------------------------------------===//
  // Hash, round trip, helpers
  //===----------------------------------------------------------------------===//

  TEST_CASE("fnv1a64 is FNV-1a 64") {
    CHECK(fnv1a64("") == 0xcbf29ce484222325ull);
    CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cull);
    CHECK(fnv1a64("foobar") == 0x85944171f73967e8ull);
  }

  TEST_CASE("content hash survives dump and reload and follows values") {
    std::set<uint64_t> hashes;
    for (const char *name : {"loihi", "truenorth", "akida"}) {
      INFO(name);
      TargetDesc t = mustLoad(name);
      TargetDesc again = mustParse(t.toJson());
      CHECK(again.toJson() == t.toJson());
      CHECK(again.canonicalJson() == t.canonicalJson());
      CHECK(again.contentHash() == t.contentHash());
      CHECK(t.contentHashHex().size() == 16);
      // The dump keeps every provenance.
      CHECK(again.energyPj[0]->note == t.energyPj[0]->note);
      hashes.insert(t.contentHash());
    }
    CHECK(hashes.size() == 3);

    json j = json::parse(readFile(sourceRoot() / "targets/loihi.json"));
    uint64_t base = mustParse(j.dump()).contentHash();
    CHECK(base == mustLoad("loihi").contentHash());
    // Whitespace, key order and provenance text do not matter.
    json k = j;
    k["energy_pj"]["synaptic_op"]["source"] = "Loihi: synaptic spike op; x";
    k["summary"] = "another summary";
    std::reverse(k["neuron_models"].begin(), k["neuron_models"].end());
    CHECK(mustParse(k.dump(7)).contentHash() == base);
    // Values, lists and the name do.
    k = j;
    k["energy_pj"]["synaptic_op"]["value"] = 23.7;
    CHECK(mustParse(k.dump()).contentHash() != base);
    k = j;
    k["core"]["neurons"]["value"] = 1023;
    CHECK(mustParse(k.dump()).contentHash() != base);
    k = j;
    k["precision"]["overflow"] = "wrap";
    CHECK(mustParse(k.dump()).contentHash() != base);
    k = j;
    k["neuron_models"].erase(k["neuron_models"].size() - 1);
    CHECK(mustParse(k.dump()).contentHash() != base);
    k = j;
    k["name"] = "loihi2";
    CHECK(mustParse(k.dump()).contentHash() != base);
  }

  TEST_CASE("optional energies, stored zero weights and the tile order") {
    json j = json::parse(readFile(sourceRoot() / "targets/loihi.json"));
    TargetDesc base = mustParse(j.dump());
    // Absent: 0, false, row-major, and not in the canonical form (so every
    // description written before them keeps its hash).
    CHECK(base.energyPjOf(EventKind::SomaSpike) == 0);
    CHECK(base.energyPjOf(EventKind::HostPacket) == 0);
    CHECK_FALSE(base.core.storesZeroWeights);
    CHECK(base.mesh.tileOrder == TileOrder::RowMajor);
    for (const char *key :
         {"soma_spike", "host_packet", "stores_zero_weights", "tile_order"})
      CHECK(base.canonicalJson().find(key) == std::string::npos);
    json k = j;
    k["energy_pj"]["soma_spike"] = {{"value", 69.3}, {"assumed", "a"}};
    k["energy_pj"]["host_packet"] = {{"value", 111}, {"assumed", "b"}};
    k["core"]["stores_zero_weights"] = true;
    k["mesh"]["tile_order"] = "column_major";
    TargetDesc t = mustParse(k.dump());
    CHECK(t.energyPjOf(EventKind::SomaSpike) == doctest::Approx(69.3));
    CHECK(t.energyPjOf(EventKind::HostPacket) == doctest::Approx(111));
    CHECK(t.core.storesZeroWeights);
    CHECK(t.mesh.tileOrder == TileOrder::ColumnMajor);
    CHECK(t.latencyNsOf(EventKind::SomaSpike) == 0);
    CHECK_FALSE(hasLatency(EventKind::HostPacket));
    CHECK(mustParse(t.toJson()).toJson() == t.toJson());
    CHECK(t.contentHash() != base.contentHash());
    // Each of them alone changes the hash.
    for (auto edit : std::vector<std::function<void(json &)>>{
             [](json &x) { x["core"]["stores_zero_weights"] = true; },
             [](json &x) { x["mesh"]["tile_order"] = "column_major"; },
             [](json &x) {
               x["energy_pj"]["host_packet"] = {{"value", 0}, {"assumed", "c"}};
             }}) {
      json m = j;
      edit(m);
      CHECK(mustParse(m.dump()).contentHash() != base.contentHash());
    }
    // The defaults given explicitly are the defaults.
    k = j;
    k["core"]["stores_zero_weights"] = false;
    k["mesh"]["tile_order"] = "row_major";
    CHECK(mustParse(k.dump()).contentHash() == base.contentHash());
  }

  TEST_CASE("error: bad soma_spike, host_packet, zero weights, tile order") {
    std::string e = errorAfter([](json &j) {
      j["energy_pj"]["soma_spike"] = {{"value", -69.5}, {"assumed", "x"}};
    });
    CHECK(e == "mem.json: /energy_pj/soma_spike: must not be negative, got "
               "-69.5");
    e = errorAfter([](json &j) {
      j["energy_pj"]["host_packet"] = {{"value", "111"}, {"assumed", "x"}};
    });
    CHECK(e == "mem.json: /energy_pj/host_packet/value: expected a number, "
               "got string \"111\"");
    e = errorAfter([](json &j) { j["energy_pj"]["host_packet"] = 111; });
    CHECK(e.find("mem.json: /energy_pj/host_packet: value without source or "
                 "assumed") == 0);
    // Energy only: no latency of their own.
    e = errorAfter([](json &j) {
      j["latency_ns"]["soma_spike"] = j["latency_ns"]["spike_out"];
    });
    CHECK(e.find("mem.json: /latency_ns/soma_spike: unknown field "
                 "'soma_spike'") == 0);
    e = errorAfter([](json &j) { j["core"]["stores_zero_weights"] = 1; });
    CHECK(e == "mem.json: /core/stores_zero_weights: expected true or false, "
               "got number 1");
    e = errorAfter([](json &j) { j["mesh"]["tile_order"] = "column"; });
    CHECK(e.find("mem.json: /mesh/tile_order: unknown value 'column'") == 0);
    CHECK(e.find("known: row_major, column_major") != std::string::npos);
  }

  TEST_CASE("energy and latency queries by kind") {
    TargetDesc t = mustLoad("loihi");
    for (EventKind k : kAllEventKinds) {
      CHECK(parseEventKind(eventKindName(k)) == k);
      if (hasLatency(k))
        CHECK(t.latencyNsOf(k) == t.latencyNs[static_cast<size_t>(k)]->value);
    }
    CHECK_FALSE(parseEventKind("hop"));
    CHECK(t.energyPjOf(EventKind::Barrier) == 0);
    // Linear between the table's rows, clamped outside them.
    CHECK(t.barrierNsFor(0) == doctest::Approx(113));
    CHECK(t.barrierNsFor(16) == doctest::Approx(113 + (465 - 113) * 15.0 / 31));
    CHECK(t.barrierNsFor(100) == doctest::Approx(465));
    CHECK(t.cycleNs() == doctest::Approx(1.0));
  }

} // TEST_SUITE
