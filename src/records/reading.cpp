#include "records/reading.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>

#include "audit/event.hpp"
#include "consent/consent.hpp"
#include "consent/relationships.hpp"
#include "core/hk_calendar.hpp"
#include "identity/people.hpp"
#include "notify/notice_text.hpp"

namespace yq::records {

namespace json = boost::json;

bool clinician_of(const identity::Principal& who, const std::string& organisation_id) {
  return !organisation_id.empty() &&
         (who.has_role_in("doctor", organisation_id) || who.has_role_in("nurse", organisation_id));
}

namespace {

std::vector<std::string> clinical_organisations(const identity::Principal& who) {
  std::vector<std::string> out;
  for (const auto& g : who.roles)
    if ((g.role == "doctor" || g.role == "nurse") && !g.organisation_id.empty())
      out.push_back(g.organisation_id);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Reading refused(std::string basis, core::Errc code = core::Errc::not_found) {
  Reading r;
  r.refusal = code;
  r.scope.basis = std::move(basis);
  return r;
}

}  // namespace

Reading resolve_reading(store::Connection& c, const Care& care, std::int64_t now,
                        const RecordRequest& rq) {
  if (rq.patient_id.empty()) return refused("no relationship");
  if (rq.as.empty()) {
    const auto side = consent::record_scope(c, now, {rq.who.account_id, "", false}, rq.patient_id);
    if (side.allowed) {
      Reading r;
      r.allowed = true;
      r.scope = side;
      r.role = side.basis;
      return r;
    }
  }
  std::string org = rq.as;
  if (org.empty()) {
    // One organisation of the caller's that cares for the patient now: reading as it is clear.
    const auto mine = clinical_organisations(rq.who);
    if (mine.empty()) return refused("no relationship");
    const auto caring = care.organisations_caring(c, rq.patient_id, now);
    std::vector<std::string> both;
    std::set_intersection(mine.begin(), mine.end(), caring.begin(), caring.end(),
                          std::back_inserter(both));
    if (both.size() > 1) return refused("choose organisation", core::Errc::choose_organisation);
    org = both.empty() ? mine.front() : both.front();
  }
  if (!clinician_of(rq.who, org)) return refused("not staff of the organisation");
  Reading r;
  r.organisation_id = org;
  r.role = rq.who.has_role_in("doctor", org) ? "doctor" : "nurse";
  r.scope = consent::record_scope(
      c, now, {rq.who.account_id, org, care.cares(c, rq.patient_id, org, now)}, rq.patient_id);
  r.allowed = r.scope.allowed;
  return r;
}

void audit_read(store::Connection& c, const core::Clock& clock, const RecordRequest& rq,
                const Reading& reading, const std::string& target,
                const std::vector<std::string>& categories) {
  auto e = audit::event_by(rq.who, rq.client, "record.read", "record", target);
  e.patient_id = rq.patient_id;
  e.actor_role = reading.role.empty() ? rq.who.primary_role() : reading.role;
  if (reading.role == "parent" || reading.role == "carer") e.on_behalf_of = rq.patient_id;
  e.outcome = reading.allowed ? "success" : "denied";
  json::array cats;
  for (const auto& k : categories) cats.emplace_back(k);
  e.detail = json::serialize(json::object{{"purpose", reading.scope.purpose},
                                          {"basis", reading.scope.basis},
                                          {"organisation", reading.organisation_id},
                                          {"categories", std::move(cats)}});
  audit::record(c, clock, e);
}

json::object clinician_params(store::Connection& c, const std::string& account_id,
                              const std::string& organisation_id, const std::string& patient_id) {
  json::object params;
  const auto people = identity::people(c, {account_id, patient_id});
  if (const auto it = people.find(account_id); it != people.end())
    params["reader"] = it->second.has_doctor_profile
                           ? json::value(notify::doctor_names(
                                 it->second.title, it->second.display_name, it->second.name_zh))
                           : json::value(it->second.display_name);
  if (const auto it = people.find(patient_id); it != people.end())
    params["patient"] = it->second.display_name;
  if (const auto org = identity::organisation(c, organisation_id))
    params["organisation"] = org->name.to_json();
  return params;
}

std::vector<std::string> tell_patient_side(store::Connection& c, const core::Clock& clock,
                                           const std::string& public_url,
                                           const std::string& patient_id, const std::string& kind,
                                           json::object params, const std::string& page,
                                           bool email) {
  std::vector<std::string> accounts{patient_id};
  for (const auto& r : consent::carers_of(c, patient_id)) accounts.push_back(r.carer_id);
  std::vector<std::string> told;
  for (const auto& account : consent::who_may_be_told(c, patient_id, accounts)) {
    notify::Notice n;
    n.account_id = account;
    n.kind = kind;
    n.params = params;
    n.link = (account == patient_id ? "/record" : "/patients/" + patient_id + "/record") + page;
    n.email = email;
    n.about_patient = patient_id;
    if (!notify::Notifier::record(c, clock, n, public_url).empty()) told.push_back(account);
  }
  return told;
}

std::vector<std::string> tell_of_read(store::Connection& c, const core::Clock& clock,
                                      const std::string& public_url, const RecordRequest& rq,
                                      const Reading& reading) {
  if (reading.patient_side() || !reading.allowed) return {};
  const std::string day = core::format_day(core::hk_day_of(clock.now()));
  // One notice per reader, organisation and patient per day: the first read of the day claims the
  // row (a doctor reading as two organisations is named with each).
  if (c.execute("INSERT INTO record_access_notices (patient_id, reader_id, organisation_id, day) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                {rq.patient_id, rq.who.account_id, reading.organisation_id, day}) != 1)
    return {};
  return tell_patient_side(
      c, clock, public_url, rq.patient_id, "record.accessed",
      clinician_params(c, rq.who.account_id, reading.organisation_id, rq.patient_id), "/access-log",
      true);
}

json::object access_json(store::Connection& c, const Reading& reading) {
  const auto& s = reading.scope;
  json::value org = nullptr;
  if (!reading.organisation_id.empty()) {
    json::object o{{"id", reading.organisation_id}};
    if (const auto found = identity::organisation(c, reading.organisation_id))
      o["name"] = found->name.to_json();
    org = std::move(o);
  }
  json::value sharing = nullptr;
  if (s.sharing)
    sharing = *s.sharing == consent::SharingState::consented    ? "consented"
              : *s.sharing == consent::SharingState::no_consent ? "no_consent"
                                                                : "not_joined";
  return {{"basis", s.basis},
          {"organisation", std::move(org)},
          {"sharing", std::move(sharing)},
          {"emergency_until",
           s.emergency_until ? json::value(*s.emergency_until) : json::value(nullptr)}};
}

audit::Event change_event(const RecordRequest& rq, std::string action, std::string target_type,
                          std::string target_id) {
  auto e = audit::event_by(rq.who, rq.client, std::move(action), std::move(target_type),
                           std::move(target_id));
  e.patient_id = rq.patient_id;
  if (rq.who.account_id != rq.patient_id && rq.as.empty()) e.on_behalf_of = rq.patient_id;
  return e;
}

}  // namespace yq::records
