#include "formcheck/office_import.hpp"
#include "formcheck/office_sheet.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <deque>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "formcheck/limits.hpp"
#include "formcheck/office_formula.hpp"
#include "formcheck/rule.hpp"
#include "formcheck/text_import.hpp"
#include "formcheck/text_util.hpp"
#include "formcheck/xml_reader.hpp"

namespace formcheck {

namespace office {

Finding office_finding(const std::string& rule, const std::string& message, const std::string& fix) {
  return import_finding(rule, message, fix);
}

// An Office file that cannot be read: one rule for every front door.
Finding office_error(const std::string& message, const std::string& fix) {
  return office_finding("import.invalid_office", message, fix);
}

// Parts are XML: a malformed one is a broken file, said with the part's name.
void xml_failed(const XmlReader& x, const std::string& part) {
  throw OfficeFailure{"文件中的 " + part + " 不是有效的 XML（" + x.error() + "）。"};
}

// ------------------------------------------------------------ numbers

// A stored number as Excel's General format shows it: at most 15 significant
// digits (Excel stores 15.81 computed as 7.9+7.91 as 15.810000000000002 and
// shows 15.81), the shortest text that reads back as the same double when
// there is one, written as JavaScript's Number#toString writes numbers.
std::string js_number(double v) {
  if (v == 0) return "0";
  char buf[40];
  int p = 1;
  for (; p < 15; ++p) {
    std::snprintf(buf, sizeof buf, "%.*e", p - 1, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  if (p == 15) std::snprintf(buf, sizeof buf, "%.*e", p - 1, v);
  // buf: [-]d.ddde[+-]xx
  std::string s(buf);
  const bool neg = s[0] == '-';
  if (neg) s.erase(0, 1);
  const size_t e = s.find('e');
  const int exp = std::atoi(s.c_str() + e + 1);
  std::string digits;
  for (size_t i = 0; i < e; ++i)
    if (s[i] != '.') digits += s[i];
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int k = static_cast<int>(digits.size()), n = exp + 1;  // value = 0.digits × 10^n
  std::string out;
  if (k <= n && n <= 21) {
    out = digits + std::string(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out = digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out = "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  } else {
    out = digits.substr(0, 1) + (k > 1 ? "." + digits.substr(1) : "") + "e" + (n - 1 >= 0 ? "+" : "-") +
          std::to_string(std::abs(n - 1));
  }
  return (neg ? "-" : "") + out;
}

// ×10^k of a plain decimal text, without binary floating point.
std::string shift_decimal(std::string s, int k) {
  const bool neg = !s.empty() && s[0] == '-';
  if (neg) s.erase(0, 1);
  const size_t dot = s.find('.');
  std::string in = dot == std::string::npos ? s : s.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (static_cast<int>(frac.size()) < k) frac.append(static_cast<size_t>(k) - frac.size(), '0');
  in += frac.substr(0, static_cast<size_t>(k));
  frac.erase(0, static_cast<size_t>(k));
  while (in.size() > 1 && in[0] == '0') in.erase(0, 1);
  return (neg ? "-" : "") + in + (frac.empty() ? "" : "." + frac);
}

// Rounded to d places, half away from zero, as text.
std::string round_decimal(std::string s, int d) {
  const bool neg = !s.empty() && s[0] == '-';
  if (neg) s.erase(0, 1);
  const size_t dot = s.find('.');
  const std::string in = dot == std::string::npos ? s : s.substr(0, dot);
  std::string frac = (dot == std::string::npos ? "" : s.substr(dot + 1)) + std::string(static_cast<size_t>(d) + 1, '0');
  std::string digits = in + frac.substr(0, static_cast<size_t>(d));
  if (frac[static_cast<size_t>(d)] >= '5') {
    size_t i = digits.size();
    for (;;) {
      if (i == 0) {
        digits.insert(digits.begin(), '1');
        break;
      }
      --i;
      if (digits[i] < '9') {
        ++digits[i];
        break;
      }
      digits[i] = '0';
    }
  }
  const size_t cut = digits.size() - static_cast<size_t>(d);
  std::string whole = digits.substr(0, cut);
  while (whole.size() > 1 && whole[0] == '0') whole.erase(0, 1);
  if (whole.empty()) whole = "0";
  std::string out = whole + (d > 0 ? "." + digits.substr(cut) : "");
  const bool nonzero = out.find_first_of("123456789") != std::string::npos;
  return (neg && nonzero ? "-" : "") + out;
}

// What Excel shows for a number cell with this number format.
std::string format_number(const std::string& raw, const std::string& fmt) {
  const char* begin = raw.c_str();
  char* end = nullptr;
  const double v = std::strtod(begin, &end);
  std::string s = raw;
  if (end != begin && *end == '\0' && std::isfinite(v)) s = js_number(v);
  if (s.find_first_of("eE") != std::string::npos) s = raw;
  if (fmt.empty() || s.find_first_not_of("-0123456789.") != std::string::npos) return s;
  const bool percent = fmt.find('%') != std::string::npos;
  int decimals = -1;
  if (size_t z = fmt.find("0."); z != std::string::npos && z + 2 < fmt.size() && fmt[z + 2] == '0') {
    decimals = 0;
    for (size_t i = z + 2; i < fmt.size() && fmt[i] == '0'; ++i) ++decimals;
  } else {
    // "#,##0" and "0%" (quotes, escapes, padding and [colour] sections aside) show no decimals.
    std::string bare;
    for (size_t i = 0; i < fmt.size(); ++i) {
      const char c = fmt[i];
      if (c == '\\' || c == '"') continue;
      if (c == '_' && i + 1 < fmt.size() && fmt[i + 1] == ')') {
        ++i;
        continue;
      }
      if (c == '[') {
        const size_t close = fmt.find(']', i);
        if (close == std::string::npos) break;
        i = close;
        continue;
      }
      bare += c;
    }
    bool plain = !bare.empty();
    for (size_t i = 0; i < bare.size(); ++i)
      plain = plain && (bare[i] == '#' || bare[i] == ',' || bare[i] == '0' || (bare[i] == '%' && i + 1 == bare.size()));
    if (plain) decimals = 0;
  }
  if (percent) s = shift_decimal(s, 2);
  if (decimals >= 0) s = round_decimal(s, decimals);
  return percent ? s + "%" : s;
}

// A formula that is only a constant with an optional unit: `=100%`, `=2场`.
bool constant_formula(std::string_view f) {
  f = trim_view(f);
  size_t i = 0;
  if (i < f.size() && (f[i] == '+' || f[i] == '-')) ++i;
  const size_t digits_at = i;
  while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i]))) ++i;
  bool any = i > digits_at;
  if (i < f.size() && f[i] == '.') {
    ++i;
    const size_t frac = i;
    while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i]))) ++i;
    any = any || i > frac;
  }
  if (!any) return false;
  std::string_view rest = trim_view(f.substr(i));
  if (rest.empty() || rest == "%") return true;
  for (char c : rest)
    if (static_cast<unsigned char>(c) < 0x80) return false;  // only non-ASCII unit words
  return true;
}

