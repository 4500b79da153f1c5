#include "identity/principal.hpp"

namespace yq::identity {

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

}  // namespace yq::identity
