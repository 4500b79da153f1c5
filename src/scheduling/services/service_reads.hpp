#pragma once
// What other modules may read of scheduling's services, without the catalogue's API or its SQL:
// the queue a service's names, hours and organisation and whether it runs; consult the names,
// specialty and kind of consultation that describe a room.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/localised_text.hpp"
#include "store/database.hpp"

namespace yq::scheduling {

struct ServiceRecord {
  std::string id, organisation_id;
  core::LocalisedText name;
  std::string specialty, consultation_type;
  std::int64_t slot_minutes = 15;
  bool queue_enabled = false;
  std::string queue_hours;  // "" = 24x7, else the JSON list of windows
  bool active = false;
};

// Retired or not (a past visit still names its service).
std::optional<ServiceRecord> find_service(store::Connection& c, const std::string& service_id);
// Active services with a queue, optionally of one organisation (in no particular order; whether
// their organisation is active is identity's answer).
std::vector<ServiceRecord> queue_services(store::Connection& c,
                                          const std::optional<std::string>& organisation_id);
// Makes others that call this for the service wait until this transaction ends (PostgreSQL:
// a row lock that leaves the foreign-key checks of bookings on the service unblocked; SQLite's
// writers already take turns, so nothing).
void take_turns_on_service(store::Connection& c, store::Dialect dialect,
                           const std::string& service_id);

}  // namespace yq::scheduling
