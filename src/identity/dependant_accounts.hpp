#pragma once
// The account of a dependant who never signs in (a child added by their parent): appointments and
// consent point at it like at anyone's, but it has no password, its status is 'disabled' and its
// address is in the reserved .invalid domain (RFC 2606), which the notifier never mails. The one
// way another module makes such an account (docs/architecture.md, "Module map").
#include <cstdint>
#include <string>

#include "store/database.hpp"

namespace yq::identity {

// Inside the caller's write transaction: the account, holding the patient role; its id.
std::string create_dependant_account(store::Connection& c, std::int64_t now,
                                     const std::string& display_name,
                                     const std::string& preferred_lang);

}  // namespace yq::identity
