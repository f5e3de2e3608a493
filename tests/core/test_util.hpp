// Helpers shared by the core tests.
#pragma once
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "formcheck/api.hpp"

namespace fctest {

// Throws when the file is missing, so a misplaced seed fails loudly instead of
// reading as an empty form.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read test input: " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string seed(const std::string& name) { return read_file(std::string(FORMCHECK_SEEDS_DIR) + "/" + name); }
inline std::string fixture(const std::string& name) {
  return read_file(std::string(FORMCHECK_FIXTURES_DIR) + "/" + name);
}

inline const char* kSeedTarget = "000_f35a91aedacdb67a.txt";
inline const char* kSeedReport2024 = "001_f2b30ced5db2740f.txt";
inline const char* kSeedReport2022 = "002_38699f7d4c788424.txt";

// Loads and checks one input; returns the document.
inline formcheck::Document check_text(const std::string& text, const std::string& profile = "") {
  formcheck::Options o;
  o.profile = profile;
  formcheck::Document d = formcheck::load_document("test", text, o);
  formcheck::check_document(d, o);
  return d;
}

// Rule ids of the findings, optionally only those starting with `prefix`.
inline std::vector<std::string> rules_of(const formcheck::Document& d, const std::string& prefix = "") {
  std::vector<std::string> out;
  for (const auto& f : d.findings)
    if (f.rule.rfind(prefix, 0) == 0) out.push_back(f.rule);
  return out;
}

inline int count_rule(const formcheck::Document& d, const std::string& rule) {
  int n = 0;
  for (const auto& f : d.findings) n += f.rule == rule;
  return n;
}

// Error-severity findings, and all findings as "rule: message" lines for a failure message.
inline int errors(const formcheck::Document& d) {
  int n = 0;
  for (const auto& f : d.findings) n += f.severity == formcheck::Severity::Error;
  return n;
}
inline std::string summary(const formcheck::Document& d) {
  std::string s;
  for (const auto& f : d.findings) s += "\n  " + f.rule + ": " + f.message;
  return s;
}

}  // namespace fctest
