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

}  // namespace yq::identity
