#include "identity/organisations.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

#include "audit/audit_log.hpp"
#include "audit/event.hpp"
#include "core/ids.hpp"
#include "core/localised_text.hpp"
#include "identity/catalog.hpp"
#include "identity/photo.hpp"

namespace yq::identity {

namespace {

using core::Errc;
using core::Error;

constexpr const char* kOrgColumns =
    "id, kind, name_en, name_zh_hant, name_zh_hans, region, address, phone, email, active";

boost::json::object org_json(const store::Row& r) {
  return {{"id", r.text(0)},
          {"kind", r.text(1)},
          {"name", core::LocalisedText{r.text(2), r.text(3), r.text(4)}.to_json()},
          {"region", r.text(5)},
          {"address", r.text(6)},
          {"phone", r.text(7)},
          {"email", r.text(8)},
          {"active", r.boolean(9)}};
}

audit::Event admin_event(const identity::Principal& by, std::string action, std::string target_type,
                         std::string target_id, const identity::ClientInfo& client) {
  return audit::event_by(by, client, std::move(action), std::move(target_type),
                         std::move(target_id));
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

boost::json::array codes(store::Connection& c, const char* sql, const std::string& id) {
  boost::json::array out;
  for (const auto& r : c.query(sql, {id})) out.emplace_back(r.text(0));
  return out;
}

}  // namespace

bool OrganisationService::may_administer(const identity::Principal& by,
                                         const std::string& org) const {
  return by.is_platform_admin() || by.has_role_in("org_admin", org);
}

std::vector<boost::json::object> OrganisationService::list(
    bool include_inactive, const std::optional<std::string>& kind,
    const std::optional<std::string>& region) {
  return db_.read([&](store::Connection& c) {
    std::vector<boost::json::object> out;
    const std::string sql =
        std::string("SELECT ") + kOrgColumns +
        " FROM organisations WHERE (? = 1 OR active = 1) AND (? = '' OR kind = ?) "
        "AND (? = '' OR region = ?) ORDER BY name_en LIMIT 1000";
    const std::string k = kind.value_or(""), rg = region.value_or("");
    for (const auto& r : c.query(sql, {include_inactive, k, k, rg, rg})) out.push_back(org_json(r));
    return out;
  });
}

core::Result<boost::json::object> OrganisationService::get(const std::string& id,
                                                           bool include_inactive) {
  return db_.read([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto r = c.query_one(std::string("SELECT ") + kOrgColumns + " FROM organisations WHERE id = ?",
                         {id});
    if (!r || (!include_inactive && !r->boolean(9))) return Error::of(Errc::not_found);
    return org_json(*r);
  });
}

core::Result<boost::json::object> OrganisationService::create(const identity::Principal& by,
                                                              const OrganisationInput& in,
                                                              const identity::ClientInfo& client) {
  const std::string id = core::new_id();
  db_.write([&](store::Connection& c) {
    const auto now = clock_.now();
    c.execute(
        "INSERT INTO organisations (id, kind, name_en, name_zh_hant, name_zh_hans, region, "
        "address, phone, email, "
        "active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, *in.kind, in.name->en, in.name->zh_hant, in.name->zh_hans, *in.region,
         in.address.value_or(""), in.phone.value_or(""), in.email.value_or(""),
         in.active.value_or(true), now, now});
    audit::record(c, clock_, admin_event(by, "organisation.created", "organisation", id, client));
  });
  return get(id, true);
}

core::Result<boost::json::object> OrganisationService::update(const identity::Principal& by,
                                                              const std::string& id,
                                                              const OrganisationInput& in,
                                                              const identity::ClientInfo& client) {
  const bool found = db_.write([&](store::Connection& c) {
    if (!c.query_one("SELECT 1 FROM organisations WHERE id = ?", {id})) return false;
    const auto now = clock_.now();
    // Kind is fixed once staff exist: roles were granted for it.
    if (in.kind)
      c.execute("UPDATE organisations SET kind = ?, updated_at = ? WHERE id = ?",
                {*in.kind, now, id});
    if (in.name) {
      c.execute(
          "UPDATE organisations SET name_en = ?, name_zh_hant = ?, name_zh_hans = ?, updated_at = "
          "? WHERE id = ?",
          {in.name->en, in.name->zh_hant, in.name->zh_hans, now, id});
    }
    if (in.region)
      c.execute("UPDATE organisations SET region = ?, updated_at = ? WHERE id = ?",
                {*in.region, now, id});
    if (in.address)
      c.execute("UPDATE organisations SET address = ?, updated_at = ? WHERE id = ?",
                {*in.address, now, id});
    if (in.phone)
      c.execute("UPDATE organisations SET phone = ?, updated_at = ? WHERE id = ?",
                {*in.phone, now, id});
    if (in.email)
      c.execute("UPDATE organisations SET email = ?, updated_at = ? WHERE id = ?",
                {*in.email, now, id});
    if (in.active)
      c.execute("UPDATE organisations SET active = ?, updated_at = ? WHERE id = ?",
                {*in.active, now, id});
    audit::record(c, clock_, admin_event(by, "organisation.updated", "organisation", id, client));
    return true;
  });
  if (!found) return Error::of(Errc::not_found);
  return get(id, true);
}

namespace {
std::optional<boost::json::object> staff_json(store::Connection& c, const std::string& org,
                                              const std::string& account) {
  auto a = c.query_one(
      "SELECT id, email, display_name, status, totp_enabled FROM accounts WHERE id = ?", {account});
  if (!a) return std::nullopt;
  boost::json::array roles;
  for (const auto& r : c.query("SELECT role FROM account_roles WHERE account_id = ? AND "
                               "organisation_id = ? ORDER BY role",
                               {account, org})) {
    roles.emplace_back(r.text(0));
  }
  if (roles.empty()) return std::nullopt;
  return boost::json::object{{"account_id", a->text(0)},   {"email", a->text(1)},
                             {"display_name", a->text(2)}, {"roles", std::move(roles)},
                             {"status", a->text(3)},       {"totp_enabled", a->boolean(4)}};
}

std::optional<std::string> org_kind(store::Connection& c, const std::string& org) {
  auto r = c.query_one("SELECT kind FROM organisations WHERE id = ?", {org});
  if (!r) return std::nullopt;
  return r->text(0);
}

bool roles_allowed(const std::string& kind, const std::vector<std::string>& roles) {
  const auto allowed = roles_for_kind(kind);
  return std::all_of(roles.begin(), roles.end(), [&](const std::string& r) {
    return std::find(allowed.begin(), allowed.end(), r) != allowed.end();
  });
}
}  // namespace

core::Result<std::vector<boost::json::object>> OrganisationService::staff(
    const identity::Principal& by, const std::string& org) {
  if (!may_administer(by, org)) return Error::of(Errc::not_found);
  return db_.read([&](store::Connection& c) -> core::Result<std::vector<boost::json::object>> {
    if (!org_kind(c, org)) return Error::of(Errc::not_found);
    std::vector<boost::json::object> out;
    for (const auto& r :
         c.query("SELECT DISTINCT r.account_id, a.display_name FROM account_roles r "
                 "JOIN accounts a ON a.id = r.account_id WHERE r.organisation_id = ? "
                 "ORDER BY a.display_name, r.account_id LIMIT 5000",
                 {org})) {
      if (auto s = staff_json(c, org, r.text(0))) out.push_back(std::move(*s));
    }
    return out;
  });
}

core::Result<boost::json::object> OrganisationService::add_staff(
    const identity::Principal& by, const std::string& org, const StaffInput& in,
    const identity::ClientInfo& client) {
  // Roles go to whoever accepts the e-mailed invitation, never to the account that happens to hold
  // the address now (it may have registered it first without owning the mailbox).
  return invitations_.invite(by, org, {in.email, in.display_name, in.roles, in.preferred_lang},
                             client);
}

core::Result<boost::json::object> OrganisationService::change_staff(
    const identity::Principal& by, const std::string& org, const std::string& account,
    const StaffChange& in, const identity::ClientInfo& client) {
  if (!may_administer(by, org)) return Error::of(Errc::not_found);
  auto changed = db_.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    const auto kind = org_kind(c, org);
    const auto current = staff_json(c, org, account);
    if (!kind || !current) return Error::of(Errc::not_found);
    // The name and the status belong to the whole account, not to this organisation: when the
    // person has any role outside it (another organisation, a patient account, the platform),
    // changing them is the platform admin's call; otherwise adding someone as staff would let an
    // organisation admin rename or lock out any account whose e-mail they know. (Sending them
    // unchanged is fine.)
    const bool renames =
        in.display_name && *in.display_name != current->at("display_name").as_string();
    const bool restates = in.status && *in.status != current->at("status").as_string();
    if ((renames || restates) && !by.is_platform_admin() &&
        c.query_one(
            "SELECT 1 FROM account_roles WHERE account_id = ? AND organisation_id <> ? LIMIT 1",
            {account, org})) {
      return Error::of(Errc::forbidden);
    }
    const auto now = clock_.now();
    if (in.roles) {
      if (!roles_allowed(*kind, *in.roles)) return Error::field("roles", "field.unknown_choice");
      const bool self = account == by.account_id;
      if (self && !by.is_platform_admin() &&
          std::find(in.roles->begin(), in.roles->end(), "org_admin") == in.roles->end()) {
        // An admin removing their own admin role could leave the organisation with none.
        return Error::field("roles", "field.invalid");
      }
      // Only what changed: a role kept keeps its grant, so saving a staff member never moves
      // anything that depends on when or where a role was first granted.
      std::vector<std::string> held;
      for (const auto& r :
           c.query("SELECT role FROM account_roles WHERE account_id = ? AND organisation_id = ?",
                   {account, org}))
        held.push_back(r.text(0));
      // An admin does not grant themselves a role (only keep or drop theirs): taking a
      // clinical role would let them read what need-to-know keeps from admins (triage answers,
      // symptoms). Another admin of the organisation, or the platform, grants it.
      if (self && !by.is_platform_admin())
        for (const auto& role : *in.roles)
          if (std::find(held.begin(), held.end(), role) == held.end())
            return Error::of(Errc::forbidden);
      for (const auto& role : held)
        if (std::find(in.roles->begin(), in.roles->end(), role) == in.roles->end())
          c.execute(
              "DELETE FROM account_roles WHERE account_id = ? AND organisation_id = ? AND role = ?",
              {account, org, role});
      for (const auto& role : *in.roles)
        if (std::find(held.begin(), held.end(), role) == held.end())
          c.execute(
              "INSERT INTO account_roles (account_id, role, organisation_id, granted_at) VALUES "
              "(?, ?, ?, ?)",
              {account, role, org, now});
      auto e = admin_event(by, "staff.roles_changed", "account", account, client);
      e.detail = "org=" + org + " roles=" + join(*in.roles);
      audit::record(c, clock_, e);
    }
    if (in.display_name) {
      c.execute("UPDATE accounts SET display_name = ?, updated_at = ? WHERE id = ?",
                {*in.display_name, now, account});
    }
    if (in.status) {
      if (account == by.account_id && *in.status == "disabled")
        return Error::field("status", "field.invalid");
      c.execute("UPDATE accounts SET status = ?, updated_at = ? WHERE id = ?",
                {*in.status, now, account});
      if (*in.status == "disabled") accounts_.end_all_sessions(c, account);
      auto e = admin_event(by, "staff.status_changed", "account", account, client);
      e.detail = "org=" + org + " status=" + *in.status;
      audit::record(c, clock_, e);
    }
    auto s = staff_json(c, org, account);
    if (!s) return Error::of(Errc::not_found);
    return *s;
  });
  // A role taken away or an account disabled: its live connections (a WebSocket in a call) go
  // now and come back, if at all, with what the account holds now.
  if (changed && (in.roles || in.status)) accounts_.access_changed(account);
  if (changed && in.roles && roles_changed_) roles_changed_(account, org);
  return changed;
}