// ------------------------------------------------------------ xlsx

int col_of(std::string_view ref) {
  long n = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    n = n * 26 + (ref[i] - 'A' + 1);
    if (n > 16384) return -1;  // past Excel's XFD
  }
  return i == 0 ? -1 : static_cast<int>(n - 1);
}
long row_of(std::string_view ref) {
  size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') ++i;
  long n = 0;
  size_t start = i;
  for (; i < ref.size() && std::isdigit(static_cast<unsigned char>(ref[i])); ++i) {
    n = n * 10 + (ref[i] - '0');
    if (n > 1048576) return -1;  // past Excel's last row
  }
  return i == start || i != ref.size() ? -1 : n - 1;
}

std::vector<std::string> shared_strings(const std::string& xml) {
  std::vector<std::string> out;
  XmlReader x(xml);
  std::string cur;
  bool in_si = false, in_t = false;
  int phonetic = 0;  // <rPh> runs: reading aids, not the text
  for (;;) {
    const auto ev = x.next();
    if (ev == XmlReader::Event::Eof) break;
    if (ev == XmlReader::Event::Error) xml_failed(x, "sharedStrings.xml");
    if (ev == XmlReader::Event::Start) {
      if (x.name() == "si") in_si = true, cur.clear();
      else if (x.name() == "rPh") ++phonetic;
      else if (x.name() == "t") in_t = true;
    } else if (ev == XmlReader::Event::End) {
      if (x.name() == "si") {
        in_si = false;
        out.push_back(std::move(cur));
        cur.clear();
        if (out.size() > limits::kMaxRows * 4) throw OfficeFailure{"共享字符串过多。"};
      } else if (x.name() == "rPh") {
        --phonetic;
      } else if (x.name() == "t") {
        in_t = false;
      }
    } else if (ev == XmlReader::Event::Text && in_si && in_t && phonetic == 0) {
      cur += x.text();
    }
  }
  return out;
}

const std::map<int, std::string>& builtin_formats();

std::string builtin_format(int id) {
  const auto b = builtin_formats().find(id);
  return b == builtin_formats().end() ? "" : b->second;
}

const std::map<int, std::string>& builtin_formats() {
  static const std::map<int, std::string> m = {{1, "0"}, {2, "0.00"}, {3, "#,##0"}, {4, "#,##0.00"}, {9, "0%"}, {10, "0.00%"}};
  return m;
}

// Number format of each cell style (cellXfs index).
std::vector<std::string> cell_formats(const std::string& xml) {
  std::map<int, std::string> custom;
  std::vector<std::string> out;
  XmlReader x(xml);
  bool in_xfs = false;
  int xf_depth = 0;
  for (;;) {
    const auto ev = x.next();
    if (ev == XmlReader::Event::Eof) break;
    if (ev == XmlReader::Event::Error) xml_failed(x, "styles.xml");
    if (ev == XmlReader::Event::Start) {
      if (x.name() == "numFmt") custom[std::atoi(x.attr("numFmtId").c_str())] = x.attr("formatCode");
      else if (x.name() == "cellXfs") in_xfs = true, xf_depth = x.depth();
      else if (in_xfs && x.name() == "xf" && x.depth() == xf_depth + 1) {
        const int id = std::atoi(x.attr("numFmtId").c_str());
        const auto c = custom.find(id);
        const auto b = builtin_formats().find(id);
        out.push_back(c != custom.end() ? c->second : b != builtin_formats().end() ? b->second : "");
        if (out.size() > 65536) break;
      }
    } else if (ev == XmlReader::Event::End && x.name() == "cellXfs") {
      in_xfs = false;
    }
  }
  return out;
}

struct Sheet {
  std::string name, path;
};

// A part's name from a relationship's target relative to `base` ("xl/"),
// "." and ".." resolved; "" when it climbs out of the package.
std::string part_name(const std::string& base, const std::string& target) {
  const std::string joined = !target.empty() && target[0] == '/' ? target.substr(1) : base + target;
  std::vector<std::string> segs;
  size_t a = 0;
  while (a <= joined.size()) {
    size_t b = joined.find('/', a);
    if (b == std::string::npos) b = joined.size();
    const std::string seg = joined.substr(a, b - a);
    if (seg == "..") {
      if (segs.empty()) return "";
      segs.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segs.push_back(seg);
    }
    a = b + 1;
  }
  std::string out;
  for (const auto& seg : segs) out += (out.empty() ? "" : "/") + seg;
  return out;
}

