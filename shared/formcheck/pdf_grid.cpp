#include "formcheck/pdf_grid.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>

#include "formcheck/limits.hpp"
#include "formcheck/model_json.hpp"
#include "formcheck/rule.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck {

namespace {

using json = nlohmann::json;

// Bounds on what one runs JSON may hold (the extractor's own limits, checked
// again here: the JSON may come from anywhere).
constexpr size_t kMaxPages = 200;
constexpr size_t kMaxRunsPerPage = 20000;
constexpr size_t kMaxLinesPerPage = 20000;
constexpr size_t kMaxRuns = 300000;
constexpr size_t kMaxLines = 300000;
constexpr double kMaxCoord = 100000;  // points: 35 m, past any page
constexpr size_t kMaxBands = 1000;     // ruled rows of one page (more is not a table we read)

struct Run {
  std::string text;
  double x, top, w, h;
  bool space = false;  // a printed space between words (" ")
  double right() const { return x + w; }
  double mid_y() const { return top + h / 2; }
};

struct Seg {
  double a, b, at;  // from a to b along the line, at x (vertical) or y (horizontal)
};

struct Page {
  double w = 0, h = 0;
  long images = 0;
  std::vector<Run> runs;
  std::vector<Seg> hsegs, vsegs;
};

struct BadRuns : std::runtime_error {
  using std::runtime_error::runtime_error;
};

double number(const json& v) {
  if (!v.is_number()) throw BadRuns("坐标不是数字");
  const double d = v.get<double>();
  if (!std::isfinite(d) || std::fabs(d) > kMaxCoord) throw BadRuns("坐标超出页面范围");
  return d;
}

std::vector<Page> parse_pages(const json& pages) {
  if (!pages.is_array()) throw BadRuns("缺少页面列表");
  if (pages.size() > kMaxPages) throw BadRuns("超过 " + std::to_string(kMaxPages) + " 页");
  std::vector<Page> out;
  size_t total = 0, total_lines = 0;
  for (const json& p : pages) {
    if (!p.is_object()) throw BadRuns("页面不是对象");
    Page pg;
    pg.w = p.contains("w") ? number(p["w"]) : 0;
    pg.h = p.contains("h") ? number(p["h"]) : 0;
    if (p.contains("images") && p["images"].is_number_integer()) pg.images = std::max<long>(0, p["images"].get<long>());
    const json empty = json::array();
    const json& runs = p.contains("runs") ? p["runs"] : empty;
    const json& lines = p.contains("lines") ? p["lines"] : empty;
    if (!runs.is_array() || !lines.is_array()) throw BadRuns("文字或线条不是列表");
    if (runs.size() > kMaxRunsPerPage || lines.size() > kMaxLinesPerPage) throw BadRuns("一页的文字或线条过多");
    total += runs.size();
    total_lines += lines.size();
    if (total > kMaxRuns || total_lines > kMaxLines) throw BadRuns("文字片段或线条过多");
    for (const json& r : runs) {
      if (!r.is_array() || r.size() < 5 || !r[0].is_string()) throw BadRuns("文字片段格式不正确");
      std::string text = r[0].get<std::string>();
      if (!is_valid_utf8(text)) text = utf8_lossy(text);
      if (text.size() > limits::kMaxCellBytes) text.resize(limits::kMaxCellBytes);
      Run run{std::move(text), number(r[1]), number(r[2]), std::max(0.0, number(r[3])), std::max(0.0, number(r[4]))};
      run.space = trim_view(run.text).empty();
      if (run.space) run.text = " ";
      pg.runs.push_back(std::move(run));
    }
    for (const json& l : lines) {
      if (!l.is_array() || l.size() < 4) throw BadRuns("线条格式不正确");
      const double x1 = number(l[0]), y1 = number(l[1]), x2 = number(l[2]), y2 = number(l[3]);
      if (std::fabs(y1 - y2) < 0.5 && std::fabs(x1 - x2) >= 1) pg.hsegs.push_back({std::min(x1, x2), std::max(x1, x2), (y1 + y2) / 2});
      else if (std::fabs(x1 - x2) < 0.5 && std::fabs(y1 - y2) >= 1) pg.vsegs.push_back({std::min(y1, y2), std::max(y1, y2), (x1 + x2) / 2});
    }
    out.push_back(std::move(pg));
  }
  return out;
}

// Sorted positions merged when closer than `tol` (their mean kept).
std::vector<double> cluster(std::vector<double> v, double tol) {
  std::sort(v.begin(), v.end());
  std::vector<double> out;
  double sum = 0;
  size_t n = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (n && v[i] - v[i - 1] > tol) {
      out.push_back(sum / n);
      sum = 0;
      n = 0;
    }
    sum += v[i];
    ++n;
  }
  if (n) out.push_back(sum / n);
  return out;
}

