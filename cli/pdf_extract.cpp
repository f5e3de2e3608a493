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
  // The extractor may take 2 s to start and open the file and 1.5 s a page;
  // it stops itself then, and is killed when it cannot (a page that hangs in
  // synchronous code: a decompression bomb). Each page it starts (a "p" on
  // its stderr) gives it another 1.5 s. FORMCHECK_PDF_TIME_MS caps the whole.
  constexpr long kOpenMs = 2000, kPageMs = 1500;
  long limit_ms = std::atol(env("FORMCHECK_PDF_TIME_MS").c_str());
  if (limit_ms <= 0) limit_ms = 60000;
  TempFile file(bytes);
  if (file.path.empty()) return pdf_runs_error("unavailable", "无法写入临时文件。");

  int out[2], err[2];
  if (pipe(out) != 0) return pdf_runs_error("unavailable", "无法启动 Node.js。");
  if (pipe(err) != 0) {
    close(out[0]);
    close(out[1]);
    return pdf_runs_error("unavailable", "无法启动 Node.js。");
  }
  const std::string open_ms = std::to_string(kOpenMs), page_ms = std::to_string(kPageMs);
  const pid_t pid = fork();
  if (pid < 0) {
    for (int fd : {out[0], out[1], err[0], err[1]}) close(fd);
    return pdf_runs_error("unavailable", "无法启动 Node.js。");
  }
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int fd : {out[0], out[1], err[0], err[1]}) close(fd);
    setpgid(0, 0);
    execlp(node.c_str(), node.c_str(), "--max-old-space-size=1024", script.c_str(), file.path.c_str(), open_ms.c_str(),
           page_ms.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  using clock = std::chrono::steady_clock;
  const auto cap = clock::now() + std::chrono::milliseconds(limit_ms);
  // Node's start-up is not the PDF's doing (a loaded machine may take
  // seconds): 20 s until the extractor says it started ("s"), then a second
  // more than its own limits (it says "timeout" itself when it can).
  auto deadline = std::min(cap, clock::now() + std::chrono::milliseconds(20000));
  std::string json;
  bool overtime = false, too_much = false, out_open = true, err_open = true;
  char buf[65536];
  while (out_open) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
    if (left <= 0) {
      overtime = true;
      break;
    }
    pollfd p[2] = {{out[0], POLLIN, 0}, {err_open ? err[0] : -1, POLLIN, 0}};
    if (poll(p, 2, static_cast<int>(left)) <= 0) continue;
    if (p[1].revents) {
      const ssize_t n = read(err[0], buf, sizeof buf);
      if (n <= 0) err_open = false;
      else if (std::string_view(buf, static_cast<size_t>(n)).find('p') != std::string_view::npos)
        deadline = std::min(cap, clock::now() + std::chrono::milliseconds(kPageMs + 1000));
      else if (std::string_view(buf, static_cast<size_t>(n)).find('s') != std::string_view::npos)
        deadline = std::min(cap, clock::now() + std::chrono::milliseconds(kOpenMs + 1000));
    }
    if (p[0].revents) {
      const ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) {
        out_open = false;
        break;
      }
      json.append(buf, static_cast<size_t>(n));
      if (json.size() > limits::kMaxInputBytes) {
        too_much = true;
        break;
      }
    }
  }
  close(out[0]);
  close(err[0]);
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
