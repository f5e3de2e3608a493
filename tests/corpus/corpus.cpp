#include "corpus.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <zlib.h>

#include "formcheck/api.hpp"
#include "formcheck/model_json.hpp"
#include "formcheck/templates.hpp"
#include "formcheck/text_import.hpp"
#include "formcheck/text_util.hpp"

namespace corpus {

using formcheck::Form;
using formcheck::Indicator;

namespace {

// A logical cell: its text and, for a merged group label, how many rows it spans.
struct LCell {
  std::string text;
  int span = 1;
};
enum class Kind { Title, Plain, Text, FundsHeader, Funds, IndHeader, Ind };
struct LRow {
  Kind kind = Kind::Plain;
  std::vector<LCell> cells;
  int table = -1;  // indicator table index
};

const std::map<std::string, std::string> kTextLabels = {
    {"functions", "单位主要职能"}, {"org_setup", "机构设置及人员配置"}, {"mid_term_goal", "中长期目标"},
    {"annual_goal", "年度目标"}};

std::vector<LRow> logical(const Form& f, bool suffix) {
  std::vector<LRow> out;
  auto add = [&](Kind k, std::vector<std::string> cells, int table = -1) {
    LRow r;
    r.kind = k;
    r.table = table;
    for (auto& c : cells) r.cells.push_back({c, 1});
    out.push_back(std::move(r));
  };
  add(Kind::Title, {f.title});
  add(Kind::Plain, {f.year + "年度"});
  add(Kind::Plain, {"单位名称", "", f.unit});
  for (const char* k : {"functions", "org_setup"})
    if (f.texts.count(k)) add(Kind::Text, {kTextLabels.at(k), "", f.texts.at(k)});
  add(Kind::FundsHeader, {"部门整体资金（万元）", "收入", "", "", "全年预算数"});
  for (const auto& l : f.funds.income) {
    if (l.role == "appropriation") add(Kind::Funds, {"", "", l.name, "小计", l.full});
    else if (l.role == "general_budget" || l.role == "gov_fund" || l.role == "special_account")
      add(Kind::Funds, {"", "", "", l.name, l.full});
    else add(Kind::Funds, {"", "", l.name, "", l.full});
  }
  add(Kind::FundsHeader, {"", "支出", "", "", "半年计划执行数", "全年预算数"});
  for (const auto& l : f.funds.expense) add(Kind::Funds, {"", "", l.name, "", l.half, l.full});
  for (const char* k : {"mid_term_goal", "annual_goal"})
    if (f.texts.count(k)) add(Kind::Text, {kTextLabels.at(k), "", f.texts.at(k)});
  // Indicator tables: common (决策/过程), 履职, then 效益/满意度.
  const auto& tmpl = formcheck::templates().target;
  auto canon = [&](const std::string& s) { return tmpl.level1(formcheck::match_key(s)); };
  std::vector<std::vector<const Indicator*>> tables(3);
  for (const auto& i : f.indicators) {
    const std::string l1 = canon(i.level1);
    tables[l1 == "履职" ? 1 : (l1 == "决策" || l1 == "过程") ? 0 : 2].push_back(&i);
  }
  for (int t = 0; t < 3; ++t) {
    if (tables[t].empty()) continue;
    bool kw = false, proj = false;
    for (const auto* i : tables[t]) kw = kw || !i->key_work.empty(), proj = proj || !i->project.empty();
    std::vector<std::string> head = {"一级指标", "二级指标"};
    if (kw) head.push_back("重点工作");
    if (proj) head.push_back("对应项目");
    for (const char* h : {"三级指标", "半年指标值", "全年指标值"}) head.push_back(h);
    add(Kind::IndHeader, head, t);
    const size_t first = out.size();
    for (const auto* i : tables[t]) {
      std::string l1 = i->level1;
      if (suffix && (canon(l1) == "效益" || canon(l1) == "满意度") && !formcheck::ends_with(l1, "指标")) l1 += "指标";
      std::vector<std::string> cells = {l1, i->level2};
      if (kw) cells.push_back(i->key_work);
      if (proj) cells.push_back(i->project);
      for (const std::string* v : {&i->name, &i->half, &i->full}) cells.push_back(*v);
      add(Kind::Ind, cells, t);
    }
    // Merged group cells: a run of equal values (inner runs end where outer
    // ones do), measured on the values before any is cleared.
    const int groups = 2 + kw + proj;
    const std::vector<LRow> orig(out.begin() + static_cast<long>(first), out.end());
    auto same = [&](size_t a, size_t b, int c) {
      for (int o = 0; o <= c; ++o)
        if (orig[a].cells[o].text != orig[b].cells[o].text) return false;
      return !orig[a].cells[c].text.empty();
    };
    for (int c = 0; c < groups; ++c)
      for (size_t r = 0; r < orig.size();) {
        size_t e = r + 1;
        while (e < orig.size() && same(r, e, c)) ++e;
        out[first + r].cells[c].span = static_cast<int>(e - r);
        for (size_t k = r + 1; k < e; ++k) out[first + k].cells[c].text.clear(), out[first + k].cells[c].span = 0;
        r = e;
      }
  }
  return out;
}

struct Options {
  bool centred = false;     // merged labels printed in the middle of their block
  bool drop_empty = false;  // the extractor drops empty cells
  bool word_lines = false;  // one cell per line, blank line between rows
  int page_break = 0;       // 1 header+label repeated, 2 blank only, 3 header repeated, label on the second part only
  bool header_shift = false;
  bool label_own_line = false;
  bool wrap_long = false;
  bool html = false;
  bool suffix_placeholder = false;
  bool web = false;
};

Options options_of(const std::string& style) {
  Options o;
  if (style == "excel_tsv") return o;
  if (style == "word_lines") o.word_lines = true;
  else if (style == "pdf_dropped_cells") o.drop_empty = true;
  else if (style == "pdf_centred_labels") o.centred = o.drop_empty = true;
  else if (style == "centred_labels_full_width") o.centred = true;
  else if (style == "page_break_repeated") o.page_break = 1;
  else if (style == "page_break_blank") o.page_break = 2, o.drop_empty = true;
  else if (style == "page_break_label_second_part") o.page_break = 3;
  else if (style == "header_shifted") o.header_shift = true;
  else if (style == "label_own_line") o.label_own_line = true;
  else if (style == "wrapped_cells") o.wrap_long = true;
  else if (style == "html_in_text") o.html = true;
  else if (style == "level_suffix_empty_first_row") o.suffix_placeholder = true;
  else if (style == "web_scraped") o.web = o.drop_empty = o.html = true;
  else throw std::invalid_argument("unknown style " + style);
  return o;
}

std::vector<std::string> wrap(const std::string& s, size_t width) {
  const std::u32string u = formcheck::to_u32(s);
  std::vector<std::string> out;
  for (size_t i = 0; i < u.size(); i += width) out.push_back(formcheck::to_utf8(u.substr(i, width)));
  if (out.empty()) out.push_back("");
  return out;
}

std::string htmlize(const std::string& s) {
  std::vector<std::string> parts = wrap(s, 25);
  std::string out = "<p>";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "<br>" : "") + parts[i];
  out += "</p>&nbsp;";
  return out;
}

// ------------------------------------------------ office files (stored ZIP)

void put16(std::string& s, uint32_t v) { s += static_cast<char>(v & 0xFF), s += static_cast<char>(v >> 8 & 0xFF); }
void put32(std::string& s, uint32_t v) { put16(s, v & 0xFFFF), put16(s, v >> 16); }

std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string body, dir;
  for (const auto& [name, data] : files) {
    const auto crc = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    const auto off = static_cast<uint32_t>(body.size());
    const auto n = static_cast<uint32_t>(name.size()), z = static_cast<uint32_t>(data.size());
    put32(body, 0x04034b50), put16(body, 20), put16(body, 0x0800), put16(body, 0), put32(body, 0);
    put32(body, crc), put32(body, z), put32(body, z), put16(body, n), put16(body, 0);
    body += name + data;
    put32(dir, 0x02014b50), put16(dir, 20), put16(dir, 20), put16(dir, 0x0800), put16(dir, 0), put32(dir, 0);
    put32(dir, crc), put32(dir, z), put32(dir, z), put16(dir, n), put16(dir, 0), put16(dir, 0), put16(dir, 0);
    put16(dir, 0), put32(dir, 0), put32(dir, off);
    dir += name;
  }
  std::string out = body + dir;
  const auto count = static_cast<uint32_t>(files.size());
  put32(out, 0x06054b50), put16(out, 0), put16(out, 0), put16(out, count), put16(out, count);
  put32(out, static_cast<uint32_t>(dir.size())), put32(out, static_cast<uint32_t>(body.size())), put16(out, 0);
  return out;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

// An .xlsx as Excel writes a filled-in template: group labels in merged cells
// (the value in the top-left cell), numbers as numbers, text as shared-string-
// free inline strings.
std::string render_xlsx(const std::vector<LRow>& rows) {
  std::string sheet = "<worksheet><sheetData>", merges;
  int merge_count = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    sheet += "<row r=\"" + std::to_string(r + 1) + "\">";
    for (size_t c = 0; c < rows[r].cells.size(); ++c) {
      const LCell& cell = rows[r].cells[c];
      const std::string ref = formcheck::cell_ref(static_cast<int>(c) + 1, static_cast<int>(r) + 1);
      if (cell.span > 1) {
        merges += "<mergeCell ref=\"" + ref + ":" +
                  formcheck::cell_ref(static_cast<int>(c) + 1, static_cast<int>(r) + cell.span) + "\"/>";
        ++merge_count;
      }
      if (cell.text.empty()) continue;
      const bool number = cell.text.find_first_not_of("0123456789.") == std::string::npos && cell.text[0] != '.' &&
                          std::count(cell.text.begin(), cell.text.end(), '.') <= 1;
      // Shown with the decimals it was written with (a money column formatted 0.00).
      const size_t dot = cell.text.find('.');
      const size_t decimals = dot == std::string::npos ? 0 : cell.text.size() - dot - 1;
      if (number && decimals <= 3)
        sheet += "<c r=\"" + ref + "\" s=\"" + std::to_string(decimals) + "\"><v>" + cell.text + "</v></c>";
      else sheet += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + xml_escape(cell.text) + "</t></is></c>";
    }
    sheet += "</row>";
  }
  sheet += "</sheetData>";
  if (merge_count) sheet += "<mergeCells count=\"" + std::to_string(merge_count) + "\">" + merges + "</mergeCells>";
  sheet += "</worksheet>";
  return stored_zip({{"xl/workbook.xml",
                      R"(<workbook xmlns:r="r"><sheets><sheet name="目标表" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
                     {"xl/_rels/workbook.xml.rels",
                      R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)"},
                     {"xl/styles.xml",
                      R"(<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" )"
                      R"(formatCode="0.000"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="2"/>)"
                      R"(<xf numFmtId="165"/></cellXfs></styleSheet>)"},
                     {"xl/worksheets/sheet1.xml", sheet}});
}

