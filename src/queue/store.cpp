#include "queue/store.hpp"

#include <algorithm>
#include <tuple>

#include "identity/people.hpp"
#include "notify/notice_text.hpp"
#include "queue/wait.hpp"
#include "scheduling/services/service_reads.hpp"

namespace yq::queue {

namespace {

constexpr std::string_view kEntryColumns =
    "SELECT id, service_id, patient_id, joined_by, priority, triage, status, joined_at, seq, "
    "last_seen_at, taken_by, taken_at, ended_at, end_reason FROM queue_entries ";

// The service (scheduling's) with its organisation (identity's).
QueueServiceRow service_row(const scheduling::ServiceRecord& r,
                            const identity::Organisation& organisation) {
  QueueServiceRow s;
  s.id = r.id;
  s.organisation_id = r.organisation_id;
  s.name = r.name.to_json();
  s.organisation_name = organisation.name.to_json();
  s.specialty = r.specialty;
  s.consultation_type = r.consultation_type;
  s.slot_minutes = r.slot_minutes;
  s.queue_hours = r.queue_hours;
  s.usable = r.queue_enabled && r.active && organisation.active;
  return s;
}

QueueEntry entry_row(const store::Row& r) {
  return QueueEntry{r.text(0),  r.text(1),     r.text(2),     r.text(3), r.i64(4),
                    r.text(5),  r.text(6),     r.i64(7),      r.i64(8),  r.i64(9),
                    r.text(10), r.opt_i64(11), r.opt_i64(12), r.text(13)};
}

std::vector<QueueEntry> entries(store::Connection& c, std::string_view where,
                                const store::Params& params) {
  std::vector<QueueEntry> out;
  for (const auto& r : c.query(std::string(kEntryColumns) + std::string(where), params))
    out.push_back(entry_row(r));
  return out;
}

}  // namespace

std::optional<QueueServiceRow> load_queue_service(store::Connection& c, const std::string& id) {
  const auto service = scheduling::find_service(c, id);
  if (!service) return std::nullopt;
  const auto organisation = identity::organisation(c, service->organisation_id);
  if (!organisation) return std::nullopt;
  return service_row(*service, *organisation);
}

std::vector<QueueServiceRow> usable_queue_services(store::Connection& c,
                                                   const std::optional<std::string>& organisation) {
  const auto services = scheduling::queue_services(c, organisation);
  std::vector<std::string> organisation_ids;
  for (const auto& s : services) organisation_ids.push_back(s.organisation_id);
  const auto organisations = identity::organisations(c, organisation_ids);
  std::vector<QueueServiceRow> out;
  for (const auto& s : services) {
    const auto o = organisations.find(s.organisation_id);
    if (o == organisations.end() || !o->second.active) continue;
    out.push_back(service_row(s, o->second));
  }
  // By organisation, then service, by their English names.
  const auto key = [](const QueueServiceRow& s) {
    return std::tuple<std::string_view, std::string_view, std::string_view>(
        s.organisation_name.at("en").as_string(), s.name.at("en").as_string(), s.id);
  };
  std::sort(out.begin(), out.end(),
            [&](const QueueServiceRow& a, const QueueServiceRow& b) { return key(a) < key(b); });
  return out;
}

std::optional<QueueEntry> load_entry(store::Connection& c, const std::string& id) {
  auto found = entries(c, "WHERE id = ?", {id});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<QueueEntry> waiting_in_order(store::Connection& c, const std::string& service_id,
                                         std::int64_t limit) {
  return entries(c,
                 "WHERE service_id = ? AND status = 'waiting' ORDER BY priority, seq, id LIMIT ?",
                 {service_id, limit});
}

std::vector<QueueEntry> taken_in_service(store::Connection& c, const std::string& service_id) {
  return entries(c, "WHERE service_id = ? AND status = 'taken' ORDER BY taken_at, id",
                 {service_id});
}

std::vector<QueueEntry> active_entries_of(store::Connection& c,
                                          const std::vector<std::string>& patient_ids) {
  std::vector<QueueEntry> out;
  for (const auto& p : patient_ids) {
    for (auto& e : entries(c,
                           "WHERE patient_id = ? AND status IN ('waiting', 'taken') "
                           "ORDER BY joined_at, id",
                           {p}))
      out.push_back(std::move(e));
  }
  return out;
}

std::int64_t ahead_of(store::Connection& c, const QueueEntry& e) {
  return c
      .query_one(
          "SELECT COUNT(*) FROM queue_entries WHERE service_id = ? AND status = 'waiting' AND "
          "(priority < ? OR (priority = ? AND (seq < ? OR (seq = ? AND id < ?))))",
          {e.service_id, e.priority, e.priority, e.seq, e.seq, e.id})
      ->i64(0);
}

QueueStats queue_stats(store::Connection& c, const std::string& service_id,
                       std::int64_t slot_minutes) {
  QueueStats s;
  s.waiting =
      c.query_one("SELECT COUNT(*) FROM queue_entries WHERE service_id = ? AND status = 'waiting'",
                  {service_id})
          ->i64(0);
  s.doctors_on_duty =
      c.query_one("SELECT COUNT(*) FROM queue_duty WHERE service_id = ?", {service_id})->i64(0);
  // A doctor on duty here who is seeing anyone (from any queue) is not free for this one.
  s.busy_doctors = c.query_one(
                        "SELECT COUNT(*) FROM queue_duty d WHERE d.service_id = ? AND EXISTS "
                        "(SELECT 1 FROM queue_entries e WHERE e.taken_by = d.doctor_id AND "
                        "e.status = 'taken')",
                        {service_id})
                       ->i64(0);
  std::vector<std::int64_t> lengths;
  for (const auto& r :
       c.query("SELECT ended_at - taken_at FROM queue_entries WHERE service_id = ? AND "
               "status = 'completed' AND end_reason = 'completed' AND taken_at IS NOT NULL AND "
               "ended_at IS NOT NULL ORDER BY ended_at DESC LIMIT ?",
               {service_id, kRecentConsultations}))
    lengths.push_back(std::max<std::int64_t>(0, r.i64(0)));
  s.typical_seconds = lengths.empty() ? slot_minutes * 60 : median_seconds(std::move(lengths));
  return s;
}

bool on_duty(store::Connection& c, const std::string& service_id, const std::string& doctor_id) {
  return c
      .query_one("SELECT 1 FROM queue_duty WHERE service_id = ? AND doctor_id = ?",
                 {service_id, doctor_id})
      .has_value();
}

boost::json::object person_json(store::Connection& c, const std::string& account_id) {
  const auto p = identity::person(c, account_id);
  return {{"id", account_id}, {"display_name", p ? p->display_name : std::string()}};
}

boost::json::object doctor_name(store::Connection& c, const std::string& doctor_id) {
  const auto p = identity::person(c, doctor_id);
  if (!p) return {};
  return notify::doctor_names(p->title, p->display_name, p->name_zh);
}

}  // namespace yq::queue