// Runs on one baseline, left to right.
using Line = std::vector<const Run*>;

std::vector<Line> text_lines(std::vector<const Run*> runs) {
  // Ties keep the input order (runs point into one vector: address order);
  // std::sort, not stable_sort, which would add its own code to the wasm.
  std::sort(runs.begin(), runs.end(), [](const Run* a, const Run* b) { return a->top < b->top || (a->top == b->top && a < b); });
  std::vector<Line> lines;
  double top = 0, h = 0;
  for (const Run* r : runs) {
    const double tol = 0.4 * std::max(1.0, std::min(h, r->h));
    if (lines.empty() || std::fabs(r->top - top) > tol) {
      lines.emplace_back();
      top = r->top;
      h = r->h;
    }
    lines.back().push_back(r);
  }
  for (Line& l : lines) std::sort(l.begin(), l.end(), [](const Run* a, const Run* b) { return a->x < b->x || (a->x == b->x && a < b); });
  return lines;
}

// A line's runs joined into its cells: runs closer than a space, or with a
// space glyph between them, belong together (the words of one cell).
struct Chunk {
  std::string text;
  double x, right, top, h;
};

// With `starts` (the columns of text without lines), a run that begins a
// column is a cell of its own even when the cell before ends right at it (a
// right-aligned number beside the next column's label).
std::vector<Chunk> chunks_of(const Line& line, const std::vector<double>* starts = nullptr) {
  std::vector<Chunk> out;
  for (const Run* r : line) {
    // A space glyph joins the words it stands between (alone it is nothing).
    // Narrower than a quarter of the font size it is the gap a word processor
    // puts between CJK and Latin text (which pdf.js reports as a space), and
    // the source has no space there.
    if (r->space) {
      if (!out.empty() && r->x - out.back().right < 0.5 * std::max(1.0, out.back().h)) {
        if (r->w > 0.24 * out.back().h) out.back().text += ' ';
        out.back().right = std::max(out.back().right, r->right());
      }
      continue;
    }
    if (!out.empty()) {
      Chunk& c = out.back();
      const double gap = r->x - c.right;
      // Narrower than a space (a third of the font size) is a seam between
      // fonts in one word ("2025年"); wider with no space glyph is the next
      // cell (producers print the spaces of a text, or pdf.js adds them).
      const bool column = starts && std::any_of(starts->begin(), starts->end(), [&](double s) {
        return c.right <= s + 1.0 && r->x >= s - 1.5;
      });
      if (gap < 0.3 * std::max(1.0, std::min(c.h, r->h)) && !column) {
        c.text += r->text;
        c.right = std::max(c.right, r->right());
        continue;
      }
    }
    out.push_back({r->text, r->x, r->right(), r->top, r->h});
  }
  return out;
}

// Text in the top or bottom margin band that a reader of the form never
// counts: a page number, the default sheet-name header, a line that every
// page repeats there.
bool in_margin(const Page& p, double top, double h) {
  return p.h > 0 && (top + h < 0.085 * p.h || top > 0.915 * p.h);
}

// (Matched by hand: std::regex would add ~25 KB gzip to the page's wasm.)
bool page_number(const std::string& text) {
  if (text.size() >= 64) return false;
  std::string t;  // without white space, ASCII letters in lower case
  for (char c : text)
    if (c != ' ' && c != '\t') t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t i = 0;
  auto eat = [&](std::string_view w) {
    if (t.compare(i, w.size(), w) != 0) return false;
    i += w.size();
    return true;
  };
  auto digits = [&] {
    const size_t from = i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    return i > from;
  };
  auto done = [&] { return i == t.size(); };
  if (eat("page")) return digits() && (done() || ((eat("of") || eat("/")) && digits() && done()));
  if (eat("第")) {
    if (!digits() || !eat("页")) return false;
    if (done()) return true;
    eat("，") || eat(",");
    return eat("共") && digits() && eat("页") && done();
  }
  if (eat("-")) return digits() && eat("-") && done();
  if (eat("sheet") || eat("工作表")) return digits() && done();
  return digits() && (done() || (eat("/") && digits() && done()));
}

