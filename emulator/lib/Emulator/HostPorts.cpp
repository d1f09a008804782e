//===- HostPorts.cpp - input ports: encoder attributes and rows -----------===//
//
// The encoder attributes are read by the rules every executor shares
// (EncoderConfig.h), from the image's typed values.
//
//===----------------------------------------------------------------------===//

#include "spikec/Emulator/HostPorts.h"

#include "spikec/Kernels/EncoderConfig.h"
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
} // namespace

std::string HostInput::init(const image::Input &in) {
  port = &in;
  value.assign(in.width, 0);
  activeList.reserve(in.width);
  const image::Encoder &enc = in.encoder;
  if (enc.kind.empty())
    return "";
  std::vector<ref::EncoderAttribute> attrs;
  for (const image::EncoderAttr &a : enc.attrs)
    attrs.push_back(
        {a.name,
         std::visit(
             [](auto v) { return std::variant<int64_t, double, bool>(v); },
             a.value),
         describe(a)});
  if (std::string why = ref::configureEncoder(enc.kind, attrs, encoder);
      !why.empty())
    return "input '" + in.name + "': " + why;
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
