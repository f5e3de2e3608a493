// formcheck: the native command line for batch checks and upload gates.
//
//   formcheck check [--format text|json] [--profile ID] [--form KIND] [--details] [--accept FILE] FILE...
//   formcheck model [--profile ID] [--form KIND] FILE
//   formcheck grid FILE
//   formcheck diff [--format text|json] [--profile ID] OLD NEW
//   formcheck rules [--markdown | --json]
//   formcheck version
//
// Exit status: 0 no error-severity finding, 1 at least one, 2 a usage error or
// a file that could not be read (its result says why; the other files are
// still checked and reported).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "formcheck/acceptance.hpp"
#include "formcheck/api.hpp"
#include "formcheck/form_diff.hpp"
#include "formcheck/limits.hpp"
#include "formcheck/model_json.hpp"
#include "formcheck/profiles.hpp"
#include "pdf_extract.hpp"

namespace fc = formcheck;

namespace {

constexpr const char* kUsage =
    "用法 / usage:\n"
    "  formcheck check [--format text|json|ndjson] [--compact] [--profile ID] [--form KIND] [--details] [--accept FILE] FILE...\n"
    "                                       # --accept：说明文件（JSON 列表，见 docs/api.md），其中说明的错误不再使退出码为 1\n"
    "  formcheck model [--profile ID] [--form KIND] FILE\n"
    "  (KIND: target, selfeval, project_target, project_selfeval — 表单种类无法确定时由此选择)\n"
    "  formcheck grid FILE                  # 打印导入后、识别前的表格（每行：源行号、各单元格）\n"
    "  formcheck grid --fates FILE          # 打印每个单元格的去向（字段、标签、发现……，见 docs/import.md）\n"
    "  formcheck diff [--format text|json] [--profile ID] OLD NEW   # 对比同一表单的两个版本（退出码 0 相同，1 不同，2 出错）\n"
    "  formcheck rules [--markdown | --json]\n"
    "  formcheck version\n"
    "FILE: .xlsx/.docx（Excel/WPS/Word 文件）、.pdf（可复制文字的 PDF，需要 Node.js）、.txt（从 Excel/WPS/Word 复制的表格文本，UTF-8 或 UTF-16）或 .json（formcheck 表单）。\n"
    "退出码：0 无错误；1 有错误级别的问题；2 用法错误，或有文件无法读取（该文件的结果说明原因，其余文件照常检查）。\n";

// 2 when a file could not be read (its result says why), else 1 when any
// result has an error-severity finding, else 0.
int exit_status(bool any_unreadable, bool any_error) { return any_unreadable ? 2 : any_error ? 1 : 0; }

int usage_error(const std::string& msg) {
  std::cerr << "formcheck: " << msg << "\n" << kUsage;
  return 2;
}

// Why a file could not be read, as the import.* finding its result carries.
struct ReadFailure {
  std::string rule = "import.unreadable";
  std::string message;
  std::string fix = "确认文件名和路径正确、文件存在且有读取权限。";
  fc::Finding finding() const { return fc::import_finding(rule, message, fix); }
};

bool read_file(const std::string& path, std::string& out, ReadFailure& err) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    err.message = path + " 是文件夹，不是文件：请给出其中的表单文件（如 " + path + "/*.txt）。";
    err.fix = "给出文件夹中的表单文件。";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const bool exists = std::filesystem::exists(path, ec);
    err.message = "无法读取文件 " + path + (exists ? "（没有读取权限）。" : "（文件不存在）。");
    return false;
  }
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) {
    err.message = "无法读取文件 " + path + "。";
    return false;
  }
  if (static_cast<size_t>(size) > fc::limits::kMaxInputBytes) {
    err.rule = "import.too_large";
    err.message = fc::limits::too_large_message(static_cast<size_t>(size));
    err.fix = "只保留需要检查的表格，或拆分为多个文件。";
    return false;
  }
  in.seekg(0);
  out.assign(static_cast<size_t>(size), '\0');
  in.read(out.data(), size);
  if (!in) {
    err.message = "读取失败 " + path + "。";
    return false;
  }
  return true;
}

