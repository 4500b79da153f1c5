#pragma once
// The caller a unit test acts as: an account holding one role (in an organisation for staff),
// signed in with every factor it needs. Tests of the policies themselves build their own.
#include <string>

#include "identity/principal.hpp"

namespace yq::testing {

inline identity::Principal signed_in_as(const std::string& account_id, const std::string& role,
                                        const std::string& organisation_id = "") {
  identity::Principal p;
  p.account_id = account_id;
  p.roles = {{role, organisation_id}};
  p.mfa_done = true;
  return p;
}

}  // namespace yq::testing
