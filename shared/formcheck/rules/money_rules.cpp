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
  "消息说明“可能…”；不符合任何一种时不作猜测。"

const RuleMeta kIncomeTotal{
    "money.income_total", Severity::Error, Scope::Target, "资金总额与收入合计",
    "资金总额 = 财政拨款 + 国有资本金 + 社保基金 + 上年结转资金 + 其他资金",
    "{name}（{column}）为 {actual} {unit}，但各项收入之和为 {expected} {unit}，相差 {diff} {unit}。",
    "收入部分的“资金总额”必须等于财政拨款（小计）、国有资本金、社保基金、上年结转资金、其他资金之和。"
    "财政拨款只计“小计”一次；没有小计时按其三个组成部分计算。空单元格不参与计算。"
    "比较按显示精度进行（金额保留两位小数）：舍入能解释的差异不报告。"
    FORMCHECK_EXPLAINED_DIFFERENCE,
    true};

// The parts of 资金总额 are declared in identities-target.json (income_total):
// 财政拨款 once, by its 小计 when it has one; a line the template does not
// know counts when the form's total includes it (money.unknown_income_line
// says which reading was taken).
void check_income_total(Context& ctx) { check_line_sums(ctx, kIncomeTotal, "收入"); }

// Income lines the template does not know (`事业收入 12.5`), with an amount.
std::vector<const FundLine*> unknown_income(const std::vector<FundLine>& in, const std::string& unit) {
  std::vector<const FundLine*> out;
  for (const auto& l : in)
    if (l.role == "income_item" && money(l.full, unit) && !money(l.full, unit)->is_zero()) out.push_back(&l);
  return out;
}

const RuleMeta kUnknownIncome{
    "money.unknown_income_line", Severity::Warning, Scope::Target, "收入中有模板以外的项目",
    "收入部分有一行不是模板的收入项目（如“事业收入”），且填了金额",
    "收入中的“{name}”（{amount} {unit}）不是本表的收入项目（财政拨款、国有资本金、社保基金、上年结转资金、其他资金）。{how}",
    "部门整体资金的收入只列模板规定的项目，资金总额是它们的和。多出的一行可能是某项的明细，也可能应归入"
    "“其他资金”。检查器不会把它悄悄略过：资金总额计入它才相符时按计入核对，并在此说明；否则按模板项目核对。"};

void check_unknown_income(Context& ctx) {
  const auto& in = ctx.form.funds.income;
  const std::string& unit = ctx.form.money_unit;
  const auto unknown = unknown_income(in, unit);
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
               {{"name", l->name}, {"amount", money(l->full, unit)->to_string()}, {"how", how}}, "", l->full,
               "将“" + l->name + "”归入模板的收入项目（通常为“其他资金”），或删去这一行。");
}

const RuleMeta kAppropriation{
    "money.appropriation_subtotal", Severity::Error, Scope::Target, "财政拨款小计",
    "财政拨款小计 = 一般公共预算资金 + 政府性基金 + 财政专户管理资金",
    "财政拨款小计（{column}）为 {actual} {unit}，但 {parts} 之和为 {expected} {unit}，相差 {diff} {unit}。",
    "财政拨款“小计”必须等于一般公共预算资金、政府性基金、财政专户管理资金之和。按显示精度比较。"
    FORMCHECK_EXPLAINED_DIFFERENCE, true};

void check_appropriation(Context& ctx) { check_line_sums(ctx, kAppropriation, "收入"); }

const RuleMeta kExpenseTotal{
    "money.expense_total", Severity::Error, Scope::Target, "支出合计等于资金总额",
    "基本支出 + 项目支出（无项目支出行时为各项目之和）= 资金总额（全年）",
    "支出合计（基本支出＋项目支出）为 {computed} {unit}，但收入“资金总额”为 {total} {unit}，相差 {diff} {unit}。",
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
    "项目支出（{column}）为 {actual} {unit}，但各项目之和为 {expected} {unit}，相差 {diff} {unit}。",
    "“项目支出”合计必须等于其下各项目行之和，半年计划执行数与全年预算数两列分别检查；空单元格按 0 计。"
    "按显示精度比较。"
    FORMCHECK_EXPLAINED_DIFFERENCE,
    true};

