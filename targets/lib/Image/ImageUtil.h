//===- ImageUtil.h - helpers shared by the image library --------*- C++ -*-===//

#ifndef SPIKEC_IMAGE_LIB_IMAGEUTIL_H
#define SPIKEC_IMAGE_LIB_IMAGEUTIL_H

#include <sstream>
#include <string>

namespace spikec::image::detail {

/// The parts printed one after the other: the messages' builder.
template <typename... Ts> std::string cat(const Ts &...parts) {
  std::ostringstream s;
  (s << ... << parts);
  return s.str();
}

} // namespace spikec::image::detail

#endif // SPIKEC_IMAGE_LIB_IMAGEUTIL_H