// A .docx as Word writes the template: title and year as paragraphs, the rest
// in one table whose group labels are vertically merged (vMerge restart /
// continue) and whose short rows span the last cell across (gridSpan).
std::string render_docx(const std::vector<LRow>& rows) {
  size_t width = 0;
  for (const auto& r : rows) width = std::max(width, r.cells.size());
  auto para = [](const std::string& t) { return "<w:p><w:r><w:t>" + xml_escape(t) + "</w:t></w:r></w:p>"; };
  std::string body;
  bool in_table = false;
  for (const auto& r : rows) {
    if (r.kind == Kind::Title || (r.kind == Kind::Plain && r.cells.size() == 1)) {
      if (in_table) body += "</w:tbl>", in_table = false;
      body += para(r.cells.empty() ? "" : r.cells[0].text);
      continue;
    }
    if (!in_table) body += "<w:tbl>", in_table = true;
    body += "<w:tr>";
    for (size_t c = 0; c < r.cells.size(); ++c) {
      const LCell& cell = r.cells[c];
      std::string pr;
      if (cell.span > 1) pr += "<w:vMerge w:val=\"restart\"/>";
      if (cell.span == 0) pr += "<w:vMerge/>";
      if (c + 1 == r.cells.size() && r.cells.size() < width)
        pr += "<w:gridSpan w:val=\"" + std::to_string(width - r.cells.size() + 1) + "\"/>";
      body += "<w:tc>" + (pr.empty() ? "" : "<w:tcPr>" + pr + "</w:tcPr>") + para(cell.span == 0 ? "" : cell.text) + "</w:tc>";
    }
    body += "</w:tr>";
  }
  if (in_table) body += "</w:tbl>";
  return stored_zip({{"word/document.xml", "<w:document xmlns:w=\"w\"><w:body>" + body + "</w:body></w:document>"}});
}

}  // namespace