void check_project_lines(Context& ctx) { check_line_sums(ctx, kProjectLines, "支出"); }

const RuleMeta kHalfExceedsFull{
    "money.half_exceeds_full", Severity::Warning, Scope::Target, "半年数大于全年数",
    "支出行的半年计划执行数大于其全年预算数",
    "“{name}”的半年计划执行数 {half} {unit}大于全年预算数 {full} {unit}。",
    "半年计划执行数是全年预算的一部分，通常不应超过全年预算数。若确属提前执行，请在说明中注明。"};

void check_half_exceeds_full(Context& ctx) {
  if (!ctx.form.sure("funds")) return;  // columns not read with confidence
  const auto& ex = ctx.form.funds.expense;
  for (size_t i = 0; i < ex.size(); ++i) {
    auto h = money(ex[i].half, ctx.form.money_unit), f = money(ex[i].full, ctx.form.money_unit);
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
    "金额单元格不是可精确读取的数字（文字、横线、电子表格错误值、科学计数法、位数过多），无法参与合计核对",
    "{place}写作“{text}”，无法作为金额使用：{why}。",
    "合计、执行率等核对需要精确的金额。一个读不出的金额会让它所在的合计无从核对，所以它本身就是错误，"
    "而不是被略过：例如 `NaN`、`1e400`、`约600`、`见附件`、电子表格的错误值 `#N/A`、`#DIV/0!`、`#REF!`、`#VALUE!`、"
    "18 位以上的数字。这样的单元格所在的行照常读入，行中其他金额照常参与合计。横线或斜线（“—”“-”“/”）只在模板允许空白的"
    "单元格表示“不适用”（见 money.blank_mark），在其他金额单元格同样是本错误。单位写在单元格里时见 money.unit_in_cell 和 "
    "money.unit_mismatch。所有表单的资金表（部门整体资金、预算信息、项目资金）同样检查。"};

const RuleMeta kUnitInCell{
    "money.unit_in_cell", Severity::Info, Scope::Any, "金额单元格写了单位",
    "金额单元格写了与本栏一致的单位（如“600万元”），按数字读取",
    "{place}写作“{text}”，单位与本栏（{unit}）一致，按 {value} 读取。",
    "本栏以万元为单位（表头、栏目标题或表首注明其他单位时以注明的为准，见 docs/import.md）；单元格中写明与本栏相同的单位"
    "（万元栏的“万元”或“万”）时按其数字读取并照常核对，只作提示，建议只填数字。"};

const RuleMeta kUnitMismatch{
    "money.unit_mismatch", Severity::Error, Scope::Any, "金额单位与本栏不符",
    "金额单元格写了与本栏不同的单位（如万元栏中的“600元”）",
    "{place}写作“{text}”，但本栏单位为{unit}：{text} ＝ {value} {unit}。",
    "本栏以万元为单位（表头、栏目标题或表首注明其他单位时以注明的为准，如“部门整体资金（元）”）；单元格写了另一单位"
    "（万元栏的“元”“千元”“亿元”，元栏的“万元”）时，数值须换算为本栏单位后填写。换算后的值用于合计核对，"
    "修改建议给出换算结果。"};

const RuleMeta kUnitConverted{
    "money.unit_converted", Severity::Info, Scope::Any, "金额按表中注明的单位换算",
    "表头注明了金额单位（如“部门整体资金（元）”），某个单元格写了另一单位（如“545.57万元”），换算后读取",
    "{place}写作“{text}”，按本表注明的单位换算为 {value} {unit}读取。",
    "表头、栏目标题或表首注明了金额单位时，本表金额都以它为单位；单元格自带另一单位时，换算为本表单位后照常核对，"
    "只作提示（单位明确写出，读法没有歧义）。本表没有注明单位（默认万元）时，单元格里的其他单位见 money.unit_mismatch。"};

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
    ctx.report(kBlankRequired, loc_in(section, static_cast<int>(i), field, src, place), {{"place", place}}, std::string("金额（") + money_unit_or_default(f.money_unit) + "）",
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

// Every money cell of the form with its place, for the rules above (places
// and texts as the identities name them: identities.hpp).
template <class F>
void for_each_money_cell(const Form& f, F visit) {
  struct Table {
    std::string_view section;
    size_t rows;
  };
  const Table tables[] = {{"funds.income", f.funds.income.size()},
                          {"funds.expense", f.funds.expense.size()},
                          {"budget_info", f.budget_info.size()},
                          {"project_funds", f.project_funds.size()}};
  for (const Table& t : tables)
    for (size_t i = 0; i < t.rows; ++i)
      for (std::string_view field : money_fields(t.section)) {
        const CellRef c{t.section, static_cast<int>(i), field};
        visit(c, *cell_text(f, c));
      }
}

const RuleMeta kBlankMark{
    "money.blank_mark", Severity::Info, Scope::Any, "金额栏以横线表示不适用",
    "模板允许空白的金额单元格写了“—”“-”“/”等横线，按“不适用”读取",
    "{place}写作“{text}”，按模板约定读作“不适用”：作为加数按 0 计。",
    "模板允许空白的金额单元格（如目标表各行的半年计划执行数、收入中资金总额和财政拨款小计以外的各项，项目资金各栏；"
    "清单见 shared/profiles/identities-*.json 的 may_be_blank 与 docs/import.md）写“—”“-”“－”“/”“／”“——”时，"
    "按“不适用”读取：作为合计的加数按 0 计，作为合计本身时不核对该合计。只作提示，说明这一格已读到。其他金额单元格中的横线"
    "不是金额，报 money.unreadable。"};

void check_money_cells(Context& ctx) {
  const Form& f = ctx.form;
  const std::string unit = money_unit_or_default(f.money_unit);
  for_each_money_cell(f, [&](const CellRef& c, const std::string& text) {
    if (trim_view(text).empty()) return;
    const std::string place = cell_label(f, c);
    const Location at = loc_in(c.section, c.index, c.field, cell_src(f, c), place);
    if (is_blank_mark(text)) {
      if (blank_by_convention(f, c))
        ctx.report(kBlankMark, at, {{"place", place}, {"text", text}}, "", text);
      else
        ctx.report(kUnreadable, at,
                   {{"place", place},
                    {"text", text},
                    {"why", "横线或斜线在这一栏不表示“不适用”：本栏须填写金额，没有金额时填 0"}},
                   "以" + unit + "为单位的数字", text, "填写金额；没有时填 0。");
      return;
    }
    const MoneyReading r = read_money(text, f.money_unit);
    switch (r.status) {
      case MoneyReading::Unreadable:
      case MoneyReading::Overflow:
        ctx.report(kUnreadable, at, {{"place", place}, {"text", text}, {"why", r.why}}, "以" + unit + "为单位的数字", text,
                   "改为以" + unit + "为单位的数字（最多两位小数），如 600.00。");
        break;
      case MoneyReading::UnitMatches:
        ctx.report(kUnitInCell, at, {{"place", place}, {"text", text}, {"value", r.value.to_string()}},
                   r.value.to_string(), text, "只填数字：" + r.value.to_string() + "。");
        break;
      case MoneyReading::UnitConverted:
        if (!f.money_unit.empty()) {  // the form states its unit: the cell's own unit is unambiguous
          ctx.report(kUnitConverted, at, {{"place", place}, {"text", text}, {"value", r.value.to_string()}},
                     r.value.to_string(), text, "改为 " + r.value.to_string() + "（" + unit + "），与本表单位一致。");
          break;
        }
        ctx.report(kUnitMismatch, at, {{"place", place}, {"text", text}, {"value", r.value.to_string()}},
                   r.value.to_string(), text, "改为 " + r.value.to_string() + "（" + unit + "）。");
        break;
      default: break;
    }
    if (r.usable() && has_full_width_digit(text))
      ctx.report(kFullWidth, at, {{"place", place}, {"text", text}, {"value", r.value.to_string()}}, r.value.to_string(), text,
                 "改为半角数字：" + r.value.to_string() + "。");
  });
}

// ------------------------------------------------------- duplicated lines

const RuleMeta kDuplicateLine{
    "money.duplicate_line", Severity::Error, Scope::Any, "金额行重复",
    "资金表中只应出现一次的行（资金总额、基本支出、项目支出、各收入项目、项目资金各行）或同名的项目行出现了两次",
    "“{name}”出现了两次：第一处（{first_at}）{first}，第二处{second}。合计按第一处核对，第二处未计入。",
    "部门整体资金的资金总额、财政拨款小计及其组成部分、国有资本金、社保基金、上年结转资金、其他资金、基本支出、项目支出，"
    "预算信息表的预算总金额、基本支出、项目支出，项目资金的资金总额、财政拨款、上年结转资金、其他资金，每张表只应有一行；"
    "项目行、预算信息的项目行不应同名（清单见 shared/profiles/identities-*.json 的 lines）。重复的行不会被悄悄略过："
    "在第二处报告，列出两处的金额；各项合计按第一处核对，其消息注明“按第一处……计”。"};

std::string row_amounts(const Form& f, std::string_view section, int index) {
  std::string out;
  for (std::string_view field : money_fields(section)) {
    const std::string& t = *cell_text(f, {section, index, field});
    if (trim_view(t).empty()) continue;
    out += (out.empty() ? "" : "，") + column_title(section, field) + " " + t;
  }
  return out.empty() ? "未填金额" : out;
}

void check_duplicate_lines(Context& ctx) {
  const Form& f = ctx.form;
  for (const DuplicateLine& d : duplicate_lines(f, f.kind)) {
    const std::string& name = row_name(f, {d.section, d.second, {}});
    std::string_view field = money_fields(d.section).empty() ? std::string_view() : money_fields(d.section).back();
    for (std::string_view fl : money_fields(d.section))
      if (!trim_view(*cell_text(f, {d.section, d.second, fl})).empty()) field = fl;
    const CellRef second{d.section, d.second, field};
    const Loc first_src = cell_src(f, {d.section, d.first, field});
    const std::string first_at = first_src.known() ? "第 " + std::to_string(first_src.line) + " 行" : "前面";
    const std::string first = row_amounts(f, d.section, d.first), again = row_amounts(f, d.section, d.second);
    ctx.report(kDuplicateLine, loc_in(d.section, d.second, field, cell_src(f, second), row_label(f, d.section, d.second)),
               {{"name", name}, {"first_at", first_at}, {"first", first}, {"second", again}}, first, again,
               "删去重复的“" + name + "”行，或把它改为应有的行名。");
  }
}

}  // namespace

void add_money_rules(std::vector<Rule>& out) {
  out.push_back({&kUnreadable, check_money_cells});
  out.push_back({&kUnitInCell, nullptr});
  out.push_back({&kUnitMismatch, nullptr});
  out.push_back({&kUnitConverted, nullptr});
  out.push_back({&kFullWidth, nullptr});
  out.push_back({&kBlankMark, nullptr});
  out.push_back({&kDuplicateLine, check_duplicate_lines});
  out.push_back({&kBlankRequired, check_blank_required});
  out.push_back({&kIncomeTotal, check_income_total});
  out.push_back({&kUnknownIncome, check_unknown_income});
  out.push_back({&kAppropriation, check_appropriation});
  out.push_back({&kExpenseTotal, check_expense_total});
  out.push_back({&kProjectLines, check_project_lines});
  out.push_back({&kHalfExceedsFull, check_half_exceeds_full});
}

}  // namespace formcheck::rules
