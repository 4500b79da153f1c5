#pragma once
// Sends due appointment reminders: an in-app notice and an e-mail to the patient, and to whoever
// booked for them (a parent booking for a child). Each reminder goes out exactly once, across
// restarts and across several server nodes sharing a PostgreSQL database: claiming a reminder
// (setting sent_at where it is still NULL) and writing its notices and e-mails happen in one
// transaction, so a crash leaves either all of it or none, and the conditional update lets only one
// sender claim a row.
#include <cstdint>
#include <memory>
#include <string>

#include "core/time.hpp"
#include "notify/notifier.hpp"
#include "store/database.hpp"

namespace yq::notify {

class ReminderSender {
 public:
  ReminderSender(store::Database& db, const core::Clock& clock, Notifier& notifier,
                 int poll_seconds, std::string public_url);
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
