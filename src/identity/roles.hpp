#pragma once
// The roles an account holds now, read from storage at the moment of use: a check that must not
// trust a principal loaded earlier (a WebSocket's, a long-running call's) asks here.
#include <string>
#include <vector>

#include "store/database.hpp"

namespace yq::identity {

bool holds_role(store::Connection& c, const std::string& account_id, const std::string& role,
                const std::string& organisation_id);
// Every organisation where the account holds the role now, in id order.
std::vector<std::string> organisations_where(store::Connection& c, const std::string& account_id,
                                             const std::string& role);

}  // namespace yq::identity
