// money.*: the 部门整体资金 table of the target form (domain.md, form A).
#include <optional>

#include "formcheck/diagnose.hpp"
#include "formcheck/rules/identity_check.hpp"
#include "formcheck/rules/families.hpp"
#include "formcheck/rules/rule_util.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck::rules {

namespace {

int index_of(const std::vector<FundLine>& lines, const FundLine* l) { return static_cast<int>(l - lines.data()); }



// A total line's sum in the words of the three line-sum rules.
IdentityText line_sum_text(const Form& form, const Identity& x, const Evaluation& ev, const std::string& section_word) {
  IdentityText t;
  const std::string& name = row_name(form, x.total);
  const std::string column = column_title(x.total.section, x.total.field);
  std::string names;
  for (const auto& [n, v] : ev.named) names += (names.empty() ? "" : "＋") + n;
  const std::string label = section_word + "·" + name + "·" + column;
  t.expected = ev.computed.to_fixed(std::max(2, ev.computed.shown()));
  t.actual = ev.shown.to_string();
  t.calc_label = CalcLabel(label + "（" + x.decl->what + "）");
  t.where = loc_in(x.total.section, x.total.index, x.total.field, cell_src(form, x.total), "部门整体资金·" + label);
  t.args = {{"name", name}, {"column", column}, {"actual", t.actual}, {"expected", t.expected}, {"parts", names},
            {"diff", (ev.shown - ev.computed).to_fixed(2)}};
  t.fix = "将“" + name + "”改为 " + t.expected + "，或核对" + names + "。";
  t.why = explain_difference(ev.shown, ev.computed, ev.named);
  return t;
}

void check_line_sums(Context& ctx, const RuleMeta& rule, const char* section_word) {
  check_identities(ctx, rule, [&](const Identity& x, const Evaluation& ev) {
    return line_sum_text(ctx.form, x, ev, section_word);
  });
}

// ---------------------------------------------------------------- rules

// What the sums' docs say of explain_difference (diagnose.hpp), once.
#define FORMCHECK_EXPLAINED_DIFFERENCE                                                                        \
  "差额恰好符合一种常见错误时（漏算或重复计算了一行或两行、相邻两位数字颠倒、小数点错位、以元填入万元栏、正负号相反），" \
  "消息说明“可能…”；不符合任何一种时不作猜测。差额恰等于合计以外的另一行时（如各项收入比资金总额少的数恰等于基本支出），" \
  "消息指出这一行及其最可能的含义（基本支出的资金来源可能未列入收入）。修改建议只在一处改动有合计以外的依据（数字颠倒、" \
  "同时修复另一处勾稽关系、叙述写明等）时给出确定的修改；否则列出同样可能的候选，说明仅凭本表无法确定，应核对预算批复或项目明细。" \
  "不为凑平合计而填写空白或为 0 的行。"

const RuleMeta kIncomeTotal{
    "money.income_total", Severity::Error, Scope::Target, "资金总额与收入合计",
    "资金总额 = 财政拨款 + 国有资本金 + 社保基金 + 上年结转资金 + 其他资金",
    "{name}（{column}）为 {actual} 万元，但各项收入之和为 {expected} 万元，相差 {diff} 万元。",
    "收入部分的“资金总额”必须等于财政拨款（小计）、国有资本金、社保基金、上年结转资金、其他资金之和。"
    "财政拨款只计“小计”一次；没有小计时按其三个组成部分计算。空单元格不参与计算。"
    "比较按显示精度进行（万元保留两位小数）：舍入能解释的差异不报告。"
    FORMCHECK_EXPLAINED_DIFFERENCE,
    true, true};

// The parts of 资金总额 are declared in identities-target.json (income_total):
// 财政拨款 once, by its 小计 when it has one; a line the template does not
// know counts when the form's total includes it (money.unknown_income_line
// says which reading was taken).
void check_income_total(Context& ctx) { check_line_sums(ctx, kIncomeTotal, "收入"); }

// Income lines the template does not know (`事业收入 12.5`), with an amount.
std::vector<const FundLine*> unknown_income(const std::vector<FundLine>& in) {
  std::vector<const FundLine*> out;
  for (const auto& l : in)
    if (l.role == "income_item" && money(l.full) && !money(l.full)->is_zero()) out.push_back(&l);
  return out;
}

const RuleMeta kUnknownIncome{
    "money.unknown_income_line", Severity::Warning, Scope::Target, "收入中有模板以外的项目",
    "收入部分有一行不是模板的收入项目（如“事业收入”），且填了金额",
    "收入中的“{name}”（{amount} 万元）不是本表的收入项目（财政拨款、国有资本金、社保基金、上年结转资金、其他资金）。{how}",
    "部门整体资金的收入只列模板规定的项目，资金总额是它们的和。多出的一行可能是某项的明细，也可能应归入"
    "“其他资金”。检查器不会把它悄悄略过：资金总额计入它才相符时按计入核对，并在此说明；否则按模板项目核对。"};

void check_unknown_income(Context& ctx) {
  const auto& in = ctx.form.funds.income;
  const auto unknown = unknown_income(in);
  if (unknown.empty()) return;
  std::optional<Evaluation> total;
  for (const Identity& x : form_identities(ctx))
    if (x.decl->rule == kIncomeTotal.id) total = evaluate(ctx.form, x);
  std::string how;
  if (total && total->checkable && total->with_optional)
    how = "资金总额计入此行才与各项之和相符，已按计入核对；请将它归入“其他资金”或相应项目。";
  else if (total && total->checkable && total->holds())
    how = "资金总额不含此行，此行的金额没有计入任何合计；若是某项的明细请删去或注明，否则应计入资金总额。";
  else
    how = "资金总额计入或不计入此行都与各项之和不符（见 money.income_total）。";
  for (const FundLine* l : unknown)
    ctx.report(kUnknownIncome,
               loc_in("funds.income", index_of(in, l), "full", l->src.cell("full"),
                      "部门整体资金·收入·" + l->name + "·全年预算数"),
               {{"name", l->name}, {"amount", money(l->full)->to_string()}, {"how", how}}, "", l->full,
               "将“" + l->name + "”归入模板的收入项目（通常为“其他资金”），或删去这一行。");
}

const RuleMeta kAppropriation{
    "money.appropriation_subtotal", Severity::Error, Scope::Target, "财政拨款小计",
    "财政拨款小计 = 一般公共预算资金 + 政府性基金 + 财政专户管理资金",
    "财政拨款小计（{column}）为 {actual} 万元，但 {parts} 之和为 {expected} 万元，相差 {diff} 万元。",
    "财政拨款“小计”必须等于一般公共预算资金、政府性基金、财政专户管理资金之和。按显示精度比较。"
    FORMCHECK_EXPLAINED_DIFFERENCE, true, true};

void check_appropriation(Context& ctx) { check_line_sums(ctx, kAppropriation, "收入"); }

const RuleMeta kExpenseTotal{
    "money.expense_total", Severity::Error, Scope::Target, "支出合计等于资金总额",
    "基本支出 + 项目支出（无项目支出行时为各项目之和）= 资金总额（全年）",
    "支出合计（基本支出＋项目支出）为 {computed} 万元，但收入“资金总额”为 {total} 万元，相差 {diff} 万元。",
    "全年预算数中，基本支出与项目支出之和必须等于收入部分的资金总额（收支平衡）。表中没有“项目支出”合计行时，"
    "以各项目行之和代替。按显示精度比较。"
    FORMCHECK_EXPLAINED_DIFFERENCE,
    true};

void check_expense_total(Context& ctx) {
  check_identities(ctx, kExpenseTotal, [&](const Identity& x, const Evaluation& ev) {
    IdentityText t;
    const std::string computed = ev.computed.to_fixed(2);
    t.calc_label = CalcLabel("支出合计（基本支出＋项目支出，全年）");
    t.expected = computed;
    t.actual = ev.shown.to_string();
    t.where = loc_in(x.total.section, x.total.index, x.total.field, cell_src(ctx.form, x.total),
                     "部门整体资金·收入·" + row_name(ctx.form, x.total) + "·全年预算数");
    t.args = {{"computed", computed}, {"total", t.actual}, {"diff", (ev.shown - ev.computed).to_fixed(2)}};
    t.fix = "核对基本支出、项目支出与资金总额，使收支平衡。";
    t.why = explain_difference(ev.shown, ev.computed, ev.named);
    return t;
  });
}

const RuleMeta kProjectLines{
    "money.project_lines", Severity::Error, Scope::Target, "项目支出等于各项目之和",
    "项目支出 = Σ 项目行，半年与全年两列分别计算",
    "项目支出（{column}）为 {actual} 万元，但各项目之和为 {expected} 万元，相差 {diff} 万元。",
    "“项目支出”合计必须等于其下各项目行之和，半年计划执行数与全年预算数两列分别检查；空单元格按 0 计。"
    "按显示精度比较。"
    FORMCHECK_EXPLAINED_DIFFERENCE,
    true, true};

void check_project_lines(Context& ctx) { check_line_sums(ctx, kProjectLines, "支出"); }

const RuleMeta kHalfExceedsFull{
    "money.half_exceeds_full", Severity::Warning, Scope::Target, "半年数大于全年数",
    "支出行的半年计划执行数大于其全年预算数",
    "“{name}”的半年计划执行数 {half} 万元大于全年预算数 {full} 万元。",
    "半年计划执行数是全年预算的一部分，通常不应超过全年预算数。若确属提前执行，请在说明中注明。"};

void check_half_exceeds_full(Context& ctx) {
  const auto& ex = ctx.form.funds.expense;
  for (size_t i = 0; i < ex.size(); ++i) {
    auto h = money(ex[i].half), f = money(ex[i].full);
    if (!h || !f || *h <= *f) continue;
    ctx.report(kHalfExceedsFull,
               loc_in("funds.expense", static_cast<int>(i), "half", ex[i].src.cell("half"),
                      "部门整体资金·支出·" + ex[i].name + "·半年计划执行数"),
               {{"name", ex[i].name}, {"half", h->to_string()}, {"full", f->to_string()}}, "≤ " + f->to_string(),
               h->to_string(), "核对“" + ex[i].name + "”的半年计划执行数，使其不超过全年预算数。");
  }
}

// ------------------------------------------------- cells a sum cannot use

const RuleMeta kUnreadable{
    "money.unreadable", Severity::Error, Scope::Any, "金额无法读取",
    "金额单元格不是可精确读取的数字（文字、科学计数法、位数过多），无法参与合计核对",
    "{place}写作“{text}”，无法作为金额使用：{why}。",
    "合计、执行率等核对需要精确的金额。一个读不出的金额会让它所在的合计无从核对，所以它本身就是错误，"
    "而不是被略过：例如 `NaN`、`1e400`、`约600`、18 位以上的数字。单位写在单元格里时见 money.unit_in_cell 和 "
    "money.unit_mismatch。项目支出表单的项目资金同样检查（“—”表示不适用，不算金额）。"};

const RuleMeta kUnitInCell{
    "money.unit_in_cell", Severity::Info, Scope::Any, "金额单元格写了单位",
    "金额单元格写了与本栏一致的单位（如“600万元”），按数字读取",
    "{place}写作“{text}”，单位与本栏（万元）一致，按 {value} 读取。",
    "本栏以万元为单位；单元格中写明“万元”或“万”时按其数字读取并照常核对，只作提示，建议只填数字。"};

const RuleMeta kUnitMismatch{
    "money.unit_mismatch", Severity::Error, Scope::Any, "金额单位与本栏不符",
    "金额单元格写了与本栏不同的单位（如万元栏中的“600元”）",
    "{place}写作“{text}”，但本栏单位为万元：{text} ＝ {value} 万元。",
    "本栏以万元为单位；单元格写“元”“千元”“亿元”时，数值须换算为万元后填写。换算后的值用于合计核对，"
    "修改建议给出换算结果。"};

const RuleMeta kFullWidth{
    "money.full_width", Severity::Info, Scope::Any, "金额用了全角数字",
    "金额单元格用全角数字或全角符号书写（如“８００”），按半角读取",
    "{place}写作“{text}”（全角数字），按 {value} 读取。",
    "输入法在全角状态下输入的数字（０–９、．、，）按对应的半角数字读取并照常核对，只作提示：一些系统不认全角数字，"
    "上报前建议改为半角。"};

const RuleMeta kBlankRequired{
    "money.blank_required", Severity::Warning, Scope::Both, "必填金额为空",
    "资金总额、基本支出、项目支出等必填金额单元格为空",
    "{place}为空。",
    "目标表的资金总额、基本支出、项目支出（及各项目行）的全年预算数，自评报告预算信息表中预算总金额、基本支出、项目支出行的"
    "年初预算数、调整预算数、实际支出数都应填写；没有金额时填 0。空白会让合计核对无从进行，所以在空白处指出，而不是悄悄当作 0。"};

bool has_full_width_digit(const std::string& text) {
  for (char32_t c : to_u32(text))
    if ((c >= U'０' && c <= U'９') || c == U'．') return true;
  return false;
}

void check_blank_required(Context& ctx) {
  const Form& f = ctx.form;
  auto report = [&](const std::string& section, size_t i, const char* field, Loc src, const std::string& place) {
    ctx.report(kBlankRequired, loc_in(section, static_cast<int>(i), field, src, place), {{"place", place}}, "金额（万元）",
               "（空）", "填写金额；没有时填 0。");
  };
  for (size_t i = 0; i < f.funds.income.size(); ++i) {
    const FundLine& l = f.funds.income[i];
    if (l.role == "total" && trim(l.full).empty() && f.sure("funds"))
      report("funds.income", i, "full", l.src.cell("full"), "部门整体资金·收入·" + l.name + "·全年预算数");
  }
  for (size_t i = 0; i < f.funds.expense.size(); ++i) {
    const FundLine& l = f.funds.expense[i];
    const bool required = l.role == "basic" || l.role == "project_total" || (l.role == "project" && !trim(l.name).empty());
    if (required && trim(l.full).empty() && f.sure("funds"))
      report("funds.expense", i, "full", l.src.cell("full"), "部门整体资金·支出·" + l.name + "·全年预算数");
  }
  static const std::pair<const char*, std::string BudgetRow::*> kCols[] = {
      {"initial", &BudgetRow::initial}, {"adjusted", &BudgetRow::adjusted}, {"actual", &BudgetRow::actual}};
  static const char* kTitles[] = {"年初预算数", "调整预算数", "实际支出数"};
  for (size_t i = 0; i < f.budget_info.size(); ++i) {
    const BudgetRow& b = f.budget_info[i];
    if (b.role != "total" && b.role != "basic" && b.role != "project_total") continue;
    for (size_t c = 0; c < 3; ++c)
      if (trim(b.*(kCols[c].second)).empty() && f.sure("budget_info"))
        report("budget_info", i, kCols[c].first, b.src.cell(kCols[c].first), "预算信息·" + b.name + "·" + kTitles[c]);
  }
}

// Every money cell of the form with its place, for the three rules above
// (places and texts as the identities name them: identities.hpp).
template <class F>
void for_each_money_cell(const Form& f, F visit) {
  struct Table {
    std::string_view section;
    size_t rows;
    std::initializer_list<std::string_view> fields;
  };
  const Table tables[] = {
      {"funds.income", f.funds.income.size(), {"half", "full"}},
      {"funds.expense", f.funds.expense.size(), {"half", "full"}},
      {"budget_info", f.budget_info.size(), {"initial", "carry", "adjusted", "actual"}},
      {"project_funds", f.project_funds.size(), {"mid", "year", "initial", "budget", "executed"}},
  };
  for (const Table& t : tables)
    for (size_t i = 0; i < t.rows; ++i)
      for (std::string_view field : t.fields) {
        const CellRef c{t.section, static_cast<int>(i), field};
        const std::string& text = *cell_text(f, c);
        // In the project forms' 项目资金 a dash is the template's "not applicable", not an amount.
        const std::string d = t.section == "project_funds" ? trim(text) : std::string();
        if (d == "—" || d == "-" || d == "－" || d == "/" || d == "——") continue;
        visit(std::string(t.section), c.index, std::string(field).c_str(), cell_src(f, c), cell_label(f, c), text);
      }
}

void check_money_cells(Context& ctx) {
  for_each_money_cell(ctx.form, [&](const std::string& section, int index, const char* field, Loc src,
                                    const std::string& place, const std::string& text) {
    const MoneyReading r = read_money(text);
    const Location at = loc_in(section, index, field, src, place);
    switch (r.status) {
      case MoneyReading::Unreadable:
      case MoneyReading::Overflow:
        ctx.report(kUnreadable, at, {{"place", place}, {"text", text}, {"why", r.why}}, "以万元为单位的数字", text,
                   "改为以万元为单位的数字（最多两位小数），如 600.00。");
        break;
      case MoneyReading::UnitMatches:
        ctx.report(kUnitInCell, at, {{"place", place}, {"text", text}, {"value", r.value.to_string()}},
                   r.value.to_string(), text, "只填数字：" + r.value.to_string() + "。");
        break;
      case MoneyReading::UnitConverted:
        ctx.report(kUnitMismatch, at, {{"place", place}, {"text", text}, {"value", r.value.to_string()}},
                   r.value.to_string(), text, "改为 " + r.value.to_string() + "（万元）。");
        break;
      default: break;
    }
    if (r.usable() && has_full_width_digit(text))
      ctx.report(kFullWidth, at, {{"place", place}, {"text", text}, {"value", r.value.to_string()}}, r.value.to_string(), text,
                 "改为半角数字：" + r.value.to_string() + "。");
  });
}

}  // namespace

void add_money_rules(std::vector<Rule>& out) {
  out.push_back({&kUnreadable, check_money_cells});
  out.push_back({&kUnitInCell, nullptr});
  out.push_back({&kUnitMismatch, nullptr});
  out.push_back({&kFullWidth, nullptr});
  out.push_back({&kBlankRequired, check_blank_required});
  out.push_back({&kIncomeTotal, check_income_total});
  out.push_back({&kUnknownIncome, check_unknown_income});
  out.push_back({&kAppropriation, check_appropriation});
  out.push_back({&kExpenseTotal, check_expense_total});
  out.push_back({&kProjectLines, check_project_lines});
  out.push_back({&kHalfExceedsFull, check_half_exceeds_full});
}

}  // namespace formcheck::rules