[[noreturn]] void damaged(const std::string& why) { throw OfficeFailure{"文件已损坏：" + why + "。"}; }

std::vector<Sheet> workbook_sheets(const std::string& wb, const std::optional<std::string>& rels) {
  std::map<std::string, std::string> target;
  if (rels) {
    XmlReader x(*rels);
    for (;;) {
      const auto ev = x.next();
      if (ev == XmlReader::Event::Eof) break;
      if (ev == XmlReader::Event::Error) xml_failed(x, "workbook.xml.rels");
      if (ev == XmlReader::Event::Start && x.name() == "Relationship") target[x.attr("Id")] = x.attr("Target");
    }
  }
  std::vector<Sheet> out;
  XmlReader x(wb);
  bool root = false;
  for (;;) {
    const auto ev = x.next();
    if (ev == XmlReader::Event::Eof) break;
    if (ev == XmlReader::Event::Error) xml_failed(x, "workbook.xml");
    if (ev != XmlReader::Event::Start) continue;
    if (!root) {
      root = true;
      if (x.name() != "workbook") damaged("xl/workbook.xml 不是工作簿");
    }
    if (x.name() != "sheet") continue;
    Sheet s;
    s.name = x.attr("name");
    const std::string id = x.attr("id");  // r:id
    auto t = target.find(id);
    // Without a relationships part (not written by Excel, WPS or LibreOffice,
    // but read by them) sheets are found by their usual names.
    if (!rels) {
      s.path = "xl/worksheets/sheet" + std::to_string(out.size() + 1) + ".xml";
    } else if (t == target.end()) {
      damaged("工作表“" + s.name + "”在关系表中没有对应的部件（" + id.substr(0, 40) + "）");
    } else {
      s.path = part_name("xl/", t->second);
      if (s.path.empty() || s.path == "xl/workbook.xml" || s.path.find("_rels/") != std::string::npos)
        damaged("工作表“" + s.name + "”的关系指向“" + t->second.substr(0, 80) + "”，不是工作表");
    }
    out.push_back(std::move(s));
    if (out.size() > 256) break;
  }
  if (!root) damaged("xl/workbook.xml 是空的");
  return out;
}

// "Precision as displayed" (calcPr fullPrecision="0"): Excel computes with the
// values as shown, so a saved result is not compared with the stored values.
bool precision_as_displayed(const std::string& wb) {
  XmlReader x(wb);
  for (;;) {
    const auto ev = x.next();
    if (ev == XmlReader::Event::Eof || ev == XmlReader::Event::Error) return false;
    if (ev == XmlReader::Event::Start && x.name() == "calcPr") {
      const std::string v = x.attr("fullPrecision");
      return v == "0" || v == "false";
    }
  }
}

// A reference past Excel's grid (XFE1, A1048577) is not something Excel
// writes: the file is damaged.
[[noreturn]] void past_grid(const std::string& sheet, const std::string& ref) {
  throw OfficeFailure{"文件已损坏：工作表“" + sheet + "”中的单元格引用“" + ref.substr(0, 40) +
                      "”超出了 Excel 的表格范围（最多 1048576 行、XFD 列）。"};
}

// At most this many formula findings a sheet name their cells; the rest are
// counted in the last one.
constexpr size_t kMaxFormulaNotes = 200;

// Evaluates the sheet's formulas (office_formula.hpp): a formula without a
// saved result gets its value or an import.formula_uncached at its cell, a
// saved result its formula disagrees with an import.formula_stale.
void settle_formulas(SheetCells& out, const std::vector<FormulaCell>& formulas, const std::vector<std::string>& texts,
                     std::vector<ValueCell> values, const std::vector<std::pair<size_t, std::string>>& shown,
                     bool check_saved) {
  const auto outcomes = evaluate_formulas(formulas, texts, std::move(values), out.arena, out.name);
  size_t unknown = 0, stale = 0;
  SheetCells::Note* last_unknown = nullptr;
  std::vector<size_t> unknown_at;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const FormulaOutcome& o = outcomes[i];
    const FormulaCell& fc = formulas[i];
    const std::string where = out.name + "!" + cell_ref(fc.col + 1, static_cast<int>(fc.row + 1));
    const std::string text = "=" + shifted_formula(texts[fc.text], fc.dr, fc.dc);
    if (o.kind == FormulaOutcome::Ok) {
      if (fc.cached == ValueKind::Empty && shown[i].first != SIZE_MAX)
        out.set(shown[i].first, o.text ? o.value : format_number(o.value, shown[i].second));
      continue;
    }
    if (o.kind == FormulaOutcome::Unknown) {
      out.last_filled = std::max(out.last_filled, fc.row);  // the cell is content, its value unknown
      if (++unknown > kMaxFormulaNotes) continue;
      out.notes.push_back({fc.row, fc.col,
                           office_finding("import.formula_uncached",
                                          "单元格 " + where + " 的公式 " + text + " 没有保存计算结果，本工具也无法计算（" + o.why +
                                              "），这一格的数值未知，依赖它的检查无法确认。",
                                          "请在 Excel/WPS 中打开文件并保存（会重新计算公式），或把公式换成数值后再导入。")});
      last_unknown = &out.notes.back();
      unknown_at.push_back(out.notes.size() - 1);
      continue;
    }
    if (!check_saved || ++stale > kMaxFormulaNotes) continue;
    const std::string saved = format_number(plain_number(fc.cached_number), shown[i].second);
    const std::string computed = format_number(o.value, shown[i].second);
    Finding f = office_finding("import.formula_stale",
                               "单元格 " + where + " 保存的结果是 " + saved + "，但它的公式 " + text + " 按表中的数算得 " +
                                   computed + "；文件显示的是保存的结果 " + saved + "，检查按 " + saved + " 进行。",
                               "请在 Excel/WPS 中重新计算（F9）并保存，确认这一格应为哪个数。");
    f.expected = computed;
    f.actual = saved;
    out.notes.push_back({fc.row, fc.col, std::move(f)});
  }
  if (unknown > kMaxFormulaNotes && last_unknown)
    out.notes[unknown_at.back()].finding.message +=
        "（另有 " + std::to_string(unknown - kMaxFormulaNotes) + " 个公式单元格同样无法计算，未逐一列出）";
}