std::string line_text(const Line& l) {
  std::string s;
  for (const Run* r : l) s += r->text;
  return s;
}

// A table drawn with ruling lines: its row and column boundaries and which
// stretches of them a line actually draws.
struct Ruled {
  std::vector<double> ys, xs;  // boundaries, top to bottom / left to right
  // hwall[r][c]: a line is drawn at ys[r] over column c; vwall[r][c]: at xs[c] over row r.
  std::vector<std::vector<char>> hwall, vwall;
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  bool contains(double x, double y) const { return x >= x0 - 1 && x <= x1 + 1 && y >= y0 - 1 && y <= y1 + 1; }
};

std::optional<Ruled> ruled_table(const Page& p) {
  if (p.hsegs.size() < 2 || p.vsegs.size() < 2) return std::nullopt;
  Ruled t;
  std::vector<double> ys, xs;
  for (const Seg& s : p.hsegs) ys.push_back(s.at);
  for (const Seg& s : p.vsegs) xs.push_back(s.at);
  t.ys = cluster(ys, 2.0);
  t.xs = cluster(xs, 2.0);
  if (t.ys.size() < 2 || t.xs.size() < 2 || t.ys.size() > kMaxBands || t.xs.size() > limits::kMaxCellsPerRow) return std::nullopt;
  t.x0 = t.xs.front();
  t.x1 = t.xs.back();
  t.y0 = t.ys.front();
  t.y1 = t.ys.back();
  const size_t R = t.ys.size() - 1, C = t.xs.size() - 1;
  t.hwall.assign(R + 1, std::vector<char>(C, 0));
  t.vwall.assign(R, std::vector<char>(C + 1, 0));
  auto index = [](const std::vector<double>& v, double at) {
    return static_cast<size_t>(std::lower_bound(v.begin(), v.end(), at - 2.0) - v.begin());
  };
  auto mids = [](const std::vector<double>& v) {
    std::vector<double> m;
    for (size_t i = 0; i + 1 < v.size(); ++i) m.push_back((v[i] + v[i + 1]) / 2);
    return m;
  };
  // Each segment marks the bands whose middle it crosses (a range found by
  // binary search: work is bounded by the cells it draws).
  const std::vector<double> xm = mids(t.xs), ym = mids(t.ys);
  auto span = [](const std::vector<double>& m, const Seg& s) {
    return std::make_pair(static_cast<size_t>(std::lower_bound(m.begin(), m.end(), s.a) - m.begin()),
                          static_cast<size_t>(std::upper_bound(m.begin(), m.end(), s.b) - m.begin()));
  };
  for (const Seg& s : p.hsegs) {
    const size_t r = index(t.ys, s.at);
    if (r > R) continue;
    const auto [from, to] = span(xm, s);
    for (size_t c = from; c < to; ++c) t.hwall[r][c] = 1;
  }
  for (const Seg& s : p.vsegs) {
    const size_t c = index(t.xs, s.at);
    if (c > C) continue;
    const auto [from, to] = span(ym, s);
    for (size_t r = from; r < to; ++r) t.vwall[r][c] = 1;
  }
  return t;
}

// A row of the grid being built: where it is on its page and its cells by
// column (an empty string is an empty cell; `skip` a column a merge spans).
struct OutRow {
  double top = 0;
  std::vector<std::string> cells;
  std::vector<char> skip;
  // Ruled rows: the first or last row of its page's table, and which cells'
  // text reaches their right edge on its last line (it may go on).
  bool ruled = false, first = false, last = false;
  std::vector<char> full;
  std::vector<double> x;  // ruled rows: each cell's left edge (pages' columns may differ)
};

// Two pieces of one text: wrapped lines join without a space, except between
// two Latin letters (a line break in Latin text is a space).
void join_wrapped(std::string& text, const std::string& more) {
  if (more.empty()) return;
  const bool latin = !text.empty() && std::isalpha(static_cast<unsigned char>(text.back())) &&
                     std::isalpha(static_cast<unsigned char>(more.front()));
  text += (latin ? " " : "") + more;
}

