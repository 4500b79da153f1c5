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
          "SELECT r.id, r.kind, a.id, a.patient_id, a.booked_by, a.status, a.starts_at "
          "FROM reminders r JOIN appointments a ON a.id = r.appointment_id "
          "WHERE r.sent_at IS NULL AND r.cancelled_at IS NULL AND r.due_at <= ? "
          "ORDER BY r.due_at, r.id LIMIT ?";
      // Several nodes: each takes rows nobody else is holding instead of queueing behind them.
      // (SQLite has one writer at a time, so there is nothing to skip.)
      if (db.dialect() == store::Dialect::postgresql) select += " FOR UPDATE OF r SKIP LOCKED";
      for (const auto& r : c.query(select, {now, kBatch})) {
        const std::string reminder = r.text(0);
        const std::string kind = r.text(1);
        const std::string status = r.text(5);
        const std::int64_t starts_at = r.i64(6);
        // Not worth sending: the appointment is over, cancelled or started, or (after downtime)
        // the 24-hour reminder is so late that the 1-hour one says the same.
        const bool active = status == "booked" || status == "checked_in";
        const bool stale = now >= starts_at || (kind == "24h" && now >= starts_at - 3600);
        if (!active || stale) {
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
        const auto params = Notifier::appointment_params(c, r.text(2));
        std::vector<std::string> to{r.text(3)};
        if (r.text(4) != r.text(3)) to.push_back(r.text(4));
        for (const auto& account : to) {
          Notifier::record(c, clock,
                           Notice{account, "appointment.reminder_" + kind, params,
                                  "/appointments/" + r.text(2), true, r.text(3)},
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
                               int poll_seconds, std::string public_url)
    : impl_(std::make_unique<Impl>(db, clock, notifier, poll_seconds < 1 ? 1 : poll_seconds,
                                   std::move(public_url))) {}

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