// Whether a sheet's XML holds a formula element (<f …>, <x:f …>): only then
// are the cells' values kept for evaluation.
bool has_formula_element(const std::string& xml) {
  for (size_t i = xml.find('f'); i != std::string::npos; i = xml.find('f', i + 1)) {
    if (i == 0 || i + 1 >= xml.size()) continue;
    const char before = xml[i - 1], after = xml[i + 1];
    if ((before == '<' || before == ':') && (after == '>' || after == ' ' || after == '/' || after == '\t' ||
                                              after == '\n' || after == '\r'))
      return true;
  }
  return false;
}

SheetCells read_sheet(const std::string& xml, const std::vector<std::string>& strings,
                      const std::vector<std::string>& formats, const std::string& sheet_name, bool check_saved) {
  SheetCells out(sheet_name);
  XmlReader x(xml);
  long row = -1, next_row = 0;
  int next_col = 0;
  // The cell being read.
  bool in_cell = false, has_v = false, has_f = false;
  long cr = 0;
  int cc = 0;
  std::string type, style, v, f, f_type, f_si, inline_text;
  int in_field = 0;  // 1 <v>, 2 <f>, 3 <t> of an inline string
  int phonetic = 0;  // <rPh> runs of an inline string: reading aids, not the text
  // Formulas: their texts (a shared formula's once), the cells holding them,
  // every written cell's value as a reference sees it, and where each
  // formula cell's shown text goes (its entry, its number format).
  std::vector<std::string> texts;
  // A shared formula's master by its index (si): its text and cell.
  struct Master {
    uint32_t text = UINT32_MAX;
    long row = 0;
    int col = 0;
  };
  std::vector<Master> shared;
  std::vector<FormulaCell> formulas;
  std::vector<ValueCell> values;
  std::vector<std::pair<size_t, std::string>> shown;
  const bool formula_sheet = has_formula_element(xml);
  bool root = false;
  for (;;) {
    const auto ev = x.next();
    if (ev == XmlReader::Event::Eof) break;
    if (ev == XmlReader::Event::Error) xml_failed(x, sheet_name);
    if (ev == XmlReader::Event::Start) {
      const std::string_view n = x.name();
      if (!root) {
        root = true;
        // A chart sheet (or an old dialog sheet) has no cells to read.
        if (n == "chartsheet" || n == "dialogsheet" || n == "macrosheet") return out;
        if (n != "worksheet") damaged("工作表“" + sheet_name + "”的部件不是工作表（<" + std::string(n.substr(0, 40)) + ">）");
      }
      if (n == "row") {
        const std::string r = x.attr("r");
        row = r.empty() ? next_row : std::atol(r.c_str()) - 1;
        if (!r.empty() && (r.size() > 9 || row < 0 || row > 1048575)) past_grid(sheet_name, "第 " + r + " 行");
        if (row < 0 || row > 1048575) row = next_row;
        next_row = row + 1;
        next_col = 0;
      } else if (n == "c" && row >= 0) {
        in_cell = true;
        const std::string ref = x.attr("r");
        cc = ref.empty() ? next_col : col_of(ref);
        cr = row;
        if (!ref.empty() && row_of(ref) >= 0) cr = row_of(ref);
        if (!ref.empty() && (cc < 0 || row_of(ref) < 0)) {
          // A well-formed reference past the grid is damage; anything else
          // keeps the long-standing "not a column" report.
          size_t k = 0;
          while (k < ref.size() && ref[k] >= 'A' && ref[k] <= 'Z') ++k;
          const size_t letters = k;
          while (k < ref.size() && std::isdigit(static_cast<unsigned char>(ref[k]))) ++k;
          if (letters > 0 && k > letters && k == ref.size()) past_grid(sheet_name, ref);
        }
        next_col = cc + 1;
        type = x.attr("t"), style = x.attr("s");
        v.clear(), f.clear(), inline_text.clear(), f_type.clear(), f_si.clear();
        has_v = has_f = false;
        phonetic = 0;
      } else if (in_cell && n == "v") {
        in_field = 1, has_v = true;
      } else if (in_cell && n == "f") {
        in_field = 2, has_f = true;
        f_type = x.attr("t"), f_si = x.attr("si");
      } else if (in_cell && n == "rPh") {
        ++phonetic;
      } else if (in_cell && n == "t") {
        in_field = phonetic ? 0 : 3;
      } else if (n == "mergeCell") {
        const std::string ref = x.attr("ref");
        const size_t colon = ref.find(':');
        const std::string a = ref.substr(0, colon), b = colon == std::string::npos ? a : ref.substr(colon + 1);
        const long r1 = row_of(a), r2 = row_of(b);
        const int c1 = col_of(a), c2 = col_of(b);
        if (r1 >= 0 && r2 >= r1 && c1 >= 0 && c2 >= c1 && out.merges.size() < 100000)
          out.merges.push_back({r1, c1, r2, c2});
      }
    } else if (ev == XmlReader::Event::End) {
      const std::string_view n = x.name();
      if (n == "v" || n == "f" || n == "t") {
        in_field = 0;
      } else if (n == "rPh" && in_cell) {
        if (phonetic > 0) --phonetic;
      } else if (n == "c" && in_cell) {
        in_cell = false;
        // The formula: its own text, or a shared formula's master's shifted here.
        long dr = 0;
        int dc = 0;
        std::optional<uint32_t> text;
        long si = f_si.empty() || f_si.size() > 6 ? -1 : std::atol(f_si.c_str());
        if (si > 100000) si = -1;  // Excel numbers them from 0
        const Master* m = si >= 0 && static_cast<size_t>(si) < shared.size() && shared[static_cast<size_t>(si)].text != UINT32_MAX
                              ? &shared[static_cast<size_t>(si)] : nullptr;
        if (has_f && f_type == "shared" && si >= 0) {
          if (!trim_view(f).empty()) {
            texts.push_back(f), text = static_cast<uint32_t>(texts.size() - 1);
            if (!m) {
              if (static_cast<size_t>(si) >= shared.size()) shared.resize(static_cast<size_t>(si) + 1);
              shared[static_cast<size_t>(si)] = {*text, cr, cc};
            }
          } else if (m) {
            text = m->text;
            dr = cr - m->row, dc = cc - m->col;
          } else if (texts.size() < limits::kMaxRows) {
            // A follower whose master is not in the file: said at the cell
            // when it has no saved result (office_formula: an empty text).
            texts.emplace_back(), text = static_cast<uint32_t>(texts.size() - 1);
          }
        } else if (has_f && !trim_view(f).empty() && f_type != "dataTable") {
          texts.push_back(f), text = static_cast<uint32_t>(texts.size() - 1);
        }
        const bool constant = text && constant_formula(texts[*text]);
        std::string value;
        const long s = style.empty() ? 0 : std::atol(style.c_str());
        const std::string& fmt = s >= 0 && static_cast<size_t>(s) < formats.size() ? formats[static_cast<size_t>(s)] : std::string();
        if (constant) value = "=" + std::string(trim_view(texts[*text]));
        else if (type == "s") {
          const long k = v.empty() ? -1 : std::atol(v.c_str());
          if (!v.empty() && (k < 0 || static_cast<size_t>(k) >= strings.size()))
            damaged("工作表“" + sheet_name + "”的单元格 " + cell_ref(cc + 1, static_cast<int>(cr + 1)) +
                    " 引用的共享字符串第 " + v.substr(0, 20) + " 项不存在");
          if (k >= 0) value = strings[static_cast<size_t>(k)];
        } else if (type == "inlineStr") value = inline_text;
        else if (type == "b") value = v == "1" ? "TRUE" : "FALSE";
        else if (type == "str" || type == "e") value = v;
        else if (!v.empty()) value = format_number(v, fmt);
        // The cell as a reference sees it.
        ValueCell vc{cr, cc, ValueKind::Empty, 0};
        char* end = nullptr;
        const double number = std::strtod(v.c_str(), &end);
        const bool numeric = !v.empty() && end && *end == '\0';
        if (type == "s" || type == "inlineStr" || type == "str") vc.kind = has_v || !value.empty() ? ValueKind::Text : ValueKind::Empty;
        else if (type == "b") vc.kind = has_v ? ValueKind::Bool : ValueKind::Empty, vc.number = v == "1";
        else if (type == "e") vc.kind = has_v ? ValueKind::Error : ValueKind::Empty;
        else if (numeric) vc.kind = ValueKind::Number, vc.number = number;
        else if (!v.empty()) vc.kind = ValueKind::Error;
        const size_t entry = out.cells.size();
        out.put(cr, cc, value);
        const bool kept = out.cells.size() > entry;
        if (kept) vc.off = out.cells[entry].off, vc.len = out.cells[entry].len;
        if (text && !constant && cc >= 0 && formulas.size() < limits::kMaxRows) {
          FormulaCell fc{cr, cc, *text, dr, dc, vc.kind, vc.number, vc.off, vc.len};
          if (vc.kind == ValueKind::Text && !has_v) fc.cached = ValueKind::Empty;
          vc.formula = static_cast<int32_t>(formulas.size());
          formulas.push_back(fc);
          shown.emplace_back(kept ? entry : SIZE_MAX, fmt);
        }
        if (formula_sheet && cc >= 0 && (vc.kind != ValueKind::Empty || vc.formula >= 0)) values.push_back(vc);
      }
    } else if (ev == XmlReader::Event::Text && in_cell) {
      if (in_field == 1) v += x.text();
      else if (in_field == 2) f += x.text();
      else if (in_field == 3) inline_text += x.text();
    }
  }
  if (!root) damaged("工作表“" + sheet_name + "”的部件是空的");
  if (!formulas.empty()) settle_formulas(out, formulas, texts, std::move(values), shown, check_saved);
  return out;
}