core::Result<boost::json::object> OrganisationService::doctor(const std::string& account_id) {
  return db_.read([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto r = c.query_one(
        "SELECT a.id, a.display_name, p.name_zh, p.title, p.qualifications, p.registration_no, "
        "p.bio_en, "
        "p.bio_zh_hant, p.bio_zh_hans, p.fee_cents, p.currency, o.id, o.name_en, o.name_zh_hant, "
        "o.name_zh_hans, "
        "p.photo_sha256 FROM doctor_profiles p JOIN accounts a ON a.id = p.account_id "
        "JOIN organisations o ON o.id = p.organisation_id "
        "JOIN account_roles r ON r.account_id = p.account_id AND r.role = 'doctor' AND "
        "r.organisation_id = o.id "
        "WHERE p.account_id = ? AND a.status = 'active' AND o.active = 1",
        {account_id});
    if (!r) return Error::of(Errc::not_found);
    return boost::json::object{
        {"account_id", r->text(0)},
        {"display_name", r->text(1)},
        {"name_zh", r->text(2)},
        {"title", r->text(3)},
        {"qualifications", r->text(4)},
        {"registration_no", r->text(5)},
        {"bio", core::LocalisedText{r->text(6), r->text(7), r->text(8)}.to_json()},
        {"fee", {{"amount_cents", r->i64(9)}, {"currency", r->text(10)}}},
        {"organisation",
         {{"id", r->text(11)},
          {"name", core::LocalisedText{r->text(12), r->text(13), r->text(14)}.to_json()}}},
        {"specialties",
         codes(c,
               "SELECT specialty FROM doctor_specialties WHERE account_id = ? ORDER BY specialty",
               account_id)},
        {"languages",
         codes(c, "SELECT language FROM doctor_languages WHERE account_id = ? ORDER BY language",
               account_id)},
        // The hash in the URL makes a new photo a new URL, so browsers may cache each one for long.
        {"photo_url", r->is_null(15) ? boost::json::value(nullptr)
                                     : boost::json::value("/api/v1/doctors/" + r->text(0) +
                                                          "/photo?v=" + r->text(15).substr(0, 12))},
    };
  });
}

