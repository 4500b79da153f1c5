// The doctor's and the organisation admin's side of the queue: duty, taking the next patient,
// ending a consultation, and seeing the organisation's queues.
#include <boost/json/array.hpp>

#include "audit/audit_log.hpp"
#include "audit/event.hpp"
#include "identity/roles.hpp"
#include "queue/json.hpp"
#include "queue/queue.hpp"
#include "scheduling/services/service_reads.hpp"

namespace yq::queue {

using core::Errc;
using core::Error;

namespace {

// A doctor loses the race for the head of the queue only to another doctor taking that very
// patient, so each retry finds a different head; this many losses in a row means something else
// is wrong.
constexpr int kMaxTakeAttempts = 100;

audit::Event duty_event(const identity::Principal& by, std::string action,
                        const std::string& service, const identity::ClientInfo& client) {
  return audit::event_by(by, client, std::move(action), "service", service);
}

boost::json::object ended_message(const QueueEntry& e, const std::string& reason) {
  return {{"type", "queue.ended"},
          {"entry_id", e.id},
          {"service_id", e.service_id},
          {"patient_id", e.patient_id},
          {"reason", reason}};
}

}  // namespace

void QueueService::roles_changed(const std::string& account_id,
                                 const std::string& organisation_id) {
  std::vector<std::string> services;
  db_.write([&](store::Connection& c) {
    services.clear();
    if (identity::holds_role(c, account_id, "doctor", organisation_id)) return;
    for (const auto& r :
         c.query("SELECT service_id FROM queue_duty WHERE doctor_id = ?", {account_id})) {
      const auto service = scheduling::find_service(c, r.text(0));
      if (service && service->organisation_id == organisation_id) services.push_back(service->id);
    }
    for (const auto& s : services)
      c.execute("DELETE FROM queue_duty WHERE service_id = ? AND doctor_id = ?", {s, account_id});
  });
  if (!services.empty()) after_change(services);
}

core::Result<boost::json::object> QueueService::set_duty(const identity::Principal& by,
                                                         const std::string& service_id, bool on,
                                                         const identity::ClientInfo& client) {
  const std::int64_t now = clock_.now();
  auto out = db_.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    const auto svc = load_queue_service(c, service_id);
    // Going off duty stays possible for a queue that was closed down meanwhile.
    if (!svc || (on && !svc->usable) || !staff_of(by, svc->organisation_id, true))
      return Error::of(Errc::not_found);
    std::int64_t changed = 0;
    if (on) {
      changed = c.execute(
          "INSERT INTO queue_duty (service_id, doctor_id, since) VALUES (?, ?, ?) "
          "ON CONFLICT (service_id, doctor_id) DO NOTHING",
          {service_id, by.account_id, now});
    } else {
      changed = c.execute("DELETE FROM queue_duty WHERE service_id = ? AND doctor_id = ?",
                          {service_id, by.account_id});
    }
    if (changed > 0)
      audit::record(c, clock_,
                    duty_event(by, on ? "queue.duty_on" : "queue.duty_off", service_id, client));
    const auto since =
        c.query_one("SELECT since FROM queue_duty WHERE service_id = ? AND doctor_id = ?",
                    {service_id, by.account_id});
    boost::json::object o{{"service", service_json(*svc)}, {"on_duty", since.has_value()}};
    o["since"] = since ? boost::json::value(since->i64(0)) : nullptr;
    return o;
  });
  // More or fewer doctors: every waiting patient's estimate changes.
  if (out) after_change({service_id});
  return out;
}

