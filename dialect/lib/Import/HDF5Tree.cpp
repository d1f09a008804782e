//===- HDF5Tree.cpp - an HDF5 file read into memory, safely ---------------===//

#include "spikec/Import/HDF5Tree.h"

#include <H5Cpp.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using nlohmann::json;

namespace spikec {
namespace {

std::vector<hsize_t> extent(const H5::DataSet &ds, hsize_t &count) {
  H5::DataSpace space = ds.getSpace();
  std::vector<hsize_t> dims(space.getSimpleExtentNdims());
  space.getSimpleExtentDims(dims.data());
  // A corrupt file can declare an extent whose product wraps around (a
  // buffer smaller than what HDF5 then writes) or that no memory holds:
  // refused before anything is allocated. The data must be in the file,
  // up to a generous compression ratio (a fill-value-only dataset, with
  // no storage, up to 1 MiB).
  constexpr hsize_t kMaxElements = hsize_t(1) << 31;
  count = 1;
  for (hsize_t d : dims) {
    if (d != 0 && count > kMaxElements / d)
      throw H5::DataSetIException("extent", "dataset extent too large");
    count *= d;
  }
  hsize_t bytes = count * std::max<size_t>(ds.getDataType().getSize(), 1);
  if (bytes > (hsize_t(1) << 20) && bytes / 1024 > ds.getStorageSize())
    throw H5::DataSetIException(
        "extent", "dataset extent larger than the data the file holds");
  return dims;
}

json readStrings(const H5::DataSet &ds, hsize_t count) {
  H5::StrType type = ds.getStrType();
  json values = json::array();
  if (count == 0)
    return values;
  if (type.isVariableStr()) {
    std::vector<char *> buf(count, nullptr);
    ds.read(buf.data(), type);
    for (char *s : buf)
      values.push_back(s ? std::string(s) : std::string());
    H5::DataSpace space = ds.getSpace();
    H5Dvlen_reclaim(type.getId(), space.getId(), H5P_DEFAULT, buf.data());
  } else {
    size_t len = type.getSize();
    std::vector<char> buf(count * len);
    ds.read(buf.data(), type);
    for (hsize_t i = 0; i < count; ++i)
      values.push_back(std::string(&buf[i * len], strnlen(&buf[i * len], len)));
  }
  return values;
}

/// Enums (h5py's bool) are read as their base integers.
std::vector<double> readEnum(const H5::DataSet &ds, hsize_t count) {
  H5::EnumType type = ds.getEnumType();
  size_t size = type.getSize();
  std::vector<unsigned char> raw(count * size);
  ds.read(raw.data(), type);
  std::vector<double> out(count);
  for (hsize_t i = 0; i < count; ++i) {
    int64_t v = 0;
    std::memcpy(&v, &raw[i * size], std::min<size_t>(size, sizeof v));
    out[i] = static_cast<double>(v);
  }
  return out;
}

json toBinary(const std::vector<double> &data) {
  std::vector<uint8_t> bytes(data.size() * sizeof(double));
  if (!bytes.empty()) // memcpy from an empty vector's null data is UB
    std::memcpy(bytes.data(), data.data(), bytes.size());
  return json::binary(std::move(bytes));
}

json readDataset(const H5::DataSet &ds) {
  hsize_t count = 0;
  std::vector<hsize_t> dims = extent(ds, count);
  json node{{"shape", dims}};
  switch (ds.getTypeClass()) {
  case H5T_FLOAT:
  case H5T_INTEGER: {
    std::vector<double> data(count);
    if (count)
      ds.read(data.data(), H5::PredType::NATIVE_DOUBLE);
    node["kind"] = "numeric";
    node["data"] = toBinary(data);
    break;
  }
  case H5T_ENUM:
    node["kind"] = "numeric";
    node["data"] = toBinary(readEnum(ds, count));
    break;
  case H5T_STRING:
    node["kind"] = "string";
    node["values"] = readStrings(ds, count);
    break;
  default:
    node["kind"] = "unsupported";
    node["class"] = static_cast<int>(ds.getTypeClass());
  }
  return node;
}

/// Deeper nesting is no network file, and a corrupt one could nest (or
/// link a group into itself) until the stack runs out.
constexpr int kMaxDepth = 64;

json readGroup(const H5::Group &group, int depth = 0) {
  if (depth > kMaxDepth)
    throw H5::GroupIException("readGroup", "groups nested deeper than " +
                                               std::to_string(kMaxDepth));
  json children = json::object();
  hsize_t n = group.getNumObjs();
  for (hsize_t i = 0; i < n; ++i) {
    std::string name = group.getObjnameByIdx(i);
    H5O_type_t type = group.childObjType(name);
    if (type == H5O_TYPE_GROUP)
      children[name] = readGroup(group.openGroup(name), depth + 1);
    else if (type == H5O_TYPE_DATASET)
      children[name] = readDataset(group.openDataSet(name));
  }
  return json{{"kind", "group"}, {"children", std::move(children)}};
}

/// Runs in the child: the tree as 'O' + CBOR, or 'E' + a message.
std::vector<uint8_t> readInChild(const std::string &path) {
  H5::Exception::dontPrint();
  std::vector<uint8_t> out;
  try {
    if (!H5::H5File::isHdf5(path)) {
      std::string m = "not an HDF5 file";
      out.push_back('E');
      out.insert(out.end(), m.begin(), m.end());
      return out;
    }
    H5::H5File file(path, H5F_ACC_RDONLY);
    json tree = readGroup(file.openGroup("/"));
    out.push_back('O');
    json::to_cbor(tree, out);
  } catch (const H5::Exception &e) {
    std::string m = "HDF5 error (truncated or corrupt file?): " +
                    e.getFuncName() + ": " + e.getDetailMsg();
    out.assign(1, 'E');
    out.insert(out.end(), m.begin(), m.end());
  } catch (const std::exception &e) {
    std::string m = std::string("cannot read: ") + e.what();
    out.assign(1, 'E');
    out.insert(out.end(), m.begin(), m.end());
  }
  return out;
}

bool writeAll(int fd, const uint8_t *data, size_t size) {
  while (size) {
    ssize_t n = write(fd, data, size);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    data += n;
    size -= n;
  }
  return true;
}

/// What the reader sent ('O' + CBOR or 'E' + a message) as a tree or the
/// message.
std::variant<json, std::string> fromReader(const std::vector<uint8_t> &bytes) {
  if (bytes.empty() || (bytes[0] != 'O' && bytes[0] != 'E'))
    return std::string("the HDF5 reader failed without a message");
  if (bytes[0] == 'E')
    return std::string(bytes.begin() + 1, bytes.end());
  return decodeHDF5Tree(bytes.data() + 1, bytes.size() - 1);
}

} // namespace

std::vector<double> numericData(const json &node) {
  const auto &bytes = node["data"].get_binary();
  std::vector<double> out(bytes.size() / sizeof(double));
  if (!out.empty())
    std::memcpy(out.data(), bytes.data(), out.size() * sizeof(double));
  return out;
}

std::variant<json, std::string> readHDF5Tree(const std::string &path,
                                             unsigned cpuSeconds) {
  if (access(path.c_str(), R_OK) != 0)
    return std::string("cannot open: ") + std::strerror(errno);
  if (cpuSeconds == 0) {
    struct stat st;
    uint64_t megabytes = stat(path.c_str(), &st) == 0 ? st.st_size >> 20 : 0;
    cpuSeconds = unsigned(std::min<uint64_t>(10 + megabytes, 3600));
  }
  int fds[2];
  if (pipe(fds) != 0)
    return std::string("cannot create a pipe: ") + std::strerror(errno);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return std::string("cannot fork: ") + std::strerror(errno);
  }
  if (pid == 0) {
    close(fds[0]);
    // Die of the signal, so the parent can tell: no handler of the host
    // program (a test runner's, say) may catch it in here.
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGXCPU})
      signal(sig, SIG_DFL);
    rlimit cpu{cpuSeconds, cpuSeconds + 1};
    setrlimit(RLIMIT_CPU, &cpu);
    std::vector<uint8_t> out = readInChild(path);
    _exit(writeAll(fds[1], out.data(), out.size()) ? 0 : 1);
  }
  close(fds[1]);
  std::vector<uint8_t> bytes;
  uint8_t buf[1 << 16];
  while (true) {
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    bytes.insert(bytes.end(), buf, buf + n);
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU ||
                               WTERMSIG(status) == SIGKILL))
    return "the HDF5 library did not finish reading the file within " +
           std::to_string(cpuSeconds) + " s of CPU time: it is corrupt";
  if (WIFSIGNALED(status))
    return "the HDF5 library crashed reading the file (signal " +
           std::to_string(WTERMSIG(status)) + "): it is corrupt";
  return fromReader(bytes);
}

