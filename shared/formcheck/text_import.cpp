#include "formcheck/text_import.hpp"

#include <algorithm>

#include "formcheck/html_text.hpp"
#include "formcheck/limits.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck {

namespace {

Finding input_error(const std::string& rule, const std::string& message, const std::string& fix) {
  return import_finding(rule, message, fix);
}

// Excel, WPS and LibreOffice copy a cell holding a line break, a tab or a
// quote as "…" with "" for each quote inside. A cell is quoted when it starts
// with `"` and a lone `"` followed by a tab, a line end or the end of the text
// closes it within the cell limit; any other quote is text as typed
// (`"十四五"规划`). Returns the offset just past the closing quote, or npos.
size_t quoted_end(std::string_view text, size_t start) {
  const size_t limit = std::min(text.size(), start + limits::kMaxCellBytes + 2);
  for (size_t i = start + 1; i < limit; ++i) {
    if (text[i] != '"') continue;
    if (i + 1 < text.size() && text[i + 1] == '"') {
      ++i;
      continue;
    }
    const size_t after = i + 1;
    if (after == text.size() || text[after] == '\t' || text[after] == '\n' || text[after] == '\r') return after;
    return std::string_view::npos;
  }
  return std::string_view::npos;
}

// The text of a quoted cell (between its quotes): "" is one quote, CRLF one line break.
std::string unquote(std::string_view inner) {
  std::string out;
  out.reserve(inner.size());
  for (size_t i = 0; i < inner.size(); ++i) {
    if (inner[i] == '"' && i + 1 < inner.size() && inner[i + 1] == '"') ++i;
    else if (inner[i] == '\r' && i + 1 < inner.size() && inner[i + 1] == '\n') continue;
    out += inner[i];
  }
  return out;
}

// One row of the text: a line, or several when a quoted cell holds line breaks.
struct Record {
  std::string_view text;
  int line;  // its first line, 1-based
};

std::vector<Record> split_records(std::string_view text) {
  std::vector<Record> out;
  size_t start = 0;
  int line = 1, record_line = 1;
  bool cell_start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"' && cell_start) {
      const size_t end = quoted_end(text, i);
      if (end != std::string_view::npos) {
        for (size_t k = i; k < end; ++k)
          if (text[k] == '\n' || (text[k] == '\r' && (k + 1 >= end || text[k + 1] != '\n'))) ++line;
        i = end - 1;
        cell_start = false;
        continue;
      }
    }
    cell_start = c == '\t';
    if (c == '\n' || c == '\r') {
      out.push_back({text.substr(start, i - start), record_line});
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
      record_line = ++line;
      cell_start = true;
    }
  }
  if (start < text.size()) out.push_back({text.substr(start), record_line});
  return out;
}

bool blank_line(std::string_view l) { return trim_view(l).empty(); }
// In a Word table copied as text, a lone tab is an empty cell, not a row break.
bool row_break(std::string_view l) { return l.find('\t') == std::string_view::npos && trim_view(l).empty(); }

// Word tables copied as text put each cell on its own line, led by a tab,
// and almost never two filled cells on one line.
bool looks_like_cell_per_line(const std::vector<Record>& lines) {
  size_t filled = 0, multi = 0, tab_led = 0;
  for (const Record& r : lines) {
    const std::string_view l = r.text;
    if (blank_line(l)) continue;
    ++filled;
    if (!l.empty() && l[0] == '\t') ++tab_led;
    int cells = 0;
    for (const auto& c : split(l, '\t'))
      if (!trim_view(c).empty()) ++cells;
    if (cells >= 2) ++multi;
  }
  return filled > 0 && multi * 20 < filled && tab_led * 3 >= filled;
}

// Cells of a tab-separated line, as add_tsv_row makes them.
size_t tsv_cells(std::string_view line) {
  return std::min(static_cast<size_t>(std::count(line.begin(), line.end(), '\t')) + 1, limits::kMaxCellsPerRow);
}

// A cell's text in the grid: cleaned, and without markup when the text came
// from a web page (`html`).
std::string_view cell_text(Grid& g, std::string_view raw, bool html) {
  if (html && (raw.find('<') != std::string_view::npos || raw.find('&') != std::string_view::npos))
    return g.keep(clean_cell(strip_html(raw)));
  return g.clean(raw);
}

void add_tsv_row(Grid& g, std::string_view line, int line_no, bool html, Cuts& cuts) {
  int col = 0;
  size_t start = 0;
  for (;;) {
    if (g.open_cells() == limits::kMaxCellsPerRow) {
      // The row goes on past the cell limit: count what is cut (rare, so the
      // tabs are counted only here, not for every line).
      const size_t rest = static_cast<size_t>(std::count(line.begin() + static_cast<long>(start), line.end(), '\t')) + 1;
      cuts.row(g.open_cells() + rest, Loc{line_no, 1});
      break;
    }
    ++col;
    const Loc at{line_no, col};
    if (start < line.size() && line[start] == '"') {
      const size_t end = quoted_end(line, start);
      if (end != std::string_view::npos) {
        const std::string text = unquote(line.substr(start + 1, end - start - 2));
        g.add_cell(Cell{g.keep(std::string(cell_text(g, cuts.cell(text, at), html))), at});
        if (end >= line.size()) break;
        start = end + 1;  // past the tab
        continue;
      }
    }
    const size_t tab = line.find('\t', start);
    const std::string_view raw = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
    g.add_cell(Cell{cell_text(g, cuts.cell(raw, at), html), at});
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  g.end_row();
}

}  // namespace

