#pragma once
// "(?, ?, ...)" for a list of values, which are appended to the statement's parameters: the one way
// to write `column IN (...)` over a list known only at run time, on both engines. Each distinct
// value is bound once (IN is a set: a page naming one doctor a thousand times binds one value).
// An empty list gives "(NULL)", which matches nothing on either engine (so never put it after
// NOT IN, where it would match nothing either).
#include <string>
#include <unordered_set>
#include <vector>

#include "store/database.hpp"

namespace yq::store {

inline std::string in_list(const std::vector<std::string>& values, Params& params) {
  std::string sql = "(";
  std::unordered_set<std::string> seen;
  for (const auto& v : values) {
    if (!seen.insert(v).second) continue;
    sql += seen.size() > 1 ? ", ?" : "?";
    params.emplace_back(v);
  }
  return seen.empty() ? "(NULL)" : sql + ")";
}

}  // namespace yq::store
