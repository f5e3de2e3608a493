#include "formcheck/pack_resolve.hpp"

#include <map>
#include <stdexcept>

namespace formcheck {

namespace {

using json = nlohmann::json;

bool ends_with_char(const std::string& s, char c) { return !s.empty() && s.back() == c; }

// The item's identity for a removal: a string itself, an object its "name".
bool same_item(const json& item, const json& removed) {
  if (item.is_object() && removed.is_string()) return item.value("name", "") == removed.get<std::string>();
  return item == removed;
}

// An object merges into the base's object key by key; anything else replaces.
void merge(json& base, const json& value) {
  if (!base.is_object() || !value.is_object()) {
    base = value;
    return;
  }
  for (const auto& [k, v] : value.items()) merge(base[k], v);
}

class Resolver {
 public:
  explicit Resolver(const std::vector<std::pair<std::string, json>>& files) {
    for (const auto& [name, j] : files) {
      const std::string type = j.value("type", "pack");
      if (type == "catalog") catalogs_[j.at("id").get<std::string>()] = &j;
      else if (type == "pack") packs_.push_back(&j), by_id_[j.at("id").get<std::string>()] = &j;
    }
  }

  json all() {
    json out = json::array();
    for (const json* p : packs_) out.push_back(resolve(*p, 0));
    return out;
  }

 private:
  json resolve(const json& pack, int depth) {
    const std::string id = pack.at("id").get<std::string>();
    if (depth > 16) throw std::logic_error("pack " + id + ": its bases form a cycle");
    json out = json::object();
    if (pack.contains("extends")) {
      const std::string base = pack.at("extends").get<std::string>();
      const auto it = by_id_.find(base);
      if (it == by_id_.end()) throw std::logic_error("pack " + id + ": unknown base " + base);
      out = resolve(*it->second, depth + 1);
      out.erase("notes");  // a pack's notes describe that pack only
    }
    // The catalog first, so that the pack's own edits apply to it.
    if (pack.contains("catalog")) {
      const std::string cat = pack.at("catalog").get<std::string>();
      const auto it = catalogs_.find(cat);
      if (it == catalogs_.end()) throw std::logic_error("pack " + id + ": unknown catalog " + cat);
      out["common_indicators"] = it->second->at("common_indicators");
    }
    for (const auto& [key, value] : pack.items()) {
      if (key == "extends" || key == "catalog") continue;
      if (ends_with_char(key, '+') || ends_with_char(key, '-')) {
        const std::string target = key.substr(0, key.size() - 1);
        if (!out.contains(target) || !out[target].is_array())
          throw std::logic_error("pack " + id + ": " + key + " edits no list of its base");
        json& list = out[target];
        if (key.back() == '+') {
          for (const auto& item : value) list.push_back(item);
        } else {
          json kept = json::array();
          for (const auto& item : list) {
            bool removed = false;
            for (const auto& r : value) removed = removed || same_item(item, r);
            if (!removed) kept.push_back(item);
          }
          list = std::move(kept);
        }
        continue;
      }
      merge(out[key], value);
    }
    return out;
  }

  std::vector<const json*> packs_;
  std::map<std::string, const json*> by_id_;
  std::map<std::string, const json*> catalogs_;
};

}  // namespace

json resolve_packs(const std::vector<std::pair<std::string, json>>& files) { return Resolver(files).all(); }

}  // namespace formcheck
