//===- SpikeFileIO.cpp - input and output spike files ---------------------===//
//
// JSON through nlohmann-json; .npy headers through xtensor's npy reader
// (xt::detail::parse_header) and the data decoded here so that every numeric
// dtype, either byte order and Fortran order are accepted.
//
//
// Longer than 600 lines: the readers and writers of the two spike file
// formats share the error type, the place names in messages and the row
// checks; the .npy decoder is the largest piece (every dtype and order).
//===----------------------------------------------------------------------===//

#include "spikec/IO/SpikeFileIO.h"
#include "spikec/Support/JSONParse.h"
#include "spikec/Support/JSONTensor.h"
#include "spikec/Support/OutputFile.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>
#include <xtensor/xadapt.hpp>
#include <xtensor/xnpy.hpp>

#include <cmath>
#include <cstring>
#include <sstream>

using namespace spikec;
using namespace spikec::io;
using json = nlohmann::json;

namespace {

/// A problem at a place in a file: a JSON pointer or a description.
struct FileError {
  std::string place;
  std::string message;
};

[[noreturn]] void fail(std::string place, std::string message) {
  throw FileError{std::move(place), std::move(message)};
}

std::string shapeString(llvm::ArrayRef<int64_t> shape) {
  std::string out;
  for (auto [i, d] : llvm::enumerate(shape))
    out += (i ? "x" : "") + std::to_string(d);
  return out.empty() ? "a scalar" : out;
}

std::string nameList(llvm::ArrayRef<InputSpec> inputs) {
  std::string out;
  for (auto [i, in] : llvm::enumerate(inputs))
    out += (i ? ", " : "") + in.name;
  return out;
}

double getNumber(const json &j, const std::string &ptr) {
  if (!j.is_number()) {
    std::string extra;
    if (j.is_string()) {
      std::string s = llvm::StringRef(j.get<std::string>()).trim().lower();
      llvm::StringRef t = s;
      t.consume_front("-") || t.consume_front("+");
      if (t == "nan" || t == "inf" || t == "infinity")
        extra = " (NaN and infinity are not allowed)";
    }
    fail(ptr, "expected a number, got " + describeJSONValue(j) + extra);
  }
  double v = j.get<double>();
  if (!std::isfinite(v))
    fail(ptr, "number is out of range (it does not fit a double)");
  return v;
}

/// One timestep's row for `input`: a flat list of width() numbers, a nested
/// list of the input's shape, or a bare number when the input has one value.
std::vector<double> readRow(const json &j, const std::string &ptr,
                            const InputSpec &input, size_t t) {
  int64_t width = input.width();
  std::vector<double> row;
  row.reserve(width);
  if (!j.is_array()) {
    if (width == 1 && (j.is_number() || j.is_string()))
      return {getNumber(j, ptr)};
    fail(ptr, "expected row " + std::to_string(t) + " (a list of " +
                  std::to_string(width) + " values), got " + describeJSONValue(j));
  }
  bool nested = !j.empty() && j[0].is_array() && input.shape.size() > 1;
  if (nested) {
    auto readDouble = [](const json &v, const std::string &p) {
      return getNumber(v, p);
    };
    flattenJSON(j, ptr, input.shape.data(), input.shape.size(), row, readDouble,
                fail);
    return row;
  }
  if (int64_t(j.size()) != width)
    fail(ptr, "row " + std::to_string(t) + " has " + std::to_string(j.size()) +
                  " values, input '" + input.name + "' takes " +
                  std::to_string(width) +
                  (input.shape.size() > 1 ? " (shape " +
                                                shapeString(input.shape) + ")"
                                          : std::string()));
  for (size_t i = 0; i < j.size(); ++i)
    row.push_back(getNumber(j[i], jsonPointerChild(ptr, i)));
  return row;
}

ref::Rows readRows(const json &j, const std::string &ptr,
                   const InputSpec &input) {
  if (!j.is_array())
    fail(ptr, "expected the rows of input '" + input.name +
                  "' (a list with one row per timestep), got " + describeJSONValue(j));
  if (j.empty())
    fail(ptr, "input '" + input.name + "' has no rows");
  ref::Rows rows;
  rows.reserve(j.size());
  for (size_t t = 0; t < j.size(); ++t)
    rows.push_back(readRow(j[t], jsonPointerChild(ptr, t), input, t));
  return rows;
}

/// Reports `e` at `path`.
void report(DiagnosticHandler diagnose, llvm::StringRef path,
            const FileError &e, unsigned line = 0, unsigned column = 0) {
  diagnose({path.str(), line, column,
            (e.place.empty() ? "" : e.place + ": ") + e.message});
}

/// Parses JSON text, reporting syntax errors with line and column and other
/// problems with the JSON pointer of the value.
std::optional<json> readJSON(llvm::StringRef text, llvm::StringRef path,
                             DiagnosticHandler diagnose) {
  auto parsed = spikec::parseJSON(text);
  if (auto *e = std::get_if<JSONParseError>(&parsed)) {
    report(diagnose, path, {e->pointer, e->message}, e->line, e->column);
    return std::nullopt;
  }
  return std::get<json>(std::move(parsed));
}

std::unique_ptr<llvm::MemoryBuffer> readFile(llvm::StringRef path,
                                             DiagnosticHandler diagnose) {
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/false);
  if (!buffer) {
    report(diagnose, path,
           {"", "cannot read the file: " + buffer.getError().message()});
    return nullptr;
  }
  return std::move(*buffer);
}