// Adds the statements of an --accept file to `gate`; returns why it cannot be used ("" when it can).
std::string read_accept_file(const std::string& path, std::vector<fc::AcceptStatement>& gate) {
  std::string bytes;
  ReadFailure err;
  if (!read_file(path, bytes, err)) return "--accept " + err.message;
  try {
    for (auto& s : fc::read_statements(bytes)) gate.push_back(std::move(s));
  } catch (const fc::ModelError& e) {
    std::string why = e.what();
    const std::string model = "表单 JSON 格式不正确：";
    if (why.rfind(model, 0) == 0) why = "说明文件格式不正确：" + why.substr(model.size());
    return "--accept " + path + "：" + why;
  }
  return "";
}

std::string g_argv0;  // for finding the PDF extractor beside the executable

// A PDF becomes its text runs (pdf.js under node, cli/pdf_extract.hpp), which
// the core reads as the page does; any other input is left as it is.
void pdf_to_runs(std::string& bytes) {
  if (fc::cli::is_pdf(bytes)) bytes = fc::cli::pdf_runs(bytes, g_argv0);
}

// The text output lists at most this many info-level import.* findings of one
// rule per file (a table of unrecognised rows may give hundreds of thousands)
// and then says how many more there are; the JSON formats list all.
constexpr size_t kTextImportInfos = 20;

bool capped(const fc::Finding& f) {
  return f.severity == fc::Severity::Info && f.rule.rfind("import.", 0) == 0;
}

void print_text(const fc::Document& d) {
  const fc::Summary s = fc::summarize(d.findings);
  std::cout << d.path << "：";
  if (d.has_form) {
    std::cout << fc::family_name(d.form.kind);
    if (!d.profile_id.empty()) std::cout << "（规则包 " << d.profile_id << "）";
  } else {
    std::cout << (d.read_error.empty() ? "未识别" : "无法读取");
  }
  std::cout << " — ";
  if (s.errors == 0 && s.warnings == 0) std::cout << "通过，";
  std::cout << s.errors << " 个错误" << (s.accepted_errors ? "（其中 " + std::to_string(s.accepted_errors) + " 个已说明）" : "")
            << "，" << s.warnings << " 个警告" << (s.accepted_warnings ? "（其中 " + std::to_string(s.accepted_warnings) + " 个已说明）" : "")
            << "，" << s.infos << " 条提示\n";
  std::map<std::string, size_t> shown;  // capped findings printed, by rule
  for (const auto& f : d.findings) {
    if (capped(f) && ++shown[f.rule] > kTextImportInfos) continue;
    std::cout << "  [" << fc::severity_label(f.severity) << (f.accepted ? "·已说明" : "") << "] " << f.rule;
    if (!f.location.label.empty()) std::cout << "  " << f.location.label;
    if (const std::string cell = fc::cell_name(d, f.location.src); !cell.empty())
      std::cout << "（" << cell << "）";
    else if (f.location.src.known())
      std::cout << "（第 " << f.location.src.line << " 行第 " << f.location.src.col << " 列）";
    std::cout << "\n      " << f.message << "\n";
    if (!f.implied.empty())  // the located cell is not the one to change (fix_search.hpp)
      std::cout << "      按勾稽关系推算为：" << f.implied << "　实际：" << f.actual << "\n";
    else if (!f.expected.empty() || !f.actual.empty())
      std::cout << "      应为：" << f.expected << "　实际：" << f.actual << "\n";
    if (!f.fix.empty()) std::cout << "      修改建议：" << f.fix << "\n";
    if (f.accepted) std::cout << "      已说明" << (f.accepted->by_gate ? "" : "（表单所附，不豁免）") << "：" << f.accepted->reason << "\n";
  }
  for (const auto& [rule, n] : shown)
    if (n > kTextImportInfos)
      std::cout << "  …另有 " << n - kTextImportInfos << " 条 " << rule << " 提示（用 --format json 查看全部）\n";
  if (d.score.is_object())
    std::cout << "  自评得分估算：" << d.score["total"].get<std::string>() << " 分（"
              << d.score["grade"].get<std::string>() << "），仅供参考\n";
}

