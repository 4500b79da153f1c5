#include "scheduling/scope.hpp"

#include "identity/doctors.hpp"
#include "identity/roles.hpp"

namespace yq::scheduling {

bool administers(const http::Principal& who, const std::string& organisation_id) {
  return who.is_platform_admin() || who.has_role_in("org_admin", organisation_id);
}

std::optional<std::string> doctor_organisation(store::Connection& c, const std::string& doctor_id) {
  return identity::doctor_organisation(c, doctor_id);
}

std::vector<std::string> doctor_organisations(store::Connection& c, const std::string& doctor_id) {
  return identity::organisations_where(c, doctor_id, "doctor");
}

std::vector<std::string> administered_doctor_organisations(store::Connection& c,
                                                           const http::Principal& who,
                                                           const std::string& doctor_id) {
  auto orgs = doctor_organisations(c, doctor_id);
  std::erase_if(orgs, [&](const std::string& org) { return !administers(who, org); });
  return orgs;
}

boost::json::object names_at(const store::Row& row, std::size_t first) {
  return {
      {"en", row.text(first)}, {"zh-Hant", row.text(first + 1)}, {"zh-Hans", row.text(first + 2)}};
}

audit::Event event_by(const http::Principal& who, const http::ClientInfo& client,
                      std::string action, std::string target_type, std::string target_id) {
  audit::Event e;
  e.actor_id = who.account_id;
  e.actor_role = who.primary_role();
  e.action = std::move(action);
  e.target_type = std::move(target_type);
  e.target_id = std::move(target_id);
  e.ip = client.ip;
  return e;
}

}  // namespace yq::scheduling