const std::vector<Style>& styles() {
  static const std::vector<Style> s = {
      {"excel_tsv", "从 Excel/WPS 复制的制表符文本，合并单元格的值在首格"},
      {"word_lines", "从 Word 表格复制：每格一行、行间空行"},
      {"pdf_dropped_cells", "PDF 提取：空单元格被丢掉，后面的值左移"},
      {"pdf_centred_labels", "PDF 提取：合并的一级/二级标签印在分组中间，并丢掉空单元格"},
      {"centred_labels_full_width", "合并标签印在分组中间，列位置保留"},
      {"page_break_repeated", "分组跨页：表头和标签在下一页重复"},
      {"page_break_blank", "分组跨页：只有空行，标签只出现一次，并丢掉空单元格"},
      {"page_break_label_second_part", "分组跨页：表头重复，标签只印在第二部分"},
      {"header_shifted", "表头比数据行多一列（整体右移一格）"},
      {"label_own_line", "标签单独一行，正文在空行之后分多行"},
      {"wrapped_cells", "长单元格（职责、二级、三级名称）折行到下一行的同一列"},
      {"html_in_text", "网页文本：长文字里留有 <p>、<br>、&nbsp;"},
      {"level_suffix_empty_first_row", "一级写作“效益指标”“满意度指标”，分组首行为空行"},
      {"web_scraped", "网页抓取：HTML 残留并丢掉空单元格"},
      {"xlsx_merged", "Excel 文件（.xlsx）：一级/二级等分组为合并单元格，数字按数值存储"},
      {"docx_vmerge", "Word 文件（.docx）：表格中分组为纵向合并（vMerge），短行横跨（gridSpan）"},
  };
  return s;
}