// A file, or standard input for "-" (bounded like a file: reading stops one
// byte past the limit instead of holding whatever is piped in).
bool read_input(const std::string& path, std::string& bytes, ReadFailure& err) {
  if (path != "-") return read_file(path, bytes, err);
  bytes.resize(fc::limits::kMaxInputBytes + 1);
  std::cin.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<size_t>(std::cin.gcount()));
  if (bytes.size() > fc::limits::kMaxInputBytes) {
    err.rule = "import.too_large";
    err.message = "标准输入超过 " + std::to_string(fc::limits::kMaxInputBytes / 1024 / 1024) + " MB 上限，单个表单不能超过这个大小。";
    err.fix = "只保留需要检查的表格，或拆分为多个文件。";
    return false;
  }
  return true;
}

// The file's forms (a workbook may hold several), or one result saying why it
// could not be read (also said on stderr, for a person watching the run).
void load_input(const std::string& path, const fc::Options& opts, std::vector<fc::Document>& out) {
  std::string bytes;
  ReadFailure err;
  if (!read_input(path, bytes, err)) {
    std::cerr << "formcheck: " << (err.rule == "import.unreadable" ? "" : path + "：") << err.message << "\n";
    out.push_back(fc::unreadable_document(path, err.finding()));
    return;
  }
  pdf_to_runs(bytes);
  const size_t first = out.size();
  fc::take_documents(fc::load_document(path, bytes, opts), out);
  if (!out[first].read_error.empty()) std::cerr << "formcheck: " << path << "：" << out[first].read_error << "\n";
}

// One result line per file, written as soon as the file is checked, so a job
// runner (xargs -P, GNU parallel, a Spark pipe stage) can spread a province's
// submissions over processes and machines and read results as they come.
// Each file is checked on its own (no cross-document rules: those need the
// pair together). A file that cannot be read gets a result like any other
// (form null, its import.* finding, and "error") and the run goes on.
// --profile without --form names a family too: a form read (with confidence)
// as another family is a usage error, never checked with a pack not meant
// for it nor silently with its own. "" when every form fits.
std::string profile_form_mismatch(const fc::Options& opts, const std::vector<fc::Document>& docs) {
  if (opts.profile.empty() || opts.hints.kind != fc::FormKind::Unknown) return "";
  const auto* p = fc::profiles::find(opts.profile);
  if (!p) return "";
  for (const auto& d : docs)
    if (d.has_form && d.form.sure("family") && d.form.kind != p->kind)
      return "规则包 " + opts.profile + " 属于“" + fc::family_name(p->kind) + "”，而 " + d.path + " 是“" +
             fc::family_name(d.form.kind) + "”：请去掉 --profile，或分开检查两种表单（若读错了种类，用 --form 指定）";
  return "";
}

int check_ndjson(const std::vector<std::string>& files, const fc::Options& opts, bool details,
                 const std::vector<fc::AcceptStatement>& gate) {
  bool any_error = false, any_unreadable = false;
  for (const auto& path : files) {
    std::vector<fc::Document> forms;
    load_input(path, opts, forms);
    if (const std::string why = profile_form_mismatch(opts, forms); !why.empty()) return usage_error(why);
    for (auto& d : forms) fc::check_document(d, opts);
    fc::apply_acceptances(forms, gate);
    for (auto& d : forms) {
      any_error = any_error || fc::gate_errors(d) > 0;
      any_unreadable = any_unreadable || !d.read_error.empty();
      std::cout << fc::document_json_text(d, details, false) << "\n" << std::flush;
    }
  }
  return exit_status(any_unreadable, any_error);
}

// --form KIND: the family the user chose (read as that family whatever the
// evidence says). "" when the value names no family.
std::string set_form(const std::string& value, fc::Options& opts) {
  opts.hints.kind = fc::kind_of(value);
  return opts.hints.kind == fc::FormKind::Unknown ? "--form 只能是 target、selfeval、project_target 或 project_selfeval" : "";
}

// A rule pack of another family than the chosen one is a usage error.
std::string profile_family_clash(const fc::Options& opts) {
  if (opts.profile.empty() || opts.hints.kind == fc::FormKind::Unknown) return "";
  const auto* p = fc::profiles::find(opts.profile);
  if (!p || p->kind == opts.hints.kind) return "";
  return "规则包 " + opts.profile + " 属于“" + fc::family_name(p->kind) + "”，与 --form " +
         fc::kind_name(opts.hints.kind) + "（“" + fc::family_name(opts.hints.kind) + "”）不是同一种表单";
}