bool isNpy(llvm::StringRef path) {
  return llvm::StringRef(llvm::sys::path::extension(path)).equals_insensitive(
      ".npy");
}

//===----------------------------------------------------------------------===//
// .npy decoding
//===----------------------------------------------------------------------===//

uint64_t loadUnsigned(const unsigned char *p, unsigned size, bool bigEndian) {
  uint64_t v = 0;
  for (unsigned i = 0; i < size; ++i)
    v |= uint64_t(p[bigEndian ? size - 1 - i : i]) << (8 * i);
  return v;
}

double halfToDouble(uint16_t h) {
  int sign = h >> 15, exp = (h >> 10) & 0x1f, frac = h & 0x3ff;
  double v;
  if (exp == 0)
    v = std::ldexp(frac, -24);
  else if (exp == 31)
    v = frac ? NAN : INFINITY;
  else
    v = std::ldexp(frac + 1024, exp - 25);
  return sign ? -v : v;
}

/// The value of element `p` of dtype kind/size.
double decode(const unsigned char *p, char kind, unsigned size,
              bool bigEndian) {
  uint64_t bits = loadUnsigned(p, size, bigEndian);
  switch (kind) {
  case 'b':
    return bits != 0;
  case 'u':
    return double(bits);
  case 'i': {
    if (size < 8 && (bits >> (8 * size - 1)) & 1)
      bits |= ~uint64_t(0) << (8 * size);
    return double(int64_t(bits));
  }
  case 'f':
    if (size == 2)
      return halfToDouble(uint16_t(bits));
    if (size == 4) {
      uint32_t b = uint32_t(bits);
      float f;
      std::memcpy(&f, &b, 4);
      return f;
    }
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
  }
  return NAN;
}

