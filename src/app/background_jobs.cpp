#include "app/background_jobs.hpp"

#include <chrono>

#include "core/log.hpp"
#include "scheduling/booking/notices.hpp"

namespace yq::app {

BackgroundJobs::BackgroundJobs(const core::Config& cfg, Services& s, http::WsHub& hub,
                               core::SigningKey anchor_key)
    : services_(s),
      session_watch_(hub, s.accounts, s.clock),
      session_watcher_("ws_session_watch", std::chrono::seconds(cfg.ws_session_check_seconds),
                       [this] { session_watch_.look(); }),
      mailer_(*s.db, cfg),
      // Scheduling answers what a due reminder's appointment is now (notify reads no
      // appointments).
      reminders_(*s.db, s.clock, s.notifier, scheduling::reminded_appointment,
                 cfg.reminder_poll_seconds, s.public_url),
      queue_sweeper_(s.queues, cfg.queue_sweep_seconds),
      slot_horizon_(s.scheduling.env()),
      directory_keeper_(*s.db, s.clock, std::chrono::seconds(10)),
      anonymous_flusher_("audit_anonymous_flush",
                         std::chrono::seconds(cfg.audit_anonymous_flush_seconds),
                         [this] { services_.accounts.anonymous_audit().flush(*services_.db); }),
      anchor_(*s.db, s.clock, cfg.effective_audit_anchor_path(), std::move(anchor_key)),
      anchor_writer_("audit_anchor", std::chrono::seconds(cfg.audit_anchor_seconds),
                     [this] { anchor_.checkpoint(); }) {}

void BackgroundJobs::start() {
  session_watcher_.start();
  mailer_.start();
  reminders_.start();
  queue_sweeper_.start();
  slot_horizon_.start();
  directory_keeper_.start();
  anonymous_flusher_.start();
  anchor_writer_.start();
}

void BackgroundJobs::stop() {
  anonymous_flusher_.stop();
  anchor_writer_.stop();
  directory_keeper_.stop();
  slot_horizon_.stop();
  queue_sweeper_.stop();
  reminders_.stop();
  mailer_.stop();
  session_watcher_.stop();
}

void BackgroundJobs::final_checkpoint() {
  try {
    services_.accounts.anonymous_audit().flush(*services_.db);
    anchor_.checkpoint();
  } catch (const std::exception& e) {
    core::log::error("audit_anchor_failed", {{"what", e.what()}});
  }
}

}  // namespace yq::app