core::Result<boost::json::object> QueueService::take_next(const identity::Principal& by,
                                                          const std::string& service_id,
                                                          const identity::ClientInfo& client) {
  struct Taken {
    boost::json::object json;
    QueueEntry entry;
    boost::json::object doctor;
  };
  const std::int64_t now = clock_.now();
  core::Result<Taken> taken = Error::of(Errc::internal);
  try {
    taken = db_.write([&](store::Connection& c) -> core::Result<Taken> {
      const auto svc = load_queue_service(c, service_id);
      if (!svc || !staff_of(by, svc->organisation_id, true)) return Error::of(Errc::not_found);
      if (!on_duty(c, service_id, by.account_id)) return Error::of(Errc::not_on_duty);
      if (c.query_one("SELECT 1 FROM queue_entries WHERE taken_by = ? AND status = 'taken'",
                      {by.account_id}))
        return Error::of(Errc::doctor_busy);
      std::string head_sql =
          "SELECT id FROM queue_entries WHERE service_id = ? AND status = 'waiting' "
          "ORDER BY priority, seq, id LIMIT 1";
      // Several doctors at once on PostgreSQL: each passes over a patient another doctor is
      // taking this instant instead of waiting for that transaction and then losing.
      if (db_.dialect() == store::Dialect::postgresql) head_sql += " FOR UPDATE SKIP LOCKED";
      for (int attempt = 0; attempt < kMaxTakeAttempts; ++attempt) {
        const auto head = c.query_one(head_sql, {service_id});
        if (!head) return Error::of(Errc::queue_empty);
        const std::string id = head->text(0);
        // The claim: of two doctors choosing this row, only the one whose UPDATE still finds it
        // waiting gets the patient; the other tries the new head.
        if (c.execute("UPDATE queue_entries SET status = 'taken', taken_by = ?, taken_at = ? "
                      "WHERE id = ? AND status = 'waiting'",
                      {by.account_id, now, id}) != 1)
          continue;
        const auto e = load_entry(c, id);
        audit::record(c, clock_, entry_event(by, "queue.take", *e, client));
        boost::json::object params{{"doctor", doctor_name(c, by.account_id)},
                                   {"service", svc->name}};
        std::vector<std::string> told{e->joined_by};
        if (e->patient_id != e->joined_by) told.push_back(e->patient_id);
        for (const auto& account : told)
          notify::Notifier::record(
              c, clock_, {account, "queue.taken", params, "/queue/" + id, false, e->patient_id},
              options_.public_url);
        return Taken{entry_json(c, *e, true), *e, params.at("doctor").as_object()};
      }
      throw store::DbError(store::DbErrc::busy, "queue head kept changing");
    });
  } catch (const store::DbError& e) {
    // queue_entries_one_per_doctor: the same doctor pressed "next" twice at once.
    if (e.code() != store::DbErrc::unique_violation) throw;
    return Error::of(Errc::doctor_busy);
  }
  if (!taken) return taken.error();
  push_.to_people(taken->entry, {{"type", "queue.taken"},
                                 {"entry_id", taken->entry.id},
                                 {"service_id", service_id},
                                 {"patient_id", taken->entry.patient_id},
                                 {"doctor", {{"id", by.account_id}, {"name", taken->doctor}}},
                                 {"taken_at", now}});
  std::vector<std::string> told{taken->entry.joined_by};
  if (taken->entry.patient_id != taken->entry.joined_by) told.push_back(taken->entry.patient_id);
  notifier_.push(told);
  after_change({service_id});
  return std::move(taken->json);
}

core::Result<boost::json::object> QueueService::complete(const identity::Principal& by,
                                                         const std::string& id,
                                                         const std::string& outcome,
                                                         const identity::ClientInfo& client) {
  struct Done {
    boost::json::object json;
    std::optional<QueueEntry> ended;
  };
  auto done = db_.write([&](store::Connection& c) -> core::Result<Done> {
    auto ended = complete_in(c, by, id, outcome, client);
    if (!ended) return ended.error();
    Done out{{}, *ended};
    out.json = entry_json(c, *load_entry(c, id), true);
    return out;
  });
  if (!done) return done.error();
  if (done->ended) announce_completed(*done->ended, outcome);
  return std::move(done->json);
}

core::Result<std::optional<QueueEntry>> QueueService::complete_in(
    store::Connection& c, const identity::Principal& by, const std::string& id,
    const std::string& outcome, const identity::ClientInfo& client) {
  const auto e = load_entry(c, id);
  // Only the doctor seeing the patient ends the consultation.
  if (!e || e->taken_by != by.account_id || !by.has_role("doctor"))
    return Error::of(Errc::not_found);
  if (e->status == "taken" &&
      c.execute("UPDATE queue_entries SET status = 'completed', ended_at = ?, end_reason = ? "
                "WHERE id = ? AND status = 'taken'",
                {clock_.now(), outcome, id}) == 1) {
    audit::record(c, clock_, entry_event(by, "queue.complete", *e, client));
    return load_entry(c, id);
  }
  // The patient left first: nothing to end.
  if (e->status != "completed") return Error::of(Errc::conflict);
  return std::optional<QueueEntry>();
}

