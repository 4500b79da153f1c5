#pragma once
// Who may call a route. Every route declares one; the route table test and start-up refuse a route
// whose policy is `undeclared`. Record-level checks (this organisation, this patient) are made by
// the module's service with the Principal, because only the module knows which record a URL names.
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace yq::identity {
struct Principal;
}

namespace yq::http {

enum class Access {
  undeclared,
  public_,        // anyone
  signed_in_any,  // any session, even one that still has to enrol a second factor
  signed_in,      // a session that passed every required factor
  any_role,       // signed_in and holding one of roles (in any organisation)
};

struct Policy {
  Access access = Access::undeclared;
  std::vector<std::string> roles;

  static Policy everyone() { return {Access::public_, {}}; }
  static Policy signed_in_any() { return {Access::signed_in_any, {}}; }
  static Policy signed_in() { return {Access::signed_in, {}}; }
  static Policy roles_any(std::initializer_list<std::string> r) { return {Access::any_role, r}; }
  static Policy platform_admin() { return {Access::any_role, {"platform_admin"}}; }

  std::string describe() const;
  // Whether the policy lets this caller in (none: anonymous); the error to answer otherwise. The
  // HTTP pipeline and the WebSocket hub both ask this, so a route and a message type with the same
  // policy admit the same callers.
  std::optional<core::Errc> refuses(const identity::Principal* caller) const;
};

}  // namespace yq::http
