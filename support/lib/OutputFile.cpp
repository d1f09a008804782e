//===- OutputFile.cpp - Files written whole or not at all -----------------===//

#include "spikec/Support/OutputFile.h"

#include "llvm/Support/Errc.h"
#include "llvm/Support/Error.h"

using namespace spikec;

static std::string cannotWrite(llvm::StringRef path, const std::string &why) {
  return "cannot write '" + path.str() + "': " + why;
}

OutputFile::~OutputFile() { discard(); }

std::string OutputFile::open(llvm::StringRef file) {
  discard();
  path = file.str();
  if (path == "-") {
    toStdout = true;
    return "";
  }
  llvm::sys::fs::file_status st;
  if (!llvm::sys::fs::status(path, st) && llvm::sys::fs::exists(st) &&
      st.type() != llvm::sys::fs::file_type::regular_file) {
    if (st.type() == llvm::sys::fs::file_type::directory_file)
      return cannotWrite(path, "it is a directory");
    std::error_code ec;
    stream = std::make_unique<llvm::raw_fd_ostream>(path, ec);
    if (ec) {
      stream.reset();
      return cannotWrite(path, ec.message());
    }
    return "";
  }
  // TempFile registers the temporary for removal on SIGINT and friends.
  llvm::Expected<llvm::sys::fs::TempFile> created =
      llvm::sys::fs::TempFile::create(path + ".tmp-%%%%%%");
  if (!created)
    return cannotWrite(path, llvm::toString(created.takeError()));
  temp.emplace(std::move(*created));
  stream = std::make_unique<llvm::raw_fd_ostream>(temp->FD,
                                                  /*shouldClose=*/false);
  return "";
}

llvm::raw_ostream &OutputFile::os() {
  if (toStdout)
    return llvm::outs();
  return *stream;
}

std::string OutputFile::commit() {
  if (toStdout) {
    llvm::outs().flush();
    toStdout = false;
    return "";
  }
  if (!stream)
    return cannotWrite(path, "not open");
  stream->flush();
  std::string why;
  if (stream->has_error()) {
    why = cannotWrite(path, stream->error().message());
    stream->clear_error();
  }
  if (!temp) {
    // Written in place: close now, so that an error on close is seen.
    stream->close();
    if (why.empty() && stream->has_error())
      why = cannotWrite(path, stream->error().message());
    stream->clear_error();
    stream.reset();
    return why;
  }
  stream.reset();
  if (!why.empty()) {
    discard();
    return why;
  }
  llvm::sys::fs::TempFile t = std::move(*temp);
  temp.reset();
  if (llvm::Error e = t.keep(path)) {
    why = cannotWrite(path, llvm::toString(std::move(e)));
    llvm::consumeError(t.discard());
  }
  return why;
}

llvm::StringRef OutputFile::writtenPath() const {
  return temp ? llvm::StringRef(temp->TmpName) : llvm::StringRef(path);
}

void OutputFile::discard() {
  if (stream) {
    stream->clear_error();
    stream.reset();
  }
  if (temp) {
    llvm::consumeError(temp->discard());
    temp.reset();
  }
  toStdout = false;
}

std::string spikec::writeFileAtomically(
    llvm::StringRef path,
    llvm::function_ref<std::string(llvm::raw_ostream &)> write) {
  OutputFile out;
  if (std::string why = out.open(path); !why.empty())
    return why;
  if (std::string why = write(out.os()); !why.empty()) {
    out.discard();
    return why;
  }
  return out.commit();
}

std::string spikec::writeFileAtomically(llvm::StringRef path,
                                        llvm::StringRef bytes) {
  return writeFileAtomically(path, [&](llvm::raw_ostream &os) {
    os << bytes;
    return std::string();
  });
}