struct Builder {
  OfficeGrid& out;
  std::deque<std::vector<std::pair<std::string, Loc>>> rows;  // text, position
  size_t cells = 0;
  void row(std::vector<std::pair<std::string, Loc>> r) {
    cells += r.size();
    rows.push_back(std::move(r));
  }
  void finish() {
    out.grid.reserve(rows.size(), cells);
    Cuts cuts;
    for (auto& r : rows) {
      cuts.row(r.size(), r.empty() ? Loc{} : r.front().second);
      for (size_t i = 0; i < r.size() && i < limits::kMaxCellsPerRow; ++i)
        out.grid.add_cell(Cell{out.grid.keep(clean_cell(cuts.cell(r[i].first, r[i].second))), r[i].second});
      out.grid.end_row();
    }
    cuts.report(out.findings);
  }
};

// Appends one sheet's cells to the workbook grid (a blank row before every
// sheet but the first), as .xlsx and .xls share it: merged regions drop the
// columns they span to the right, cells are named back through SheetOrigin.
void SheetCells::put(long row, int col, std::string_view value) {
  const bool within = col >= 0 && row < static_cast<long>(limits::kMaxRows) && col < static_cast<int>(limits::kMaxCellsPerRow);
  if (!within) {
    if (!value.empty() && past_limits++ == 0)
      first_past = col < 0 ? "列号无效" : cell_ref(col + 1, static_cast<int>(std::min(row + 1, 9999999L)));
    return;
  }
  if (!value.empty()) last_filled = std::max(last_filled, row);
  if (arena.size() + value.size() > UINT32_MAX) throw OfficeFailure{"工作表“" + name + "”的文字过多。"};
  cells.push_back({row, col, static_cast<uint32_t>(arena.size()), static_cast<uint32_t>(value.size())});
  arena += value;
  if (cells.size() > limits::kMaxRows * 16) throw OfficeFailure{"工作表“" + name + "”的单元格过多。"};
}

