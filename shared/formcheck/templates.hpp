// Template descriptions: what a form family's layout says, as data
// (shared/profiles/template-*.json and families.json, embedded with the packs).
// The recognizers read labels, synonyms, column roles and level words only
// from here, so a new city's or year's wording is a data change.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "formcheck/model.hpp"

namespace formcheck {

// Words that name something, compared by match_key: a key equal to one of
// `exact`, or starting with one of `prefix`.
struct Words {
  std::vector<std::string> exact, prefix;
  bool matches(const std::string& key) const;
  // The longest prefix/exact word `key` starts with ("" when none).
  std::string leading(const std::string& key) const;
};

struct NamedWords {
  std::string name;
  Words words;
};

struct TargetTemplate {
  Words title;
  std::vector<NamedWords> header_fields;  // unit, functions, org_setup, mid_term_goal, annual_goal
  Words funds_label, income_side, expense_side, subtotal, half_column, full_column;
  std::vector<NamedWords> income_roles, expense_roles;
  std::vector<NamedWords> indicator_columns;  // level1, level2, key_work, project, name, half, full
  std::vector<std::string> duty_table_columns;  // a table with one of these columns is the 履职 table
  std::string duty_level1;
  std::vector<NamedWords> level1_words;  // canonical 一级 -> its spellings
  std::vector<std::string> signals;

  // The canonical 一级 a cell's key spells ("" when it is not a level word).
  std::string level1(const std::string& key) const;
  std::string header_field(const std::string& key) const;  // longest matching label, "" when none
  std::string income_role(const std::string& key) const;
  std::string expense_role(const std::string& key) const;
  std::string indicator_column(const std::string& key) const;
};

struct SelfEvalTemplate {
  Words title;
  std::vector<NamedWords> budget_columns;  // name, initial, carry, adjusted, actual, rate
  // The 预算信息 column a header cell names ("" when none; longest contained word).
  std::string budget_column(const std::string& key) const;
  std::vector<NamedWords> headings;
  std::vector<std::string> signals;
  std::vector<std::string> task_verbs;  // a key task starts with one; a duty does not
  std::string heading(const std::string& key) const;  // "" when none
};

// A place where a template prints a dash or slash for "not applicable"
// (template-project.json not_applicable): columns of a table, on rows of the
// given roles, in forms of one kind.
struct NotApplicable {
  FormKind kind = FormKind::Unknown;
  std::string table;
  std::vector<std::string> roles, columns;
};

// The two project-level forms share one description (template-project.json).
struct ProjectTemplate {
  std::vector<std::string> dash_spellings;  // keys ("—", "-", "/" …)
  std::vector<NotApplicable> not_applicable;
  // `text` is a dash and the template allows one in that cell.
  bool blank_by_convention(FormKind kind, const std::string& table, const std::string& role, const std::string& column,
                           const std::string& text) const;
  std::vector<NamedWords> header_fields;  // project_name, department, unit, project_attribute, project_period
  Words funds_label, goal_label, indicator_label, total_score;
  std::vector<NamedWords> fund_roles, fund_columns, goal_columns, indicator_columns;
  std::vector<NamedWords> level1_words;
  std::vector<std::string> level2_words;
  std::vector<NamedWords> fund_sides;   // income / expense (江苏 2024: funds laid out like the department-wide table)
  Words fund_subtotal;                  // "小计" after 财政拨款: part of the line's name
  std::vector<NamedWords> level1_of_level2;  // 一级 inferred from a 二级 that starts with these words
  std::vector<std::string> placeholder_names;  // a template's placeholder row ("……")
  std::string name_prefix;                     // "指标" of "指标1：": a placeholder prefix, not part of a name
  // By longest match, "" when none; columns match a header cell that contains the word.
  std::string header_field(const std::string& key) const;
  std::string fund_role(const std::string& key) const;
  std::string fund_column(const std::string& key) const;
  std::string goal_column(const std::string& key) const;
  std::string indicator_column(const std::string& key) const;
  std::string level1(const std::string& key) const;
  bool is_level2(const std::string& key) const;
  std::string fund_side(const std::string& key) const;
  // The 一级 a 二级 belongs to ("" when its words say nothing).
  std::string inferred_level1(const std::string& level2_key) const;
};

struct Family {
  std::string id, name;
  bool supported = false;
  FormKind kind = FormKind::Unknown;
  Words title;
  std::vector<std::string> signals;
};

struct Templates {
  TargetTemplate target;
  SelfEvalTemplate selfeval;
  ProjectTemplate project;
  std::vector<Family> families;
  std::vector<std::string> regions;  // region names a title may carry, in the order they are looked for
  // Evidence of a family beside the title (families.json): a project header
  // label, and what makes a project form a self-evaluation.
  Words project_header;
  std::vector<std::string> selfeval_title, selfeval_columns;
};

const Templates& templates();

}  // namespace formcheck
