#pragma once
// The SQL of the queues: entries, positions and the numbers a wait estimate needs, and the
// services they belong to (scheduling's, read through scheduling/services/service_reads.hpp, with
// their organisations' names from identity/people.hpp). All state lives in the database
// (queue_entries, queue_duty), so every server node sees the same queue; nothing here keeps memory
// between calls.
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace yq::queue {

struct QueueServiceRow {
  std::string id, organisation_id;
  boost::json::object name;               // {en, zh-Hant, zh-Hans}
  boost::json::object organisation_name;  // {en, zh-Hant, zh-Hans}
  std::string specialty, consultation_type;
  std::int64_t slot_minutes = 15;
  std::string queue_hours;
  // queue_enabled, active, and its organisation active: the queue exists for patients and doctors
  bool usable = false;
};
std::optional<QueueServiceRow> load_queue_service(store::Connection& c, const std::string& id);
// Every usable queue, optionally of one organisation, by name.
std::vector<QueueServiceRow> usable_queue_services(store::Connection& c,
                                                   const std::optional<std::string>& organisation);

struct QueueEntry {
  std::string id, service_id, patient_id, joined_by;
  std::int64_t priority = 2;
  std::string triage;  // JSON text
  std::string status;
  std::int64_t joined_at = 0, seq = 0, last_seen_at = 0;
  std::string taken_by;
  std::optional<std::int64_t> taken_at, ended_at;
  std::string end_reason;
};
std::optional<QueueEntry> load_entry(store::Connection& c, const std::string& id);
// Waiting entries of a service in the order doctors take them (priority band, then arrival).
std::vector<QueueEntry> waiting_in_order(store::Connection& c, const std::string& service_id,
                                         std::int64_t limit);
// Entries being seen now in a service.
std::vector<QueueEntry> taken_in_service(store::Connection& c, const std::string& service_id);
// The waiting or taken entries of these patients.
std::vector<QueueEntry> active_entries_of(store::Connection& c,
                                          const std::vector<std::string>& patient_ids);
// How many waiting entries are ahead of this one (same ordering as waiting_in_order).
std::int64_t ahead_of(store::Connection& c, const QueueEntry& e);

struct QueueStats {
  std::int64_t waiting = 0;
  std::int64_t doctors_on_duty = 0;
  std::int64_t busy_doctors = 0;
  std::int64_t typical_seconds = 0;  // median of recent consultations, else the slot length
};
QueueStats queue_stats(store::Connection& c, const std::string& service_id,
                       std::int64_t slot_minutes);

bool on_duty(store::Connection& c, const std::string& service_id, const std::string& doctor_id);

// {id, display_name} of an account.
boost::json::object person_json(store::Connection& c, const std::string& account_id);
// A doctor's name in three languages (the {doctor} placeholder of notices).
boost::json::object doctor_name(store::Connection& c, const std::string& doctor_id);

}  // namespace yq::queue
