#include "scheduling/scope.hpp"

#include "core/localised_text.hpp"
#include "identity/roles.hpp"

namespace yq::scheduling {

bool administers(const http::Principal& who, const std::string& organisation_id) {
  return who.is_platform_admin() || who.has_role_in("org_admin", organisation_id);
}

std::optional<std::string> doctor_organisation(store::Connection& c, const std::string& doctor_id) {
  const auto row = c.query_one(
      "SELECT p.organisation_id FROM doctor_profiles p JOIN account_roles r "
      "ON r.account_id = p.account_id AND r.role = 'doctor' AND r.organisation_id = "
      "p.organisation_id WHERE p.account_id = ?",
      {doctor_id});
  if (!row) return std::nullopt;
  return row->text(0);
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
  return core::LocalisedText{row.text(first), row.text(first + 1), row.text(first + 2)}.to_json();
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
