#include "formcheck/office_formula.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "formcheck/decimal.hpp"
#include "formcheck/office_import.hpp"
#include "formcheck/office_sheet.hpp"

namespace formcheck::office {

namespace {

constexpr long kLastRow = 1048575;  // 0-based, Excel's grid
constexpr int kLastCol = 16383;
constexpr int kMaxDepth = 64;            // nesting of parentheses, signs and functions
constexpr size_t kMaxTokens = 4096;      // per formula
constexpr long kMaxWork = 4000000;       // tokens evaluated and cells scanned, per sheet
constexpr int kDivisionDecimals = 10;    // a division that does not end is rounded here

struct Fail {
  std::string why;
};

enum class Op : uint8_t { Num, Ref, Range, Add, Sub, Mul, Div, Neg, Pct, Sum, Round };

struct Tok {
  explicit Tok(Op o) : op(o) {}
  Op op;
  int argc = 0;
  long r1 = 0, r2 = 0;
  int c1 = 0, c2 = 0;
  Decimal num;
};

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// A cell reference at s[i..]: [$]letters[$]digits, not followed by a name
// character or "(". Fills row/col (0-based, before shifting) and anchors.
struct RefParts {
  long row = 0;
  int col = 0;
  bool abs_row = false, abs_col = false;
  size_t end = 0;
};
std::optional<RefParts> cell_at(std::string_view s, size_t i) {
  RefParts r;
  if (i < s.size() && s[i] == '$') r.abs_col = true, ++i;
  const size_t letters = i;
  long col = 0;
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i])) && i - letters < 4) {
    col = col * 26 + (std::toupper(static_cast<unsigned char>(s[i])) - 'A' + 1);
    ++i;
  }
  if (i == letters || i - letters > 3) return std::nullopt;
  if (i < s.size() && s[i] == '$') r.abs_row = true, ++i;
  const size_t digits = i;
  long row = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - digits < 8) row = row * 10 + (s[i++] - '0');
  if (i == digits || row == 0) return std::nullopt;
  if (i < s.size() && (name_char(s[i]) || s[i] == '(')) return std::nullopt;
  r.row = row - 1, r.col = static_cast<int>(col - 1), r.end = i;
  return r;
}

// Parses the subset into reverse Polish tokens, shifting relative references.
class Parser {
 public:
  Parser(std::string_view s, long dr, int dc, const std::string& sheet) : s_(s), dr_(dr), dc_(dc), sheet_(sheet) {}

  std::vector<Tok> parse() {
    skip();
    if (i_ >= s_.size()) fail("公式为空，或共享公式找不到它的主公式");
    expr(0);
    skip();
    if (i_ < s_.size()) fail_at();
    return std::move(out_);
  }

