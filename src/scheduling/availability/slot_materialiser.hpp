#pragma once
// Slots are materialised: rows for every bookable time over a rolling horizon, so booking is one
// insert guarded by a unique index and a search is an indexed range scan. This keeps those rows in
// step with their sources (weekly templates, one-off sessions, leave, public holidays, the
// service's slot length and active flag).
//
// A slot that is no longer wanted is withdrawn, never deleted or moved: an appointment on it keeps
// its time, is flagged needs_rebooking, its reminders are cancelled and the patient (and whoever
// booked for them) is told to choose a new time. Past slots are never touched.
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "store/database.hpp"

namespace yq::scheduling {

struct MaterialiseResult {
  int added = 0;
  int withdrawn = 0;
  int needs_rebooking = 0;
  std::vector<std::string> told;  // accounts notified, for Notifier::push after the commit
};

// {added, withdrawn, needs_rebooking}: what an admin's change did to the slots, in its answer.
boost::json::object slot_summary(const MaterialiseResult& m);

// The rules materialise_doctor follows; raise it when they change so the next pass redoes every
// doctor (slot_horizons.version).
inline constexpr int kMaterialiserVersion = 1;

// Inside the caller's write transaction. Serialises with other materialisations of the same
// doctor (a row lock on the doctor's account) so two of them never insert the same slot. It
// answers only for slots made from the doctor's current templates and sessions, plus
// `removed_source` (the template or session the caller just deleted); an open slot of any other
// origin is left alone and keeps its time from new slots.
void materialise_doctor(store::Connection& c, const core::Clock& clock,
                        const std::string& doctor_id, int horizon_days,
                        const std::string& public_url, MaterialiseResult& out,
                        const std::string& removed_source = {});

// Doctors with a template or a session for any service of the organisation (a holiday changed).
std::vector<std::string> doctors_of_organisation(store::Connection& c,
                                                 const std::string& organisation_id);
// Doctors with a template or a session for the service (its length or active flag changed).
std::vector<std::string> doctors_of_service(store::Connection& c, const std::string& service_id);
// Every doctor with any template or session (the daily horizon job).
std::vector<std::string> scheduled_doctors(store::Connection& c);

}  // namespace yq::scheduling