/// Any numeric .npy array, in C order, every value finite; errors name the
/// element by its index.
NpyArray decodeNpyArray(llvm::StringRef bytes) {
  const std::string place = "";
  if (bytes.size() < 10 || !bytes.starts_with("\x93NUMPY"))
    fail(place, "not an .npy file (no \\x93NUMPY magic)");
  unsigned major = (unsigned char)bytes[6];
  size_t headerStart, headerLen;
  if (major == 1) {
    headerLen = loadUnsigned(bytes.bytes_begin() + 8, 2, false);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      fail(place, "truncated .npy header");
    headerLen = loadUnsigned(bytes.bytes_begin() + 8, 4, false);
    headerStart = 12;
  } else {
    fail(place, "unsupported .npy format version " + std::to_string(major));
  }
  if (headerStart + headerLen > bytes.size())
    fail(place, "truncated .npy header");
  std::string header = bytes.substr(headerStart, headerLen).str();

  // xtensor's parser takes back() of an empty string (undefined behaviour)
  // on an empty header or an empty shape value: refused here first.
  {
    std::string compact = header;
    llvm::erase(compact, ' ');
    if (compact.empty() || compact == "\n")
      fail(place, "bad .npy header: empty");
    size_t key = compact.find("'shape'");
    if (key != std::string::npos) {
      size_t colon = compact.find(':', key);
      if (colon == std::string::npos || colon + 1 >= compact.size() ||
          compact[colon + 1] != '(')
        fail(place, "bad .npy header: the shape is not a tuple");
    }
  }
  std::string descr;
  bool fortran = false;
  std::vector<size_t> shape;
  try {
    xt::detail::parse_header(header, descr, &fortran, shape);
  } catch (const std::exception &e) {
    llvm::StringRef d = header;
    size_t pos = d.find("'descr'");
    std::string what = e.what();
    if (what == "invalid typestring" && pos != llvm::StringRef::npos) {
      llvm::StringRef rest = d.drop_front(pos + 7).ltrim(" :").ltrim();
      rest = rest.take_until([](char c) { return c == ',' || c == '}'; });
      fail(place, "dtype " + rest.trim().str() +
                      " is not numeric (expected an integer, float or "
                      "bool array)");
    }
    fail(place, "bad .npy header: " + what);
  }
  if (descr.size() < 3)
    fail(place, "bad .npy dtype '" + descr + "'");
  char order = descr[0], kind = descr[1];
  unsigned size = 0;
  if (llvm::StringRef(descr).drop_front(2).getAsInteger(10, size))
    fail(place, "bad .npy dtype '" + descr + "'");
  bool supported = (kind == 'b' && size == 1) ||
                   ((kind == 'i' || kind == 'u') &&
                    (size == 1 || size == 2 || size == 4 || size == 8)) ||
                   (kind == 'f' && (size == 2 || size == 4 || size == 8));
  if (!supported)
    fail(place, "dtype '" + descr + "' is not supported (expected an integer, "
                                    "float or bool array)");
  bool bigEndian = order == '>';

  uint64_t count = 1;
  for (size_t d : shape)
    count = d != 0 && count > (uint64_t(1) << 40) / d ? 0 : count * d;
  std::vector<int64_t> shape64(shape.begin(), shape.end());
  if (count == 0 && !shape.empty() &&
      std::find(shape.begin(), shape.end(), 0) == shape.end())
    fail(place, "shape " + shapeString(shape64) +
                    " holds more than 2^40 values");
  size_t dataStart = headerStart + headerLen;
  if (bytes.size() - dataStart < count * size)
    fail(place, "truncated data: shape " + shapeString(shape64) + " needs " +
                    std::to_string(count * size) + " bytes, the file has " +
                    std::to_string(bytes.size() - dataStart));

  // Element strides in the file, for C or Fortran order.
  std::vector<size_t> stride(shape.size());
  size_t s = 1;
  if (fortran)
    for (size_t d = 0; d < shape.size(); ++d) {
      stride[d] = s;
      s *= shape[d];
    }
  else
    for (size_t d = shape.size(); d-- > 0;) {
      stride[d] = s;
      s *= shape[d];
    }
  const unsigned char *data = bytes.bytes_begin() + dataStart;
  NpyArray out;
  out.shape = shape64;
  out.values.resize(count);
  std::vector<size_t> idx(shape.size(), 0);
  for (size_t flat = 0; flat < count; ++flat) {
    size_t off = 0;
    for (size_t d = 0; d < shape.size(); ++d)
      off += idx[d] * stride[d];
    double v = decode(data + off * size, kind, size, bigEndian);
    if (!std::isfinite(v)) {
      // Rows are the first dimension, as in a spike file.
      size_t width = shape.empty() || shape[0] == 0 ? 1 : count / shape[0];
      std::string where = shape.size() < 2
                              ? "element " + std::to_string(flat)
                              : "row " + std::to_string(flat / width) +
                                    ", column " + std::to_string(flat % width);
      fail(where, std::string("value is ") +
                      (std::isnan(v) ? "NaN" : "infinite") +
                      " (inputs must be finite)");
    }
    out.values[flat] = v;
    for (size_t d = shape.size(); d-- > 0;) {
      if (++idx[d] < shape[d])
        break;
      idx[d] = 0;
    }
  }
  return out;
}

