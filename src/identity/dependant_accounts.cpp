#include "identity/dependant_accounts.hpp"

#include "core/ids.hpp"

namespace yq::identity {

std::string create_dependant_account(store::Connection& c, std::int64_t now,
                                     const std::string& display_name,
                                     const std::string& preferred_lang) {
  const std::string id = core::new_id();
  c.execute(
      "INSERT INTO accounts (id, email, password_hash, display_name, preferred_lang, status, "
      "password_changed_at, created_at, updated_at) "
      "VALUES (?, ?, NULL, ?, ?, 'disabled', ?, ?, ?)",
      {id, "child-" + id + "@dependants.invalid", display_name, preferred_lang, now, now, now});
  c.execute(
      "INSERT INTO account_roles (account_id, role, organisation_id, granted_at) "
      "VALUES (?, 'patient', '', ?)",
      {id, now});
  return id;
}

}  // namespace yq::identity
