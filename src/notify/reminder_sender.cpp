#include "notify/reminder_sender.hpp"

#include <atomic>
#include <vector>

#include "core/log.hpp"
#include "core/periodic.hpp"

namespace yq::notify {

namespace {

// Claimed per transaction: small, so one node's batch never holds many rows another node waits for,
// and a failing reminder delays few others.
constexpr int kBatch = 20;

struct Claimed {
  int sent = 0;
  int skipped = 0;
  std::vector<std::string> told;  // accounts to push the unread count to after the commit
};

}  // namespace

struct ReminderSender::Impl {
  store::Database& db;
  const core::Clock& clock;
  Notifier& notifier;
  AppointmentLookup appointment;
  int poll_seconds;
  std::string public_url;

  // Set by stop() so a long run of batches ends between two of them.
  std::atomic<bool> stopping = false;
  std::unique_ptr<core::Periodic> poller;  // made by start(); last, so it stops first

  // One transaction: claims up to kBatch due reminders and writes what they say.
  Claimed send_batch() {
    return db.write([&](store::Connection& c) {
      Claimed out;
      const std::int64_t now = clock.now();
      std::string select =
          "SELECT id, kind, appointment_id FROM reminders "
          "WHERE sent_at IS NULL AND cancelled_at IS NULL AND due_at <= ? "
          "ORDER BY due_at, id LIMIT ?";
      // Several nodes: each takes rows nobody else is holding instead of queueing behind them.
      // (SQLite has one writer at a time, so there is nothing to skip.)
      if (db.dialect() == store::Dialect::postgresql) select += " FOR UPDATE SKIP LOCKED";
      for (const auto& r : c.query(select, {now, kBatch})) {
        const std::string reminder = r.text(0);
        const std::string kind = r.text(1);
        const std::string appointment_id = r.text(2);
        const auto a = appointment(c, appointment_id);
        // Not worth sending: the appointment is over, cancelled or started, or (after downtime)
        // the 24-hour reminder is so late that the 1-hour one says the same.
        const bool stale =
            !a || now >= a->starts_at || (kind == "24h" && now >= a->starts_at - 3600);
        if (!a || !a->active || stale) {
          out.skipped += static_cast<int>(
              c.execute("UPDATE reminders SET cancelled_at = ? "
                        "WHERE id = ? AND sent_at IS NULL AND cancelled_at IS NULL",
                        {now, reminder}));
          continue;
        }
        // The claim: whoever changes the row sends; a sender that finds it already claimed skips.
        if (c.execute("UPDATE reminders SET sent_at = ? "
                      "WHERE id = ? AND sent_at IS NULL AND cancelled_at IS NULL",
                      {now, reminder}) == 0)
          continue;
        std::vector<std::string> to{a->patient_id};
        if (a->booked_by != a->patient_id) to.push_back(a->booked_by);
        for (const auto& account : to) {
          Notifier::record(c, clock,
                           Notice{account, "appointment.reminder_" + kind, a->params,
                                  "/appointments/" + appointment_id, true, a->patient_id},
                           public_url);
          out.told.push_back(account);
        }
        ++out.sent;
      }
      return out;
    });
  }

  int send_due() {
    int total = 0;
    for (;;) {
      Claimed batch = send_batch();
      total += batch.sent;
      notifier.push(batch.told);
      if (batch.sent + batch.skipped < kBatch) break;
      if (stopping) break;
    }
    return total;
  }

  // One poll. A failure leaves the rows unsent; Periodic logs reminders_failed and the next poll
  // tries again (the database may be restarting).
  void poll() {
    if (const int n = send_due(); n > 0) core::log::info("reminders_sent", {{"count", n}});
  }
};

ReminderSender::ReminderSender(store::Database& db, const core::Clock& clock, Notifier& notifier,
                               AppointmentLookup appointment, int poll_seconds,
                               std::string public_url)
    : impl_(std::make_unique<Impl>(db, clock, notifier, std::move(appointment),
                                   poll_seconds < 1 ? 1 : poll_seconds, std::move(public_url))) {}

ReminderSender::~ReminderSender() {
  stop();
}

void ReminderSender::start() {
  if (!impl_->poller)
    impl_->poller =
        std::make_unique<core::Periodic>("reminders", std::chrono::seconds(impl_->poll_seconds),
                                         [impl = impl_.get()] { impl->poll(); });
  impl_->stopping = false;
  impl_->poller->start();
}

void ReminderSender::stop() {
  impl_->stopping = true;
  if (impl_->poller) impl_->poller->stop();
}

int ReminderSender::send_due() {
  return impl_->send_due();
}

}  // namespace yq::notify
