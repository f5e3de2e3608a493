#include "pdf_extract.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "formcheck/limits.hpp"
#include "formcheck/pdf_grid.hpp"

#ifndef FORMCHECK_SOURCE_DIR
#define FORMCHECK_SOURCE_DIR ""
#endif

namespace formcheck::cli {

namespace fs = std::filesystem;

bool is_pdf(std::string_view bytes) { return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos; }

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string find_script(const std::string& argv0) {
  if (const std::string e = env("FORMCHECK_PDF_RUNS"); !e.empty()) return e;
  std::error_code ec;
  const fs::path exe = fs::canonical("/proc/self/exe", ec);
  std::vector<fs::path> tries;
  if (!ec) tries.push_back(exe.parent_path() / "pdf-runs.cjs");
  if (!argv0.empty()) tries.push_back(fs::path(argv0).parent_path() / "pdf-runs.cjs");
  if (*FORMCHECK_SOURCE_DIR) tries.push_back(fs::path(FORMCHECK_SOURCE_DIR) / "cli" / "pdf-runs.cjs");
  for (const auto& p : tries)
    if (fs::is_regular_file(p, ec)) return p.string();
  return "";
}

// A temporary file holding the PDF (node reads it; stdin would also do, but
// a file lets pdf.js see its length at once).
struct TempFile {
  std::string path;
  explicit TempFile(std::string_view bytes) {
    std::string tmpl = (fs::temp_directory_path() / "formcheck-pdf-XXXXXX").string();
    const int fd = mkstemp(tmpl.data());
    if (fd < 0) return;
    path = tmpl;
    size_t off = 0;
    while (off < bytes.size()) {
      const ssize_t n = write(fd, bytes.data() + off, bytes.size() - off);
      if (n <= 0) break;
      off += static_cast<size_t>(n);
    }
    close(fd);
    if (off != bytes.size()) path.clear();
  }
  ~TempFile() {
    if (!path.empty()) unlink(path.c_str());
  }
};

}  // namespace

std::string pdf_runs(std::string_view bytes, const std::string& argv0) {
  const std::string script = find_script(argv0);
  if (script.empty()) return pdf_runs_error("unavailable", "找不到 PDF 读取程序 pdf-runs.cjs（应在 formcheck 旁边或源码目录 cli/ 中）。");
  std::string node = env("FORMCHECK_NODE");
  if (node.empty()) node = "node";
  long limit_ms = std::atol(env("FORMCHECK_PDF_TIME_MS").c_str());
  if (limit_ms <= 0) limit_ms = 30000;
  TempFile file(bytes);
  if (file.path.empty()) return pdf_runs_error("unavailable", "无法写入临时文件。");

  int out[2];
  if (pipe(out) != 0) return pdf_runs_error("unavailable", "无法启动 Node.js。");
  // The extractor stops itself (3 s to open, 1.5 s a page); the process is
  // killed only when it does not (a hang in synchronous code).
  const std::string limit = std::to_string(std::min(limit_ms, 3000L));
  const pid_t pid = fork();
  if (pid < 0) {
    close(out[0]);
    close(out[1]);
    return pdf_runs_error("unavailable", "无法启动 Node.js。");
  }
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    const int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) dup2(devnull, 2);
    setpgid(0, 0);
    execlp(node.c_str(), node.c_str(), "--max-old-space-size=1024", script.c_str(), file.path.c_str(), limit.c_str(),
           static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  // Read until the extractor closes its output, at most its time limit and a
  // second of start-up; past that it is stopped.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(limit_ms + 1000);
  std::string json;
  bool overtime = false, too_much = false;
  char buf[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      overtime = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    const ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    json.append(buf, static_cast<size_t>(n));
    if (json.size() > limits::kMaxInputBytes) {
      too_much = true;
      break;
    }
  }
  close(out[0]);
  if (overtime || too_much) kill(-pid, SIGKILL), kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  if (overtime) return pdf_runs_error("timeout", "");
  if (too_much) return pdf_runs_error("too_large", "提取出的文字超过 32 MB");
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    return pdf_runs_error("unavailable", "找不到 Node.js（" + node + "），命令行读取 PDF 需要它。");
  if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
    return pdf_runs_error("unavailable", "找不到 pdf.js（npm 包 pdfjs-dist），请在源码目录运行 npm ci。");
  if (!looks_like_pdf_runs(json)) return pdf_runs_error("damaged", "");
  return json;
}

}  // namespace formcheck::cli