std::string_view Cuts::cell(std::string_view raw, Loc at) {
  if (raw.size() <= limits::kMaxCellBytes) return raw;
  if (cells_++ == 0) first_cell_ = at;
  longest_ = std::max(longest_, raw.size());
  size_t end = limits::kMaxCellBytes;
  while (end > 0 && (static_cast<unsigned char>(raw[end]) & 0xC0) == 0x80) --end;  // not inside a character
  return raw.substr(0, end);
}

void Cuts::row(size_t cells, Loc at) {
  if (cells <= limits::kMaxCellsPerRow) return;
  if (rows_++ == 0) first_row_ = at;
  widest_ = std::max(widest_, cells);
}

void Cuts::report(Findings& out) const {
  auto place = [](Loc l) { return "第 " + std::to_string(l.line) + " 行"; };
  if (rows_) {
    Finding f = input_error("import.too_large",
                            place(first_row_) + "有 " + std::to_string(widest_) + " 个单元格，超过每行 " +
                                std::to_string(limits::kMaxCellsPerRow) + " 格的上限，后面的单元格未读取" +
                                (rows_ > 1 ? "（共 " + std::to_string(rows_) + " 行如此）" : "") + "。",
                            "删去表格右侧多余的空列，或只复制表单所在的区域。");
    f.location.src = first_row_;
    out.push_back(std::move(f));
  }
  if (cells_) {
    Finding f = input_error("import.too_large",
                            place(first_cell_) + "第 " + std::to_string(first_cell_.col) + " 列的单元格有 " +
                                std::to_string(longest_ / 1024) + " KB，超过每格 " +
                                std::to_string(limits::kMaxCellBytes / 1024) + " KB 的上限，超出部分未读取" +
                                (cells_ > 1 ? "（共 " + std::to_string(cells_) + " 格如此）" : "") + "。",
                            "核对该单元格：表单中的文字不应这样长，可能粘贴了多余的内容。");
    f.location.src = first_cell_;
    out.push_back(std::move(f));
  }
}

TextGrid grid_from_text(std::string_view text) {
  TextGrid out;
  if (text.size() > limits::kMaxInputBytes) {
    out.ok = false;
    out.findings.push_back(input_error("import.too_large", limits::too_large_message(text.size()),
                                       "只复制需要检查的表格，或拆分为多个文件。"));
    return out;
  }
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 BOM
  if (text.find('\0') != std::string_view::npos) {
    out.ok = false;
    out.findings.push_back(input_error("import.binary", "输入不是文本：其中含有二进制数据（NUL 字节）。",
                                       "请导入 .xlsx、.docx、.txt 或 .json 文件，或直接粘贴表格。"));
    return out;
  }
  if (!is_valid_utf8(text)) {
    out.ok = false;
    out.findings.push_back(input_error("import.encoding", "文本不是有效的 UTF-8 编码（可能是 GBK/GB18030）。",
                                       "请用记事本或 WPS 另存为“UTF-8”编码后再导入，或直接从表格中复制粘贴。"));
    return out;
  }
  if (trim_view(text).empty()) {
    out.ok = false;
    out.findings.push_back(input_error("import.empty", "输入为空：没有可识别的内容。", "请粘贴表格内容或选择表单文件。"));
    return out;
  }
  const auto lines = split_records(text);
  if (lines.size() > limits::kMaxRows) {
    out.ok = false;
    out.findings.push_back(input_error("import.too_large",
                                       "行数过多（" + std::to_string(lines.size()) + " 行），上限为 " +
                                           std::to_string(limits::kMaxRows) + " 行。",
                                       "请拆分为多个文件。"));
    return out;
  }
  // Text from a web page may keep its markup (<p>, <br>, &nbsp;); it is not content.
  const bool html = has_html_markup(text);
  if (!looks_like_cell_per_line(lines)) {
    out.mode = "tsv";
    size_t cells = 0;  // exact: no growth copies of a large grid
    for (const Record& l : lines) cells += tsv_cells(l.text);
    out.grid.reserve(lines.size(), cells);
    Cuts cuts;
    for (const Record& l : lines) add_tsv_row(out.grid, l.text, l.line, html, cuts);
    cuts.report(out.findings);
    return out;
  }
  out.mode = "lines";
  Grid& g = out.grid;
  size_t cells = 0;  // at most one cell per line
  for (const Record& l : lines) cells += !row_break(l.text);
  g.reserve(cells, cells);
  Cuts cuts;
  size_t row_cells = 0;  // cells of the row being built, kept or not
  Loc row_at;
  auto flush = [&] {
    cuts.row(row_cells, row_at);
    row_cells = 0;
    if (g.open_cells() > 0) g.end_row();
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view l = lines[i].text;
    if (row_break(l)) {
      flush();
      continue;
    }
    // A line without the leading tab is text outside the table (a heading or a
    // paragraph): it starts a row of its own.
    const bool tab_led = l[0] == '\t';
    if (!tab_led) flush();
    if (tab_led) l.remove_prefix(1);
    const Loc at{lines[i].line, static_cast<int>(g.open_cells() + 1)};
    if (row_cells++ == 0) row_at = at;
    if (g.open_cells() < limits::kMaxCellsPerRow) g.add_cell(Cell{cell_text(g, cuts.cell(l, at), html), at});
    if (!tab_led) flush();
  }
  flush();
  cuts.report(out.findings);
  return out;
}

}  // namespace formcheck
