#pragma once
// Appointment reminders (24 hours and 1 hour before the start). Booking services call these inside
// their own transaction, so a reminder exists exactly when the booking does; the ReminderSender
// (reminder_sender.hpp) delivers due rows later, each exactly once.
#include <cstdint>
#include <string>

#include "store/database.hpp"

namespace yq::notify {

// Creates or moves the appointment's reminders to starts_at - 24h and starts_at - 1h. Reminders
// already sent stay as they are; ones whose time has passed at `now` are not created (a booking an
// hour ahead gets no 24-hour reminder), and a moved one that is now past is cancelled.
void schedule_reminders(store::Connection& c, const std::string& appointment_id,
                        std::int64_t starts_at, std::int64_t now);

// Marks the appointment's unsent reminders cancelled (cancelling or rebooking an appointment).
void cancel_reminders(store::Connection& c, const std::string& appointment_id, std::int64_t now);

}  // namespace yq::notify
