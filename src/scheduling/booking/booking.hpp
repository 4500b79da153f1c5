#pragma once
// Booking, cancelling, rescheduling and the states of an appointment.
//
// THE invariant (one active booking per slot) is the partial unique index
// appointments_one_active_per_slot, on both engines; the code never decides it. Booking first
// locks the slot row (a no-op UPDATE: PostgreSQL row lock, SQLite's single writer) and looks for
// an active booking, so the usual loser gets a clean slot_taken without an aborted statement; a
// unique violation that still happens is mapped to slot_taken too. Rescheduling is one UPDATE of
// slot_id in place: the appointment holds the new slot (the index checks it) in the same statement
// that releases the old one, so it can never end up with none or two.
//
// Notices (patient, whoever booked for them, the doctor) and reminders are written in the same
// transaction and pushed after the commit. Every read and change is audited with the patient.
#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "identity/principal.hpp"
#include "scheduling/env.hpp"

namespace yq::scheduling {

// Patients change their own bookings online until this long before the start (staff any time
// before it; a booking flagged for rebooking any time).
inline constexpr std::int64_t kPatientChangeCutoffSeconds = 3600;
inline constexpr std::int64_t kMaxAppointmentPage = 100;

struct BookingInput {
  std::string slot_id;
  std::string patient_id;  // the caller or someone they actively care for
  std::string reason, symptoms, known_allergies;
  // Set by the consult module once it checked that the caller is the doctor of a consultation
  // with this patient: the doctor books a follow-up in one of their own slots at the
  // consultation's organisation (a slot at another organisation of theirs would make that one a
  // carer of the patient, with the shared record that comes with it).
  bool by_treating_doctor = false;
  std::string treating_organisation_id;
};

// The answer to a (possibly repeated) booking: status and the appointment as the API shows it to
// the booker, as first given (a replay reads the stored answer back).
struct BookingAnswer {
  int status = 201;
  boost::json::object appointment;
};

class Booking {
 public:
  explicit Booking(Env& env) : env_(env) {}

  // idempotency_key: the header, already checked for shape; body_hash: SHA-256 of the raw body.
  core::Result<BookingAnswer> book(const identity::Principal& who, const BookingInput& in,
                                   const std::optional<std::string>& idempotency_key,
                                   const std::string& body_hash,
                                   const identity::ClientInfo& client);
  core::Result<boost::json::object> cancel(const identity::Principal& who, const std::string& id,
                                           const std::string& reason,
                                           const identity::ClientInfo& client);
  core::Result<boost::json::object> reschedule(const identity::Principal& who,
                                               const std::string& id,
                                               const std::string& new_slot_id,
                                               const identity::ClientInfo& client);
  // checked_in, in_consultation, completed, no_show: only the valid moves, by the right people.
  core::Result<boost::json::object> set_status(const identity::Principal& who,
                                               const std::string& id, const std::string& status,
                                               const identity::ClientInfo& client);
  // The consultation room's moves of the appointment, inside the caller's (consult's) transaction
  // and by the rule set_status follows, each audited as appointment.status. `who` is the
  // appointment's doctor. The patient was admitted: booked or checked in -> in_consultation
  // (already there: nothing to do).
  core::Result<void> start_consultation(store::Connection& c, const identity::Principal& who,
                                        const std::string& id, const identity::ClientInfo& client);
  // The room was ended: -> completed, by way of in_consultation when the patient was never
  // admitted (already completed: nothing to do).
  core::Result<void> complete_consultation(store::Connection& c, const identity::Principal& who,
                                           const std::string& id,
                                           const identity::ClientInfo& client);

  core::Result<boost::json::object> get(const identity::Principal& who, const std::string& id,
                                        const identity::ClientInfo& client);
  // The caller's and their dependants' appointments: upcoming (soonest first) or past (latest
  // first), optionally for one of them.
  core::Result<std::vector<boost::json::object>> mine(const identity::Principal& who,
                                                      const std::optional<std::string>& patient_id,
                                                      bool past, std::int64_t limit,
                                                      const identity::ClientInfo& client);
  // A doctor's appointments on one Hong Kong day ('' = today; the doctor, or their
  // organisation's admins).
  core::Result<boost::json::object> day_schedule(const identity::Principal& who,
                                                 const std::string& doctor_id,
                                                 const std::string& day,
                                                 const identity::ClientInfo& client);
  // The appointment as an iCalendar file (same reach as get).
  core::Result<std::string> calendar(const identity::Principal& who, const std::string& id,
                                     const identity::ClientInfo& client);

  // Called, in the rescheduling transaction, when a booking moves to another doctor's slot: what
  // others keep about the appointment (consult: its room's doctor) follows it without reading
  // appointments. Register at wiring, before the first request.
  using DoctorChanged = std::function<void(store::Connection&, const std::string& appointment_id,
                                           const std::string& doctor_id)>;
  void on_doctor_changed(DoctorChanged listener) { doctor_changed_.push_back(std::move(listener)); }

 private:
  Env& env_;
  std::vector<DoctorChanged> doctor_changed_;
};

}  // namespace yq::scheduling
