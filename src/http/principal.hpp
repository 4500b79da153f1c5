#pragma once
// The signed-in caller, as the HTTP layer sees it. Built by an Authenticator (src/identity).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yq::http {

struct RoleGrant {
  std::string role;
  std::string organisation_id;  // "" for patient and platform_admin
};

struct Principal {
  std::string account_id;
  std::string session_id;  // hash of the session token (never the token itself)
  std::vector<RoleGrant> roles;
  bool mfa_done = false;
  bool mfa_enrolment_required = false;
  bool via_cookie = false;
  std::string preferred_lang;
  std::int64_t expires_at = 0;

  bool has_role(std::string_view role) const;
  bool has_role_in(std::string_view role, std::string_view organisation_id) const;
  bool is_staff() const;
  bool is_platform_admin() const { return has_role("platform_admin"); }
  // The first role, for audit lines ("patient", "doctor", ...).
  std::string primary_role() const;
};

struct ClientInfo {
  std::string ip;
  std::string user_agent;
};

// Resolves a session token (cookie or bearer) to the caller; touches the session's last-seen time.
// Called on a worker thread: it may block on the database.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual std::optional<Principal> authenticate(std::string_view token,
                                                const ClientInfo& client) = 0;
};

bool is_staff_role(std::string_view role);

}  // namespace yq::http
