#include "scheduling/dependants.hpp"

#include <boost/json/array.hpp>

#include "core/ids.hpp"
#include "notify/notifier.hpp"
#include "scheduling/hk_calendar.hpp"
#include "scheduling/scope.hpp"

namespace yq::scheduling {

namespace {

using core::Errc;
using core::Error;

audit::Event relation_event(const http::Principal& who, const http::ClientInfo& client,
                            std::string action, const std::string& patient_id) {
  auto e = event_by(who, client, std::move(action), "dependant", patient_id);
  e.patient_id = patient_id;
  return e;
}

std::string display_name(store::Connection& c, const std::string& account_id) {
  const auto row = c.query_one("SELECT display_name FROM accounts WHERE id = ?", {account_id});
  return row ? row->text(0) : std::string();
}

}  // namespace

std::string create_child(store::Connection& c, std::int64_t now, const std::string& carer_id,
                         const ChildInput& in) {
  const std::string id = core::new_id();
  const auto lang = c.query_one("SELECT preferred_lang FROM accounts WHERE id = ?", {carer_id});
  c.execute(
      "INSERT INTO accounts (id, email, password_hash, display_name, preferred_lang, status, "
      "password_changed_at, created_at, updated_at) "
      "VALUES (?, ?, NULL, ?, ?, 'disabled', ?, ?, ?)",
      {id, "child-" + id + "@dependants.invalid", in.display_name,
       lang ? lang->text(0) : std::string("en"), now, now, now});
  c.execute(
      "INSERT INTO account_roles (account_id, role, organisation_id, granted_at) "
      "VALUES (?, 'patient', '', ?)",
      {id, now});
  c.execute(
      "INSERT INTO patient_details (account_id, date_of_birth, sex, updated_at) "
      "VALUES (?, ?, ?, ?)",
      {id, in.date_of_birth, in.sex, now});
  c.execute(
      "INSERT INTO dependants (carer_id, patient_id, relationship, status, created_at, "
      "granted_at) VALUES (?, ?, 'child', 'active', ?, ?)",
      {carer_id, id, now, now});
  return id;
}

boost::json::object Dependants::overview(const http::Principal& who,
                                         const http::ClientInfo& client) {
  return env_.db.write([&](store::Connection& c) {
    boost::json::array mine, carers;
    for (const auto& r :
         c.query("SELECT d.patient_id, a.display_name, d.relationship, d.status, "
                 "COALESCE(p.date_of_birth, ''), d.created_at, d.granted_at FROM dependants d "
                 "JOIN accounts a ON a.id = d.patient_id "
                 "LEFT JOIN patient_details p ON p.account_id = d.patient_id "
                 "WHERE d.carer_id = ? AND d.status <> 'revoked' ORDER BY a.display_name",
                 {who.account_id}))
      mine.push_back(boost::json::object{{"patient_id", r.text(0)},
                                         {"display_name", r.text(1)},
                                         {"relationship", r.text(2)},
                                         {"status", r.text(3)},
                                         {"date_of_birth", r.text(4)},
                                         {"created_at", r.i64(5)}});
    for (const auto& r :
         c.query("SELECT d.carer_id, a.display_name, d.relationship, d.status, d.created_at "
                 "FROM dependants d JOIN accounts a ON a.id = d.carer_id "
                 "WHERE d.patient_id = ? AND d.status <> 'revoked' ORDER BY a.display_name",
                 {who.account_id}))
      carers.push_back(boost::json::object{{"carer_id", r.text(0)},
                                           {"display_name", r.text(1)},
                                           {"relationship", r.text(2)},
                                           {"status", r.text(3)},
                                           {"created_at", r.i64(4)}});
    auto e = event_by(who, client, "dependant.list", "account", who.account_id);
    audit::record(c, env_.clock, e);
    return boost::json::object{{"dependants", std::move(mine)}, {"carers", std::move(carers)}};
  });
}

core::Result<boost::json::object> Dependants::add_child(const http::Principal& who,
                                                        const ChildInput& in,
                                                        const http::ClientInfo& client) {
  const std::int64_t now = env_.clock.now();
  const auto born = parse_day(in.date_of_birth);
  const DayNumber today = hk_day_of(now);
  if (!born || *born > today) return Error::field("date_of_birth", "field.invalid");
  if (years_between(*born, today) >= kChildAgeLimit)
    return Error::field("date_of_birth", "field.not_a_child");
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    const std::string id = create_child(c, now, who.account_id, in);
    audit::record(c, env_.clock, relation_event(who, client, "dependant.child_added", id));
    return boost::json::object{
        {"patient_id", id},   {"display_name", in.display_name},   {"relationship", "child"},
        {"status", "active"}, {"date_of_birth", in.date_of_birth}, {"created_at", now}};
  });
}