int cmd_check(const std::vector<std::string>& args) {
  std::string format = "text";
  fc::Options opts;
  bool details = false, compact = false;
  std::vector<std::string> files;
  std::vector<fc::AcceptStatement> gate;  // --accept: the gate's own statements (说明)
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--format" && i + 1 < args.size()) {
      format = args[++i];
    } else if (a.rfind("--format=", 0) == 0) {
      format = a.substr(9);
    } else if (a == "--profile" && i + 1 < args.size()) {
      opts.profile = args[++i];
    } else if (a.rfind("--profile=", 0) == 0) {
      opts.profile = a.substr(10);
    } else if (a == "--accept" && i + 1 < args.size()) {
      if (const std::string why = read_accept_file(args[++i], gate); !why.empty()) return usage_error(why);
    } else if ((a == "--form" && i + 1 < args.size()) || a.rfind("--form=", 0) == 0) {
      const std::string why = set_form(a == "--form" ? args[++i] : a.substr(7), opts);
      if (!why.empty()) return usage_error(why);
    } else if (a == "--details") {
      details = true;
    } else if (a == "--compact") {
      compact = true;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage_error("未知选项 " + a);
    } else {
      files.push_back(a);
    }
  }
  if (format != "text" && format != "json" && format != "ndjson")
    return usage_error("--format 只能是 text、json 或 ndjson");
  if (!opts.profile.empty() && !fc::profiles::find(opts.profile)) return usage_error("没有规则包 " + opts.profile);
  if (const std::string clash = profile_family_clash(opts); !clash.empty()) return usage_error(clash);
  if (files.empty()) return usage_error("缺少要检查的文件");
  if (format == "ndjson") return check_ndjson(files, opts, details, gate);
  std::vector<fc::Document> docs;
  for (const auto& path : files) {
    const size_t first = docs.size();
    load_input(path, opts, docs);
    for (size_t k = first; k < docs.size(); ++k) fc::check_document(docs[k], opts);
  }
  if (const std::string why = profile_form_mismatch(opts, docs); !why.empty()) return usage_error(why);
  fc::check_cross(docs);
  fc::apply_acceptances(docs, gate);
  bool any_error = false, any_unreadable = false;
  for (const auto& d : docs) {
    any_error = any_error || fc::gate_errors(d) > 0;
    any_unreadable = any_unreadable || !d.read_error.empty();
  }
  if (format == "json" && compact) {
    std::cout << fc::documents_json_text(docs, details, false) << "\n";
  } else if (format == "json") {
    nlohmann::ordered_json out;
    out["files"] = nlohmann::ordered_json::array();
    for (const auto& d : docs) out["files"].push_back(fc::document_json(d, details, false));
    std::cout << out.dump(2) << "\n";
  } else {
    for (const auto& d : docs) print_text(d);
  }
  return exit_status(any_unreadable, any_error);
}

int cmd_model(const std::vector<std::string>& args) {
  fc::Options opts;
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--profile" && i + 1 < args.size()) {
      opts.profile = args[++i];
    } else if ((args[i] == "--form" && i + 1 < args.size()) || args[i].rfind("--form=", 0) == 0) {
      const std::string why = set_form(args[i] == "--form" ? args[i + 1] : args[i].substr(7), opts);
      if (args[i] == "--form") ++i;
      if (!why.empty()) return usage_error(why);
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage_error("未知选项 " + args[i]);
    } else {
      files.push_back(args[i]);
    }
  }
  if (!opts.profile.empty() && !fc::profiles::find(opts.profile)) return usage_error("没有规则包 " + opts.profile);
  if (const std::string clash = profile_family_clash(opts); !clash.empty()) return usage_error(clash);
  if (files.size() != 1) return usage_error("model 需要且只需要一个文件");
  std::string bytes;
  ReadFailure err;
  if (!read_file(files[0], bytes, err)) {
    std::cerr << "formcheck: " << err.message << "\n";
    return 2;
  }
  pdf_to_runs(bytes);
  fc::Document d = fc::load_document(files[0], bytes, opts);
  if (!d.read_error.empty()) {
    std::cerr << "formcheck: " << files[0] << "：" << d.read_error << "\n";
    return 2;
  }
  if (!d.has_form) {
    for (const auto& f : d.findings)
      if (f.severity == fc::Severity::Error) std::cerr << "formcheck: " << f.message << "\n";
    return 1;
  }
  if (const std::string why = profile_form_mismatch(opts, {d}); !why.empty()) return usage_error(why);
  std::cout << fc::form_to_json(d.form).dump(2) << "\n";
  return 0;
}