std::variant<json, std::string> readHDF5TreeInProcess(const std::string &path) {
  if (access(path.c_str(), R_OK) != 0)
    return std::string("cannot open: ") + std::strerror(errno);
  H5::Exception::dontPrint();
  return fromReader(readInChild(path));
}

namespace {
/// nlohmann's DOM builder behind a nesting limit: its SAX interface is a
/// template parameter, so this forwards every event and stops the decoder
/// (by returning false) at the first container too deep.
class DepthLimitedBuilder {
public:
  explicit DepthLimitedBuilder(json &out) : dom(out, /*allow_exceptions=*/false) {}
  // A group is two levels (node, children), a dataset at most two more.
  static constexpr int kMaxNesting = 2 * kMaxDepth + 8;
  bool tooDeep = false;

  bool null() { return dom.null(); }
  bool boolean(bool v) { return dom.boolean(v); }
  bool number_integer(json::number_integer_t v) { return dom.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) {
    return dom.number_unsigned(v);
  }
  bool number_float(json::number_float_t v, const std::string &s) {
    return dom.number_float(v, s);
  }
  bool string(std::string &v) { return dom.string(v); }
  bool binary(json::binary_t &v) { return dom.binary(v); }
  bool key(std::string &v) { return dom.key(v); }
  bool start_object(std::size_t n) { return enter() && dom.start_object(n); }
  bool end_object() { return leave() && dom.end_object(); }
  bool start_array(std::size_t n) { return enter() && dom.start_array(n); }
  bool end_array() { return leave() && dom.end_array(); }
  bool parse_error(std::size_t pos, const std::string &token,
                   const nlohmann::detail::exception &e) {
    return dom.parse_error(pos, token, e);
  }

private:
  bool enter() {
    tooDeep = ++depth > kMaxNesting;
    return !tooDeep;
  }
  bool leave() {
    --depth;
    return true;
  }
  nlohmann::detail::json_sax_dom_parser<json> dom;
  int depth = 0;
};
} // namespace

