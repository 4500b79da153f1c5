// The patient's side of the queue: joining, seeing one's place, leaving, staying present.
#include "queue/queue.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "audit/audit_log.hpp"
#include "audit/event.hpp"
#include "consent/consent.hpp"
#include "core/ids.hpp"
#include "http/ws_hub.hpp"
#include "queue/json.hpp"
#include "queue/time.hpp"
#include "queue/wait.hpp"
#include "scheduling/patient_details.hpp"
#include "scheduling/services/service_reads.hpp"

namespace yq::queue {

using core::Errc;
using core::Error;

namespace {

// A patient is rarely in more than a couple of queues; this bounds what one heartbeat reads.
constexpr std::int64_t kMaxHeartbeatEntries = 50;

boost::json::value hours_json(const std::optional<QueueHours>& hours) {
  if (!hours) return nullptr;  // unreadable: shown as closed
  if (hours->always) return "24x7";
  boost::json::array out;
  for (const auto& w : hours->windows)
    out.push_back({{"weekday", w.weekday}, {"from", w.from}, {"to", w.to}});
  return out;
}

bool is_unique_violation(const store::DbError& e) {
  return e.code() == store::DbErrc::unique_violation;
}

}  // namespace

QueueService::QueueService(store::Database& db, const core::Clock& clock,
                           notify::Notifier& notifier, http::WsHub* hub, QueueOptions options)
    : db_(db), clock_(clock), notifier_(notifier), push_(db, hub), options_(std::move(options)) {}

void add_queue_messages(http::WsHub& hub, QueueService& queues) {
  // Only patients join queues (for themselves or as a carer), so only they have places to keep.
  hub.on(
      "queue.heartbeat", http::Policy::roles_any({"patient"}),
      "A waiting patient's page is open: keep their queue places; answers with each position",
      [&queues](http::WsConnection& from, const boost::json::object&) {
        for (const auto& m : queues.heartbeat(from.principal().account_id))
          from.send(boost::json::serialize(m));
      },
      http::WsRate{10, 30});
}

bool QueueService::staff_of(const identity::Principal& by, const std::string& organisation_id,
                            bool doctors_only) const {
  return by.has_role_in("doctor", organisation_id) ||
         (!doctors_only && by.has_role_in("org_admin", organisation_id));
}

consent::Decision QueueService::reads_triage(store::Connection& c, const identity::Principal& by,
                                             const QueueEntry& e,
                                             const std::string& organisation_id) const {
  // The service's doctors choose and see patients by their answers; nobody else at the
  // organisation needs them.
  const bool treating = !organisation_id.empty() && by.has_role_in("doctor", organisation_id);
  return consent::decide(c, by.account_id, e.patient_id, consent::Purpose::read_clinical,
                         {.treating_clinician = treating});
}

void QueueService::after_change(const std::vector<std::string>& service_ids) {
  push_.changed(service_ids);
}

boost::json::object QueueService::list_queues(const std::optional<std::string>& organisation) {
  const std::int64_t now = clock_.now();
  return db_.read([&](store::Connection& c) {
    boost::json::array items;
    for (const auto& s : usable_queue_services(c, organisation)) {
      const auto hours = parse_queue_hours(s.queue_hours);
      const auto stats = queue_stats(c, s.id, s.slot_minutes);
      // A newcomer joins behind everyone in their band; the routine band is the honest guess.
      const auto wait = estimate_wait_seconds(
          {stats.waiting, stats.doctors_on_duty, stats.busy_doctors, stats.typical_seconds});
      auto o = service_json(s);
      o["open"] = hours && is_open(*hours, now);
      o["hours"] = hours_json(hours);
      o["waiting"] = stats.waiting;
      o["doctors_on_duty"] = stats.doctors_on_duty;
      o["estimated_wait_minutes"] =
          wait ? boost::json::value(to_minutes_up(*wait)) : boost::json::value(nullptr);
      items.push_back(std::move(o));
    }
    return boost::json::object{{"items", std::move(items)}, {"triage", checklist_json()}};
  });
}

core::Result<boost::json::object> QueueService::join(const identity::Principal& by,
                                                     const std::string& service_id,
                                                     const std::optional<std::string>& patient_id,
                                                     const Triage& triage,
                                                     const identity::ClientInfo& client) {
  const std::string patient = patient_id.value_or(by.account_id);
  const std::int64_t now = clock_.now();

  // Emergency answers come first: someone with chest pain is told to call 999 whether or not the
  // queue is open. The advice is audited (without the answers: no health data in audit lines).
  if (const auto flags = red_flags(triage); !flags.empty()) {
    db_.write([&](store::Connection& c) {
      auto ev = audit::event_by(by, client, "queue.emergency_advice", "service", service_id);
      if (consent::may_act_for(c, by.account_id, patient)) {
        ev.patient_id = patient;
        if (patient != by.account_id) ev.on_behalf_of = patient;
      }
      ev.outcome = "denied";
      audit::record(c, clock_, ev);
    });
    return emergency_advice(flags);
  }

  core::Result<boost::json::object> out = Error::of(Errc::internal);
  try {
    out = db_.write([&](store::Connection& c) -> core::Result<boost::json::object> {
      const auto svc = load_queue_service(c, service_id);
      if (!svc || !svc->usable) return Error::of(Errc::not_found);
      if (!consent::may_act_for(c, by.account_id, patient)) return Error::of(Errc::not_found);
      const auto hours = parse_queue_hours(svc->queue_hours);
      if (!hours || !is_open(*hours, now)) return Error::of(Errc::queue_closed);
      // Arrival numbers are MAX + 1: on PostgreSQL (READ COMMITTED) two joins could read the same
      // MAX, so joins of one service take turns on its row. NO KEY UPDATE leaves the foreign-key
      // checks of bookings on this service unblocked. SQLite writers already take turns.
      scheduling::take_turns_on_service(c, db_.dialect(), service_id);
      if (c.query_one("SELECT 1 FROM queue_entries WHERE service_id = ? AND patient_id = ? AND "
                      "status = 'waiting'",
                      {service_id, patient}))
        return Error::of(Errc::already_queued);
      const auto dob = scheduling::date_of_birth(c, patient);
      const int priority = priority_band(triage, dob ? age_in_years(*dob, now) : std::nullopt);
      const std::int64_t seq =
          c.query_one("SELECT COALESCE(MAX(seq), 0) + 1 FROM queue_entries WHERE service_id = ?",
                      {service_id})
              ->i64(0);
      QueueEntry e{core::new_id(),
                   service_id,
                   patient,
                   by.account_id,
                   priority,
                   boost::json::serialize(triage_json(triage)),
                   "waiting",
                   now,
                   seq,
                   now,
                   "",
                   std::nullopt,
                   std::nullopt,
                   ""};
      c.execute(
          "INSERT INTO queue_entries (id, service_id, patient_id, joined_by, priority, triage, "
          "status, joined_at, seq, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?)",
          {e.id, e.service_id, e.patient_id, e.joined_by, e.priority, e.triage, now, seq, now});
      audit::record(c, clock_, entry_event(by, "queue.join", e, client));
      return entry_json(c, e, true);
    });
  } catch (const store::DbError& e) {
    // The partial unique index queue_entries_one_waiting caught a join racing this one.
    if (!is_unique_violation(e)) throw;
    return Error::of(Errc::already_queued);
  }
  if (out) after_change({service_id});
  return out;
}

boost::json::object QueueService::my_entries(const identity::Principal& by,
                                             const identity::ClientInfo& client) {
  return db_.write([&](store::Connection& c) {
    boost::json::array items;
    for (const auto& e : active_entries_of(c, consent::patients_in_care_of(c, by.account_id))) {
      audit::record(c, clock_, entry_event(by, "queue.read", e, client));
      items.push_back(entry_json(c, e, true));
    }
    return boost::json::object{{"items", std::move(items)}};
  });
}

core::Result<boost::json::object> QueueService::entry(const identity::Principal& by,
                                                      const std::string& id,
                                                      const identity::ClientInfo& client) {
  return db_.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    const auto e = load_entry(c, id);
    if (!e) return Error::of(Errc::not_found);
    const bool patient_side = consent::may_act_for(c, by.account_id, e->patient_id);
    const auto svc = patient_side ? std::nullopt : load_queue_service(c, e->service_id);
    if (!patient_side && !(svc && staff_of(by, svc->organisation_id, false)))
      return Error::of(Errc::not_found);
    const auto clinical = reads_triage(c, by, *e, svc ? svc->organisation_id : std::string());
    auto ev = entry_event(by, "queue.read", *e, client);
    if (!clinical) ev.detail += "; without triage";
    audit::record(c, clock_, ev);
    return entry_json(c, *e, clinical.allowed);
  });
}