/// A spike file's .npy: T x (the input's shape, or its width).
ref::Rows decodeNpy(llvm::StringRef bytes, const InputSpec &input) {
  NpyArray a = decodeNpyArray(bytes);
  const std::string place = "";
  if (a.shape.size() < 2)
    fail(place, "expected a T x N array (one row per timestep), got " +
                    std::to_string(a.shape.size()) + " dimension" +
                    (a.shape.size() == 1 ? "" : "s") +
                    (a.shape.size() == 1
                         ? " (shape (" + std::to_string(a.shape[0]) +
                               ",)); reshape it to (T, " +
                               std::to_string(input.width()) + ")"
                         : std::string()));
  size_t t = a.shape[0];
  uint64_t width = t ? a.values.size() / t : 0;
  if (t && int64_t(width) != input.width())
    fail(place, "rows have " + std::to_string(width) + " values (shape " +
                    shapeString(a.shape) + "), input '" + input.name +
                    "' takes " + std::to_string(input.width()));
  if (t == 0)
    fail(place, "the array has no rows");
  ref::Rows rows(t);
  for (size_t r = 0; r < t; ++r)
    rows[r].assign(a.values.begin() + r * width,
                   a.values.begin() + (r + 1) * width);
  return rows;
}

//===----------------------------------------------------------------------===//
// Output
//===----------------------------------------------------------------------===//

/// Integral values print as integers (spikes as 0 and 1), others as the
/// shortest decimal that reads back to the same double; NaN and infinity,
/// which JSON cannot hold, as null.
void printNumber(llvm::raw_ostream &os, double v) {
  if (!std::isfinite(v)) {
    os << "null";
    return;
  }
  if (v == std::trunc(v) && std::fabs(v) < 9.007199254740992e15) {
    os << int64_t(v);
    return;
  }
  os << json(v).dump();
}

void printRows(llvm::raw_ostream &os, const ref::Rows &rows,
               llvm::StringRef indent) {
  os << "[";
  for (auto [t, row] : llvm::enumerate(rows)) {
    os << (t ? ",\n" : "\n") << indent << "  [";
    for (auto [i, v] : llvm::enumerate(row)) {
      if (i)
        os << ", ";
      printNumber(os, v);
    }
    os << "]";
  }
  if (!rows.empty())
    os << "\n" << indent;
  os << "]";
}

void printMap(llvm::raw_ostream &os, const std::map<std::string, ref::Rows> &m) {
  os << "{";
  bool first = true;
  for (const auto &[name, rows] : m) {
    os << (first ? "\n" : ",\n") << "    " << json(name).dump() << ": ";
    printRows(os, rows, "    ");
    first = false;
  }
  if (!m.empty())
    os << "\n  ";
  os << "}";
}

std::string sanitizeFileName(llvm::StringRef name) {
  std::string out;
  for (char c : name)
    out += (llvm::isAlnum(c) || c == '_' || c == '-' || c == '.') ? c : '_';
  return out.empty() ? "_" : out;
}

std::string npyPath(llvm::StringRef path, llvm::StringRef middle) {
  llvm::SmallString<256> out(llvm::sys::path::parent_path(path));
  llvm::sys::path::append(out, llvm::sys::path::stem(path) + "." + middle +
                                   ".npy");
  return std::string(out);
}

void writeNpyFile(const std::string &file, const ref::Rows &rows) {
  size_t t = rows.size(), n = rows.empty() ? 0 : rows[0].size();
  std::vector<double> flat;
  flat.reserve(t * n);
  for (const auto &row : rows) {
    if (row.size() != n)
      fail("", "rows of different widths cannot be written to " + file);
    flat.insert(flat.end(), row.begin(), row.end());
  }
  std::vector<size_t> shape{t, n};
  std::string why =
      writeFileAtomically(file, xt::dump_npy(xt::adapt(flat, shape)));
  if (!why.empty())
    fail("", why);
}

} // namespace

