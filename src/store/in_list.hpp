#pragma once
// "(?, ?, ...)" for a list of values, which are appended to the statement's parameters: the one way
// to write `column IN (...)` over a list known only at run time, on both engines.
#include <string>
#include <vector>

#include "store/database.hpp"

namespace yq::store {

inline std::string in_list(const std::vector<std::string>& values, Params& params) {
  std::string sql = "(";
  for (std::size_t i = 0; i < values.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.emplace_back(values[i]);
  }
  return sql + ")";
}

}  // namespace yq::store
