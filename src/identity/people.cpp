#include "identity/people.hpp"

#include "store/in_list.hpp"

namespace yq::identity {

namespace {

constexpr const char* kPersonColumns =
    "SELECT a.id, a.display_name, a.email, a.preferred_lang, a.status, "
    "CASE WHEN p.account_id IS NULL THEN 0 ELSE 1 END, COALESCE(p.title, ''), "
    "COALESCE(p.name_zh, ''), COALESCE(p.organisation_id, '') "
    "FROM accounts a LEFT JOIN doctor_profiles p ON p.account_id = a.id WHERE a.id ";

Person person_from(const store::Row& r) {
  return Person{r.text(0),    r.text(1), r.text(2), r.text(3), r.text(4) == "active",
                r.boolean(5), r.text(6), r.text(7), r.text(8)};
}

constexpr const char* kOrganisationColumns =
    "SELECT id, kind, name_en, name_zh_hant, name_zh_hans, region, address, phone, active "
    "FROM organisations WHERE id ";

Organisation organisation_from(const store::Row& r) {
  return Organisation{r.text(0),   r.text(1), {r.text(2), r.text(3), r.text(4)},
                      r.text(5),   r.text(6), r.text(7),
                      r.boolean(8)};
}

}  // namespace

std::optional<Person> person(store::Connection& c, const std::string& account_id) {
  const auto r = c.query_one(std::string(kPersonColumns) + "= ?", {account_id});
  if (!r) return std::nullopt;
  return person_from(*r);
}

std::unordered_map<std::string, Person> people(store::Connection& c,
                                               const std::vector<std::string>& account_ids) {
  std::unordered_map<std::string, Person> out;
  if (account_ids.empty()) return out;
  store::Params params;
  const auto list = store::in_list(account_ids, params);
  for (const auto& r : c.query(std::string(kPersonColumns) + "IN " + list, params)) {
    auto p = person_from(r);
    auto id = p.id;
    out.emplace(std::move(id), std::move(p));
  }
  return out;
}

std::optional<std::string> active_account_by_email(store::Connection& c, const std::string& email) {
  const auto r = c.query_one(
      "SELECT id FROM accounts WHERE email = ? AND status = 'active' AND password_hash IS NOT NULL",
      {email});
  if (!r) return std::nullopt;
  return r->text(0);
}

std::optional<Organisation> organisation(store::Connection& c, const std::string& id) {
  const auto r = c.query_one(std::string(kOrganisationColumns) + "= ?", {id});
  if (!r) return std::nullopt;
  return organisation_from(*r);
}

std::unordered_map<std::string, Organisation> organisations(store::Connection& c,
                                                            const std::vector<std::string>& ids) {
  std::unordered_map<std::string, Organisation> out;
  if (ids.empty()) return out;
  store::Params params;
  const auto list = store::in_list(ids, params);
  for (const auto& r : c.query(std::string(kOrganisationColumns) + "IN " + list, params)) {
    auto o = organisation_from(r);
    auto id = o.id;
    out.emplace(std::move(id), std::move(o));
  }
  return out;
}

std::vector<std::string> organisations_seeing_patients(store::Connection& c) {
  std::vector<std::string> out;
  for (const auto& r : c.query("SELECT id FROM organisations WHERE kind <> 'pharmacy' ORDER BY id"))
    out.push_back(r.text(0));
  return out;
}

}  // namespace yq::identity