void QueueService::announce_completed(const QueueEntry& ended, const std::string& outcome) {
  push_.to_people(ended, ended_message(ended, outcome));
  after_change({ended.service_id});
}

core::Result<boost::json::object> QueueService::service_entries(
    const identity::Principal& by, const std::string& service_id, std::int64_t limit,
    const identity::ClientInfo& client) {
  return db_.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    const auto svc = load_queue_service(c, service_id);
    if (!svc || !staff_of(by, svc->organisation_id, false)) return Error::of(Errc::not_found);
    const auto stats = queue_stats(c, service_id, svc->slot_minutes);
    boost::json::array waiting, seeing;
    // Every entry shown is a read of that patient's data, and is audited as one.
    for (const auto& e : waiting_in_order(c, service_id, limit)) {
      audit::record(c, clock_, entry_event(by, "queue.read", e, client));
      waiting.push_back(entry_json(c, e, reads_triage(c, by, e, svc->organisation_id).allowed));
    }
    for (const auto& e : taken_in_service(c, service_id)) {
      audit::record(c, clock_, entry_event(by, "queue.read", e, client));
      seeing.push_back(entry_json(c, e, reads_triage(c, by, e, svc->organisation_id).allowed));
    }
    return boost::json::object{{"service", service_json(*svc)},
                               {"waiting_count", stats.waiting},
                               {"doctors_on_duty", stats.doctors_on_duty},
                               {"on_duty", on_duty(c, service_id, by.account_id)},
                               {"waiting", std::move(waiting)},
                               {"in_consultation", std::move(seeing)}};
  });
}

core::Result<boost::json::object> QueueService::organisation_queues(
    const identity::Principal& by, const std::string& organisation_id) {
  if (!staff_of(by, organisation_id, false)) return Error::of(Errc::not_found);
  return db_.read([&](store::Connection& c) -> core::Result<boost::json::object> {
    boost::json::array items;
    for (const auto& s : usable_queue_services(c, organisation_id)) {
      const auto stats = queue_stats(c, s.id, s.slot_minutes);
      boost::json::array doctors;
      for (const auto& r :
           c.query("SELECT doctor_id, since FROM queue_duty WHERE service_id = ? ORDER BY since, "
                   "doctor_id",
                   {s.id}))
        doctors.push_back(
            {{"id", r.text(0)}, {"name", doctor_name(c, r.text(0))}, {"since", r.i64(1)}});
      auto o = service_json(s);
      o["waiting"] = stats.waiting;
      o["in_consultation"] = c.query_one(
                                  "SELECT COUNT(*) FROM queue_entries WHERE service_id = ? "
                                  "AND status = 'taken'",
                                  {s.id})
                                 ->i64(0);
      o["doctors_on_duty"] = std::move(doctors);
      o["on_duty"] = on_duty(c, s.id, by.account_id);
      items.push_back(std::move(o));
    }
    return boost::json::object{{"items", std::move(items)}};
  });
}

boost::json::object QueueService::my_duty(const identity::Principal& by,
                                          const identity::ClientInfo& client) {
  return db_.write([&](store::Connection& c) {
    boost::json::array duty;
    for (const auto& r :
         c.query("SELECT service_id, since FROM queue_duty WHERE doctor_id = ? ORDER BY since",
                 {by.account_id})) {
      const auto svc = load_queue_service(c, r.text(0));
      if (!svc) continue;
      const auto stats = queue_stats(c, svc->id, svc->slot_minutes);
      duty.push_back(
          {{"service", service_json(*svc)}, {"since", r.i64(1)}, {"waiting", stats.waiting}});
    }
    boost::json::object out{{"duty", std::move(duty)}};
    out["current"] = nullptr;
    if (const auto r =
            c.query_one("SELECT id FROM queue_entries WHERE taken_by = ? AND status = 'taken'",
                        {by.account_id})) {
      const auto e = load_entry(c, r->text(0));
      audit::record(c, clock_, entry_event(by, "queue.read", *e, client));
      out["current"] = entry_json(c, *e, true);
    }
    return out;
  });
}

}  // namespace yq::queue