std::string render(const Form& gold, const std::string& style) {
  if (style == "xlsx_merged") return render_xlsx(logical(gold, false));
  if (style == "docx_vmerge") return render_docx(logical(gold, false));
  const Options o = options_of(style);
  std::vector<LRow> rows = logical(gold, o.suffix_placeholder);
  // An empty first row of the 效益 group (`效益指标 | 经济效益 | | |`).
  if (o.suffix_placeholder)
    for (size_t r = 0; r < rows.size(); ++r)
      if (rows[r].kind == Kind::Ind && rows[r].table == 2) {
        LRow p = rows[r];
        for (size_t c = 1; c < p.cells.size(); ++c) p.cells[c] = {c == 1 ? "经济效益" : "", 1};
        p.cells[0].span = 1;
        rows[r].cells[0].text = p.cells[0].text;  // the label stays on the group's first data row too
        rows.insert(rows.begin() + static_cast<long>(r), p);
        break;
      }
  // Merged labels in the middle of their block.
  if (o.centred)
    for (size_t r = 0; r < rows.size(); ++r)
      for (size_t c = 0; c < rows[r].cells.size(); ++c) {
        const int span = rows[r].cells[c].span;
        if (span <= 1 || rows[r].kind != Kind::Ind) continue;
        const size_t mid = r + static_cast<size_t>(span - 1) / 2;
        if (mid == r) continue;
        rows[mid].cells[c].text = rows[r].cells[c].text;
        rows[r].cells[c].text.clear();
        rows[mid].cells[c].span = -1;  // moved: not moved again
        rows[r].cells[c].span = 1;
      }
  // A page break inside the first group of more than four rows.
  if (o.page_break)
    for (size_t r = 0; r < rows.size(); ++r) {
      if (rows[r].kind != Kind::Ind || rows[r].cells[0].span < 5) continue;
      const size_t cut = r + 2;
      LRow header;
      for (size_t h = r; h-- > 0;)
        if (rows[h].kind == Kind::IndHeader) {
          header = rows[h];
          break;
        }
      const std::string label = rows[r].cells[0].text;
      std::vector<LRow> ins;
      ins.push_back(LRow{});  // blank line
      if (o.page_break != 2) ins.push_back(header);
      if (o.page_break == 1) rows[cut].cells[0].text = label;
      if (o.page_break == 3) rows[cut].cells[0].text = label, rows[r].cells[0].text.clear();
      rows.insert(rows.begin() + static_cast<long>(cut), ins.begin(), ins.end());
      break;
    }
  std::ostringstream out;
  auto emit = [&](std::vector<std::string> cells) {
    if (o.drop_empty)
      cells.erase(std::remove_if(cells.begin(), cells.end(), [](const std::string& s) { return s.empty(); }),
                  cells.end());
    if (o.word_lines) {
      for (const auto& c : cells) out << '\t' << c << '\n';
      out << '\n';
      return;
    }
    for (size_t i = 0; i < cells.size(); ++i) out << (i ? "\t" : "") << cells[i];
    out << (o.web ? "  \n" : "\n");
  };
  for (const LRow& r : rows) {
    std::vector<std::string> cells;
    for (const auto& c : r.cells) cells.push_back(c.text);
    if (r.cells.empty()) {
      out << '\n';
      continue;
    }
    if (o.header_shift && (r.kind == Kind::IndHeader || r.kind == Kind::FundsHeader)) cells.insert(cells.begin(), "");
    if (r.kind == Kind::Title && o.html) cells[0] = "<p>" + cells[0] + "</p>";
    if (r.kind == Kind::Text) {
      if (o.html) cells[2] = htmlize(cells[2]);
      if (o.label_own_line) {
        out << cells[0] << "\n\n";
        for (const auto& part : wrap(cells[2], 30)) out << part << '\n';
        out << '\n';
        continue;
      }
    }
    if (o.wrap_long && r.kind == Kind::Ind) {
      std::vector<std::string> tail(cells.size());
      bool any = false;
      for (size_t c = 0; c + 2 < cells.size(); ++c) {
        const auto parts = wrap(cells[c], 12);
        if (parts.size() < 2) continue;
        cells[c] = parts[0];
        for (size_t p = 1; p < parts.size(); ++p) tail[c] += parts[p];
        any = true;
      }
      emit(cells);
      if (any) emit(tail);
      continue;
    }
    emit(cells);
  }
  return out.str();
}

