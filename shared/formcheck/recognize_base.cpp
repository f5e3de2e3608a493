#include "formcheck/recognize_base.hpp"

#include <algorithm>


#include "formcheck/arith.hpp"
#include "formcheck/decimal.hpp"
#include "formcheck/templates.hpp"
#include "formcheck/text_util.hpp"
#include "formcheck/value.hpp"

namespace formcheck::recog {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool key_is(const std::string& key, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (key == n) return true;
  return false;
}

bool key_has(const std::string& key, std::initializer_list<const char*> parts) {
  for (const char* p : parts)
    if (contains(key, p)) return true;
  return false;
}

bool is_number_text(std::string_view s) { return !s.empty() && Decimal::parse(s).has_value(); }

bool is_rate_text(std::string_view s) {
  const std::string h = trim(to_halfwidth(s));
  return ends_with(h, "%") && Decimal::parse(h.substr(0, h.size() - 1)).has_value();
}

bool value_like(std::string_view s) {
  const IndicatorValue v = parse_value(s);
  if (v.quantitative() || v.date()) return true;
  return v.qualitative() && u8_length(s) <= 8;
}

std::optional<std::string> find_year(const std::string& text) {
  const std::string h = to_halfwidth(text);
  for (size_t i = 0; i + 4 <= h.size(); ++i) {
    if (!(h.compare(i, 2, "19") == 0 || h.compare(i, 2, "20") == 0)) continue;
    if (!is_digit(h[i + 2]) || !is_digit(h[i + 3]) || (i > 0 && is_digit(h[i - 1]))) continue;
    size_t j = i + 4;
    while (j < h.size() && h[j] == ' ') ++j;
    if (h.compare(j, 3, "年") == 0) return h.substr(i, 4);
  }
  return std::nullopt;
}

std::optional<std::string> year_only(std::string_view text) {
  std::string h = trim(to_halfwidth(text));
  if (starts_with(h, "(")) h = trim(h.substr(1));
  if (ends_with(h, ")")) h = trim(h.substr(0, h.size() - 1));
  if (h.size() < 7 || !find_year(h) || h.compare(0, 4, *find_year(h)) != 0) return std::nullopt;
  std::string rest = trim(h.substr(4));
  if (rest == "年" || rest == "年度") return h.substr(0, 4);
  return std::nullopt;
}

std::string region_of(const std::string& title) {
  for (const std::string& r : templates().regions)
    if (contains(title, r)) return r;
  return "";
}

std::pair<std::string, std::string> split_label(std::string_view text) {
  const std::string h = to_halfwidth(text);
  const size_t colon = h.find(':');
  if (colon == std::string::npos) return {std::string(text), ""};
  // Everything before the colon has the same code point count in `h` and `text`.
  const std::u32string u = to_u32(text), hu = to_u32(h.substr(0, colon));
  return {to_utf8(u.substr(0, hu.size())), trim(to_utf8(u.substr(hu.size() + 1)))};
}

std::optional<std::string> heading_text(std::string_view text) {
  static const std::u32string numerals = U"一二三四五六七八九十";
  const std::u32string u = to_u32(trim(text));
  size_t i = 0;
  if (i < u.size() && numerals.find(u[i]) != std::u32string::npos) {
    while (i < u.size() && numerals.find(u[i]) != std::u32string::npos) ++i;
  } else {
    while (i < u.size() && i < 2 && u[i] >= U'0' && u[i] <= U'9') ++i;
  }
  if (i == 0) return std::nullopt;
  while (i < u.size() && is_space_cp(u[i])) ++i;
  if (i >= u.size() || !(u[i] == U'、' || u[i] == U'.' || u[i] == U'．')) return std::nullopt;
  return trim(to_utf8(u.substr(i + 1)));
}

Finding ambiguous(const std::string& part_label, Loc at, const std::string& message, const std::string& fix) {
  Finding f = import_finding("import.ambiguous", message, fix, at);
  f.location.label = part_label;
  return f;
}

Finding unplaced_amount(const std::string& place, Loc at, std::string_view text, const std::string& why) {
  const std::string actual(text);
  Finding f = import_finding("import.unplaced_amount",
                             place + "：“" + actual + "”未能归入表中的任何一栏（" + why + "），未参与合计核对。",
                             "把金额放在表头对应的栏目下，或在表头注明这一栏的名称。", at);
  f.location.label = place;
  f.actual = actual;
  return f;
}

bool amount_like(std::string_view text) {
  const MoneyReading m = read_money(text);
  if (m.usable() || m.status == MoneyReading::Overflow || is_blank_mark(text)) return true;
  const std::string_view t = trim_view(text);
  return !t.empty() && t.front() == '#' && m.why.find("错误值") != std::string::npos;
}

std::string Recognizer::key(const Cell& c) { return match_key(c.text); }

void Recognizer::label_row(const Row& row, MarkRole role) {
  for (const Cell& c : row.cells)
    if (!c.text.empty()) marks().label(c.loc(), role);
}

void Recognizer::part_row(const Row& row, Loc anchor) {
  for (const Cell& c : row.cells)
    if (!c.text.empty() && (c.loc().line != anchor.line || c.loc().col != anchor.col)) marks().part(c.loc(), anchor);
}

void Recognizer::set_title(const Row& row) {
  form().title = row.joined();
  for (const Cell& c : row.cells)
    if (!c.text.empty()) marks().field(c.loc(), kRoleTitle);
  form().region = region_of(form().title);
  if (auto y = find_year(form().title); y && form().year.empty()) {
    form().year = *y;
    form().year_src = row.loc();
  }
}

void Recognizer::append_text(const std::string& k, std::string_view text, Loc at) {
  if (text.empty()) return;
  std::string& t = form().texts[k];
  if (!t.empty()) t += "\n";
  t += text;
  Loc& src = form().text_src[k];
  if (!src.known()) src = at;
  else if (at.line != src.line || at.col != src.col) marks().part(at, src);
}

void Recognizer::report_unused() {
  for (size_t r = 0; r < grid_.rows.size(); ++r) {
    const Row& row = grid_.rows[r];
    if (used_[r] || row.blank()) continue;
    const Cell& c = row.cells[row.first()];
    Finding f = import_finding("import.unrecognized", "", "", c.loc());
    f.location.label = "第 " + std::to_string(c.loc().line) + " 行";
    f.actual = row.joined();
    f.message = "这一行未能识别为表单内容，未参与检查：" + f.actual;
    f.fix = "如属于表单内容，请检查其所在位置和列是否与模板一致。";
    out_.findings.push_back(std::move(f));
  }
}

void Recognizer::unread_cell(const Cell& c, const std::string& why) {
  Finding f = import_finding("import.unrecognized", why + "，未参与检查：" + std::string(c.text),
                             "请核对这一格应填在哪里。", c.loc());
  f.location.label = "第 " + std::to_string(c.loc().line) + " 行第 " + std::to_string(c.loc().col) + " 格";
  f.actual = c.text;
  out_.findings.push_back(std::move(f));
}

void Recognizer::before_line_name(const Row& row, int before, const std::string& table) {
  for (int i = 0; i < before && i < static_cast<int>(row.cells.size()); ++i) {
    const Cell& c = row.cells[i];
    const std::string_view t = trim_view(c.text);
    if (t.empty()) continue;
    const bool serial = t.size() <= 3 && std::all_of(t.begin(), t.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (serial) marks().label(c.loc(), kRoleRowNumber);
    else if (amount_like(t)) unplaced(c, table, "写在了资金项目名称之前");
  }
}

void Recognizer::unplaced(const Cell& c, const std::string& table, const std::string& why) {
  const std::string text = trim(c.text);
  if (text.empty()) return;
  const std::string place = table + "·第 " + std::to_string(c.loc().line) + " 行第 " + std::to_string(c.loc().col) + " 列";
  if (amount_like(text)) {
    out_.findings.push_back(unplaced_amount(place, c.loc(), text, why));
    return;
  }
  Finding f = import_finding("import.unrecognized", "", "", c.loc());
  f.location.label = place;
  f.actual = text;
  f.message = place + "：“" + text + "”未能归入表中的任何一栏（" + why + "），未参与检查。";
  f.fix = "如属于表单内容，请检查其所在的列是否与表头一致。";
  out_.findings.push_back(std::move(f));
}

bool Recognizer::note_money_unit(std::string_view text, Loc at, const std::string& part, const std::string& table) {
  const std::string unit = stated_money_unit(text);
  if (unit.empty()) return false;
  if (stated_unit_.empty()) {
    stated_unit_ = unit, stated_unit_at_ = at;
    form().money_unit = unit == "万元" ? "" : unit;
  } else if (unit != stated_unit_) {
    unsure(part, table + "·金额单位", at,
           "“" + table + "”写了两种金额单位：第 " + std::to_string(stated_unit_at_.line) + " 行为“" + stated_unit_ +
               "”，第 " + std::to_string(at.line) + " 行为“" + unit + "”，无法确定金额的单位；按“" + stated_unit_ +
               "”读取，合计未据此检查。",
           "请统一表头、栏目标题中的金额单位。");
  }
  return true;
}

void Recognizer::unsure(const std::string& part, const std::string& label, Loc at, const std::string& why,
                        const std::string& fix) {
  if (!form().sure(part)) return;
  form().unsure.push_back({part, why});
  out_.findings.push_back(ambiguous(label, at, why, fix));
}

}  // namespace formcheck::recog