// The cells of a ruled table, row by row.
std::vector<OutRow> read_ruled(const Ruled& t, const std::vector<const Run*>& runs) {
  const size_t R = t.ys.size() - 1, C = t.xs.size() - 1;
  auto band = [](const std::vector<double>& v, double at) {
    size_t i = static_cast<size_t>(std::upper_bound(v.begin(), v.end(), at) - v.begin());
    return i == 0 ? 0 : std::min(i - 1, v.size() - 2);
  };
  // Each run goes to the top-left cell of the merged cell its middle is in:
  // left while no line closes the cell, then up (tables computed once).
  std::vector<std::vector<unsigned>> left(R, std::vector<unsigned>(C, 0)), up(R, std::vector<unsigned>(C, 0));
  for (size_t r = 0; r < R; ++r)
    for (size_t c = 0; c < C; ++c) {
      left[r][c] = c == 0 || t.vwall[r][c] ? static_cast<unsigned>(c) : left[r][c - 1];
      up[r][c] = r == 0 || t.hwall[r][c] ? static_cast<unsigned>(r) : up[r - 1][c];
    }
  std::vector<std::vector<const Run*>> in_cell(R * C);
  for (const Run* r : runs) {
    const size_t row = band(t.ys, r->mid_y()), col = left[row][band(t.xs, r->x + std::min(r->w, r->h) / 2)];
    in_cell[up[row][col] * C + col].push_back(r);
  }
  std::vector<OutRow> out;
  for (size_t r = 0; r < R; ++r) {
    OutRow row;
    row.top = t.ys[r];
    row.cells.assign(C, "");
    row.skip.assign(C, 0);
    row.ruled = true;
    row.first = r == 0;
    row.last = r + 1 == R;
    row.full.assign(C, 0);
    row.x.assign(t.xs.begin(), t.xs.end() - 1);
    bool any = false;
    for (size_t c = 0; c < C; ++c) {
      // A column with no line on its left at this row continues the cell
      // before it: dropped, as the office reader drops a merge's columns.
      if (c > 0 && !t.vwall[r][c]) row.skip[c] = 1;
      const std::vector<const Run*>& here = in_cell[r * C + c];
      if (here.empty()) continue;
      // A cell's lines wrapped by the printer.
      std::string text;
      double right = 0, h = 0;
      for (const Line& l : text_lines(here))
        for (const Chunk& ch : chunks_of(l)) {
          join_wrapped(text, trim(ch.text));
          right = ch.right;
          h = ch.h;
        }
      row.cells[c] = trim(text);
      any = any || !row.cells[c].empty();
      size_t end = c + 1;
      while (end < C && !t.vwall[r][end]) ++end;
      row.full[c] = right >= t.xs[end] - 1.5 * std::max(1.0, h);
    }
    if (any) out.push_back(std::move(row));
  }
  if (!out.empty()) {
    out.front().first = out.front().top <= t.ys.front() + 0.5;  // no empty row above it
    out.back().last = true;
    for (size_t i = 0; i + 1 < out.size(); ++i) out[i].last = false;
  }
  return out;
}

// Lines of one paragraph outside tables, wrapped by the printer, as one row
// (a Word paragraph is one row of its grid): a line that reaches the text's
// right edge goes on in the next line when that one follows closely and is
// not indented further.
void join_paragraph_lines(std::vector<std::vector<Chunk>>& lines) {
  double right = 0;
  for (const auto& l : lines)
    if (l.size() == 1) right = std::max(right, l.front().right);
  std::vector<std::vector<Chunk>> out;
  double last_top = 0, last_x = 0;
  for (auto& l : lines) {
    if (!out.empty() && l.size() == 1 && out.back().size() == 1) {
      Chunk& prev = out.back().front();
      const Chunk& c = l.front();
      const double h = std::max(1.0, prev.h);
      if (prev.right >= right - 1.5 * h && c.top - last_top < 1.8 * h && c.top > last_top && c.x <= last_x + 1 &&
          std::fabs(c.h - prev.h) < 0.2 * h) {
        join_wrapped(prev.text, trim(c.text));
        prev.right = c.right;
        last_top = c.top;
        last_x = c.x;
        continue;
      }
    }
    if (!l.empty()) {
      last_top = l.front().top;
      last_x = l.front().x;
    }
    out.push_back(std::move(l));
  }
  lines = std::move(out);
}

