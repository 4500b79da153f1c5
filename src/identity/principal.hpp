#pragma once
// Who is calling: the signed-in account with its roles, and the client it calls from. Built by
// identity's AccountService when it checks a session; read by every layer that decides or audits
// (http's policies, consent, the domain modules). A leaf of its own (target yq_principal, the
// standard library only), so a module that needs to know the caller links neither the HTTP server
// nor the rest of identity for it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace yq::identity {

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

bool is_staff_role(std::string_view role);

}  // namespace yq::identity