void SheetCells::set(size_t entry, std::string_view value) {
  if (entry >= cells.size() || value.empty()) return;
  if (arena.size() + value.size() > UINT32_MAX) throw OfficeFailure{"工作表“" + name + "”的文字过多。"};
  cells[entry].off = static_cast<uint32_t>(arena.size());
  cells[entry].len = static_cast<uint32_t>(value.size());
  arena += value;
  last_filled = std::max(last_filled, cells[entry].row);
}

void WorkbookGrid::add(SheetCells cells) {
  OfficeGrid& out = out_;
  Cuts& cuts = cuts_;
  int& line = line_;
  const std::string& name = cells.name;
  if (cells.past_limits) {
    Finding f = office_finding("import.too_large", "工作表“" + name + "”有 " + std::to_string(cells.past_limits) + " 个单元格超出 " +
                                 std::to_string(limits::kMaxRows) + " 行或 " + std::to_string(limits::kMaxCellsPerRow) +
                                 " 列的范围（第一个在 " + cells.first_past + "），未读取。",
                             "删去表单以外的内容，或只复制表单所在的区域。");
    out.findings.push_back(std::move(f));
  }
  if (cells.last_filled < 0) return;
  out.grid.explicit_merges = out.grid.explicit_merges || !cells.merges.empty();
  auto& entries = cells.cells;
  const auto before = [](const CellEntry& a, const CellEntry& b) { return a.row != b.row ? a.row < b.row : a.col < b.col; };
  if (!std::is_sorted(entries.begin(), entries.end(), before)) std::stable_sort(entries.begin(), entries.end(), before);
  // Merged regions: the columns they span to the right are dropped, row by
  // row (at most a few million row entries: past that, merges are not a
  // form's layout and are left alone).
  std::map<long, std::vector<std::pair<int, int>>> hidden;
  size_t hidden_entries = 0;
  for (const auto& m : cells.merges) {
    if (m[3] <= m[1]) continue;
    for (long r = m[0]; r <= std::min(m[2], cells.last_filled) && hidden_entries < 4000000; ++r, ++hidden_entries)
      hidden[r].push_back({static_cast<int>(m[1]) + 1, static_cast<int>(std::min<long>(m[3], 16384))});
  }
  auto is_hidden = [&](long r, int c) {
    auto h = hidden.find(r);
    if (h == hidden.end()) return false;
    for (const auto& [a, b] : h->second)
      if (c >= a && c <= b) return true;
    return false;
  };
  if (line > 0) out.grid.end_row(), ++line;  // a blank row between sheets
  const long last = cells.last_filled;
  SheetOrigin origin{name, line + 1, static_cast<int>(last + 1), std::move(cells.merges)};
  out.grid.reserve(out.grid.rows.size() + static_cast<size_t>(last) + 1, 0);
  const std::string_view arena = out.grid.keep(std::move(cells.arena));
  size_t k = 0;
  for (long r = 0; r <= last; ++r) {
    const Loc row_at{line + 1 + static_cast<int>(r), 1};
    size_t end = k;
    while (end < entries.size() && entries[end].row == r) ++end;
    if (end > k) {
      // Every column up to the row's last written cell, gaps as empty cells.
      const int width = entries[end - 1].col + 1;
      cuts.row(static_cast<size_t>(width), row_at);
      int shown = 0;
      for (int c = 0, e = static_cast<int>(k); c < width && shown < static_cast<int>(limits::kMaxCellsPerRow); ++c) {
        std::string_view text;
        while (e < static_cast<int>(end) && entries[static_cast<size_t>(e)].col < c) ++e;
        if (e < static_cast<int>(end) && entries[static_cast<size_t>(e)].col == c) {
          // A cell written twice: the later one wins.
          while (e + 1 < static_cast<int>(end) && entries[static_cast<size_t>(e) + 1].col == c) ++e;
          const CellEntry& ce = entries[static_cast<size_t>(e)];
          text = arena.substr(ce.off, ce.len);
        }
        if (is_hidden(r, c)) continue;
        const Loc at{row_at.line, ++shown};
        std::string_view kept;
        if (!text.empty()) {
          const std::string_view v = cuts.cell(text, at);
          kept = is_clean_cell(v) ? v : out.grid.keep(clean_cell(v));
        }
        out.grid.add_cell(Cell{kept, at});
      }
    }
    out.grid.end_row();
    k = end;
  }
  // Findings about single cells, at the grid place of their cell.
  for (auto& note : cells.notes) {
    if (note.row > last) continue;
    int shown = 0;
    for (int c = 0; c <= note.col && shown < static_cast<int>(limits::kMaxCellsPerRow); ++c) shown += !is_hidden(note.row, c);
    note.finding.location.src = Loc{line + 1 + static_cast<int>(note.row), std::max(shown, 1)};
    out.findings.push_back(std::move(note.finding));
  }
  line += static_cast<int>(last + 1);
  out.sheets.push_back(std::move(origin));
  if (static_cast<size_t>(line) > limits::kMaxRows)
    throw OfficeFailure{"工作簿的行数超过上限（" + std::to_string(limits::kMaxRows) + " 行）。"};
}

}  // namespace office

