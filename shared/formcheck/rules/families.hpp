// Rule families. Each family file defines its rules (one RuleMeta and one
// check function each) and adds them to the registry in catalog order.
#pragma once
#include <vector>

#include "formcheck/rule.hpp"

namespace formcheck::rules {

void add_money_rules(std::vector<Rule>& out);
void add_budget_rules(std::vector<Rule>& out);
void add_eval_rules(std::vector<Rule>& out);
void add_indicator_rules(std::vector<Rule>& out);
void add_link_rules(std::vector<Rule>& out);
void add_narrative_rules(std::vector<Rule>& out);
void add_project_rules(std::vector<Rule>& out);
void add_project_header_rules(std::vector<Rule>& out);
void add_structure_rules(std::vector<Rule>& out);
void add_cross_rules(std::vector<Rule>& out);
void add_import_rules(std::vector<Rule>& out);
void add_accept_rules(std::vector<Rule>& out);  // acceptance.cpp

}  // namespace formcheck::rules

namespace formcheck::rules {
// cross.target_changed needs two forms; the API calls it for every target
// table / report pair of the same unit and year. Findings go to the report.
void check_target_changed(const Form& target, const Form& report, Findings& out);
// The same for a project's target table and self-evaluation (same 项目名称 and year).
void check_project_target_changed(const Form& target, const Form& report, Findings& out);
// cross.project_amount: a department-wide target table's project line against
// the project's own target table of the same year. Findings go to the project table.
void check_project_amount(const Form& department, const Form& project, Findings& out);
}  // namespace formcheck::rules