// A table row the page break split: the next page's table opens with a row
// whose text is only in cells that, on the page before, ran to their right
// edge; it goes on those cells (as the row was one row in the document).
// (A centred number split from its "%" need not reach the edge: a
// continuation of one or two signs is one.) A paragraph outside tables goes
// on the same way.
// Returns, for each cell of `next`, the cell of `prev` it goes on (or -1),
// or nothing when `next` is not such a row.
std::optional<std::vector<int>> continues(const OutRow& prev, const OutRow& next) {
  if (prev.ruled != next.ruled || !prev.last || !next.first) return std::nullopt;
  if (!prev.ruled && prev.cells.size() != next.cells.size()) return std::nullopt;
  std::vector<int> onto(next.cells.size(), -1);
  bool any = false, wrapped = false;
  size_t filled = 0;
  for (const auto& t : prev.cells) filled += !t.empty();
  for (size_t c = 0; c < next.cells.size(); ++c) {
    if (next.cells[c].empty()) continue;
    // The same column: by its left edge in a ruled table, else by place.
    int p = -1;
    for (size_t k = 0; k < prev.cells.size(); ++k)
      if (prev.ruled ? std::fabs(prev.x[k] - next.x[c]) < 2.0 : k == c) p = static_cast<int>(k);
    if (p < 0 || prev.cells[p].empty()) return std::nullopt;
    onto[c] = p;
    any = true;
    const std::u32string more = to_u32(next.cells[c]);
    const bool sign = more.size() <= 2 && std::none_of(more.begin(), more.end(), [](char32_t ch) {
      return is_cjk(ch) || (ch >= '0' && ch <= '9') || (ch < 128 && std::isalpha(static_cast<int>(ch)));
    });
    if (!prev.full[p] && !sign) return std::nullopt;
    wrapped = wrapped || prev.full[p];
  }
  if (!any || !wrapped || (!prev.ruled && filled != 1)) return std::nullopt;
  return onto;
}

// Column boundaries of text without ruling lines: x ranges that (almost) no
// line of two or more cells writes across.
std::vector<double> text_columns(const std::vector<std::vector<Chunk>>& lines) {
  double width = 0;
  size_t multi = 0;
  for (const auto& l : lines) {
    if (l.size() < 2) continue;
    ++multi;
    for (const Chunk& c : l) width = std::max(width, c.right);
  }
  if (!multi) return {};
  // Coverage per point of width, as differences summed once (a chunk costs
  // the same whatever its width).
  const size_t bins = static_cast<size_t>(std::min(width, kMaxCoord)) + 2;
  std::vector<long> cover(bins + 1, 0), used(bins + 1, 0);
  for (const auto& l : lines) {
    for (const Chunk& c : l) {
      const size_t a = std::min(bins - 1, static_cast<size_t>(std::max(0.0, c.x)));
      const size_t b = std::min(bins - 1, static_cast<size_t>(std::max(0.0, c.right)));
      if (b < a) continue;
      ++used[a];
      --used[b + 1];
      if (l.size() >= 2) {
        ++cover[a];
        --cover[b + 1];
      }
    }
  }
  for (size_t i = 1; i <= bins; ++i) {
    cover[i] += cover[i - 1];
    used[i] += used[i - 1];
  }
  const double open = 0.2 * static_cast<double>(multi);
  std::vector<double> starts;
  bool in_col = false;
  for (size_t i = 0; i < bins; ++i) {
    const bool col = used[i] > 0 && cover[i] > open;
    if (col && !in_col) starts.push_back(static_cast<double>(i));
    in_col = col;
  }
  return starts;
}

std::vector<OutRow> read_text(const std::vector<std::vector<Chunk>>& lines, const std::vector<double>& starts) {
  std::vector<OutRow> out;
  double right = 0;  // the text's right edge on this page
  for (const auto& l : lines)
    if (l.size() == 1) right = std::max(right, l.front().right);
  auto column = [&](double x) -> size_t {
    if (starts.empty()) return 0;
    size_t i = static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), x + 1.5) - starts.begin());
    return i == 0 ? 0 : i - 1;
  };
  for (const auto& l : lines) {
    if (l.empty()) continue;
    OutRow row;
    row.top = l.front().top;
    for (const Chunk& c : l) {
      size_t col = column(c.x);
      if (col < row.cells.size()) col = row.cells.size();  // two cells in one column: side by side
      if (col >= limits::kMaxCellsPerRow) col = limits::kMaxCellsPerRow - 1;
      while (row.cells.size() < col) {
        row.cells.emplace_back();
        row.skip.push_back(0);
      }
      row.cells.push_back(c.text);
      row.skip.push_back(0);
      // The columns a wide cell writes across are its own (a merge).
      const size_t last = column(c.right - 1.5);
      while (row.cells.size() <= last && row.cells.size() < limits::kMaxCellsPerRow) {
        row.cells.emplace_back();
        row.skip.push_back(1);
      }
    }
    row.full.assign(row.cells.size(), 0);
    if (l.size() == 1) row.full[row.cells.size() - 1 - std::count(row.skip.begin(), row.skip.end(), 1)] = l.front().right >= right - 1.5 * std::max(1.0, l.front().h);
    out.push_back(std::move(row));
  }
  if (!out.empty()) {
    out.front().first = true;
    out.back().last = true;
  }
  return out;
}