core::Result<boost::json::object> OrganisationService::put_doctor_profile(
    const identity::Principal& by, const std::string& account_id, const DoctorProfileInput& in,
    const identity::ClientInfo& client) {
  auto result = db_.write([&](store::Connection& c) -> core::Result<void> {
    const auto org = editable_doctor_org(c, by, account_id);
    if (!org) return Error::of(Errc::not_found);
    const std::string& org_id = *org;
    const auto now = clock_.now();
    c.execute("DELETE FROM doctor_specialties WHERE account_id = ?", {account_id});
    c.execute("DELETE FROM doctor_languages WHERE account_id = ?", {account_id});
    // The profile keeps the organisation it was made for: editing never moves a doctor.
    const auto updated = c.execute(
        "UPDATE doctor_profiles SET title = ?, name_zh = ?, registration_no = ?, "
        "qualifications = ?, bio_en = ?, bio_zh_hant = ?, bio_zh_hans = ?, fee_cents = ?, "
        "updated_at = ? "
        "WHERE account_id = ?",
        {in.title, in.name_zh, in.registration_no, in.qualifications, in.bio.en, in.bio.zh_hant,
         in.bio.zh_hans, in.fee_cents, now, account_id});
    if (updated == 0) {
      c.execute(
          "INSERT INTO doctor_profiles (account_id, organisation_id, title, name_zh, "
          "registration_no, "
          "qualifications, bio_en, bio_zh_hant, bio_zh_hans, fee_cents, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {account_id, org_id, in.title, in.name_zh, in.registration_no, in.qualifications,
           in.bio.en, in.bio.zh_hant, in.bio.zh_hans, in.fee_cents, now});
    }
    for (const auto& s : in.specialties) {
      c.execute("INSERT INTO doctor_specialties (account_id, specialty) VALUES (?, ?)",
                {account_id, s});
    }
    for (const auto& l : in.languages) {
      c.execute("INSERT INTO doctor_languages (account_id, language) VALUES (?, ?)",
                {account_id, l});
    }
    audit::record(c, clock_,
                  admin_event(by, "doctor.profile_updated", "account", account_id, client));
    return {};
  });
  if (!result) return result.error();
  return doctor(account_id);
}