using namespace office;

namespace {
const char* kXlsxFix = "请在 Excel/WPS 中另存为 .xlsx 后再导入，或复制表格粘贴。";
const char* kDocxFix = "请在 Word/WPS 中另存为 .docx 后再导入，或复制表格粘贴。";
}  // namespace

std::string SheetOrigin::cell(Loc at) const {
  if (at.line < first_line || at.line >= first_line + rows || at.col <= 0) return "";
  const long r = at.line - first_line;
  // Columns hidden in this row (spanned to the right by a merge), in order.
  std::vector<std::pair<long, long>> hidden;
  for (const auto& m : merges)
    if (r >= m[0] && r <= m[2] && m[3] > m[1]) hidden.push_back({m[1] + 1, m[3]});
  std::sort(hidden.begin(), hidden.end());
  // The at.col-th visible column.
  long c = at.col - 1;
  for (const auto& [a, b] : hidden)
    if (a <= c) c = std::max(c, c + (b - std::max(a, 0L) + 1));
  return cell_ref(static_cast<int>(std::min(c, 16383L)) + 1, static_cast<int>(r) + 1);
}

std::string cell_ref(int col, int row) {
  std::string letters;
  for (int c = col; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row);
}

// Parts as text, decoded as the page's TextDecoder decodes them (invalid
// bytes become U+FFFD), so the same file reads the same everywhere.
static PartSource as_text(const PartSource& raw) {
  return [raw](const std::string& name) -> std::optional<std::string> {
    auto p = raw(name);
    if (!p) return p;
    if (!is_valid_utf8(*p)) *p = utf8_lossy(*p);                     // rare: a damaged part
    else if (p->compare(0, 3, "\xEF\xBB\xBF") == 0) p->erase(0, 3);  // no copy of a large part otherwise
    return p;
  };
}

// Runs `read` over the parts as text; a broken file becomes one message.
template <class Read>
OfficeGrid read_office(const char* mode, const char* what, const char* fix, const PartSource& raw_parts, Read read) {
  OfficeGrid out;
  out.mode = mode;
  const PartSource parts = as_text(raw_parts);
  try {
    read(out, parts);
  } catch (const OfficeFailure& e) {
    out.ok = false;
    out.findings.push_back(office_error(e.message, e.fix.empty() ? fix : e.fix));
  } catch (const ZipError& e) {
    out.ok = false;
    out.findings.push_back(office_error(std::string(what) + "无法读取：" + e.what() + "。", fix));
  }
  return out;
}

OfficeGrid grid_from_xlsx(const PartSource& raw_parts) {
  return read_office("xlsx", "Excel 文件", kXlsxFix, raw_parts,
                     [](OfficeGrid& out, const PartSource& parts) {
    const auto wb = parts("xl/workbook.xml");
    if (!wb) throw OfficeFailure{"不是 Excel 工作簿（缺少 xl/workbook.xml）。"};
    const auto sheets = workbook_sheets(*wb, parts("xl/_rels/workbook.xml.rels"));
    const bool check_saved = !precision_as_displayed(*wb);
    const auto ss = parts("xl/sharedStrings.xml");
    const std::vector<std::string> strings = ss ? shared_strings(*ss) : std::vector<std::string>{};
    const auto st = parts("xl/styles.xml");
    const std::vector<std::string> formats = st ? cell_formats(*st) : std::vector<std::string>{};
    WorkbookGrid book(out);
    for (const Sheet& s : sheets) {
      SheetCells cells;
      {
        const auto xml = parts(s.path);  // freed once read: the grid is built from the cells
        if (!xml) damaged("工作表“" + s.name + "”的部件 " + s.path + " 不存在");
        cells = read_sheet(*xml, strings, formats, s.name, check_saved);
      }
      book.add(std::move(cells));
    }
    book.finish();
  });
}