core::Result<boost::json::object> QueueService::leave(const identity::Principal& by,
                                                      const std::string& id,
                                                      const identity::ClientInfo& client) {
  struct Left {
    boost::json::object json;
    std::optional<QueueEntry> ended;  // set when this call ended it
    std::string doctor;               // who was seeing the patient, if anyone
  };
  const std::int64_t now = clock_.now();
  auto left = db_.write([&](store::Connection& c) -> core::Result<Left> {
    auto e = load_entry(c, id);
    if (!e || !consent::may_act_for(c, by.account_id, e->patient_id))
      return Error::of(Errc::not_found);
    Left out;
    // Leaving twice (a retried request, a second device) answers with the entry as it is.
    if (e->status == "waiting" || e->status == "taken") {
      if (c.execute("UPDATE queue_entries SET status = 'left', ended_at = ?, end_reason = 'left' "
                    "WHERE id = ? AND status IN ('waiting', 'taken')",
                    {now, id}) == 1) {
        if (e->status == "taken") out.doctor = e->taken_by;
        audit::record(c, clock_, entry_event(by, "queue.leave", *e, client));
        e = load_entry(c, id);
        out.ended = e;
      }
    }
    out.json = entry_json(c, *e, true);
    return out;
  });
  if (!left) return left.error();
  if (left->ended) {
    const boost::json::object ended{{"type", "queue.ended"},
                                    {"entry_id", id},
                                    {"service_id", left->ended->service_id},
                                    {"patient_id", left->ended->patient_id},
                                    {"reason", "left"}};
    push_.to_people(*left->ended, ended);
    if (!left->doctor.empty()) push_.to_account(left->doctor, ended);
    after_change({left->ended->service_id});
  }
  return std::move(left->json);
}