std::optional<std::string> OrganisationService::editable_doctor_org(
    store::Connection& c, const identity::Principal& by, const std::string& account_id) const {
  // A doctor may work for several organisations; the public profile belongs to the one it was
  // made for, and only that organisation's admins (and the doctor) edit it. Before there is a
  // profile, an admin of any organisation where the account is a doctor may make it for theirs.
  const auto profile = c.query_one(
      "SELECT p.organisation_id FROM doctor_profiles p JOIN account_roles r ON r.account_id = "
      "p.account_id AND r.role = 'doctor' AND r.organisation_id = p.organisation_id "
      "WHERE p.account_id = ?",
      {account_id});
  if (profile) {
    if (by.account_id != account_id && !may_administer(by, profile->text(0))) return std::nullopt;
    return profile->text(0);
  }
  if (c.query_one("SELECT 1 FROM doctor_profiles WHERE account_id = ?", {account_id}))
    return std::nullopt;  // made for an organisation they left: nobody edits it meanwhile
  for (const auto& r :
       c.query("SELECT organisation_id FROM account_roles WHERE account_id = ? AND role = 'doctor' "
               "ORDER BY granted_at, organisation_id",
               {account_id}))
    if (by.account_id == account_id || may_administer(by, r.text(0))) return r.text(0);
  return std::nullopt;
}