Finding pdf_finding(const std::string& message, const std::string& fix) {
  const RuleMeta* meta = find_rule("import.pdf");
  return import_finding("import.pdf", message, fix);
}

OfficeGrid failed(const std::string& message, const std::string& fix) {
  OfficeGrid out;
  out.mode = "pdf";
  out.ok = false;
  out.findings.push_back(pdf_finding(message, fix));
  return out;
}

const char* kOriginal = "请导入表单原来的 Excel/Word 文件，或在 PDF 阅读器中选中表格、复制后粘贴到本工具。";

OfficeGrid extractor_error(const std::string& kind, const std::string& detail) {
  if (kind == "encrypted") return failed("PDF 文件设有密码（已加密），无法读取其中的文字。", "请用原来的 Excel/Word 文件，或取消 PDF 的密码后再导入。");
  if (kind == "too_large") return failed("PDF 文件过大（" + detail + "），超出读取上限（200 页）。", "只保留表单所在的页面后再导入。");
  if (kind == "timeout") return failed("PDF 文件结构异常，读取超时，已停止读取（文件可能已损坏或经过特殊构造）。", kOriginal);
  if (kind == "unavailable") return failed("无法读取 PDF：" + detail, "安装 Node.js 并在源码目录运行 npm ci（见 docs/import.md），或导入原来的 Excel/Word 文件。");
  return failed("PDF 文件已损坏或不完整，无法读取。", kOriginal);
}

}  // namespace

bool looks_like_pdf_runs(std::string_view bytes) {
  const std::string_view t = trim_view(bytes.substr(0, 64));
  return t.substr(0, 21) == R"({"formcheck_pdf_runs")";
}

std::string pdf_runs_error(const std::string& kind, const std::string& detail) {
  nlohmann::ordered_json j;  // "formcheck_pdf_runs" first: it is how the JSON is recognised
  j["formcheck_pdf_runs"] = 1;
  j["error"] = kind;
  j["detail"] = detail;
  return j.dump();
}

