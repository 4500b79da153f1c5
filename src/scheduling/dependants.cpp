#include "scheduling/dependants.hpp"

#include <boost/json/array.hpp>

#include <unordered_map>
#include <vector>

#include "consent/relationships.hpp"
#include "core/hk_calendar.hpp"
#include "core/ids.hpp"
#include "identity/accounts.hpp"
#include "identity/dependant_accounts.hpp"
#include "identity/people.hpp"
#include "identity/roles.hpp"
#include "notify/notifier.hpp"
#include "scheduling/scope.hpp"

namespace yq::scheduling {

namespace {

using core::Errc;
using core::Error;

audit::Event relation_event(const identity::Principal& who, const identity::ClientInfo& client,
                            std::string action, const std::string& patient_id) {
  auto e = event_by(who, client, std::move(action), "dependant", patient_id);
  e.patient_id = patient_id;
  return e;
}

std::string display_name(store::Connection& c, const std::string& account_id) {
  const auto p = identity::person(c, account_id);
  return p ? p->display_name : std::string();
}

}  // namespace

std::string create_child(store::Connection& c, std::int64_t now, const std::string& carer_id,
                         const ChildInput& in) {
  // The child's notices and e-mails to the parent about it are in the parent's language.
  const auto carer = identity::person(c, carer_id);
  const std::string id = identity::create_dependant_account(
      c, now, in.display_name, carer ? carer->preferred_lang : std::string("en"));
  c.execute(
      "INSERT INTO patient_details (account_id, date_of_birth, sex, updated_at) "
      "VALUES (?, ?, ?, ?)",
      {id, in.date_of_birth, in.sex, now});
  consent::add_child(c, now, carer_id, id);
  return id;
}

boost::json::object Dependants::overview(const identity::Principal& who,
                                         const identity::ClientInfo& client) {
  return env_.db.write([&](store::Connection& c) {
    const std::int64_t now = env_.clock.now();
    boost::json::array mine, asked, carers;
    const auto dependants = consent::dependants_of(c, who.account_id);
    std::vector<std::string> ids;
    for (const auto& d : dependants) ids.push_back(d.patient_id);
    const auto people = identity::people(c, ids);
    std::unordered_map<std::string, std::string> born;
    if (!ids.empty()) {
      store::Params params;
      const auto list = in_list(ids, params);
      for (const auto& r : c.query(
               "SELECT account_id, date_of_birth FROM patient_details WHERE account_id IN " + list,
               params))
        born.emplace(r.text(0), r.text(1));
    }
    for (const auto& d : dependants) {
      const auto p = people.find(d.patient_id);
      const bool known = p != people.end();
      const auto b = born.find(d.patient_id);
      mine.push_back(boost::json::object{
          {"patient_id", d.patient_id},
          {"display_name", known ? p->second.display_name : std::string()},
          {"relationship", d.relationship},
          {"status", "active"},
          {"date_of_birth", known && b != born.end() ? b->second : std::string()},
          {"created_at", d.granted_at}});
    }
    // What the carer typed, never whom it reached: an address tells its holder's name to nobody.
    for (const auto& r : consent::requests_by(c, now, who.account_id))
      asked.push_back(boost::json::object{{"request_id", r.id},
                                          {"email", r.email},
                                          {"relationship", r.relationship},
                                          {"status", "pending"},
                                          {"created_at", r.created_at},
                                          {"expires_at", r.expires_at}});
    for (const auto& d : consent::carers_of(c, who.account_id))
      carers.push_back(boost::json::object{{"carer_id", d.carer_id},
                                           {"display_name", display_name(c, d.carer_id)},
                                           {"relationship", d.relationship},
                                           {"status", "active"},
                                           {"created_at", d.granted_at}});
    for (const auto& r : consent::requests_to(c, now, who.account_id))
      carers.push_back(boost::json::object{{"carer_id", r.carer_id},
                                           {"display_name", display_name(c, r.carer_id)},
                                           {"relationship", r.relationship},
                                           {"status", "pending"},
                                           {"created_at", r.created_at}});
    auto e = event_by(who, client, "dependant.list", "account", who.account_id);
    audit::record(c, env_.clock, e);
    return boost::json::object{{"dependants", std::move(mine)},
                               {"requests", std::move(asked)},
                               {"carers", std::move(carers)}};
  });
}

core::Result<boost::json::object> Dependants::add_child(const identity::Principal& who,
                                                        const ChildInput& in,
                                                        const identity::ClientInfo& client) {
  const std::int64_t now = env_.clock.now();
  const auto born = core::parse_day(in.date_of_birth);
  const core::DayNumber today = core::hk_day_of(now);
  if (!born || *born > today) return Error::field("date_of_birth", "field.invalid");
  if (core::years_between(*born, today) >= kChildAgeLimit)
    return Error::field("date_of_birth", "field.not_a_child");
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    if (consent::children_of_count(c, who.account_id) >= consent::kMaxChildrenPerAccount)
      return Error::of(Errc::too_many_children);
    const std::string id = create_child(c, now, who.account_id, in);
    audit::record(c, env_.clock, relation_event(who, client, "dependant.child_added", id));
    return boost::json::object{
        {"patient_id", id},   {"display_name", in.display_name},   {"relationship", "child"},
        {"status", "active"}, {"date_of_birth", in.date_of_birth}, {"created_at", now}};
  });
}

