//===- EncoderConfig.cpp - an input's encoder from its attributes ---------===//

#include "spikec/Kernels/EncoderConfig.h"

#include <cmath>

using namespace spikec;
using namespace spikec::ref;

namespace {
const EncoderAttribute *find(const std::vector<EncoderAttribute> &attrs,
                             const std::string &name) {
  for (const EncoderAttribute &a : attrs)
    if (a.name == name)
      return &a;
  return nullptr;
}

template <typename T> const T *as(const EncoderAttribute *a) {
  return a && a->value ? std::get_if<T>(&*a->value) : nullptr;
}
} // namespace

std::string ref::configureEncoder(const std::string &kind,
                                  const std::vector<EncoderAttribute> &attrs,
                                  EventEncoder &out) {
  // A number attribute (an integer is accepted too), or its default.
  auto number = [&](const char *name, std::optional<double> dflt,
                    double &into) -> std::string {
    const EncoderAttribute *a = find(attrs, name);
    if (!a) {
      if (!dflt)
        return "encoder '" + kind + "' needs attribute '" + name + "'";
      into = *dflt;
      return "";
    }
    if (const double *d = as<double>(a); d && std::isfinite(*d))
      into = *d;
    else if (const int64_t *i = as<int64_t>(a))
      into = double(*i);
    else
      return std::string("encoder attribute '") + name +
             "' must be a finite number, got " + a->shown;
    return "";
  };
  const char *known[2] = {"", ""};
  std::string why;
  if (kind == "direct") {
    out.encoding = Encoding::Direct;
    known[0] = "gain";
    known[1] = "bits";
    if (!(why = number("gain", 1.0, out.gain)).empty())
      return why;
    // `bits`: unsigned multi-bit events (akida's 8-bit first-layer input).
    if (const EncoderAttribute *a = find(attrs, "bits")) {
      const int64_t *i = as<int64_t>(a);
      if (!i || *i < 1 || *i > 31)
        return "encoder attribute 'bits' must be an integer in [1, 31], got " +
               a->shown;
      out.directMin = 0;
      out.directMax = double((int64_t(1) << *i) - 1);
    }
  } else if (kind == "rate") {
    out.encoding = Encoding::Rate;
    known[0] = "gain";
    known[1] = "seed";
    if (!(why = number("gain", 1.0, out.gain)).empty())
      return why;
    if (const EncoderAttribute *a = find(attrs, "seed")) {
      const int64_t *i = as<int64_t>(a);
      if (!i)
        return "encoder attribute 'seed' must be an integer, got " + a->shown;
      out.seed = static_cast<uint64_t>(*i);
    }
  } else if (kind == "latency") {
    out.encoding = Encoding::Latency;
    known[0] = "window";
    known[1] = "threshold";
    const int64_t *w = as<int64_t>(find(attrs, "window"));
    if (!w || *w <= 0)
      return "encoder 'latency' needs an integer attribute 'window' > 0";
    out.window = *w;
    if (!(why = number("threshold", 0.0, out.threshold)).empty())
      return why;
  } else if (kind == "delta") {
    out.encoding = Encoding::Delta;
    known[0] = "threshold";
    known[1] = "off_spikes";
    if (!(why = number("threshold", std::nullopt, out.threshold)).empty())
      return why;
    if (const EncoderAttribute *a = find(attrs, "off_spikes")) {
      const bool *b = as<bool>(a);
      if (!b)
        return "encoder attribute 'off_spikes' must be a bool, got " + a->shown;
      out.offSpikes = *b;
    }
  } else {
    return "unknown encoder kind '" + kind +
           "' (known: direct, rate, latency, delta)";
  }
  for (const EncoderAttribute &a : attrs)
    if (a.name != known[0] && a.name != known[1])
      return "encoder '" + kind + "' has no attribute '" + a.name + "'";
  return "";
}
