//===- image_bench.cpp - write and read a large hardware image ------------===//
//
// spikec-bench-image [NEURONS [SYNAPSES_PER_NEURON [FILE]]]: builds an image
// of NEURONS loihi neurons (default 1M) in cores of 1024, each neuron
// reaching SYNAPSES_PER_NEURON (default 100) synapses through one axon on a
// pseudo-random core, writes it to FILE (default /tmp/spikec-bench.simg),
// reads it back and prints the times, the file size and the peak memory.
// The default file is removed at the end, a FILE given is kept.
// spikec-bench-image --read FILE: reads an existing image only (the load
// alone: seconds, peak memory against the file's size).
// Not a test: a figure for the notes.
//
//===----------------------------------------------------------------------===//

#include "spikec/Image/ImageIO.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace spikec::image;

namespace {

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since)
      .count();
}

double peakRssGiB() {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_maxrss) / (1024.0 * 1024.0);
}

/// A deterministic image of `neurons` neurons with `fanOut` synapses each.
Image generate(uint32_t neurons, uint32_t fanOut) {
  const uint32_t perCore = 1024;
  uint32_t numCores = (neurons + perCore - 1) / perCore;
  Image image;
  image.header.target = "loihi";
  image.header.targetHash = "0123456789abcdef";
  image.header.dt = 1e-3;
  image.header.meshWidth = 64;
  image.header.meshHeight = (numCores + 63) / 64;
  image.header.coresPerTile = 1;
  image.provenance = {
      "spikec-bench-image", "random", {{"neurons", std::to_string(neurons)}}};
  image.cores.resize(numCores);
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return uint32_t(state >> 33);
  };
  for (uint32_t i = 0; i < numCores; ++i) {
    Core &c = image.cores[i];
    c.x = i % 64;
    c.y = i / 64;
    c.model = "loihi";
    c.numNeurons = std::min(perCore, neurons - i * perCore);
    c.params = {{"du", {4095}},
                {"dv", {410}},
                {"vth_mant", {100}},
                {"bias_mant", std::vector<int32_t>(c.numNeurons, 0)},
                {"bias_exp", {0}},
                {"refractory_delay", {0}}};
    c.groups = {{8, 0, 0}};
    // As many axons as neurons: every neuron of the chip lands on one.
    c.axonGroup.assign(c.numNeurons, 0);
    c.axonOffsets.resize(c.numNeurons + 1);
    c.synTarget.resize(uint64_t(c.numNeurons) * fanOut);
    c.synWeight.resize(c.synTarget.size());
    for (uint32_t a = 0; a <= c.numNeurons; ++a)
      c.axonOffsets[a] = a * fanOut;
    for (size_t k = 0; k < c.synTarget.size(); ++k) {
      uint32_t r = next();
      c.synTarget[k] = r % c.numNeurons;
      c.synWeight[k] = int32_t(r >> 16 & 0xFF) - 128;
    }
    c.routeOffsets.resize(c.numNeurons + 1);
    c.routes.resize(c.numNeurons);
    for (uint32_t n = 0; n <= c.numNeurons; ++n)
      c.routeOffsets[n] = n;
  }
  // Neuron n of core i feeds axon n of a pseudo-random core with that axon.
  for (uint32_t i = 0; i < numCores; ++i)
    for (uint32_t n = 0; n < image.cores[i].numNeurons; ++n) {
      uint32_t to = next() % numCores;
      image.cores[i].routes[n] = {to, n % image.cores[to].numNeurons};
    }
  Input in;
  in.name = "x";
  in.width = 1024;
  in.encoder = {"rate", {{"gain", 1.0}, {"seed", int64_t(7)}}};
  for (uint32_t e = 0; e < in.width; ++e) {
    in.dests.push_back({0, e % image.cores[0].numNeurons});
    in.offsets.push_back(e + 1);
  }
  image.inputs.push_back(in);
  Output out{"y", 10, {}};
  for (uint32_t e = 0; e < 10; ++e)
    out.sources.push_back({numCores - 1, e % image.cores.back().numNeurons});
  image.outputs.push_back(out);
  return image;
}

} // namespace

/// The load alone: time, synapses and the peak memory against the file.
int readOnly(const std::string &path) {
  auto t0 = std::chrono::steady_clock::now();
  ImageOrError read = readImageFile(path);
  if (auto *error = std::get_if<std::string>(&read)) {
    std::fprintf(stderr, "error: %s\n", error->c_str());
    return 1;
  }
  double s = seconds(t0);
  uint64_t synapses = 0;
  for (const Core &c : std::get<Image>(read).cores)
    synapses += c.numSynapses();
  struct stat st;
  stat(path.c_str(), &st);
  double fileGiB = double(st.st_size) / (1024.0 * 1024.0 * 1024.0);
  std::printf("read %s: %.2f s, %zu cores, %llu synapses\n", path.c_str(), s,
              std::get<Image>(read).cores.size(), (unsigned long long)synapses);
  std::printf("file %.2f GiB, peak memory %.2f GiB (%.2fx the file)\n", fileGiB,
              peakRssGiB(), peakRssGiB() / fileGiB);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 3 && std::string(argv[1]) == "--read")
    return readOnly(argv[2]);
  uint32_t neurons = argc > 1 ? uint32_t(std::atol(argv[1])) : 1000000;
  uint32_t fanOut = argc > 2 ? uint32_t(std::atol(argv[2])) : 100;
  std::string path = argc > 3 ? argv[3] : "/tmp/spikec-bench.simg";

  auto t0 = std::chrono::steady_clock::now();
  uint64_t synapses;
  {
    Image image = generate(neurons, fanOut);
    synapses = 0;
    for (const Core &c : image.cores)
      synapses += c.numSynapses();
    std::printf("generated %u neurons, %llu synapses in %zu cores: %.2f s\n",
                neurons, (unsigned long long)synapses, image.cores.size(),
                seconds(t0));
    auto t1 = std::chrono::steady_clock::now();
    std::string why = writeImageFile(image, path);
    if (!why.empty()) {
      std::fprintf(stderr, "error: %s\n", why.c_str());
      return 1;
    }
    std::printf("write (validate + encode + crc32): %.2f s\n", seconds(t1));
    std::printf("peak memory after write: %.2f GiB\n", peakRssGiB());
  }
  auto t2 = std::chrono::steady_clock::now();
  ImageOrError read = readImageFile(path, {"loihi", "0123456789abcdef"});
  if (auto *error = std::get_if<std::string>(&read)) {
    std::fprintf(stderr, "error: %s\n", error->c_str());
    return 1;
  }
  double readSeconds = seconds(t2);
  uint64_t readSynapses = 0;
  for (const Core &c : std::get<Image>(read).cores)
    readSynapses += c.numSynapses();
  std::FILE *f = std::fopen(path.c_str(), "rb");
  std::fseek(f, 0, SEEK_END);
  long size = std::ftell(f);
  std::fclose(f);
  std::printf("read (load + crc32 + decode + validate): %.2f s, %llu "
              "synapses back\n",
              readSeconds, (unsigned long long)readSynapses);
  std::printf("file: %s, %.1f MiB (%.2f bytes per synapse)\n", path.c_str(),
              size / (1024.0 * 1024.0), double(size) / double(synapses));
  std::printf("peak memory: %.2f GiB\n", peakRssGiB());
  if (argc <= 3)
    std::remove(path.c_str());
  return readSynapses == synapses ? 0 : 1;
}