std::variant<json, std::string> decodeHDF5Tree(const uint8_t *bytes,
                                               size_t size) {
  json tree;
  DepthLimitedBuilder builder(tree);
  bool ok = false;
  try {
    ok = json::sax_parse(bytes, bytes + size, &builder,
                         json::input_format_t::cbor);
  } catch (const json::exception &e) {
    return std::string("cannot decode the HDF5 tree: ") + e.what();
  }
  if (builder.tooDeep)
    return "cannot decode the HDF5 tree: nested deeper than " +
           std::to_string(DepthLimitedBuilder::kMaxNesting) + " levels";
  if (!ok)
    return std::string("cannot decode the HDF5 tree: not CBOR");
  return tree;
}

void failTree(const std::string &message) { throw HDF5TreeError{message}; }

namespace {
/// Checks `node` at `where` ("" for the root) and below; "" or what is wrong.
std::string checkNode(const json &node, const std::string &where,
                      int depth) {
  auto bad = [&](const std::string &what) {
    return "malformed HDF5 tree at '" + (where.empty() ? "/" : where) +
           "': " + what;
  };
  if (!node.is_object() || !node.contains("kind") ||
      !node["kind"].is_string())
    return bad("not a node");
  const std::string &kind = node["kind"].get_ref<const std::string &>();
  if (kind == "group") {
    if (!node.contains("children") || !node["children"].is_object())
      return bad("a group without children");
    if (depth > kMaxDepth)
      return bad("groups nested deeper than " + std::to_string(kMaxDepth));
    for (const auto &[name, child] : node["children"].items())
      if (std::string why = checkNode(child, where + "/" + name, depth + 1);
          !why.empty())
        return why;
    return "";
  }
  if (kind == "unsupported")
    return "";
  if (kind != "numeric" && kind != "string")
    return bad("unknown kind");
  // Element counts within what the reader accepts (extent()), so that
  // their product cannot wrap.
  if (!node.contains("shape") || !node["shape"].is_array())
    return bad("no shape");
  uint64_t count = 1;
  for (const json &d : node["shape"]) {
    if (!d.is_number_unsigned() || d.get<uint64_t>() > (uint64_t(1) << 31))
      return bad("a shape that is not a list of sizes");
    count *= d.get<uint64_t>();
    if (count > (uint64_t(1) << 31))
      return bad("a shape too large");
  }
  if (kind == "numeric") {
    if (!node.contains("data") || !node["data"].is_binary() ||
        node["data"].get_binary().size() != count * sizeof(double))
      return bad("data that does not match its shape");
    return "";
  }
  if (!node.contains("values") || !node["values"].is_array() ||
      node["values"].size() != count)
    return bad("strings that do not match their shape");
  for (const json &v : node["values"])
    if (!v.is_string())
      return bad("a string value that is not a string");
  return "";
}
} // namespace

std::string checkTree(const json &tree) {
  std::string why = checkNode(tree, "", 0);
  if (why.empty() && tree["kind"] != "group")
    why = "malformed HDF5 tree: the root is not a group";
  return why;
}

const json &HDF5Group::field(const std::string &name, const char *kind) const {
  if (!has(name))
    failTree(place + ": missing '" + name + "'");
  const json &f = children()[name];
  if (f["kind"] != kind) {
    std::string want = kind;
    failTree(place + ": '" + name + "' is not " +
             (want == "numeric"  ? "numeric"
              : want == "string" ? "a string"
                                 : "a group"));
  }
  return f;
}

HDF5Array HDF5Group::numeric(const std::string &name) const {
  const json &f = field(name, "numeric");
  HDF5Array a;
  for (const json &d : f["shape"])
    a.shape.push_back(d.get<int64_t>());
  a.values = numericData(f);
  return a;
}

int64_t HDF5Group::integer(const std::string &name) const {
  HDF5Array a = numeric(name);
  if (a.size() != 1 || a.values[0] != std::floor(a.values[0]) ||
      std::fabs(a.values[0]) > 1e15)
    failTree(place + ": '" + name + "' must be a single integer");
  return static_cast<int64_t>(a.values[0]);
}

std::string HDF5Group::string(const std::string &name) const {
  const json &f = field(name, "string");
  if (f["values"].size() != 1)
    failTree(place + ": '" + name + "' must be a single string");
  return f["values"][0].get<std::string>();
}

} // namespace spikec
