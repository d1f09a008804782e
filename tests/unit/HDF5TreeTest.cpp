//===- HDF5TreeTest.cpp - Decoding the HDF5 reader's CBOR tree ------------===//
//
// The parent decodes what the reader's child sends; bytes that are not a
// tree, or nest deeper than any tree the reader makes, are errors rather
// than a stack overflow in the decoder (found by fuzz-nir_tree).
//
//===----------------------------------------------------------------------===//

#include "spikec/Import/HDF5Tree.h"

#include <doctest/doctest.h>

using nlohmann::json;

namespace {
std::string errorOf(const std::vector<uint8_t> &bytes) {
  auto tree = spikec::decodeHDF5Tree(bytes.data(), bytes.size());
  auto *error = std::get_if<std::string>(&tree);
  return error ? *error : "";
}
} // namespace

TEST_CASE("decodeHDF5Tree gives back a tree it is given") {
  json tree = {{"kind", "group"},
               {"children",
                {{"w",
                  {{"kind", "numeric"},
                   {"shape", {1}},
                   {"data", json::binary({0, 0, 0, 0, 0, 0, 240, 63})}}}}}};
  std::vector<uint8_t> bytes = json::to_cbor(tree);
  auto decoded = spikec::decodeHDF5Tree(bytes.data(), bytes.size());
  REQUIRE(std::holds_alternative<json>(decoded));
  CHECK(std::get<json>(decoded) == tree);
  CHECK(spikec::checkTree(std::get<json>(decoded)) == "");
  CHECK(spikec::numericData(std::get<json>(decoded)["children"]["w"]) ==
        std::vector<double>{1.0});
}

TEST_CASE("decodeHDF5Tree refuses deep nesting and bytes that are not CBOR") {
  // 100000 one-element arrays inside each other: nlohmann's decoder alone
  // recursed once per level and overflowed the stack.
  std::vector<uint8_t> deep(100000, 0x81);
  deep.push_back(0xf6);
  CHECK(errorOf(deep).find("nested deeper than") != std::string::npos);

  // As deep as a tree of 64 nested groups is still read.
  json group = {{"kind", "group"}, {"children", json::object()}};
  for (int i = 0; i < 64; ++i)
    group = {{"kind", "group"}, {"children", {{"g", group}}}};
  CHECK(errorOf(json::to_cbor(group)) == "");

  CHECK(errorOf({0xff, 0x00}).find("cannot decode the HDF5 tree") !=
        std::string::npos);
  CHECK(errorOf({0x82, 0x01}).find("cannot decode the HDF5 tree") !=
        std::string::npos); // truncated array
}