// The grid an input becomes before recognition (what the reader saw); with
// --fates, what became of each of its cells after reading (docs/import.md).
int cmd_grid(const std::vector<std::string>& args) {
  const bool fates = !args.empty() && args[0] == "--fates";
  if (args.size() != (fates ? 2u : 1u)) return usage_error("grid 需要且只需要一个文件");
  std::string bytes;
  ReadFailure err;
  if (!read_file(args.back(), bytes, err)) {
    std::cerr << "formcheck: " << err.message << "\n";
    return 2;
  }
  pdf_to_runs(bytes);
  std::string why;
  const std::string grid = fc::grid_text(bytes, &why);
  if (!why.empty()) {
    std::cerr << "formcheck: " << args.back() << "：" << why << "\n";
    return 2;
  }
  std::cout << (fates ? fc::fates_text(bytes) : grid);
  return 0;
}

// Two versions of one form compared (form_diff.hpp): exit 0 when equal, 1
// when they differ, 2 on a usage error or a file that cannot be read or
// compared (as diff(1) does).
int cmd_diff(const std::vector<std::string>& args) {
  std::string format = "text";
  fc::Options opts;
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--format" && i + 1 < args.size()) format = args[++i];
    else if (a.rfind("--format=", 0) == 0) format = a.substr(9);
    else if (a == "--profile" && i + 1 < args.size()) opts.profile = args[++i];
    else if (!a.empty() && a[0] == '-' && a != "-") return usage_error("未知选项 " + a);
    else files.push_back(a);
  }
  if (format != "text" && format != "json") return usage_error("--format 只能是 text 或 json");
  if (!opts.profile.empty() && !fc::profiles::find(opts.profile)) return usage_error("没有规则包 " + opts.profile);
  if (files.size() != 2) return usage_error("diff 需要两个文件：旧版 新版");
  std::vector<fc::Document> versions;
  for (const auto& path : files) {
    std::vector<fc::Document> forms;  // a workbook of several forms: its first is compared
    load_input(path, opts, forms);
    fc::check_document(forms[0], opts);
    versions.push_back(std::move(forms[0]));
  }
  const auto diff = fc::diff_documents(versions[0], versions[1]);
  if (diff.contains("error")) {
    // (load_input has said why a file could not be read.)
    if (versions[0].read_error.empty() && versions[1].read_error.empty())
      std::cerr << "formcheck: " << diff["error"].get<std::string>() << "\n";
    return 2;
  }
  std::cout << (format == "json" ? diff.dump(2) + "\n" : fc::diff_text(diff));
  return diff["equal"].get<bool>() ? 0 : 1;
}

int cmd_rules(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "--markdown") {
    std::cout << fc::rules_markdown();
    return 0;
  }
  if (!args.empty() && args[0] == "--json") {
    std::cout << fc::rules_json().dump(2) << "\n";
    return 0;
  }
  if (!args.empty()) return usage_error("未知选项 " + args[0]);
  for (const auto& r : fc::rules_json())
    std::cout << r["id"].get<std::string>() << "\t" << r["severity"].get<std::string>() << "\t"
              << r["description"].get<std::string>() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  g_argv0 = argc > 0 ? argv[0] : "";
  if (argc < 2) return usage_error("缺少子命令");
  const std::string cmd = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (cmd == "check") return cmd_check(args);
    if (cmd == "model") return cmd_model(args);
    if (cmd == "grid") return cmd_grid(args);
    if (cmd == "rules") return cmd_rules(args);
    if (cmd == "diff") return cmd_diff(args);
    if (cmd == "version" || cmd == "--version") {
      std::cout << "formcheck " << fc::kVersion << "\n";
      return 0;
    }
    if (cmd == "help" || cmd == "--help" || cmd == "-h") {
      std::cout << kUsage;
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "formcheck: 内部错误：" << e.what() << "\n";
    return 2;
  }
  return usage_error("未知子命令 " + cmd);
}