OfficeGrid grid_from_docx(const PartSource& raw_parts) {
  return read_office("docx", "Word 文件", kDocxFix, raw_parts,
                     [](OfficeGrid& out, const PartSource& parts) {
    const auto doc = parts("word/document.xml");
    if (!doc) throw OfficeFailure{"不是 Word 文档（缺少 word/document.xml）。"};
    Builder b{out, {}, 0};
    XmlReader x(*doc);
    int line = 0;
    int tables = 0;          // open tables (nested ones included)
    bool in_body = false;
    std::string para;        // text of the paragraph being read
    bool in_text = false;
    std::vector<std::pair<std::string, Loc>> row;
    std::string cell;        // text of the outermost cell being read
    bool cell_open = false, continued = false, restart = false;
    int span = 1;
    std::map<int, size_t> vertical;  // column -> the merge a vMerge continues there
    int col = 0;
    int cell_depth = 0;
    auto end_paragraph = [&] {
      if (tables == 0) {
        ++line;
        b.row({{para, Loc{line, 1}}});
      } else if (cell_open) {
        if (!cell.empty() && !para.empty()) cell += ' ';
        cell += para;
      }
      para.clear();
    };
    // Text Word does not show is not read: a deleted revision (w:del,
    // w:moveFrom), the branch of an mc:AlternateContent Word did not choose
    // (the first mc:Choice is read, mc:Fallback only without one), and a run
    // whose properties hide it (w:vanish).
    int skip_until = 0;               // skipping the element opened at this depth
    std::vector<bool> chosen;         // per open mc:AlternateContent: a branch was read
    int run_depth = 0;
    bool run_hidden = false;
    for (;;) {
      const auto ev = x.next();
      if (ev == XmlReader::Event::Eof) break;
      if (ev == XmlReader::Event::Error) xml_failed(x, "document.xml");
      const std::string_view n = x.name();
      if (skip_until > 0) {
        if (ev == XmlReader::Event::End && x.depth() < skip_until) skip_until = 0;
        continue;
      }
      if (ev == XmlReader::Event::Start) {
        if (n == "del" || n == "moveFrom") {
          skip_until = x.depth();
          continue;
        }
        if (n == "AlternateContent") {
          if (chosen.size() < 4096) chosen.push_back(false);
        } else if ((n == "Choice" || n == "Fallback") && !chosen.empty()) {
          if (chosen.back()) {
            skip_until = x.depth();
            continue;
          }
          chosen.back() = true;
        } else if (n == "r") {
          run_depth = x.depth(), run_hidden = false;
        } else if (n == "vanish" && run_depth > 0 && x.depth() == run_depth + 2) {
          const std::string val = x.attr("val");
          run_hidden = val != "0" && val != "false" && val != "off";
        }
      } else if (ev == XmlReader::Event::End) {
        if (n == "AlternateContent" && !chosen.empty()) chosen.pop_back();
        else if (n == "r" && x.depth() == run_depth - 1) run_depth = 0, run_hidden = false;
      } else if (ev == XmlReader::Event::Text && run_hidden) {
        continue;
      }
      if (ev == XmlReader::Event::Start) {
        if (n == "body") in_body = true;
        else if (!in_body) continue;
        else if (n == "tbl") ++tables;
        else if (n == "tr" && tables == 1) row.clear(), col = 0, ++line;
        else if (n == "tc" && tables == 1) cell.clear(), cell_open = true, continued = false, restart = false, span = 1, cell_depth = x.depth();
        else if (n == "gridSpan" && tables == 1 && cell_open) {
          span = std::atoi(x.attr("val").c_str());
          if (span < 1) span = 1;
          if (span > static_cast<int>(limits::kMaxCellsPerRow)) span = static_cast<int>(limits::kMaxCellsPerRow) + 1;
        } else if (n == "vMerge" && tables == 1 && cell_open) {
          continued = x.attr("val") != "restart";
          restart = !continued;
          out.grid.explicit_merges = true;
        } else if (n == "t") in_text = true;
        else if ((n == "tab" || n == "br" || n == "cr") && x.depth() > cell_depth) para += ' ';
      } else if (ev == XmlReader::Event::End) {
        if (!in_body) continue;
        if (n == "t") in_text = false;
        else if (n == "p") end_paragraph();
        else if (n == "tc" && tables == 1 && cell_open) {
          cell_open = false;
          // The merge this cell starts or continues, for drawing the table as Word shows it.
          const auto v = vertical.find(col + 1);
          if (continued && v != vertical.end() && out.merges[v->second][0] + out.merges[v->second][2] == line) {
            ++out.merges[v->second][2];
          } else {
            if (v != vertical.end()) vertical.erase(v);
            if ((restart || span > 1) && out.merges.size() < 100000) {
              out.merges.push_back({line, col + 1, 1, span});
              if (restart) vertical[col + 1] = out.merges.size() - 1;
            }
          }
          row.emplace_back(continued ? "" : cell, Loc{line, ++col});
          for (int k = 1; k < span && row.size() <= limits::kMaxCellsPerRow; ++k) row.emplace_back("", Loc{line, ++col});
        } else if (n == "tr" && tables == 1) {
          b.row(std::move(row));
          row.clear();
        } else if (n == "tbl") {
          if (--tables == 0) b.row({}), ++line;  // a blank row after a table
        } else if (n == "body") {
          in_body = false;
        }
      } else if (ev == XmlReader::Event::Text && in_text) {
        para += x.text();
      }
      if (static_cast<size_t>(line) > limits::kMaxRows)
        throw OfficeFailure{"文档的行数超过上限（" + std::to_string(limits::kMaxRows) + " 行）。"};
    }
    b.finish();
  });
}

OfficeGrid unreadable_office(const std::string& kind, const std::string& reason) {
  OfficeGrid out;
  out.ok = false;
  out.mode = kind == "xlsx" || kind == "docx" ? kind : "";
  if (kind == "xlsx") out.findings.push_back(office_error("Excel 文件无法读取：" + reason + "。", kXlsxFix));
  else if (kind == "docx") out.findings.push_back(office_error("Word 文件无法读取：" + reason + "。", kDocxFix));
  else
    out.findings.push_back(office_error("Office 文件无法读取：" + reason + "。", "请在 Excel/Word/WPS 中重新保存后再导入，或复制表格粘贴。"));
  return out;
}

OfficeGrid not_an_office_package() {
  OfficeGrid out;
  out.ok = false;
  out.findings.push_back(office_error("这是一个压缩包，但不是 Excel（.xlsx）或 Word（.docx）文件。",
                                      "请导入 .xlsx、.docx、.txt 或 .json 文件，或直接粘贴表格。"));
  return out;
}

OfficeGrid grid_from_office(std::string_view bytes, const Inflater& inflate) {
  OfficeGrid out;
  try {
    const ZipArchive zip(bytes);
    size_t total = 0;
    const PartSource parts = [&](const std::string& name) -> std::optional<std::string> {
      const ZipEntry* e = zip.find(name);
      if (!e) return std::nullopt;
      std::string s = zip.read(*e, inflate, std::min(limits::kMaxOfficePartBytes, limits::kMaxOfficeTotalBytes - total));
      total += s.size();
      return s;
    };
    if (zip.find("xl/workbook.xml")) return grid_from_xlsx(parts);
    if (zip.find("word/document.xml")) return grid_from_docx(parts);
    return not_an_office_package();
  } catch (const ZipError& e) {
    return unreadable_office("", e.what());
  }
  return out;
}

}  // namespace formcheck
