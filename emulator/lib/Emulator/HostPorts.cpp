//===- HostPorts.cpp - input ports: encoder attributes and rows -----------===//
//
// The attributes are read with the quantized reference's rules and messages
// (QuantizedSimulator.cpp, Builder::input), from the image's typed values
// instead of an nc.input's dictionary.
//
//===----------------------------------------------------------------------===//

#include "spikec/Emulator/HostPorts.h"

#include "spikec/Support/FormatNumber.h"

#include <cmath>

namespace spikec::emu {
namespace {

std::string describe(const image::EncoderAttr &a) {
  if (auto *i = std::get_if<int64_t>(&a.value))
    return std::to_string(*i);
  if (auto *d = std::get_if<double>(&a.value))
    return formatExact(*d);
  return std::get<bool>(a.value) ? "true" : "false";
}

const image::EncoderAttr *findAttr(const image::Encoder &e,
                                   const std::string &name) {
  for (const image::EncoderAttr &a : e.attrs)
    if (a.name == name)
      return &a;
  return nullptr;
}

} // namespace

std::string HostInput::init(const image::Input &in) {
  port = &in;
  value.assign(in.width, 0);
  activeList.reserve(in.width);
  const image::Encoder &enc = in.encoder;
  const std::string where = "input '" + in.name + "': ";
  if (enc.kind.empty())
    return "";

  // A number attribute (an integer is accepted too), or its default.
  std::string why;
  auto number = [&](const char *name, bool required, double &into) {
    const image::EncoderAttr *a = findAttr(enc, name);
    if (!a) {
      if (required)
        why = where + "encoder '" + enc.kind + "' needs attribute '" + name +
              "'";
      return;
    }
    if (auto *d = std::get_if<double>(&a->value); d && std::isfinite(*d))
      into = *d;
    else if (auto *i = std::get_if<int64_t>(&a->value))
      into = double(*i);
    else
      why = where + "encoder attribute '" + name +
            "' must be a finite number, got " + describe(*a);
  };
  const char *known[2] = {"", ""};
  if (enc.kind == "direct") {
    encoder.encoding = ref::Encoding::Direct;
    known[0] = "gain";
    known[1] = "bits";
    number("gain", false, encoder.gain);
    // `bits`: unsigned multi-bit events (akida's 8-bit first-layer input).
    if (const image::EncoderAttr *a = findAttr(enc, "bits")) {
      auto *i = std::get_if<int64_t>(&a->value);
      if (!i || *i < 1 || *i > 31)
        return where + "encoder attribute 'bits' must be an integer in "
                       "[1, 31], got " + describe(*a);
      encoder.directMin = 0;
      encoder.directMax = double((int64_t(1) << *i) - 1);
    }
  } else if (enc.kind == "rate") {
    encoder.encoding = ref::Encoding::Rate;
    known[0] = "gain";
    known[1] = "seed";
    number("gain", false, encoder.gain);
    if (const image::EncoderAttr *a = findAttr(enc, "seed")) {
      auto *i = std::get_if<int64_t>(&a->value);
      if (!i)
        return where + "encoder attribute 'seed' must be an integer, got " +
               describe(*a);
      encoder.seed = static_cast<uint64_t>(*i);
    }
  } else if (enc.kind == "latency") {
    encoder.encoding = ref::Encoding::Latency;
    known[0] = "window";
    known[1] = "threshold";
    const image::EncoderAttr *w = findAttr(enc, "window");
    auto *i = w ? std::get_if<int64_t>(&w->value) : nullptr;
    if (!i || *i <= 0)
      return where + "encoder 'latency' needs an integer attribute "
                     "'window' > 0";
    encoder.window = *i;
    number("threshold", false, encoder.threshold);
  } else if (enc.kind == "delta") {
    encoder.encoding = ref::Encoding::Delta;
    known[0] = "threshold";
    known[1] = "off_spikes";
    number("threshold", true, encoder.threshold);
    if (const image::EncoderAttr *a = findAttr(enc, "off_spikes")) {
      auto *b = std::get_if<bool>(&a->value);
      if (!b)
        return where + "encoder attribute 'off_spikes' must be a bool, got " +
               describe(*a);
      encoder.offSpikes = *b;
    }
  } else {
    return where + "unknown encoder kind '" + enc.kind +
           "' (known: direct, rate, latency, delta)";
  }
  if (!why.empty())
    return why;
  for (const image::EncoderAttr &a : enc.attrs)
    if (a.name != known[0] && a.name != known[1])
      return where + "encoder '" + enc.kind + "' has no attribute '" +
             a.name + "'";
  encoder.resize(in.width);
  return "";
}

std::string HostInput::bind(const Rows &r, int64_t timesteps) {
  const std::string where = "input '" + port->name + "': ";
  if (int64_t(r.size()) < timesteps)
    return where + "has " + std::to_string(r.size()) +
           " rows, fewer than the " + std::to_string(timesteps) +
           " timesteps asked for";
  bool encoded = !port->encoder.kind.empty();
  for (int64_t t = 0; t < timesteps; ++t) {
    const std::vector<double> &row = r[t];
    if (row.size() != port->width)
      return where + "row " + std::to_string(t) + " has " +
             std::to_string(row.size()) + " values, the port is " +
             std::to_string(port->width) + " wide";
    for (size_t i = 0; i < row.size(); ++i) {
      double x = row[i];
      bool finite = std::isfinite(x);
      if (finite && (encoded || (x == std::trunc(x) && x >= double(INT32_MIN) &&
                                 x <= double(INT32_MAX))))
        continue;
      return where + "row " + std::to_string(t) + ", element " +
             std::to_string(i) + " is " + formatExact(x) +
             (finite ? ", not an int32 (an input without an encoder takes "
                       "the events themselves)"
                     : ", not a finite number");
    }
  }
  rows = &r;
  return "";
}

void HostInput::encode(int64_t t) {
  const int32_t n = int32_t(port->width);
  encoder.encode((*rows)[t].data(), t, value.data(), n);
  activeList.clear();
  for (int32_t i = 0; i < n; ++i)
    if (value[i] != 0)
      activeList.push_back(uint32_t(i));
}

} // namespace spikec::emu