std::vector<boost::json::object> QueueService::heartbeat(const std::string& account_id) {
  const std::int64_t now = clock_.now();
  return db_.write([&](store::Connection& c) {
    c.execute(
        "UPDATE queue_entries SET last_seen_at = ? WHERE status = 'waiting' AND "
        "(joined_by = ? OR patient_id = ?)",
        {now, account_id, account_id});
    std::vector<boost::json::object> out;
    for (const auto& r : c.query("SELECT id FROM queue_entries WHERE status = 'waiting' AND "
                                 "(joined_by = ? OR patient_id = ?) ORDER BY joined_at, id LIMIT ?",
                                 {account_id, account_id, kMaxHeartbeatEntries})) {
      const auto e = load_entry(c, r.text(0));
      // A carer whose access was revoked no longer hears about the patient.
      if (!e || !consent::may_act_for(c, account_id, e->patient_id)) continue;
      const auto svc = load_queue_service(c, e->service_id);
      if (!svc) continue;
      out.push_back(
          position_message(*e, ahead_of(c, *e), queue_stats(c, e->service_id, svc->slot_minutes)));
    }
    return out;
  });
}

std::vector<std::string> organisations_with_open_visit(store::Connection& c,
                                                       const std::string& patient_id) {
  std::vector<std::string> out;
  for (const auto& e : active_entries_of(c, {patient_id}))
    if (const auto service = scheduling::find_service(c, e.service_id))
      out.push_back(service->organisation_id);
  return out;
}

std::optional<Visit> visit(store::Connection& c, const std::string& entry_id) {
  const auto e = load_entry(c, entry_id);
  if (!e) return std::nullopt;
  return Visit{e->patient_id, e->taken_by, e->service_id, e->taken_at.value_or(0),
               e->status == "taken"};
}

}  // namespace yq::queue
