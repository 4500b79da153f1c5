#include "identity/roles.hpp"

namespace yq::identity {

bool holds_role(store::Connection& c, const std::string& account_id, const std::string& role,
                const std::string& organisation_id) {
  return c
      .query_one(
          "SELECT 1 FROM account_roles r JOIN accounts a ON a.id = r.account_id WHERE "
          "r.account_id = ? AND r.role = ? AND r.organisation_id = ? AND a.status = 'active'",
          {account_id, role, organisation_id})
      .has_value();
}

std::vector<std::string> organisations_where(store::Connection& c, const std::string& account_id,
                                             const std::string& role) {
  std::vector<std::string> out;
  for (const auto& r :
       c.query("SELECT organisation_id FROM account_roles WHERE account_id = ? AND role = ? "
               "ORDER BY organisation_id",
               {account_id, role}))
    out.push_back(r.text(0));
  return out;
}

}  // namespace yq::identity