OfficeGrid grid_from_pdf_runs(std::string_view text) {
  std::vector<Page> pages;
  try {
    const json j = parse_json_limited(std::string(text));
    if (!j.is_object()) throw BadRuns("不是对象");
    if (j.contains("error")) {
      const std::string kind = j["error"].is_string() ? j["error"].get<std::string>() : "damaged";
      const std::string detail = j.contains("detail") && j["detail"].is_string() ? j["detail"].get<std::string>() : "";
      return extractor_error(kind, detail);
    }
    if (!j.contains("pages")) throw BadRuns("缺少页面列表");
    pages = parse_pages(j["pages"]);
  } catch (const BadRuns& e) {
    return failed(std::string("PDF 提取结果格式不正确（") + e.what() + "）。", kOriginal);
  } catch (const std::exception& e) {
    return failed(std::string("PDF 提取结果格式不正确：") + e.what(), kOriginal);
  }
  size_t runs = 0;
  long images = 0;
  for (const Page& p : pages) {
    for (const Run& r : p.runs) runs += !r.space;
    images += p.images;
  }
  if (runs == 0 && images > 0)
    return failed("这个 PDF 只有图片、没有文字（扫描件或图片生成的 PDF），本工具不识别图片中的文字。",
                  "请导入表单原来的 Excel/Word 文件，或从可复制文字的 PDF 导入。");
  if (runs == 0) return failed("这个 PDF 中没有可读取的文字。", kOriginal);

  // Furniture: margin lines that are page numbers, a default sheet-name
  // header, or the same text on every page of several.
  std::map<std::string, size_t> margin_pages;
  std::vector<std::vector<Line>> page_lines;
  std::vector<std::optional<Ruled>> tables;
  for (const Page& p : pages) {
    std::vector<const Run*> rs;
    for (const Run& r : p.runs) rs.push_back(&r);
    tables.push_back(ruled_table(p));
    page_lines.push_back(text_lines(rs));
    std::map<std::string, int> seen;
    for (const Line& l : page_lines.back())
      if (in_margin(p, l.front()->top, l.front()->h) && !seen[line_text(l)]++) ++margin_pages[line_text(l)];
  }
  auto furniture = [&](const Page& p, const Line& l, const std::optional<Ruled>& t) {
    if (!in_margin(p, l.front()->top, l.front()->h)) return false;
    if (t && t->contains(l.front()->x, l.front()->mid_y())) return false;
    const std::string s = line_text(l);
    return page_number(trim(s)) || (pages.size() > 1 && margin_pages[s] == pages.size());
  };

  // Per page: the ruled table's rows and the other text's lines, top to
  // bottom. The text lines' columns are the whole document's.
  struct PageRows {
    std::vector<OutRow> ruled;
    std::vector<Line> lines;  // text outside the ruled table
    std::vector<std::vector<Chunk>> loose;
  };
  std::vector<PageRows> parts(pages.size());
  std::vector<std::vector<Chunk>> all_loose;
  for (size_t i = 0; i < pages.size(); ++i) {
    const auto& t = tables[i];
    std::vector<const Run*> in_table;
    for (const Line& l : page_lines[i]) {
      if (furniture(pages[i], l, t)) continue;
      Line rest;
      for (const Run* r : l) {
        if (t && t->contains(r->x + std::min(r->w, r->h) / 2, r->mid_y())) in_table.push_back(r);
        else rest.push_back(r);
      }
      if (!rest.empty()) {
        all_loose.push_back(chunks_of(rest));
        parts[i].lines.push_back(std::move(rest));
      }
    }
    if (t) parts[i].ruled = read_ruled(*t, in_table);
  }
  // The columns, then each line's cells again with them.
  const std::vector<double> starts = text_columns(all_loose);
  for (PageRows& part : parts) {
    for (const Line& l : part.lines) part.loose.push_back(chunks_of(l, &starts));
    join_paragraph_lines(part.loose);
  }

  OfficeGrid out;
  out.mode = "pdf";
  size_t cells = 0;
  std::vector<OutRow> rows;
  for (size_t i = 0; i < pages.size(); ++i) {
    std::vector<OutRow> page = read_text(parts[i].loose, starts);
    for (OutRow& r : parts[i].ruled) page.push_back(std::move(r));
    std::vector<size_t> order(page.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return page[a].top < page[b].top || (page[a].top == page[b].top && a < b); });
    std::vector<OutRow> sorted;
    for (size_t k : order) sorted.push_back(std::move(page[k]));
    page = std::move(sorted);
    // Only the page's first and last rows may continue across its break.
    for (size_t k = 0; k < page.size(); ++k) {
      if (k != 0) page[k].first = false;
      if (k + 1 != page.size()) page[k].last = false;
    }
    for (size_t k = 0; k < page.size(); ++k) {
      OutRow& r = page[k];
      if (k == 0 && !rows.empty())
        if (const auto onto = continues(rows.back(), r)) {
          OutRow& prev = rows.back();
          for (size_t c = 0; c < r.cells.size(); ++c)
            if ((*onto)[c] >= 0) join_wrapped(prev.cells[(*onto)[c]], r.cells[c]);
          prev.last = r.last;
          continue;
        }
      cells += r.cells.size();
      rows.push_back(std::move(r));
    }
  }
  if (rows.size() > limits::kMaxRows) rows.resize(limits::kMaxRows);
  out.grid.reserve(rows.size(), cells);
  // A ruled table's cells are explicit: a merged label sits in its first row.
  out.grid.explicit_merges = std::any_of(tables.begin(), tables.end(), [](const auto& t) { return t.has_value(); });
  int line = 0;
  for (const OutRow& r : rows) {
    ++line;
    int col = 0;
    for (size_t c = 0; c < r.cells.size(); ++c) {
      if (r.skip[c] && r.cells[c].empty()) continue;
      ++col;
      out.grid.add_cell(Cell{out.grid.keep(clean_cell(r.cells[c])), Loc{line, col}});
    }
    out.grid.end_row();
  }
  return out;
}

}  // namespace formcheck
