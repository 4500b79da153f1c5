#include "scheduling/scope.hpp"

#include "core/localised_text.hpp"
#include "identity/doctors.hpp"
#include "identity/roles.hpp"

namespace yq::scheduling {

bool administers(const identity::Principal& who, const std::string& organisation_id) {
  return who.is_platform_admin() || who.has_role_in("org_admin", organisation_id);
}

std::optional<std::string> doctor_organisation(store::Connection& c, const std::string& doctor_id) {
  return identity::doctor_organisation(c, doctor_id);
}

std::vector<std::string> doctor_organisations(store::Connection& c, const std::string& doctor_id) {
  return identity::organisations_where(c, doctor_id, "doctor");
}

std::vector<std::string> administered_doctor_organisations(store::Connection& c,
                                                           const identity::Principal& who,
                                                           const std::string& doctor_id) {
  auto orgs = doctor_organisations(c, doctor_id);
  std::erase_if(orgs, [&](const std::string& org) { return !administers(who, org); });
  return orgs;
}

boost::json::object names_at(const store::Row& row, std::size_t first) {
  return core::LocalisedText{row.text(first), row.text(first + 1), row.text(first + 2)}.to_json();
}

}  // namespace yq::scheduling
