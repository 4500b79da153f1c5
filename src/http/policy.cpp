#include "http/policy.hpp"

#include "identity/principal.hpp"

namespace yq::http {

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

std::optional<core::Errc> Policy::refuses(const identity::Principal* p) const {
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