core::Result<boost::json::object> OrganisationService::put_doctor_photo(
    const identity::Principal& by, const std::string& account_id, std::string_view bytes,
    const identity::ClientInfo& client) {
  const bool allowed = db_.read([&](store::Connection& c) {
    return editable_doctor_org(c, by, account_id).has_value() &&
           c.query_one("SELECT 1 FROM doctor_profiles WHERE account_id = ?", {account_id})
               .has_value();
  });
  if (!allowed) return Error::of(Errc::not_found);
  if (!inspect_photo(bytes)) return Error::field("photo", "field.invalid_image");
  // The file is on disk before the row points at it; an unreferenced blob is harmless.
  const std::string sha = blobs_.put(without_metadata(bytes));  // no GPS, camera or comments
  db_.write([&](store::Connection& c) {
    c.execute("UPDATE doctor_profiles SET photo_sha256 = ?, updated_at = ? WHERE account_id = ?",
              {sha, clock_.now(), account_id});
    audit::record(c, clock_,
                  admin_event(by, "doctor.photo_updated", "account", account_id, client));
  });
  return doctor(account_id);
}

core::Result<std::pair<std::string, std::string>> OrganisationService::doctor_photo(
    const std::string& account_id) {
  // Only what the public profile shows: an active doctor of an active organisation.
  if (!doctor(account_id)) return Error::of(Errc::not_found);
  auto sha = db_.read([&](store::Connection& c) {
    return c.query_one("SELECT photo_sha256 FROM doctor_profiles WHERE account_id = ?",
                       {account_id});
  });
  if (!sha || sha->is_null(0)) return Error::of(Errc::not_found);
  auto bytes = blobs_.get(sha->text(0));
  if (!bytes) return Error::of(Errc::not_found);
  auto info = inspect_photo(*bytes);
  if (!info) return Error::of(Errc::not_found);
  return std::pair{info->content_type, std::move(*bytes)};
}

}  // namespace yq::identity
