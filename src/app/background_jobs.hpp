#pragma once
// Every periodic job of a serving node, each on a thread of its own:
//   ws_session_watch       closes WebSockets whose session expired (session_watch.hpp)
//   mailer                 sends the outbox over SMTP
//   reminders              appointment reminders, claimed so several nodes send each once
//   queue sweeper          takes waiting patients with no sign of life out of the queue
//   slot horizon           rolls the bookable slots forward after every Hong Kong midnight
//   directory keeper       rebuilds doctor-directory rows whose next free time has passed
//   audit_anonymous_flush  unauthenticated requests' audit events, summed: one write a round
//   audit_anchor           signed checkpoints of the audit chain head outside the database
// Started once the server is bound and the services exist; stopped when the server has stopped.
#include "app/session_watch.hpp"
#include "app/wiring.hpp"
#include "audit/anchor.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/periodic.hpp"
#include "http/ws_hub.hpp"
#include "mail/outbox.hpp"
#include "notify/reminder_sender.hpp"
#include "queue/sweeper.hpp"
#include "scheduling/availability/slot_horizon.hpp"
#include "scheduling/directory/index.hpp"

namespace yq::app {

class BackgroundJobs {
 public:
  // anchor_key: loaded before the server binds, so a key others may read stops it first.
  BackgroundJobs(const core::Config& cfg, Services& services, http::WsHub& hub,
                 core::SigningKey anchor_key);
  BackgroundJobs(const BackgroundJobs&) = delete;
  BackgroundJobs& operator=(const BackgroundJobs&) = delete;

  void start();
  // Each job finishes the round it is in.
  void stop();
  // After stop() and once the worker pool has drained: the last anonymous tallies, and a
  // checkpoint that covers everything the stopped services wrote.
  void final_checkpoint();

 private:
  Services& services_;
  SessionWatch session_watch_;
  core::Periodic session_watcher_;
  mail::SmtpSender mailer_;
  notify::ReminderSender reminders_;
  queue::QueueSweeper queue_sweeper_;
  scheduling::SlotHorizon slot_horizon_;
  scheduling::DirectoryKeeper directory_keeper_;
  core::Periodic anonymous_flusher_;
  audit::AnchorWriter anchor_;
  core::Periodic anchor_writer_;
};

}  // namespace yq::app