namespace {

std::string norm(const std::string& s) {
  std::string k = formcheck::match_key(s);
  k.erase(std::remove(k.begin(), k.end(), '\n'), k.end());
  return k;
}

// Reads and checks `bytes` as a user's file; counts the findings into `s`.
formcheck::Document checked(const std::string& bytes, Score& s) {
  formcheck::Options opts;
  formcheck::Document d = formcheck::load_document("corpus", bytes, opts);
  formcheck::check_document(d, opts);
  for (const auto& f : d.findings) {
    if (f.severity == formcheck::Severity::Error) ++s.errors, s.error_rules.push_back(f.rule + " " + f.message);
    if (f.severity == formcheck::Severity::Warning) ++s.warnings;
    if (f.rule == "import.ambiguous") ++s.ambiguous;
  }
  return d;
}

}  // namespace

Score score(const Form& gold, const std::string& text) {
  Score s;
  const formcheck::Document d = checked(text, s);
  const Form& got = d.form;
  auto field = [&](const std::string& where, const std::string& want, const std::string& have) {
    ++s.fields;
    if (norm(want) == norm(have)) ++s.correct;
    else s.misses.push_back(where + ": " + want.substr(0, 60) + " != " + have.substr(0, 60));
  };
  field("unit", gold.unit, got.unit);
  field("year", gold.year, got.year);
  for (const auto& [k, v] : gold.texts) field("texts." + k, v, got.texts.count(k) ? got.texts.at(k) : "");
  for (auto side : {&formcheck::Funds::income, &formcheck::Funds::expense}) {
    const auto& want = gold.funds.*side;
    const auto& have = got.funds.*side;
    for (size_t i = 0; i < want.size(); ++i) {
      const std::string w = std::string(side == &formcheck::Funds::income ? "income" : "expense") + "[" + want[i].name + "]";
      const formcheck::FundLine* h = i < have.size() ? &have[i] : nullptr;
      field(w + ".role", want[i].role, h ? h->role : "");
      field(w + ".half", want[i].half, h ? h->half : "");
      field(w + ".full", want[i].full, h ? h->full : "");
    }
    if (have.size() != want.size()) field("funds line count", std::to_string(want.size()), std::to_string(have.size()));
  }
  const auto& tmpl = formcheck::templates().target;
  std::vector<const Indicator*> want, have;
  for (const auto& i : gold.indicators)
    if (!i.name.empty()) want.push_back(&i);
  for (const auto& i : got.indicators)
    if (!i.name.empty()) have.push_back(&i);
  for (size_t i = 0; i < want.size(); ++i) {
    const Indicator* h = i < have.size() ? have[i] : nullptr;
    const std::string w = "indicators[" + want[i]->name + "]";
    field(w + ".name", want[i]->name, h ? h->name : "");
    field(w + ".level1", tmpl.level1(formcheck::match_key(want[i]->level1)),
          h ? tmpl.level1(formcheck::match_key(h->level1)) : "");
    field(w + ".level2", want[i]->level2, h ? h->level2 : "");
    field(w + ".key_work", want[i]->key_work, h ? h->key_work : "");
    field(w + ".project", want[i]->project, h ? h->project : "");
    field(w + ".half", want[i]->half, h ? h->half : "");
    field(w + ".full", want[i]->full, h ? h->full : "");
  }
  if (have.size() != want.size()) field("indicator count", std::to_string(want.size()), std::to_string(have.size()));
  return s;
}

