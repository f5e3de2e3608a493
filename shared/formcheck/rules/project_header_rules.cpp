// project.*: what the project forms' header says about time (开始时间, 完成时间,
// 项目期限) against itself and the 时效指标, and template placeholders left in
// names and values (`≤**万元`, `×××`).
#include <optional>

#include "formcheck/rules/families.hpp"
#include "formcheck/rules/rule_util.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck::rules {

namespace {

const std::string kNone;

const std::string& text_of(const Form& f, const char* key) {
  auto it = f.texts.find(key);
  return it == f.texts.end() ? kNone : it->second;
}

Location text_at(const Form& f, const char* key) {
  Location at;
  at.section = "texts";
  at.field = key;
  at.label = text_title(key);
  if (auto s = f.text_src.find(key); s != f.text_src.end()) at.src = s->second;
  return at;
}

std::string show_day(int d) {
  return std::to_string(d / 10000) + "年" + std::to_string(d / 100 % 100) + "月" + std::to_string(d % 100) + "日";
}

// The project's time as its header states it: 开始时间 / 完成时间, else the
// ends of 项目期限. first/last are 0 when not stated or not readable.
struct ProjectTime {
  int first = 0, last = 0;
  std::string first_text, last_text;  // the header text each end came from
};

ProjectTime project_time(const Form& f) {
  ProjectTime t;
  const std::string& period = text_of(f, "project_period");
  if (auto p = parse_period(period)) t.first = p->first, t.last = p->last, t.first_text = t.last_text = period;
  if (auto s = parse_date_span(text_of(f, "start_date"))) t.first = s->first, t.first_text = text_of(f, "start_date");
  if (auto e = parse_date_span(text_of(f, "end_date"))) t.last = e->last, t.last_text = text_of(f, "end_date");
  return t;
}

const RuleMeta kDatesOrder{
    "project.dates_order", Severity::Error, Scope::Project, "完成时间早于开始时间",
    "项目的完成时间（或项目期限的结束）早于开始时间",
    "{what}“{end}”早于开始时间“{start}”。",
    "表头的开始时间、完成时间和项目期限（项目起止时间、建设周期）按日期读取：只写年份的取该年全年，写到月份的取该月；"
    "完成时间的最后一天早于开始时间的第一天时报告。读不出日期的不检查。"};

void check_dates_order(Context& ctx) {
  const Form& f = ctx.form;
  const std::string &start = text_of(f, "start_date"), &end = text_of(f, "end_date");
  auto s = parse_date_span(start), e = parse_date_span(end);
  if (s && e) {
    if (e->last < s->first)
      ctx.report(kDatesOrder, text_at(f, "end_date"), {{"what", "完成时间"}, {"end", end}, {"start", start}},
                 "不早于 " + start, end, "核对开始时间与完成时间。");
    return;
  }
  const std::string& period = text_of(f, "project_period");
  if (auto p = parse_period(period); p && p->last < p->first)
    ctx.report(kDatesOrder, text_at(f, "project_period"), {{"what", "项目期限的结束"}, {"end", period}, {"start", period}},
               "结束不早于开始", period, "核对项目期限的起止时间。");
}

bool timeliness(const ProjectIndicator& r) {
  return contains(r.level2, "时效") || contains(r.name, "时限") || contains(r.name, "完成时间");
}

const RuleMeta kTimelinessDate{
    "project.timeliness_date", Severity::Error, Scope::Project, "时效指标超出项目期限",
    "时效指标的日期晚于项目的完成时间，或早于开始时间（项目期限之外）",
    "时效指标“{name}”的{column}“{value}”在项目期限之外：{why}。",
    "时效指标（二级指标为时效指标，或三级指标为完成时限、完成时间）的日期值应在表头的开始时间与完成时间"
    "（或项目期限）之内。日期按值的写法取区间（2025年12月 为该月，2025年底前 为 12 月 31 日）；没有年份的日期"
    "（12月31日前）和读不出的表头不检查。"};

void check_timeliness_date(Context& ctx) {
  const ProjectTime t = project_time(ctx.form);
  if (!t.first && !t.last) return;
  const auto& inds = ctx.form.project_indicators;
  for (size_t i = 0; i < inds.size(); ++i) {
    if (!timeliness(inds[i])) continue;
    for (const char* field : {"mid", "half", "year", "actual"}) {
      const std::string& text = *value_in(inds[i], field);
      const IndicatorValue v = ctx.value(text);
      auto first = v.first_day(), last = v.last_day();
      if (!first || !last) continue;
      std::string why;
      if (t.last && *first > t.last) why = "晚于项目完成时间“" + t.last_text + "”（" + show_day(t.last) + "）";
      else if (t.first && *last < t.first) why = "早于项目开始时间“" + t.first_text + "”（" + show_day(t.first) + "）";
      if (why.empty()) continue;
      const char* title = value_title(field);
      ctx.report(kTimelinessDate,
                 loc_in("project_indicators", static_cast<int>(i), field, inds[i].src.cell(field),
                        "绩效指标·" + inds[i].name + "·" + title),
                 {{"name", inds[i].name}, {"column", title}, {"value", text}, {"why", why}}, "项目期限之内", text,
                 "核对时效指标的日期与表头的开始、完成时间。");
    }
  }
}

const RuleMeta kPlaceholder{
    "project.placeholder", Severity::Error, Scope::Project, "模板占位符未替换",
    "项目名称、单位、主管部门、指标名称或指标值中留有模板占位符（*、**、×××、XXX 等）",
    "{title}“{value}”中留有模板占位符“{mark}”。",
    "模板用 *、**、×××、XXX 标出待填写的位置（如“≤**万元”“×××项目”）；提交的表单中应替换为实际内容。"
    "占位符所在的值不再另报“指标值写法”。"};

void check_placeholder(Context& ctx) {
  const Form& f = ctx.form;
  auto report = [&](const std::string& text, const std::string& title, Location at) {
    const std::string mark = placeholder_mark(text);
    if (mark.empty()) return;
    ctx.report(kPlaceholder, std::move(at), {{"title", title}, {"value", text}, {"mark", mark}}, "实际内容", text,
               "把“" + mark + "”换成实际内容。");
  };
  Location name_at;
  name_at.section = "header", name_at.field = "project_name", name_at.label = "项目名称", name_at.src = f.project_name_src;
  report(f.project_name, "项目名称", name_at);
  Location unit_at;
  unit_at.section = "header", unit_at.field = "unit", unit_at.label = "实施单位", unit_at.src = f.unit_src;
  report(f.unit, "实施单位", unit_at);
  report(text_of(f, "department"), "主管部门", text_at(f, "department"));
  const auto& inds = f.project_indicators;
  for (size_t i = 0; i < inds.size(); ++i) {
    const std::pair<const char*, const std::string*> cells[] = {{"name", &inds[i].name}, {"mid", &inds[i].mid},
                                                                {"half", &inds[i].half}, {"year", &inds[i].year},
                                                                {"actual", &inds[i].actual}};
    for (auto [field, text] : cells) {
      const char* title = field[0] == 'n' ? "三级指标" : value_title(field);
      report(*text, std::string("“") + inds[i].name + "”的" + title,
             loc_in("project_indicators", static_cast<int>(i), field, inds[i].src.cell(field),
                    "绩效指标·" + inds[i].name + "·" + title));
    }
  }
}

}  // namespace

void add_project_header_rules(std::vector<Rule>& out) {
  out.push_back({&kDatesOrder, check_dates_order});
  out.push_back({&kTimelinessDate, check_timeliness_date});
  out.push_back({&kPlaceholder, check_placeholder});
}

}  // namespace formcheck::rules