void Dependants::request_carer_access(const http::Principal& who, const std::string& email,
                                      const std::string& relationship,
                                      const http::ClientInfo& client) {
  std::vector<std::string> told;
  env_.db.write([&](store::Connection& c) {
    told.clear();
    // Only an adult patient who can sign in can answer (a child's .invalid address cannot).
    const auto target = c.query_one(
        "SELECT a.id FROM accounts a JOIN account_roles r ON r.account_id = a.id "
        "AND r.role = 'patient' WHERE a.email = ? AND a.status = 'active'",
        {email});
    auto e = event_by(who, client, "carer.requested", "dependant", "");
    if (!target || target->text(0) == who.account_id) {
      e.outcome = "failure";
      e.detail = "no such patient";
      audit::record(c, env_.clock, e);
      return;
    }
    const std::string patient = target->text(0);
    e.target_id = patient;
    e.patient_id = patient;
    const auto existing =
        c.query_one("SELECT status FROM dependants WHERE carer_id = ? AND patient_id = ?",
                    {who.account_id, patient});
    const std::int64_t now = env_.clock.now();
    if (existing && existing->text(0) != "revoked") {
      e.detail = "already " + existing->text(0);
      audit::record(c, env_.clock, e);
      return;
    }
    if (existing) {
      c.execute(
          "UPDATE dependants SET status = 'pending', relationship = ?, created_at = ?, "
          "granted_at = NULL, revoked_at = NULL WHERE carer_id = ? AND patient_id = ?",
          {relationship, now, who.account_id, patient});
    } else {
      c.execute(
          "INSERT INTO dependants (carer_id, patient_id, relationship, status, created_at) "
          "VALUES (?, ?, ?, 'pending', ?)",
          {who.account_id, patient, relationship, now});
    }
    notify::Notifier::record(c, env_.clock,
                             notify::Notice{patient,
                                            "carer.requested",
                                            {{"name", display_name(c, who.account_id)}},
                                            "/family",
                                            true},
                             env_.public_url);
    told.push_back(patient);
    audit::record(c, env_.clock, e);
  });
  env_.notifier.push(told);
}

core::Result<boost::json::object> Dependants::respond(const http::Principal& who,
                                                      const std::string& carer_id, bool accept,
                                                      const http::ClientInfo& client) {
  if (!core::looks_like_id(carer_id)) return Error::of(Errc::not_found);
  std::vector<std::string> told;
  auto r = env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    told.clear();
    const std::int64_t now = env_.clock.now();
    const auto changed = accept
                             ? c.execute(
                                   "UPDATE dependants SET status = 'active', granted_at = ? "
                                   "WHERE carer_id = ? AND patient_id = ? AND status = 'pending'",
                                   {now, carer_id, who.account_id})
                             : c.execute(
                                   "UPDATE dependants SET status = 'revoked', revoked_at = ? "
                                   "WHERE carer_id = ? AND patient_id = ? AND status = 'pending'",
                                   {now, carer_id, who.account_id});
    if (changed == 0) return Error::of(Errc::not_found);
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

core::Result<void> Dependants::revoke_carer(const http::Principal& who, const std::string& carer_id,
                                            const http::ClientInfo& client) {
  if (!core::looks_like_id(carer_id)) return Error::of(Errc::not_found);
  auto done = env_.db.write([&](store::Connection& c) -> core::Result<void> {
    if (c.execute("UPDATE dependants SET status = 'revoked', revoked_at = ? WHERE carer_id = ? "
                  "AND patient_id = ? AND status <> 'revoked'",
                  {env_.clock.now(), carer_id, who.account_id}) == 0)
      return Error::of(Errc::not_found);
    auto e = relation_event(who, client, "carer.revoked", who.account_id);
    e.on_behalf_of = carer_id;
    audit::record(c, env_.clock, e);
    return {};
  });
  if (done) told_carer_gone(carer_id, who.account_id);
  return done;
}

core::Result<void> Dependants::stop_caring(const http::Principal& who,
                                           const std::string& patient_id,
                                           const http::ClientInfo& client) {
  if (!core::looks_like_id(patient_id)) return Error::of(Errc::not_found);
  auto done = env_.db.write([&](store::Connection& c) -> core::Result<void> {
    const auto row = c.query_one(
        "SELECT relationship FROM dependants WHERE carer_id = ? AND patient_id = ? "
        "AND status <> 'revoked'",
        {who.account_id, patient_id});
    if (!row) return Error::of(Errc::not_found);
    // A child's account cannot sign in: letting go of it would leave it with nobody at all.
    if (row->text(0) == "child") return Error::of(Errc::conflict);
    c.execute(
        "UPDATE dependants SET status = 'revoked', revoked_at = ? WHERE carer_id = ? AND "
        "patient_id = ?",
        {env_.clock.now(), who.account_id, patient_id});
    audit::record(c, env_.clock, relation_event(who, client, "carer.stopped", patient_id));
    return {};
  });
  if (done) told_carer_gone(who.account_id, patient_id);
  return done;
}

}  // namespace yq::scheduling