 private:
  [[noreturn]] void fail(std::string why) { throw Fail{std::move(why)}; }
  [[noreturn]] void fail_at() {
    if (s_[i_] == '"') fail("含有文字");
    if (s_[i_] == '#') fail("含有错误值");
    fail("含有本工具不计算的写法");
  }
  void skip() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  bool eat(char c) {
    skip();
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  void emit(Tok t) {
    if (out_.size() >= kMaxTokens) fail("公式过长");
    out_.push_back(std::move(t));
  }
  void emit(Op op, int argc = 0) {
    Tok t(op);
    t.argc = argc;
    emit(std::move(t));
  }

  void expr(int d) {
    if (d > kMaxDepth) fail("公式嵌套过深");
    term(d);
    for (;;) {
      if (eat('+')) term(d), emit(Op::Add);
      else if (eat('-')) term(d), emit(Op::Sub);
      else break;
    }
  }
  void term(int d) {
    unary(d);
    for (;;) {
      if (eat('*')) unary(d), emit(Op::Mul);
      else if (eat('/')) unary(d), emit(Op::Div);
      else break;
    }
  }
  void unary(int d) {
    if (d > kMaxDepth) fail("公式嵌套过深");
    if (eat('+')) return unary(d + 1);
    if (eat('-')) return unary(d + 1), emit(Op::Neg);
    primary(d);
    while (eat('%')) emit(Op::Pct);
  }
  void primary(int d) {
    skip();
    if (i_ >= s_.size()) fail("公式不完整");
    const char c = s_[i_];
    if (c == '(') {
      ++i_;
      expr(d + 1);
      if (!eat(')')) fail("括号不配对");
      return;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
    if (c == '\'' || c == '$' || name_char(c)) return name(d);
    fail_at();
  }
  void number() {
    const size_t a = i_;
    while (i_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.')) ++i_;
    if (i_ < s_.size() && (s_[i_] == 'E' || s_[i_] == 'e')) fail("含有科学计数法的数");
    const auto v = Decimal::parse(s_.substr(a, i_ - a));
    if (!v) fail("含有无法精确计算的数");
    Tok t(Op::Num);
    t.num = *v;
    emit(std::move(t));
  }
  // A sheet prefix ('My sheet'! or Sheet1!) naming another sheet fails.
  void sheet_prefix() {
    std::string name;
    size_t k = i_;
    if (k < s_.size() && s_[k] == '\'') {
      for (++k; k < s_.size(); ++k) {
        if (s_[k] == '\'') {
          if (k + 1 < s_.size() && s_[k + 1] == '\'') name += '\'', ++k;
          else break;
        } else {
          name += s_[k];
        }
      }
      if (k + 1 >= s_.size() || s_[k + 1] != '!') fail("含有本工具不计算的写法");
      i_ = k + 2;
    } else {
      while (k < s_.size() && name_char(s_[k])) ++k;
      if (k >= s_.size() || s_[k] != '!') return;
      name.assign(s_.substr(i_, k - i_));
      i_ = k + 1;
    }
    if (upper(name) != upper(sheet_)) fail("引用了其他工作表“" + name + "”");
  }
  std::pair<long, int> cell() {
    const auto r = cell_at(s_, i_);
    if (!r) {
      size_t k = i_;
      while (k < s_.size() && (name_char(s_[k]) || s_[k] == '$')) ++k;
      fail("引用了名称或整行整列“" + std::string(s_.substr(i_, k - i_)) + "”");
    }
    i_ = r->end;
    const long row = r->abs_row ? r->row : r->row + dr_;
    const long col = r->abs_col ? r->col : r->col + dc_;
    if (row < 0 || row > kLastRow || col < 0 || col > kLastCol) fail("引用超出了表格范围");
    return {row, static_cast<int>(col)};
  }
  void name(int d) {
    sheet_prefix();
    if (i_ < s_.size() && name_char(s_[i_]) && !cell_at(s_, i_)) {
      // A function.
      size_t k = i_;
      while (k < s_.size() && name_char(s_[k])) ++k;
      const std::string fn = upper(s_.substr(i_, k - i_));
      i_ = k;
      if (!eat('(')) fail("引用了名称“" + fn + "”");
      if (fn == "SUM") return sum(d);
      if (fn == "ROUND") {
        expr(d + 1);
        if (!eat(',')) fail("ROUND 缺少位数");
        expr(d + 1);
        if (!eat(')')) fail("括号不配对");
        return emit(Op::Round, 2);
      }
      fail("用到了函数 " + fn);
    }
    const auto [r1, c1] = cell();
    Tok t(Op::Ref);
    t.r1 = t.r2 = r1, t.c1 = t.c2 = c1;
    if (i_ < s_.size() && s_[i_] == ':') {
      ++i_;
      sheet_prefix();
      const auto [r2, c2] = cell();
      t.op = Op::Range;
      t.r1 = std::min(r1, r2), t.r2 = std::max(r1, r2), t.c1 = std::min(c1, c2), t.c2 = std::max(c1, c2);
    }
    emit(std::move(t));
  }
  void sum(int d) {
    int argc = 0;
    if (!eat(')')) {
      do {
        const size_t before = out_.size();
        expr(d + 1);
        // A lone reference as an argument is summed as a range (text ignored).
        if (out_.size() == before + 1 && out_.back().op == Op::Ref) out_.back().op = Op::Range;
        if (++argc > 255) fail("SUM 的参数过多");
      } while (eat(','));
      if (!eat(')')) fail("括号不配对");
    }
    emit(Op::Sum, argc);
  }

  std::string_view s_;
  size_t i_ = 0;
  long dr_;
  int dc_;
  const std::string& sheet_;
  std::vector<Tok> out_;
};

// Plain decimal text of a Decimal: no trailing zeros after the point.
std::string plain(const Decimal& d) {
  std::string s = d.to_fixed(d.scale());
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::optional<Decimal> decimal_of(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return Decimal::from_int(static_cast<int64_t>(v));
  const std::string s = plain_number(v);
  if (s.empty()) return std::nullopt;
  return Decimal::parse(s);
}

std::string cell_name(long row, int col) { return cell_ref(col + 1, static_cast<int>(row + 1)); }

// The sheet's formulas evaluated on demand, each at most once.
class Evaluator {
 public:
  Evaluator(const std::vector<FormulaCell>& f, const std::vector<std::string>& texts, std::vector<ValueCell> values,
            std::string_view arena, const std::string& sheet)
      : f_(f), texts_(texts), values_(std::move(values)), arena_(arena), sheet_(sheet), state_(f.size(), 0), out_(f.size()) {
    std::stable_sort(values_.begin(), values_.end(), [](const ValueCell& a, const ValueCell& b) {
      return a.row != b.row ? a.row < b.row : a.col < b.col;
    });
    computed_.resize(f.size());
    memo_.resize(values_.size());
  }

  std::vector<FormulaOutcome> run() {
    for (size_t i = 0; i < f_.size(); ++i) resolve(i);
    return std::move(out_);
  }

 private:
  struct Result {
    bool ok = false;
    Decimal value;
  };
  struct Frame {
    explicit Frame(size_t i) : f(i) {}
    size_t f;
    std::vector<Tok> toks;
    bool parsed = false;
    std::string fail;
  };

  bool uncached(int32_t k) const { return k >= 0 && f_[static_cast<size_t>(k)].cached == ValueKind::Empty; }

  void charge(long n) {
    work_ += n;
    if (work_ > kMaxWork) throw Fail{"工作表中的公式过多，未全部计算"};
  }

  // Cells in [r1..r2] × [c1..c2], in order.
  template <class F>
  void each_in(const Tok& t, F f) {
    auto it = std::lower_bound(values_.begin(), values_.end(), std::make_pair(t.r1, t.c1),
                               [](const ValueCell& v, const std::pair<long, int>& p) {
                                 return v.row != p.first ? v.row < p.first : v.col < p.second;
                               });
    for (; it != values_.end() && (it->row < t.r2 || (it->row == t.r2 && it->col <= t.c2)); ++it) {
      charge(1);
      if (it->col >= t.c1 && it->col <= t.c2) f(*it);
    }
  }

  // Iterative depth-first evaluation: a formula's uncached dependencies first.
  void resolve(size_t start) {
    if (state_[start] == 2) return;
    std::vector<Frame> stack;
    stack.emplace_back(start);
    while (!stack.empty()) {
      Frame& top = stack.back();
      const size_t i = top.f;
      if (state_[i] == 2) {
        stack.pop_back();
        continue;
      }
      if (!top.parsed) {
        top.parsed = true;
        state_[i] = 1;
        std::vector<size_t> deps;
        try {
          if (exhausted_) throw Fail{"工作表中的公式过多，未全部计算"};
          const FormulaCell& fc = f_[i];
          top.toks = Parser(texts_[fc.text], fc.dr, fc.dc, sheet_).parse();
          charge(static_cast<long>(top.toks.size()));
          for (const Tok& t : top.toks) {
            if (t.op != Op::Ref && t.op != Op::Range) continue;
            each_in(t, [&](const ValueCell& v) {
              if (!uncached(v.formula)) return;
              const size_t k = static_cast<size_t>(v.formula);
              if (state_[k] == 1) throw Fail{"与 " + cell_name(v.row, v.col) + " 循环引用"};
              if (state_[k] == 0) deps.push_back(k);
            });
          }
        } catch (const Fail& e) {
          top.fail = e.why;
          if (work_ > kMaxWork) exhausted_ = true;
          deps.clear();
        }
        for (size_t k : deps) stack.emplace_back(k);
        continue;
      }
      finish(i, top);
      state_[i] = 2;
      stack.pop_back();
    }
  }

  void finish(size_t i, const Frame& fr) {
    const FormulaCell& fc = f_[i];
    FormulaOutcome& o = out_[i];
    std::string why = fr.fail;
    Decimal v;
    // A formula that is one reference to a text cell shows that text.
    if (why.empty() && fc.cached == ValueKind::Empty && fr.toks.size() == 1 && fr.toks[0].op == Op::Ref) {
      const ValueCell* c = at(fr.toks[0].r1, fr.toks[0].c1);
      if (c && c->formula < 0 && c->kind == ValueKind::Text) {
        computed_[i] = {false, Decimal()};
        o.value = std::string(text_of(*c));
        o.text = true;
        return;
      }
    }
    if (why.empty()) {
      try {
        v = eval(fr.toks);
      } catch (const Fail& e) {
        why = e.why;
        if (work_ > kMaxWork) exhausted_ = true;
      } catch (const DecimalOverflow&) {
        why = "数值超出可精确计算的范围";
      }
    }
    if (fc.cached == ValueKind::Empty) {
      if (!why.empty()) {
        o.kind = FormulaOutcome::Unknown;
        o.why = why;
        return;
      }
      computed_[i] = {true, v};
      o.value = plain(v);
      return;
    }
    // A saved result: kept (what Excel shows); said when its formula disagrees.
    if (!why.empty() || fc.cached != ValueKind::Number) return;
    o.value = plain(v);
    const std::string saved = plain_number(fc.cached_number);
    const std::string mine = plain_number(std::strtod(o.value.c_str(), nullptr));
    if (saved.empty() || mine.empty()) return;
    if (round_decimal(saved, kDivisionDecimals) != round_decimal(mine, kDivisionDecimals)) o.kind = FormulaOutcome::Stale;
  }

  // Text that reads as a number, as Excel's arithmetic takes it.
  static std::optional<Decimal> number_in(std::string_view t) {
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    if (!t.empty() && t.back() == '%') {
      const auto d = Decimal::parse(t.substr(0, t.size() - 1));
      if (d) return d->mul(Decimal::from_units(1, 2));
      return std::nullopt;
    }
    return Decimal::parse(t);
  }

  // The text of a text cell (a formula's saved text included).
  std::string_view text_of(const ValueCell& c) const {
    if (c.formula >= 0) {
      const FormulaCell& g = f_[static_cast<size_t>(c.formula)];
      return arena_.substr(std::min<size_t>(g.off, arena_.size()), g.len);
    }
    return arena_.substr(std::min<size_t>(c.off, arena_.size()), c.len);
  }

  // The value a reference sees in a cell.
  Decimal operand(const ValueCell* c) {
    if (!c) return Decimal();
    ValueKind kind = c->kind;
    double number = c->number;
    if (c->formula >= 0) {
      const FormulaCell& g = f_[static_cast<size_t>(c->formula)];
      if (g.cached == ValueKind::Empty) {
        const FormulaOutcome& t = out_[static_cast<size_t>(c->formula)];
        if (t.text) {
          if (const auto d = number_in(t.value)) return *d;
          throw Fail{"引用的单元格 " + cell_name(c->row, c->col) + " 是文字"};
        }
        const Result& r = computed_[static_cast<size_t>(c->formula)];
        if (!r.ok) throw Fail{"引用的单元格 " + cell_name(c->row, c->col) + " 无法计算"};
        return r.value;
      }
      kind = g.cached, number = g.cached_number;
    }
    switch (kind) {
      case ValueKind::Empty: return Decimal();
      case ValueKind::Number:
      case ValueKind::Bool: {
        // Each stored number is turned into a Decimal once.
        const size_t k = static_cast<size_t>(c - values_.data());
        if (!memo_[k]) memo_[k] = decimal_of(number);
        if (!*memo_[k]) throw Fail{"引用的单元格 " + cell_name(c->row, c->col) + " 的数值无法精确计算"};
        return **memo_[k];
      }
      case ValueKind::Text:
        if (const auto d = number_in(text_of(*c))) return *d;
        throw Fail{"引用的单元格 " + cell_name(c->row, c->col) + " 是文字"};
      case ValueKind::Error: break;
    }
    throw Fail{"引用的单元格 " + cell_name(c->row, c->col) + " 是错误值"};
  }

  const ValueCell* at(long row, int col) {
    auto it = std::lower_bound(values_.begin(), values_.end(), std::make_pair(row, col),
                               [](const ValueCell& v, const std::pair<long, int>& p) {
                                 return v.row != p.first ? v.row < p.first : v.col < p.second;
                               });
    const ValueCell* found = nullptr;
    for (; it != values_.end() && it->row == row && it->col == col; ++it) found = &*it;  // the later one wins
    return found;
  }

  Decimal divide(const Decimal& a, const Decimal& b) {
    if (b.is_zero()) throw Fail{"除数为零"};
    for (int d = kDivisionDecimals; d >= 0; d -= 2) {
      try {
        return *a.div(b, d);
      } catch (const DecimalOverflow&) {
      }
    }
    throw DecimalOverflow();
  }

  Decimal eval(const std::vector<Tok>& toks) {
    struct Item {
      bool range = false;
      const Tok* tok = nullptr;
      Decimal v;
    };
    std::vector<Item> st;
    auto pop = [&]() -> Decimal {
      Item it = st.back();
      st.pop_back();
      if (it.range) throw Fail{"区域不能直接参与运算"};
      return it.v;
    };
    for (const Tok& t : toks) {
      charge(1);
      switch (t.op) {
        case Op::Num: st.push_back({false, nullptr, t.num}); break;
        case Op::Ref: st.push_back({false, nullptr, operand(at(t.r1, t.c1))}); break;
        case Op::Range: st.push_back({true, &t, Decimal()}); break;
        case Op::Neg: st.push_back({false, nullptr, -pop()}); break;
        case Op::Pct: st.push_back({false, nullptr, pop().mul(Decimal::from_units(1, 2))}); break;
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
        case Op::Div: {
          const Decimal b = pop(), a = pop();
          const Decimal r = t.op == Op::Add ? a + b : t.op == Op::Sub ? a - b : t.op == Op::Mul ? a.mul(b) : divide(a, b);
          st.push_back({false, nullptr, r});
          break;
        }
        case Op::Sum: {
          Decimal total;
          for (int k = 0; k < t.argc; ++k) {
            Item it = st.back();
            st.pop_back();
            if (!it.range) {
              total = total + it.v;
              continue;
            }
            each_in(*it.tok, [&](const ValueCell& c) {
              // SUM over cells adds numbers and skips text, logical values and
              // empty cells, as Excel's does; an error value fails it.
              if (uncached(c.formula)) {
                if (!out_[static_cast<size_t>(c.formula)].text) total = total + operand(&c);
                return;
              }
              const ValueKind kind = c.formula >= 0 ? f_[static_cast<size_t>(c.formula)].cached : c.kind;
              if (kind == ValueKind::Number || kind == ValueKind::Error) total = total + operand(&c);
            });
          }
          st.push_back({false, nullptr, total});
          break;
        }
        case Op::Round: {
          const Decimal n = pop(), x = pop();
          const int64_t places = n.truncate_to(0).units();
          Decimal r;
          if (places >= 0) {
            r = places >= x.scale() ? x : x.round_to(static_cast<int>(places));
          } else if (places >= -18) {
            int64_t p = 1;
            for (int64_t k = 0; k < -places; ++k) p *= 10;
            r = x.div(Decimal::from_int(p), 0)->mul_int(p);
          }
          st.push_back({false, nullptr, r});
          break;
        }
      }
    }
    if (st.size() != 1) throw Fail{"含有本工具不计算的写法"};
    if (st.back().range) {
      const Tok& t = *st.back().tok;
      if (t.r1 != t.r2 || t.c1 != t.c2) throw Fail{"结果是一个区域"};
      return operand(at(t.r1, t.c1));
    }
    return st.back().v;
  }

  const std::vector<FormulaCell>& f_;
  const std::vector<std::string>& texts_;
  std::vector<ValueCell> values_;
  std::string_view arena_;
  const std::string& sheet_;
  std::vector<uint8_t> state_;  // 0 new, 1 on the stack, 2 done
  std::vector<Result> computed_;
  std::vector<std::optional<std::optional<Decimal>>> memo_;  // per value cell: not yet / not exact / its Decimal
  std::vector<FormulaOutcome> out_;
  long work_ = 0;
  bool exhausted_ = false;
};

}  // namespace

std::string plain_number(double v) {
  if (!std::isfinite(v)) return "";
  std::string s = js_number(v);
  if (s.find('e') != std::string::npos) {
    if (std::fabs(v) >= 1e15) return "";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.12f", v);
    s = buf;
  }
  const size_t dot = s.find('.');
  if (dot != std::string::npos && s.size() - dot - 1 > 12) s = round_decimal(s, 12);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string shifted_formula(std::string_view s, long dr, int dc) {
  if (dr == 0 && dc == 0) return std::string(s);
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '"') {  // a string literal is copied as it is
      const size_t close = s.find('"', i + 1);
      const size_t end = close == std::string_view::npos ? s.size() : close + 1;
      out.append(s.substr(i, end - i));
      i = end;
      continue;
    }
    const bool boundary = i == 0 || !(name_char(s[i - 1]) || s[i - 1] == '$');
    if (boundary && (c == '$' || std::isalpha(static_cast<unsigned char>(c)))) {
      if (const auto r = cell_at(s, i)) {
        const long row = r->abs_row ? r->row : r->row + dr;
        const long col = r->abs_col ? r->col : r->col + dc;
        if (row < 0 || row > kLastRow || col < 0 || col > kLastCol) {
          out += "#REF!";
        } else {
          const std::string ref = cell_ref(static_cast<int>(col) + 1, static_cast<int>(row) + 1);
          const size_t digit = ref.find_first_of("0123456789");
          out += (r->abs_col ? "$" : "") + ref.substr(0, digit) + (r->abs_row ? "$" : "") + ref.substr(digit);
        }
        i = r->end;
        continue;
      }
      while (i < s.size() && (name_char(s[i]) || s[i] == '$')) out += s[i++];
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

std::vector<FormulaOutcome> evaluate_formulas(const std::vector<FormulaCell>& formulas,
                                              const std::vector<std::string>& texts, std::vector<ValueCell> values,
                                              std::string_view arena, const std::string& sheet) {
  if (formulas.empty()) return {};
  return Evaluator(formulas, texts, std::move(values), arena, sheet).run();
}

}  // namespace formcheck::office
