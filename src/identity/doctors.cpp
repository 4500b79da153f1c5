#include "identity/doctors.hpp"

#include "store/in_list.hpp"

namespace yq::identity {

namespace {

constexpr const char* kProfileColumns =
    "SELECT p.account_id, a.display_name, a.status, p.organisation_id, p.title, p.name_zh, "
    "p.fee_cents, p.currency, CASE WHEN p.photo_sha256 IS NULL THEN 0 ELSE 1 END "
    "FROM doctor_profiles p JOIN accounts a ON a.id = p.account_id WHERE p.account_id ";

DoctorProfile profile_from(const store::Row& r) {
  DoctorProfile p;
  p.account_id = r.text(0);
  p.display_name = r.text(1);
  p.account_active = r.text(2) == "active";
  p.organisation_id = r.text(3);
  p.title = r.text(4);
  p.name_zh = r.text(5);
  p.fee_cents = r.i64(6);
  p.currency = r.text(7);
  p.has_photo = r.boolean(8);
  return p;
}

}  // namespace

std::optional<DoctorProfile> doctor_profile(store::Connection& c, const std::string& account_id) {
  auto found = doctor_profiles(c, {account_id});
  const auto it = found.find(account_id);
  if (it == found.end()) return std::nullopt;
  return std::move(it->second);
}

std::unordered_map<std::string, DoctorProfile> doctor_profiles(
    store::Connection& c, const std::vector<std::string>& account_ids) {
  std::unordered_map<std::string, DoctorProfile> out;
  if (account_ids.empty()) return out;
  store::Params params;
  const auto list = store::in_list(account_ids, params);
  for (const auto& r : c.query(std::string(kProfileColumns) + "IN " + list, params)) {
    auto p = profile_from(r);
    auto id = p.account_id;
    out.emplace(std::move(id), std::move(p));
  }
  if (out.empty()) return out;
  for (const auto& r : c.query("SELECT account_id, specialty FROM doctor_specialties WHERE "
                               "account_id IN " +
                                   list + " ORDER BY account_id, specialty",
                               params))
    if (const auto it = out.find(r.text(0)); it != out.end())
      it->second.specialties.push_back(r.text(1));
  for (const auto& r : c.query("SELECT account_id, language FROM doctor_languages WHERE "
                               "account_id IN " +
                                   list + " ORDER BY account_id, language",
                               params))
    if (const auto it = out.find(r.text(0)); it != out.end())
      it->second.languages.push_back(r.text(1));
  return out;
}

std::optional<std::string> doctor_organisation(store::Connection& c,
                                               const std::string& account_id) {
  const auto row = c.query_one(
      "SELECT p.organisation_id FROM doctor_profiles p JOIN account_roles r "
      "ON r.account_id = p.account_id AND r.role = 'doctor' AND r.organisation_id = "
      "p.organisation_id WHERE p.account_id = ?",
      {account_id});
  if (!row) return std::nullopt;
  return row->text(0);
}

}  // namespace yq::identity
