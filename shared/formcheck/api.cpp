#include "formcheck/api.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <sstream>

#include "formcheck/acceptance.hpp"
#include "formcheck/file_kind.hpp"
#include "formcheck/json_writer.hpp"
#include "formcheck/ledger.hpp"
#include "formcheck/limits.hpp"
#include "formcheck/model_json.hpp"
#include "formcheck/pdf_grid.hpp"
#include "formcheck/profiles.hpp"
#include "formcheck/recognize.hpp"
#include "formcheck/rules/families.hpp"
#include "formcheck/score.hpp"
#include "formcheck/text_import.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck {

using ojson = nlohmann::ordered_json;

namespace {

Finding import_error(const std::string& rule, const std::string& message, const std::string& fix) {
  return import_finding(rule, message, fix);
}

// A model JSON starts with "{". Text starting with "[" nested past the JSON
// limit is JSON too (it gets the nesting message, not a cell limit); other
// text starting with "[" is a table whose first cell starts with a bracket.
bool looks_like_json(std::string_view bytes) {
  for (char c : bytes) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{' || (c == '[' && json_depth(bytes) > static_cast<size_t>(limits::kMaxJsonDepth));
  }
  return false;
}

// Takes a reading's form and findings; with the grid it read (a check that
// keeps the grid), also its ledger: the cells' fates and any cell without one.
std::optional<Ledger> adopt(Document& d, Recognized r, const Grid* kept = nullptr) {
  d.form = std::move(r.form);
  d.has_form = d.form.kind != FormKind::Unknown;
  for (auto& f : r.findings) d.findings.push_back(std::move(f));
  if (!kept) return std::nullopt;
  Ledger l(*kept, d.form, d.findings, r.marks);
  d.source_fates = l.text(*kept);
  d.unaccounted = l.unaccounted(*kept);
  return l;
}

bool in_scope(Scope s, FormKind k) {
  switch (s) {
    case Scope::Both: return k == FormKind::Target || k == FormKind::SelfEval;
    case Scope::ProjectTarget: return k == FormKind::ProjectTarget;
    case Scope::ProjectSelfEval: return k == FormKind::ProjectSelfEval;
    case Scope::Project: return is_project(k);
    case Scope::Any: return k != FormKind::Unknown;
    case Scope::Target: return k == FormKind::Target;
    case Scope::SelfEval: return k == FormKind::SelfEval;
    default: return false;
  }
}

const char* scope_name(Scope s) {
  switch (s) {
    case Scope::Target: return "target";
    case Scope::SelfEval: return "selfeval";
    case Scope::Both: return "both";
    case Scope::ProjectTarget: return "project_target";
    case Scope::ProjectSelfEval: return "project_selfeval";
    case Scope::Project: return "project";
    case Scope::Any: return "any";
    case Scope::Cross: return "cross";
    case Scope::Import: break;
  }
  return "import";
}

}  // namespace

// Old binary Office files (OLE compound documents: .xls, .doc, .et, .wps).
bool legacy_office(std::string_view bytes) {
  return bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

// The grid of an office file by its content (a ZIP: .xlsx/.docx; a Compound
// File: .xls/.et, or an old Word file, which says so), or nullopt for others.
std::optional<OfficeGrid> office_grid(std::string_view bytes) {
  if (legacy_office(bytes)) return grid_from_xls(bytes);
  if (!looks_like_zip(bytes)) return std::nullopt;
  if (const Inflater inflate = native_inflater()) return grid_from_office(bytes, inflate);
  // The wasm build inflates nothing itself: the page inflates the parts
  // (load_office_parts) and sends an archive's bytes only when it could not,
  // so that the archive's damage (no directory, encryption, sizes) is named
  // here in the CLI's words. An archive that gets as far as inflating says
  // that this build cannot.
  return grid_from_office(bytes, [](std::string_view, size_t, size_t) -> std::string {
    throw ZipError("此版本不能直接解压 Office 文件，请在页面中打开该文件");
  });
}

// The grid rows of sheets [first, last), up to the `limit`-th non-blank one
// (views into `g`, which must outlive it).
Grid sheet_rows(const Grid& g, const std::vector<SheetOrigin>& sheets, size_t first, size_t last,
                size_t limit = SIZE_MAX) {
  Grid out;
  out.explicit_merges = g.explicit_merges;
  const int from = sheets[first].first_line, to = sheets[last - 1].first_line + sheets[last - 1].rows;
  size_t filled = 0;
  for (const Row& r : g.rows) {
    if (filled >= limit) break;
    if (r.cells.empty()) continue;
    const int line = r.loc().line;
    if (line < from || line >= to) continue;
    filled += !r.blank();
    for (const Cell& c : r.cells) out.add_cell(c);
    out.end_row();
  }
  return out;
}

// A workbook is read as one form, its sheets in order (a form may continue on
// the next sheet). When two or more sheets each hold a form of their own, each
// is checked as a document of its own ("book.xlsx#自评"), with the sheets that
// follow it up to the next form; past kMaxFormSheets, the rest are named in a
// warning instead — nothing is mixed and nothing is passed over in silence.
constexpr size_t kMaxFormSheets = 50;

// A grid as text: each row its first source line, a tab, its cells separated
// by tabs (tabs and new lines inside a cell become spaces).
std::string dump(const Grid& g) {
  std::string out;
  for (const Row& r : g.rows) {
    out += std::to_string(r.loc().line);
    for (const Cell& c : r.cells) {
      out += '\t';
      for (char ch : c.text) out += ch == '\t' || ch == '\n' || ch == '\r' ? ' ' : ch;
    }
    out += '\n';
  }
  return out;
}

// Why a reader that yielded no grid failed: its first error (an empty input
// was read, and is not a read failure).
std::string read_failure(const Findings& fs) {
  for (const auto& f : fs)
    if (f.severity == Severity::Error && f.rule != "import.empty") return f.message;
  return "";
}

// The family the user chose applies to every form of a workbook; the other
// hints name lines of one form.
ReadingHints family_only(const ReadingHints& h) {
  ReadingHints out;
  out.kind = h.kind;
  return out;
}

void adopt_office(Document& d, OfficeGrid og, bool keep_grid = false, const ReadingHints& hints = {}) {
  d.input = og.mode;
  d.keep_sheets = keep_grid;
  if (keep_grid && og.ok) {
    d.source_grid = dump(og.grid);
    for (const SheetOrigin& s : og.sheets)
      for (const auto& m : s.merges)
        if (m[0] < s.rows && (m[2] > m[0] || m[3] > m[1]))
          d.source_merges.push_back({s.first_line + static_cast<int>(m[0]), static_cast<int>(m[1]) + 1,
                                     static_cast<int>(std::min<long>(m[2], s.rows - 1) - m[0] + 1),
                                     static_cast<int>(std::min<long>(m[3], 16383) - m[1] + 1)});
    for (const auto& m : og.merges)
      if (m[2] > 1 || m[3] > 1) d.source_merges.push_back(m);
  }
  d.findings = std::move(og.findings);
  d.sheets = std::move(og.sheets);
  if (!og.ok) {
    d.read_error = read_failure(d.findings);
    return;
  }
  std::vector<size_t> form_sheets;
  if (d.sheets.size() > 1)
    for (size_t i = 0; i < d.sheets.size(); ++i)
      // Detection reads a sheet's first rows only (recognize.cpp: a title and
      // the section labels come before the bulk of any table).
      if (detect_kind(sheet_rows(og.grid, d.sheets, i, i + 1, 2000)) != FormKind::Unknown) form_sheets.push_back(i);
  if (form_sheets.size() < 2) {
    adopt(d, recognize(og.grid, hints), keep_grid ? &og.grid : nullptr);
    return;
  }
  auto until = [&](size_t k) { return k + 1 < form_sheets.size() ? form_sheets[k + 1] : d.sheets.size(); };
  // Each form's ledger, from the first line of its sheets: the workbook's
  // fates are theirs, row by row.
  std::vector<std::pair<int, Ledger>> ledgers;
  const Grid first = sheet_rows(og.grid, d.sheets, 0, until(0));
  if (auto l = adopt(d, recognize(first, family_only(hints)), keep_grid ? &first : nullptr)) ledgers.emplace_back(0, std::move(*l));
  for (size_t k = 1; k < form_sheets.size(); ++k) {
    const SheetOrigin& s = d.sheets[form_sheets[k]];
    if (k >= kMaxFormSheets) {
      Finding f = import_finding("import.other_sheet",
                                 "工作表“" + s.sheet + "”是另一份表单；一个工作簿最多分开检查 " +
                                     std::to_string(kMaxFormSheets) + " 份，这一份未检查。",
                                 "把表单另存为单独的文件后分别检查。", Loc{s.first_line, 1});
      f.location.label = "工作表“" + s.sheet + "”";
      d.findings.push_back(std::move(f));
      if (keep_grid) ledgers.emplace_back(s.first_line, Ledger::everything(og.grid, "import.other_sheet"));
      continue;
    }
    Document sub;
    sub.path = d.path + "#" + s.sheet;
    sub.input = d.input;
    sub.sheets = d.sheets;
    sub.keep_sheets = keep_grid;
    const Grid part = sheet_rows(og.grid, d.sheets, form_sheets[k], until(k));
    if (auto l = adopt(sub, recognize(part, family_only(hints)), keep_grid ? &part : nullptr)) {
      ledgers.emplace_back(s.first_line, std::move(*l));
      d.unaccounted.insert(d.unaccounted.end(), sub.unaccounted.begin(), sub.unaccounted.end());
      sub.source_fates.clear();  // the workbook's fates are on its first document, with its grid
    }
    d.more.push_back(std::move(sub));
  }
  if (!keep_grid) return;
  d.source_fates.clear();
  size_t k = 0;
  for (const Row& r : og.grid.rows) {
    while (k + 1 < ledgers.size() && r.loc().line >= ledgers[k + 1].first) ++k;
    d.source_fates += ledgers[k].second.row_text(r) + "\n";
  }
}

// Input that is one bare number ("1e999999"): JSON, but no form.
bool bare_number(std::string_view bytes) {
  const std::string_view t = trim_view(bytes);
  if (t.empty() || t.size() > 64) return false;
  for (char c : t)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
      return false;
  return std::isdigit(static_cast<unsigned char>(t.back())) != 0;
}

Document load_document(std::string path, std::string_view bytes, const Options& opts) {
  Document d;
  d.path = std::move(path);
  // Windows Notepad's "Unicode" is UTF-16; a UTF-8 BOM may lead a JSON file.
  std::string decoded;
  if (decode_utf16(bytes, decoded)) bytes = decoded;
  if (starts_with(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (bare_number(bytes)) {
    const std::string t(trim_view(bytes));
    const bool in_range = std::isfinite(std::strtod(t.c_str(), nullptr));
    d.input = "json";
    d.findings.push_back(import_error("import.invalid_model",
                                      "输入只有一个数字“" + t + "”" + (in_range ? "" : "（超出数值范围）") +
                                          "，不是表单。",
                                      "请导入表单文件（.txt、.json、.xlsx、.docx）或粘贴整张表格。"));
    return d;
  }
  if (auto og = office_grid(bytes)) {
    adopt_office(d, std::move(*og), opts.keep_grid, opts.hints);
    return d;
  }
  // A PDF's text runs, as pdf.js extracted them (web/js/pdf-runs.js): the
  // page and the CLI hand these on in place of the PDF's bytes.
  if (looks_like_pdf_runs(bytes)) {
    adopt_office(d, grid_from_pdf_runs(bytes), opts.keep_grid, opts.hints);
    return d;
  }
  if (auto foreign = foreign_file(bytes, d.path)) {
    d.input = "file";
    d.read_error = foreign->message;
    d.findings.push_back(std::move(*foreign));
    return d;
  }
  if (looks_like_json(bytes)) {
    d.input = "json";
    try {
      if (bytes.size() > limits::kMaxInputBytes) throw ModelError(limits::too_large_message(bytes.size()));
      d.form = form_from_json_text(std::string(bytes));
      d.has_form = true;
    } catch (const ModelError& e) {
      d.findings.push_back(import_error("import.invalid_model", e.what(), "请使用本工具导出的 JSON，或按 docs/schema.md 修正。"));
    }
  } else {
    TextGrid tg = grid_from_text(bytes);
    d.input = tg.mode;
    d.findings = std::move(tg.findings);
    if (tg.ok && opts.keep_grid) d.source_grid = dump(tg.grid);
    if (tg.ok) adopt(d, recognize(tg.grid, opts.hints), opts.keep_grid ? &tg.grid : nullptr);
    // Named as an Office file but neither Office nor a form as text (an HTML
    // or text table saved as .xls is read as text): damaged or misnamed, said
    // so instead of "no form title found".
    if (!d.has_form && office_extension(d.path)) {
      d.findings.clear();
      d.findings.push_back(import_finding(
          "import.invalid_office",
          "文件名是 ." + extension_of(d.path) + "，但内容不是 Excel/Word 文件，按文本读取也没有找到表单（文件可能已损坏，或被改了扩展名）。",
          "请在 Excel/WPS/Word 中打开文件并另存为 .xlsx/.docx 后再导入，或复制表格粘贴。"));
      d.read_error = d.findings.back().message;
    } else if (!tg.ok) {
      d.read_error = read_failure(d.findings);
    }
  }
  return d;
}

Document unreadable_document(std::string path, Finding why) {
  Document d;
  d.path = std::move(path);
  d.input = "file";
  d.read_error = why.message;
  d.findings.push_back(std::move(why));
  return d;
}

Document load_office_parts(std::string path, const std::string& kind, const PartSource& parts, const Options& opts) {
  Document d;
  d.path = std::move(path);
  OfficeGrid og;
  if (kind == "damaged") og = unreadable_office(parts("kind").value_or(""), parts("reason").value_or(""));
  else if (kind == "package") og = not_an_office_package();
  else og = kind == "docx" ? grid_from_docx(parts) : grid_from_xlsx(parts);
  adopt_office(d, std::move(og), opts.keep_grid, opts.hints);
  return d;
}

std::string fates_text(std::string_view bytes) {
  Options opts;
  opts.keep_grid = true;
  return load_document("", bytes, opts).source_fates;
}

std::string grid_text(std::string_view bytes, std::string* error) {
  auto result = [&](const auto& read) {
    if (error) *error = read.ok ? "" : read_failure(read.findings);
    return dump(read.grid);
  };
  if (const auto og = office_grid(bytes)) return result(*og);
  if (looks_like_pdf_runs(bytes)) return result(grid_from_pdf_runs(bytes));
  std::string decoded;
  if (decode_utf16(bytes, decoded)) bytes = decoded;
  return result(grid_from_text(bytes));
}

void take_documents(Document d, std::vector<Document>& out) {
  std::vector<Document> more = std::move(d.more);
  d.more.clear();
  out.push_back(std::move(d));
  for (auto& m : more) out.push_back(std::move(m));
}

std::string cell_name(const Document& d, Loc at) {
  for (const auto& s : d.sheets)
    if (const std::string c = s.cell(at); !c.empty()) return s.sheet + "!" + c;
  return "";
}

Document load_grid_json(std::string path, const std::string& grid_json, const Options& opts) {
  Document d;
  d.path = std::move(path);
  d.input = "grid";
  try {
    const auto j = parse_json_limited(grid_json);
    if (!j.is_object() || !j.contains("rows") || !j["rows"].is_array())
      throw ModelError("表格数据应为 {\"rows\": [[...], ...]}");
    if (j["rows"].size() > limits::kMaxRows) throw ModelError("表格有 " + std::to_string(j["rows"].size()) + " 行，超过上限 " + std::to_string(limits::kMaxRows) + " 行。");
    Grid g;
    size_t cells = 0;
    for (const auto& row : j["rows"]) cells += row.is_array() ? std::min(row.size(), limits::kMaxCellsPerRow) : 0;
    g.reserve(j["rows"].size(), cells);
    int r = 0;
    Cuts cuts;
    int bad_utf8 = 0;
    Loc first_bad;
    for (const auto& row : j["rows"]) {
      ++r;
      if (!row.is_array()) throw ModelError("表格第 " + std::to_string(r) + " 行应为数组");
      cuts.row(row.size(), Loc{r, 1});
      int c = 0;
      for (const auto& cell : row) {
        ++c;
        if (g.open_cells() >= limits::kMaxCellsPerRow) break;
        std::string text = cell.is_string() ? cell.get<std::string>() : (cell.is_null() ? "" : cell.dump());
        if (!is_valid_utf8(text)) {
          if (bad_utf8++ == 0) first_bad = Loc{r, c};
          text.clear();
        }
        g.add_cell(Cell{g.keep(clean_cell(cuts.cell(text, Loc{r, c}))), Loc{r, c}});
      }
      g.end_row();
    }
    cuts.report(d.findings);
    if (bad_utf8) {
      Finding f = import_error("import.encoding",
                               "第 " + std::to_string(first_bad.line) + " 行第 " + std::to_string(first_bad.col) +
                                   " 列的单元格不是有效的 UTF-8 文字，未读取" +
                                   (bad_utf8 > 1 ? "（共 " + std::to_string(bad_utf8) + " 格如此）" : "") + "。",
                               "请重新保存文件后再导入。");
      f.location.src = first_bad;
      d.findings.push_back(std::move(f));
    }
    adopt(d, recognize(g, family_only(opts.hints)), opts.keep_grid ? &g : nullptr);
    d.source_fates.clear();  // a grid handed in is not kept (no source_grid): only its unaccounted cells
  } catch (const ModelError& e) {
    d.findings.push_back(import_error("import.invalid_model", e.what(), "请重新导入文件。"));
  }
  return d;
}

void check_document(Document& doc, const Options& opts) {
  if (doc.findings_before_check == static_cast<size_t>(-1)) doc.findings_before_check = doc.findings.size();
  doc.findings.resize(doc.findings_before_check);
  doc.calculations.clear();
  doc.score = nullptr;
  if (!doc.has_form) return;
  // The family is undecided (import.ambiguous says between which two): a
  // content rule or a pack would judge the form by one family's template.
  if (!doc.form.sure("family")) return;
  const Profile* chosen = opts.profile.empty() ? nullptr : profiles::find(opts.profile);
  if (chosen && chosen->kind != doc.form.kind) chosen = nullptr;
  const Profile& profile = chosen ? *chosen : profiles::choose(doc.form);
  doc.profile_id = profile.id;
  // About one calculation per report row (deviation) and two per budget row:
  // reserving avoids the growth copies that dominate memory on large forms.
  doc.calculations.reserve(doc.form.evaluation.size() + 2 * doc.form.budget_info.size() + 16);
  Context ctx(doc.form, profile, doc.findings, &doc.calculations);
  for (const Rule& r : rule_registry()) {
    if (!r.check || !in_scope(r.meta->scope, doc.form.kind)) continue;
    try {
      r.check(ctx);
    } catch (const DecimalOverflow&) {
      // A figure too large to compute with cannot let its check pass in silence.
      doc.findings.push_back(import_error("import.too_large", std::string("数值过大，规则 ") + r.meta->id + " 无法计算。",
                                          "请核对金额是否多写了位数。"));
    }
  }
  try {
    doc.score = estimate_score(ctx);
  } catch (const DecimalOverflow&) {
    doc.score = nullptr;  // figures too large to score; the rules already said so
  }
  apply_acceptances(doc);  // the form's own statements (说明); the front doors add the gate's
}

void check_cross(std::vector<Document>& docs) {
  for (auto& report : docs) {
    if (!report.has_form || report.form.kind != FormKind::SelfEval) continue;
    for (const auto& target : docs) {
      if (!target.has_form || target.form.kind != FormKind::Target) continue;
      if (match_key(target.form.unit) != match_key(report.form.unit) || target.form.year != report.form.year) continue;
      rules::check_target_changed(target.form, report.form, report.findings);
    }
  }
  for (auto& report : docs) {
    if (!report.has_form || report.form.kind != FormKind::ProjectSelfEval) continue;
    for (const auto& target : docs) {
      if (!target.has_form || target.form.kind != FormKind::ProjectTarget) continue;
      if (match_key(target.form.project_name) != match_key(report.form.project_name) ||
          target.form.year != report.form.year || target.form.project_name.empty())
        continue;
      rules::check_project_target_changed(target.form, report.form, report.findings);
    }
  }
  for (auto& project : docs) {
    if (!project.has_form || project.form.kind != FormKind::ProjectTarget || project.form.project_name.empty()) continue;
    for (const auto& department : docs)
      if (department.has_form && department.form.kind == FormKind::Target && department.form.year == project.form.year)
        rules::check_project_amount(department.form, project.form, project.findings);
  }
  apply_acceptances(docs);  // the forms' own statements may explain a cross-document finding
}

Summary summarize(const Findings& fs) {
  Summary s;
  for (const auto& f : fs) {
    if (f.severity == Severity::Error) ++s.errors, s.accepted_errors += f.accepted != nullptr;
    else if (f.severity == Severity::Warning) ++s.warnings, s.accepted_warnings += f.accepted != nullptr;
    else ++s.infos;
  }
  return s;
}

namespace {

void write_loc(JsonWriter& w, const Loc& l) {
  if (!l.known()) return w.null();
  w.begin_object();
  w.field("line", l.line);
  w.field("col", l.col);
  w.end_object();
}

// A place's fields (inside an object the caller opened): section, row,
// field, label, source position and, for office input, the cell as Excel/WPS
// name it ("Sheet1!E7").
void write_place(JsonWriter& w, const Location& at, const Document& d) {
  w.field("section", at.section);
  w.field("index", at.index);
  w.field("field", at.field);
  w.field("label", at.label);
  w.field("line", at.src.line);
  w.field("col", at.src.col);
  if (!d.sheets.empty()) {
    const std::string cell = cell_name(d, at.src);
    if (!cell.empty()) w.field("cell", cell);
  }
}

void write_finding(JsonWriter& w, const Finding& f, const Document& d) {
  w.begin_object();
  w.field("rule", f.rule);
  w.field("severity", severity_name(f.severity));
  w.field("message", f.message);
  w.key("location");
  w.begin_object();
  write_place(w, f.location, d);
  w.end_object();
  w.field("expected", f.expected);
  w.field("actual", f.actual);
  w.field("fix", f.fix);
  // The fix search's changes (arithmetic findings only; [] when every single
  // change would break another identity).
  // `implied`: what the identity implies for the located cell when changing
  // it is not the advice (`expected` is then ""). Each fix says whether it is
  // `certain` (one click) or a candidate, why (`evidence`), and, for a chain,
  // every cell it changes (`changes`).
  if (f.searched) {
    w.field("implied", f.implied);
    w.key("fixes");
    w.begin_array();
    for (const SuggestedFix& x : f.fixes) {
      w.begin_object();
      write_place(w, x.location, d);
      w.field("value", x.value);
      w.field("effect", x.effect);
      w.key("certain");
      w.value(x.certain);
      w.key("evidence");
      w.begin_array();
      for (const std::string& e : x.evidence) w.value(e);
      w.end_array();
      if (!x.changes.empty()) {
        w.key("changes");
        w.begin_array();
        for (const FixCellChange& c : x.changes) {
          w.begin_object();
          write_place(w, c.location, d);
          w.field("value", c.value);
          w.end_object();
        }
        w.end_array();
      }
      w.end_object();
    }
    w.end_array();
  }
  // The values the finding was computed from, when more than actual/expected
  // (acceptance.hpp): a statement copied from the finding keeps it.
  if (!f.fingerprint.empty()) w.field("fingerprint", f.fingerprint);
  // 已说明: the statement's reason, and whether it came from the gate's own
  // file ("gate": waives an error there) or from the checked form ("form").
  if (f.accepted) {
    w.key("accepted");
    w.begin_object();
    w.field("reason", f.accepted->reason);
    w.field("by", f.accepted->by_gate ? "gate" : "form");
    w.end_object();
  }
  w.end_object();
}

// A per-row calculation's label, from its row (see CalcLabel).
void write_calculation_label(JsonWriter& w, const Form& form, const Calculation& c) {
  const auto i = static_cast<size_t>(c.index);
  if (c.label.row_tail.empty() || c.index < 0) return w.value(c.label.text);
  if (c.section == "budget_info" && i < form.budget_info.size())
    return w.value_pieces({"预算信息·", form.budget_info[i].name, c.label.row_tail.view()});
  if (c.section == "evaluation" && i < form.evaluation.size())
    return w.value_pieces({"自评表·", form.evaluation[i].name, c.label.row_tail.view()});
  w.value(c.label.text);
}

void write_document(JsonWriter& w, const Document& d, bool with_details, bool with_model) {
  w.begin_object();
  w.field("path", d.path);
  w.key("form");
  if (d.has_form) w.value(std::string_view(kind_name(d.form.kind)));
  else w.null();
  w.key("profile");
  if (d.profile_id.empty()) w.null();
  else w.value(d.profile_id);
  w.field("input", d.input);
  if (!d.read_error.empty()) w.field("error", d.read_error);
  if (!d.source_grid.empty()) w.field("source_grid", d.source_grid);
  if (!d.source_fates.empty()) w.field("source_fates", d.source_fates);
  if (!d.source_merges.empty()) {
    w.key("source_merges");
    w.begin_array();
    for (const auto& m : d.source_merges) {
      w.begin_array();
      for (int v : m) w.value(static_cast<int64_t>(v));
      w.end_array();
    }
    w.end_array();
  }
  // Where the grid's lines came from in an office workbook (asked with the
  // grid, each form of the workbook: the page names the cell of a model field from its src line/col, as
  // cell_name does, to write the clerk's edits back into the workbook).
  if (d.keep_sheets && !d.sheets.empty()) {
    w.key("source_sheets");
    w.begin_array();
    for (const auto& o : d.sheets) {
      w.begin_object();
      w.field("sheet", o.sheet);
      w.field("first_line", o.first_line);
      w.field("rows", o.rows);
      w.key("merges");
      w.begin_array();
      for (const auto& m : o.merges) {
        w.begin_array();
        for (long v : m) w.value(static_cast<int64_t>(v));
        w.end_array();
      }
      w.end_array();
      w.end_object();
    }
    w.end_array();
  }
  // How each part of the form was read: "read" (with confidence), "unsure"
  // (an import.ambiguous finding says where and why; rules did not judge it)
  // or "absent" (nothing of it was found). Only for recognised forms.
  if (d.has_form) {
    const Form& f = d.form;
    auto state = [&](const std::string& part, bool present) -> std::string_view {
      for (const auto& u : f.unsure)
        if (u.part == part || u.part.rfind(part + ".", 0) == 0) return "unsure";
      return present ? "read" : "absent";
    };
    w.key("recognition");
    w.begin_object();
    w.field("unit", state("unit", !f.unit.empty()));
    w.field("year", state("year", !f.year.empty()));
    w.field("texts", state("texts", !f.texts.empty()));
    if (f.kind == FormKind::Target) {
      w.field("funds", state("funds", !f.funds.income.empty() || !f.funds.expense.empty()));
      w.field("indicators", state("indicators", !f.indicators.empty()));
    } else if (is_project(f.kind)) {
      w.field("project_funds", state("project_funds", !f.project_funds.empty()));
      w.field("project_indicators", state("project_indicators", !f.project_indicators.empty()));
    } else {
      w.field("budget_info", state("budget_info", !f.budget_info.empty()));
      w.field("evaluation", state("evaluation", !f.evaluation.empty()));
      w.field("key_tasks", state("key_tasks", !f.key_tasks.empty()));
    }
    w.end_object();
  }
  const Summary s = summarize(d.findings);
  w.key("summary");
  w.begin_object();
  w.field("errors", s.errors);
  w.field("warnings", s.warnings);
  w.field("infos", s.infos);
  w.field("accepted_errors", s.accepted_errors);
  w.field("accepted_warnings", s.accepted_warnings);
  w.end_object();
  w.key("findings");
  w.begin_array();
  for (const auto& f : d.findings) {
    write_finding(w, f, d);
    w.maybe_flush();
  }
  w.end_array();
  if (with_details) {
    w.key("calculations");
    w.begin_array();
    for (const auto& c : d.calculations) {
      w.begin_object();
      w.field("section", c.section.view());
      w.field("index", c.index);
      w.field("field", c.field.view());
      w.key("label");
      write_calculation_label(w, d.form, c);
      w.field("reported", c.reported);
      w.field("computed", c.computed);
      w.field("status", c.status.view());
      w.key("src");
      write_loc(w, c.src);
      w.end_object();
      w.maybe_flush();
    }
    w.end_array();
    w.key("score");
    w.raw(d.score.dump());
  }
  if (with_model) {
    w.key("model");
    if (d.has_form) w.raw(form_to_json(d.form).dump());
    else w.null();
  }
  w.end_object();
}

void write_files(JsonWriter& w, const std::vector<Document>& docs, bool with_details, bool with_model) {
  w.begin_object();
  w.key("files");
  w.begin_array();
  for (const auto& d : docs) write_document(w, d, with_details, with_model);
  w.end_array();
  w.end_object();
}

}  // namespace

std::string document_json_text(const Document& d, bool with_details, bool with_model) {
  JsonWriter w;
  write_document(w, d, with_details, with_model);
  return std::move(w.out());
}

std::string documents_json_text(const std::vector<Document>& docs, bool with_details, bool with_model) {
  JsonWriter w;
  write_files(w, docs, with_details, with_model);
  return std::move(w.out());
}

void stream_documents_json(const std::vector<Document>& docs, bool with_details, bool with_model,
                           const TextSink& sink, size_t chunk) {
  JsonWriter w(sink, chunk);
  write_files(w, docs, with_details, with_model);
  w.flush();
}

void stream_document_json(const Document& d, bool with_details, bool with_model, const TextSink& sink, size_t chunk) {
  JsonWriter w(sink, chunk);
  write_document(w, d, with_details, with_model);
  w.flush();
}

// The result layout lives in one place (write_document); the tree form, used
// for the CLI's indented output, is its parse (ordered_json keeps key order).
ojson document_json(const Document& d, bool with_details, bool with_model) {
  return ojson::parse(document_json_text(d, with_details, with_model));
}

ojson rules_json() {
  ojson arr = ojson::array();
  for (const Rule& r : rule_registry()) {
    auto add = [&](const std::string& id, Severity sev, const std::string& extra) {
      ojson o;
      o["id"] = id;
      o["severity"] = severity_name(sev);
      o["scope"] = scope_name(r.meta->scope);
      o["title"] = std::string(r.meta->title) + extra;
      o["description"] = r.meta->description;
      o["message"] = r.meta->message;
      o["docs"] = r.meta->docs;
      o["fixable"] = r.meta->fixable;
      arr.push_back(o);
    };
    add(r.meta->id, r.meta->severity, "");
    if (r.meta->has_rounding_variant)
      add(std::string(r.meta->id) + ".rounding", Severity::Warning, "（仅截尾舍入可解释）");
  }
  return arr;
}

std::string rules_markdown() {
  std::ostringstream md;
  md << "# formcheck 规则目录 / Rule catalog\n\n"
     << "<!-- Generated by `formcheck rules --markdown` from the rule registry. Do not edit by hand. -->\n\n"
     << "严重程度：`error` = 强制性审核（可证明有误，必须修改）；`warning` = 提示性审核（可能有误或缺失）；`info` = 提示。\n"
     << "带 `.rounding` 的规则是同一检查的舍入变体：差异只能用截尾（而非四舍五入）解释时报告为警告。\n\n"
     << "| id | 严重程度 | 适用 | 说明 |\n|---|---|---|---|\n";
  const auto rules = rules_json();
  for (const auto& r : rules)
    md << "| [`" << r["id"].get<std::string>() << "`](#" << r["id"].get<std::string>() << ") | "
       << r["severity"].get<std::string>() << " | " << r["scope"].get<std::string>() << " | "
       << r["description"].get<std::string>() << " |\n";
  for (const auto& r : rules) {
    const std::string id = r["id"].get<std::string>();
    md << "\n## <a id=\"" << id << "\"></a>" << id << " — " << r["title"].get<std::string>() << "\n\n"
       << "- 严重程度 / severity: `" << r["severity"].get<std::string>() << "`\n"
       << "- 适用 / scope: `" << r["scope"].get<std::string>() << "`\n"
       << "- 消息模板 / message: " << r["message"].get<std::string>() << "\n"
       << (r["fixable"].get<bool>() ? "- 可一键修改 / fixable: 是（应为值可直接写入该单元格；勾稽关系只对确定的修改一键应用）\n" : "")
       << "\n"
       << r["docs"].get<std::string>() << "\n";
  }
  return md.str();
}

std::string check_inputs_json(const std::vector<Input>& inputs, const Options& opts, bool with_details,
                              bool with_model) {
  std::vector<Document> docs;
  for (const auto& in : inputs) take_documents(load_document(in.path, in.text, opts), docs);
  for (auto& d : docs) check_document(d, opts);
  check_cross(docs);
  return documents_json_text(docs, with_details, with_model);
}

}  // namespace formcheck