std::vector<std::string> gold_names() {
  return {"suzhou-2022-target", "changzhou-2023-target", "suzhou-2025-target", "changzhou-2024-target"};
}

Form load_gold(const std::string& name) {
  const std::string path = std::string(FORMCHECK_CORPUS_DIR) + "/gold/" + name + ".json";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read gold model " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return formcheck::form_from_json(formcheck::parse_json_limited(ss.str()));
}

}  // namespace corpus

namespace corpus {

namespace {

int filled(const std::vector<std::string>& row) {
  int n = 0;
  for (const auto& c : row) n += !c.empty();
  return n;
}

void flatten(const nlohmann::ordered_json& j, const std::string& path, std::map<std::string, std::string>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      if (it.key() != "src") flatten(it.value(), path + "." + it.key(), out);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) flatten(j[i], path + "[" + std::to_string(i) + "]", out);
  } else {
    out[path] = j.is_string() ? j.get<std::string>() : j.dump();
  }
}

}  // namespace

std::vector<std::string> report_names() { return {"suzhou-2024-selfeval", "suzhou-2022-selfeval"}; }

std::string report_source(const std::string& name) {
  const std::string file = name == "suzhou-2024-selfeval" ? "001_f2b30ced5db2740f.txt" : "002_38699f7d4c788424.txt";
  std::ifstream in(std::string(FORMCHECK_EXAMPLES_DIR) + "/" + file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool generic_style(const std::string& style) {
  for (const char* s : {"excel_tsv", "word_lines", "pdf_dropped_cells", "page_break_blank", "html_in_text", "web_scraped",
                        "xlsx_merged", "docx_vmerge"})
    if (style == s) return true;
  return false;
}

std::string render_text(const std::string& source, const std::string& style) {
  // The table as the reader sees it (a Word copy has one cell per line).
  std::vector<std::vector<std::string>> rows;
  const formcheck::TextGrid tg = formcheck::grid_from_text(source);
  for (const auto& r : tg.grid.rows) {
    rows.emplace_back();
    if (!r.blank())
      for (const auto& c : r.cells) rows.back().emplace_back(c.text);
  }
  const bool drop = style == "pdf_dropped_cells" || style == "page_break_blank" || style == "web_scraped";
  const bool html = style == "html_in_text" || style == "web_scraped";
  if (style == "xlsx_merged" || style == "docx_vmerge") {
    std::vector<LRow> lrows;
    for (const auto& r : rows) {
      LRow l;
      l.kind = r.size() == 1 ? Kind::Title : Kind::Plain;
      for (const auto& c : r) l.cells.push_back({c, 1});
      lrows.push_back(std::move(l));
    }
    return style == "xlsx_merged" ? render_xlsx(lrows) : render_docx(lrows);
  }
  if (style == "page_break_blank") {
    // A page break inside the longest run of table rows (four or more cells).
    size_t best = 0, best_len = 0;
    for (size_t i = 0; i < rows.size();) {
      size_t j = i;
      while (j < rows.size() && filled(rows[j]) >= 4) ++j;
      if (j - i > best_len) best = i, best_len = j - i;
      i = j + 1;
    }
    if (best_len >= 6) rows.insert(rows.begin() + static_cast<long>(best + best_len / 2), std::vector<std::string>{});
  }
  std::ostringstream out;
  for (auto r : rows) {
    if (drop) r.erase(std::remove_if(r.begin(), r.end(), [](const std::string& c) { return c.empty(); }), r.end());
    if (html)
      for (auto& c : r)
        if (formcheck::u8_length(c) > 40) c = htmlize(c);
    if (style == "word_lines") {
      for (const auto& c : r) out << '\t' << c << '\n';
      out << '\n';
      continue;
    }
    for (size_t i = 0; i < r.size(); ++i) out << (i ? "\t" : "") << r[i];
    out << (style == "web_scraped" && !r.empty() ? "  \n" : "\n");
  }
  return out.str();
}

Score score_model(const formcheck::Form& gold, const std::string& bytes) {
  Score s;
  const formcheck::Document d = checked(bytes, s);
  std::map<std::string, std::string> want, have;
  flatten(formcheck::form_to_json(gold), "", want);
  flatten(formcheck::form_to_json(d.form), "", have);
  for (const auto& [k, v] : want) {
    ++s.fields;
    auto it = have.find(k);
    const std::string h = it == have.end() ? "" : it->second;
    if (norm(v) == norm(h)) ++s.correct;
    else s.misses.push_back(k + ": " + v.substr(0, 60) + " != " + h.substr(0, 60));
  }
  for (const auto& [k, v] : have)
    if (!want.count(k)) ++s.fields, s.misses.push_back(k + ": (none) != " + v.substr(0, 60));
  return s;
}

}  // namespace corpus
