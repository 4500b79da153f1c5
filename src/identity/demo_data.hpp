#pragma once
#include <optional>
#include <string>

#include "identity/accounts.hpp"
#include "store/database.hpp"

namespace yq::identity {

inline constexpr const char* kDemoPassword = "Demo-pass-2026";

// Loads demo organisations, staff and patients when the database has no accounts yet; returns
// whether it did. Logins are listed in the README. Staff enrol TOTP at first sign-in like anyone.
bool load_demo_data(store::Database& db, AccountService& accounts, const core::Clock& clock);

// For other modules' demo data (scheduling's demo schedule): the id of a demo organisation by its
// English name, and of a demo account by its address.
std::optional<std::string> demo_organisation_id(store::Connection& c, const std::string& name_en);
std::optional<std::string> demo_account_id(store::Connection& c, const std::string& email);

}  // namespace yq::identity
