#pragma once
// One appointment as stored, who may reach it, and how the API shows it.
//
// Reach: the patient and their active carers; the appointment's doctor; admins of its
// organisation. Platform admins and everyone else get not_found, exactly as for an id that does
// not exist, so an id in a URL never tells one patient anything about another's booking.
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "consent/consent.hpp"
#include "identity/principal.hpp"
#include "store/database.hpp"

namespace yq::scheduling {

struct AppointmentRow {
  std::string id, slot_id, patient_id, booked_by, doctor_id, service_id, organisation_id;
  std::int64_t starts_at = 0, ends_at = 0;
  std::string status;
  bool needs_rebooking = false;
};

std::optional<AppointmentRow> load_appointment(store::Connection& c, const std::string& id);

// Whether the visit is still on: booked, checked in or in consultation (not cancelled, completed
// or a no-show).
bool still_on(const AppointmentRow& a);

// Organisations the patient has a visit with that is still on and starts from 12 hours before
// `now` to 14 days after it: their care relationship for the shared record (records/care.hpp).
inline constexpr std::int64_t kCareLookBackSeconds = 12 * 3600;
inline constexpr std::int64_t kCareLookAheadSeconds = 14 * 24 * 3600;
std::vector<std::string> organisations_with_visit_near(store::Connection& c,
                                                       const std::string& patient_id,
                                                       std::int64_t now);

enum class Reach { none, patient_side, doctor, org_admin };
Reach reach_of(store::Connection& c, const identity::Principal& who, const AppointmentRow& a);

// Whether the reader sees the appointment's clinical part (the reason, symptoms and allergies the
// patient gave): the patient side and the appointment's doctor do; an organisation admin sees
// times and people only (need-to-know). consent decides; callers note the reason in their audit.
consent::Decision clinical_reading(store::Connection& c, const identity::Principal& who,
                                   const AppointmentRow& a);

// The appointment for the API (patient, doctor, service, organisation, state, and with `clinical`
// the questionnaire; without it those fields are null). An id no appointment has answers {}.
boost::json::object appointment_json(store::Connection& c, const std::string& id, bool clinical);
// The same for a page of appointments, in the order of `ids` (an unknown id answers {}), with a
// fixed number of queries however long the page: the rows in one, the names in one per kind
// (parties.hpp). Every list uses this, never appointment_json in a loop.
std::vector<boost::json::object> appointments_json(store::Connection& c,
                                                   const std::vector<std::string>& ids,
                                                   bool clinical);
// The appointment as `who` may see it.
boost::json::object appointment_json_for(store::Connection& c, const identity::Principal& who,
                                         const AppointmentRow& a);

// An audit event about the appointment, naming its patient (and on whose behalf a carer acted).
audit::Event appointment_event(const identity::Principal& who, const identity::ClientInfo& client,
                               std::string action, const AppointmentRow& a);

}  // namespace yq::scheduling
