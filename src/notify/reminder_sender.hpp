#pragma once
// Sends due appointment reminders: an in-app notice and an e-mail to the patient, and to whoever
// booked for them (a parent booking for a child). Each reminder goes out exactly once, across
// restarts and across several server nodes sharing a PostgreSQL database: claiming a reminder
// (setting sent_at where it is still NULL) and writing its notices and e-mails happen in one
// transaction, so a crash leaves either all of it or none, and the conditional update lets only one
// sender claim a row.
//
// Appointments are scheduling's: the sender asks about a reminder's appointment through the lookup
// it is given at wiring (src/app/background_jobs.cpp), as the appointment is at the moment of
// sending. Consent is asked as each notice is recorded (Notifier::record), so a carer whose access
// ended since the booking hears nothing.
#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/time.hpp"
#include "notify/notifier.hpp"
#include "store/database.hpp"

namespace yq::notify {

// A reminder's appointment as it is now: whether it is still on and what its notices say.
struct RemindedAppointment {
  std::string patient_id, booked_by;
  bool active = false;  // booked or checked in (not cancelled, started or over)
  std::int64_t starts_at = 0;
  boost::json::object params;  // the params of its "appointment.*" notices
};
// Inside the sender's transaction; nullopt when there is no such appointment.
using AppointmentLookup = std::function<std::optional<RemindedAppointment>(
    store::Connection& c, const std::string& appointment_id)>;

class ReminderSender {
 public:
  ReminderSender(store::Database& db, const core::Clock& clock, Notifier& notifier,
                 AppointmentLookup appointment, int poll_seconds, std::string public_url);
  ~ReminderSender();
  ReminderSender(const ReminderSender&) = delete;
  ReminderSender& operator=(const ReminderSender&) = delete;

  // A thread that calls send_due() every poll_seconds until stop().
  void start();
  void stop();
  // Sends what is due now; returns how many reminders went out (tests call this directly).
  int send_due();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace yq::notify
