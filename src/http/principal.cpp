#include "http/principal.hpp"

#include "http/policy.hpp"

namespace yq::http {

bool is_staff_role(std::string_view role) {
  return role != "patient";
}

bool Principal::has_role(std::string_view role) const {
  for (const auto& g : roles) {
    if (g.role == role) return true;
  }
  return false;
}

bool Principal::has_role_in(std::string_view role, std::string_view organisation_id) const {
  for (const auto& g : roles) {
    if (g.role == role && g.organisation_id == organisation_id) return true;
  }
  return false;
}

bool Principal::is_staff() const {
  for (const auto& g : roles) {
    if (is_staff_role(g.role)) return true;
  }
  return false;
}

std::string Principal::primary_role() const {
  // Prefer the most privileged role so an audit line never understates what the actor could do.
  for (std::string_view r :
       {"platform_admin", "org_admin", "doctor", "nurse", "pharmacist", "patient"}) {
    if (has_role(r)) return std::string(r);
  }
  return {};
}

std::string Policy::describe() const {
  switch (access) {
    case Access::undeclared:
      return "UNDECLARED";
    case Access::public_:
      return "public";
    case Access::signed_in_any:
      return "signed_in_any";
    case Access::signed_in:
      return "signed_in";
    case Access::any_role: {
      std::string out = "role:";
      for (std::size_t i = 0; i < roles.size(); ++i) out += (i ? "," : "") + roles[i];
      return out;
    }
  }
  return "UNDECLARED";
}

std::optional<core::Errc> Policy::refuses(const Principal* p) const {
  switch (access) {
    case Access::public_:
      return std::nullopt;
    case Access::undeclared:
      return core::Errc::forbidden;  // never served: start-up refuses, this is belt and braces
    case Access::signed_in_any:
      if (!p) return core::Errc::unauthenticated;
      return std::nullopt;
    case Access::signed_in:
    case Access::any_role:
      if (!p) return core::Errc::unauthenticated;
      if (p->mfa_enrolment_required) return core::Errc::mfa_enrolment_required;
      if (!p->mfa_done) return core::Errc::unauthenticated;
      if (access == Access::signed_in) return std::nullopt;
      for (const auto& role : roles) {
        if (p->has_role(role)) return std::nullopt;
      }
      return core::Errc::forbidden;
  }
  return core::Errc::forbidden;
}

}  // namespace yq::http