//===----------------------------------------------------------------------===//
// Public interface
//===----------------------------------------------------------------------===//

int64_t InputSpec::width() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::vector<InputSpec> spikec::io::getInputSpecs(const image::Image &img) {
  std::vector<InputSpec> specs;
  for (const image::Input &in : img.inputs) {
    InputSpec spec;
    spec.name = in.name;
    if (in.shape.empty())
      spec.shape = {int64_t(in.width)};
    else
      spec.shape.assign(in.shape.begin(), in.shape.end());
    specs.push_back(std::move(spec));
  }
  return specs;
}

std::optional<ref::InputRows>
spikec::io::parseInputJSON(llvm::StringRef text, llvm::StringRef path,
                           llvm::ArrayRef<InputSpec> inputs,
                           DiagnosticHandler diagnose) {
  std::optional<json> root = readJSON(text, path, diagnose);
  if (!root)
    return std::nullopt;
  try {
    ref::InputRows result;
    if (root->is_array()) {
      if (inputs.size() != 1)
        fail("", "a list of rows needs a network with one input; this one "
                 "has " +
                     std::to_string(inputs.size()) + " (" + nameList(inputs) +
                     "): give an object {\"<input name>\": rows}");
      result[inputs[0].name] = readRows(*root, "", inputs[0]);
      return result;
    }
    if (!root->is_object())
      fail("", "expected a list of rows or an object {\"<input name>\": "
               "rows}, got " +
                   describeJSONValue(*root));
    for (auto it = root->begin(); it != root->end(); ++it) {
      const InputSpec *spec = nullptr;
      for (const InputSpec &in : inputs)
        if (in.name == it.key())
          spec = &in;
      std::string p = jsonPointerChild("", it.key());
      if (!spec)
        fail(p, "unknown input '" + it.key() + "' (the network's inputs: " +
                    nameList(inputs) + ")");
      result[spec->name] = readRows(*it, p, *spec);
    }
    return result;
  } catch (const FileError &e) {
    report(diagnose, path, e);
    return std::nullopt;
  }
}

std::optional<ref::Rows> spikec::io::parseNpy(llvm::StringRef bytes,
                                              llvm::StringRef path,
                                              const InputSpec &input,
                                              DiagnosticHandler diagnose) {
  try {
    return decodeNpy(bytes, input);
  } catch (const FileError &e) {
    report(diagnose, path, e);
    return std::nullopt;
  }
}

std::optional<NpyArray> spikec::io::readNpyArray(llvm::StringRef path,
                                                 DiagnosticHandler diagnose) {
  auto buffer = readFile(path, diagnose);
  if (!buffer)
    return std::nullopt;
  try {
    return decodeNpyArray(buffer->getBuffer());
  } catch (const FileError &e) {
    report(diagnose, path, e);
    return std::nullopt;
  }
}

std::optional<ref::InputRows>
spikec::io::readInputFile(llvm::StringRef path,
                          llvm::ArrayRef<InputSpec> inputs,
                          DiagnosticHandler diagnose) {
  auto buffer = readFile(path, diagnose);
  if (!buffer)
    return std::nullopt;
  if (!isNpy(path))
    return parseInputJSON(buffer->getBuffer(), path, inputs, diagnose);
  if (inputs.size() != 1) {
    report(diagnose, path,
           {"", "an .npy file holds one input, and the network has " +
                    std::to_string(inputs.size()) + " (" + nameList(inputs) +
                    "): give one file per input with --input=<name>=<file>"});
    return std::nullopt;
  }
  auto rows = parseNpy(buffer->getBuffer(), path, inputs[0], diagnose);
  if (!rows)
    return std::nullopt;
  ref::InputRows result;
  result[inputs[0].name] = std::move(*rows);
  return result;
}