core::Result<void> Dependants::request_carer_access(const identity::Principal& who,
                                                    const std::string& email,
                                                    const std::string& relationship,
                                                    const identity::ClientInfo& client) {
  std::vector<std::string> told;
  auto done = env_.db.write([&](store::Connection& c) -> core::Result<void> {
    told.clear();
    const std::int64_t now = env_.clock.now();
    // Someone who has not proved their own address does not get to send notices and e-mails to
    // others in the platform's name.
    if (!identity::email_verified(c, who.account_id)) return Error::of(Errc::email_not_verified);
    // Only an adult patient who can sign in and whose address is proved can answer (a child's
    // .invalid address cannot; an address someone registered without owning the mailbox
    // receives no requests until its holder verifies it).
    std::optional<std::string> patient;
    if (const auto id = identity::verified_account_by_email(c, email);
        id && *id != who.account_id && identity::holds_role(c, *id, "patient", ""))
      patient = *id;
    std::string request_id;
    const auto outcome =
        consent::request_care(c, now, who.account_id, email, patient, relationship, request_id);
    if (outcome == consent::RequestOutcome::too_many)
      return Error::of(Errc::too_many_requests_open);
    auto e = event_by(who, client, "carer.requested", "carer_request", request_id);
    e.patient_id = patient.value_or("");
    e.detail = !patient                                            ? "address is no adult patient's"
               : outcome == consent::RequestOutcome::already_carer ? "already carer"
                                                                   : "";
    audit::record(c, env_.clock, e);
    if (patient && outcome == consent::RequestOutcome::made &&
        consent::may_announce_request(c, now, who.account_id, *patient)) {
      notify::Notifier::record(c, env_.clock,
                               notify::Notice{*patient,
                                              "carer.requested",
                                              {{"name", display_name(c, who.account_id)}},
                                              "/family",
                                              true},
                               env_.public_url);
      told.push_back(*patient);
    }
    return {};
  });
  if (done) env_.notifier.push(told);
  return done;
}

core::Result<void> Dependants::withdraw_request(const identity::Principal& who,
                                                const std::string& request_id,
                                                const identity::ClientInfo& client) {
  if (!core::looks_like_id(request_id)) return Error::of(Errc::not_found);
  return env_.db.write([&](store::Connection& c) -> core::Result<void> {
    if (!consent::withdraw_request(c, who.account_id, request_id))
      return Error::of(Errc::not_found);
    audit::record(c, env_.clock,
                  event_by(who, client, "carer.request_withdrawn", "carer_request", request_id));
    return {};
  });
}

core::Result<boost::json::object> Dependants::respond(const identity::Principal& who,
                                                      const std::string& carer_id, bool accept,
                                                      const identity::ClientInfo& client) {
  if (!core::looks_like_id(carer_id)) return Error::of(Errc::not_found);
  std::vector<std::string> told;
  auto r = env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    told.clear();
    const std::int64_t now = env_.clock.now();
    if (!consent::answer_request(c, now, who.account_id, carer_id, accept))
      return Error::of(Errc::not_found);
    auto e =
        relation_event(who, client, accept ? "carer.accepted" : "carer.declined", who.account_id);
    e.on_behalf_of = carer_id;
    audit::record(c, env_.clock, e);
    if (accept) {
      notify::Notifier::record(c, env_.clock,
                               notify::Notice{carer_id,
                                              "carer.accepted",
                                              {{"name", display_name(c, who.account_id)}},
                                              "/family",
                                              true},
                               env_.public_url);
      told.push_back(carer_id);
    }
    return boost::json::object{{"carer_id", carer_id}, {"status", accept ? "active" : "revoked"}};
  });
  if (r) env_.notifier.push(told);
  return r;
}

core::Result<void> Dependants::revoke_carer(const identity::Principal& who,
                                            const std::string& carer_id,
                                            const identity::ClientInfo& client) {
  if (!core::looks_like_id(carer_id)) return Error::of(Errc::not_found);
  bool was_active = false;
  auto done = env_.db.write([&](store::Connection& c) -> core::Result<void> {
    const std::int64_t now = env_.clock.now();
    was_active = consent::revoke(c, now, who.account_id, carer_id);
    // A request still waiting is withdrawn by the same button.
    const bool was_pending =
        !was_active && consent::answer_request(c, now, who.account_id, carer_id, false);
    if (!was_active && !was_pending) return Error::of(Errc::not_found);
    auto e = relation_event(who, client, "carer.revoked", who.account_id);
    e.on_behalf_of = carer_id;
    audit::record(c, env_.clock, e);
    return {};
  });
  if (done && was_active) told_carer_gone(carer_id, who.account_id);
  return done;
}

core::Result<void> Dependants::stop_caring(const identity::Principal& who,
                                           const std::string& patient_id,
                                           const identity::ClientInfo& client) {
  if (!core::looks_like_id(patient_id)) return Error::of(Errc::not_found);
  auto done = env_.db.write([&](store::Connection& c) -> core::Result<void> {
    switch (consent::stop_caring(c, env_.clock.now(), who.account_id, patient_id)) {
      case consent::StopOutcome::not_found:
        return Error::of(Errc::not_found);
      // A child's account cannot sign in: letting go of it would leave it with nobody at all.
      case consent::StopOutcome::is_child:
        return Error::of(Errc::conflict);
      case consent::StopOutcome::stopped:
        break;
    }
    audit::record(c, env_.clock, relation_event(who, client, "carer.stopped", patient_id));
    return {};
  });
  if (done) told_carer_gone(who.account_id, patient_id);
  return done;
}

}  // namespace yq::scheduling
