#pragma once
#include "identity/accounts.hpp"
#include "store/database.hpp"

namespace yq::identity {

inline constexpr const char* kDemoPassword = "Demo-pass-2026";

// Loads demo organisations, staff and patients when the database has no accounts yet; returns
// whether it did. Logins are listed in the README. Staff enrol TOTP at first sign-in like anyone.
bool load_demo_data(store::Database& db, AccountService& accounts, const core::Clock& clock);

}  // namespace yq::identity
