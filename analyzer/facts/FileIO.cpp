#include "facts/FileIO.h"

#include "llvm/Support/Errc.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace retrylint {

namespace {

/// The problem with an input of this status, or "".
std::string inputProblem(const std::string &path, const llvm::sys::fs::file_status &status,
                         uint64_t maxBytes) {
  if (!llvm::sys::fs::is_regular_file(status))
    return "'" + path + "' is not a regular file";
  if (status.getSize() > maxBytes)
    return "'" + path + "' is too large (" + std::to_string(status.getSize()) +
           " bytes; the limit is " + std::to_string(maxBytes) + ")";
  return {};
}

} // namespace

std::string checkInputFile(const std::string &path, uint64_t maxBytes) {
  llvm::sys::fs::file_status status;
  if (std::error_code ec = llvm::sys::fs::status(path, status))
    return "cannot read '" + path + "': " + ec.message();
  return inputProblem(path, status, maxBytes);
}

std::string readInputFile(const std::string &path, uint64_t maxBytes, std::string &content) {
  // Checked on the open descriptor: the file read is the file checked.
  llvm::Expected<llvm::sys::fs::file_t> fd = llvm::sys::fs::openNativeFileForRead(path);
  if (!fd)
    return "cannot read '" + path + "': " + llvm::toString(fd.takeError());
  std::string problem;
  llvm::sys::fs::file_status status;
  if (std::error_code ec = llvm::sys::fs::status(*fd, status))
    problem = "cannot read '" + path + "': " + ec.message();
  else
    problem = inputProblem(path, status, maxBytes);
  if (problem.empty()) {
    // Read straight into `content`: a mapped buffer copied into it faulted every page twice
    // (872 MB of facts at 1M functions, bench/link-scale.sh).
    content.resize(status.getSize());
    size_t done = 0;
    while (done < content.size()) {
      llvm::Expected<size_t> n = llvm::sys::fs::readNativeFile(
          *fd, llvm::MutableArrayRef<char>(content.data() + done, content.size() - done));
      if (!n) {
        problem = "cannot read '" + path + "': " + llvm::toString(n.takeError());
        break;
      }
      if (*n == 0)
        break; // the file shrank since its status
      done += *n;
    }
    content.resize(done);
  }
  llvm::sys::fs::closeFile(*fd);
  return problem;
}

namespace {

/// Writes straight into a target that is not a regular file (/dev/null, /dev/stdout, a
/// FIFO): renaming a temporary over it would replace the device or pipe with a file.
std::string writeInPlace(const std::string &path, llvm::function_ref<void(llvm::raw_ostream &)> write) {
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return "cannot write '" + path + "': " + ec.message();
  write(out);
  out.flush();
  ec = out.error();
  out.clear_error(); // reported here; the stream must not abort on it
  return ec ? "cannot write '" + path + "': " + ec.message() : "";
}

} // namespace

std::string writeFileAtomically(const std::string &requested,
                                llvm::function_ref<void(llvm::raw_ostream &)> write) {
  llvm::sys::fs::file_status status;
  if (!llvm::sys::fs::status(requested, status) && llvm::sys::fs::exists(status) &&
      !llvm::sys::fs::is_regular_file(status))
    return writeInPlace(requested, write);
  // A symlink stays a symlink: the file it names is the one replaced.
  std::string path = requested;
  llvm::SmallString<256> target;
  if (llvm::sys::fs::is_symlink_file(requested) && !llvm::sys::fs::real_path(requested, target))
    path = std::string(target);
  // The temporary is in the target's directory, so the rename never crosses file systems;
  // its random part keeps concurrent writers apart. It is removed if a signal ends the run.
  llvm::Expected<llvm::sys::fs::TempFile> temp = llvm::sys::fs::TempFile::create(
      path + ".tmp-%%%%%%%%", llvm::sys::fs::all_read | llvm::sys::fs::all_write);
  if (!temp)
    return "cannot write '" + path + "': " + llvm::toString(temp.takeError());
  std::error_code writeError;
  {
    llvm::raw_fd_ostream out(temp->FD, /*shouldClose=*/false);
    write(out);
    out.flush();
    writeError = out.error();
    out.clear_error(); // reported below; the stream must not abort on it
  }
  if (writeError) {
    llvm::consumeError(temp->discard());
    return "cannot write '" + path + "': " + writeError.message();
  }
  if (llvm::Error e = temp->keep(path)) {
    std::string why = llvm::toString(std::move(e));
    llvm::consumeError(temp->discard());
    return "cannot write '" + path + "': " + why;
  }
  return {};
}

} // namespace retrylint