std::optional<ref::Rows> spikec::io::readInputRows(llvm::StringRef path,
                                                   const InputSpec &input,
                                                   DiagnosticHandler diagnose) {
  auto buffer = readFile(path, diagnose);
  if (!buffer)
    return std::nullopt;
  if (isNpy(path))
    return parseNpy(buffer->getBuffer(), path, input, diagnose);
  std::optional<json> root = readJSON(buffer->getBuffer(), path, diagnose);
  if (!root)
    return std::nullopt;
  try {
    return readRows(*root, "", input);
  } catch (const FileError &e) {
    report(diagnose, path, e);
    return std::nullopt;
  }
}

std::string spikec::io::traceToJSON(const ref::Trace &trace) {
  std::string out;
  llvm::raw_string_ostream os(out);
  os << "{\n  \"timesteps\": " << trace.timesteps << ",\n  \"outputs\": ";
  printMap(os, trace.outputs);
  os << ",\n  \"probes\": ";
  printMap(os, trace.probes);
  os << "\n}\n";
  return out;
}

std::string spikec::io::npyOutputPath(llvm::StringRef path,
                                      llvm::StringRef name) {
  return npyPath(path, sanitizeFileName(name));
}

std::string spikec::io::npyProbePath(llvm::StringRef path,
                                     llvm::StringRef probe) {
  auto [node, var] = probe.rsplit(':');
  return npyPath(path, "probe." + sanitizeFileName(node) + "." +
                           sanitizeFileName(var));
}

bool spikec::io::writeTrace(llvm::StringRef path, const ref::Trace &trace,
                            DiagnosticHandler diagnose) {
  if (path == "-") {
    llvm::outs() << traceToJSON(trace);
    llvm::outs().flush();
    return true;
  }
  if (isNpy(path)) {
    std::string file;
    try {
      for (const auto &[name, rows] : trace.outputs) {
        file = npyOutputPath(path, name);
        writeNpyFile(file, rows);
      }
      for (const auto &[probe, rows] : trace.probes) {
        file = npyProbePath(path, probe);
        writeNpyFile(file, rows);
      }
    } catch (const FileError &e) {
      report(diagnose, path, e);
      return false;
    } catch (const std::exception &e) {
      report(diagnose, file, {"", std::string("cannot write: ") + e.what()});
      return false;
    }
    return true;
  }
  std::string why = writeFileAtomically(path, [&](llvm::raw_ostream &os) {
    os << traceToJSON(trace);
    return std::string();
  });
  if (!why.empty()) {
    report(diagnose, path, {"", why});
    return false;
  }
  return true;
}

std::optional<ref::InputRows> spikec::io::readInputArgs(
    llvm::ArrayRef<std::string> args, llvm::ArrayRef<InputSpec> inputs,
    DiagnosticHandler diagnose, std::map<std::string, std::string> *fileOf) {
  auto argsError = [&](std::string message) {
    diagnose({std::nullopt, 0, 0, std::move(message)});
  };
  if (args.empty()) {
    argsError("no input: give --input=FILE");
    return std::nullopt;
  }
  ref::InputRows rows;
  std::map<std::string, std::string> from; // input name -> file
  for (const std::string &arg : args) {
    const InputSpec *named = nullptr;
    std::string file = arg;
    if (size_t eq = arg.find('='); eq != std::string::npos)
      for (const InputSpec &spec : inputs)
        if (spec.name == arg.substr(0, eq)) {
          named = &spec;
          file = arg.substr(eq + 1);
        }
    ref::InputRows got;
    if (named) {
      auto r = readInputRows(file, *named, diagnose);
      if (!r)
        return std::nullopt;
      got[named->name] = std::move(*r);
    } else {
      auto r = readInputFile(file, inputs, diagnose);
      if (!r)
        return std::nullopt;
      got = std::move(*r);
    }
    for (auto &[name, r] : got) {
      if (from.count(name)) {
        argsError("input '" + name + "' is given twice (in " + from[name] +
                  " and " + file + ")");
        return std::nullopt;
      }
      from[name] = file;
      rows[name] = std::move(r);
    }
  }
  for (const InputSpec &spec : inputs)
    if (!rows.count(spec.name)) {
      argsError("no rows for input '" + spec.name +
                "'; give them with --input=" + spec.name + "=FILE");
      return std::nullopt;
    }
  if (fileOf)
    *fileOf = std::move(from);
  return rows;
}
