#include "queue/sweeper.hpp"

#include <set>

#include "audit/audit_log.hpp"
#include "core/log.hpp"

namespace yq::queue {

namespace {

// Dropped per transaction: a small batch keeps row locks short when several nodes sweep.
constexpr std::int64_t kDropBatch = 50;
// Sign-of-life updates per statement (bounds the parameter list).
constexpr std::size_t kTouchBatch = 200;

}  // namespace

QueueService::SweepResult QueueService::sweep() {
  SweepResult result;
  const std::int64_t now = clock_.now();

  if (push_.enabled()) {
    struct Waiting {
      std::string id, service_id, joined_by, patient_id;
    };
    const auto waiting = db_.read([&](store::Connection& c) {
      std::vector<Waiting> out;
      for (const auto& r : c.query("SELECT id, service_id, joined_by, patient_id FROM "
                                   "queue_entries WHERE status = 'waiting'"))
        out.push_back({r.text(0), r.text(1), r.text(2), r.text(3)});
      return out;
    });
    std::set<std::string> services;
    std::vector<std::string> reached;
    for (const auto& w : waiting) {
      services.insert(w.service_id);
      if (push_.connected(w.joined_by) || push_.connected(w.patient_id)) reached.push_back(w.id);
    }
    // Waiting for the push keeps one sweep's sends from piling onto the next's.
    push_.changed({services.begin(), services.end()});
    push_.flush();
    for (std::size_t i = 0; i < reached.size(); i += kTouchBatch) {
      const std::size_t n = std::min(kTouchBatch, reached.size() - i);
      std::string sql =
          "UPDATE queue_entries SET last_seen_at = ? WHERE status = 'waiting' AND id IN (";
      store::Params params{now};
      for (std::size_t k = 0; k < n; ++k) {
        sql += k == 0 ? "?" : ", ?";
        params.emplace_back(reached[i + k]);
      }
      sql += ")";
      db_.write([&](store::Connection& c) { c.execute(sql, params); });
    }
    result.refreshed = static_cast<std::int64_t>(reached.size());
  }

  const std::int64_t cutoff = now - options_.grace_seconds;
  for (;;) {
    auto dropped = db_.write([&](store::Connection& c) {
      std::vector<QueueEntry> out;
      std::string select =
          "SELECT id FROM queue_entries WHERE status = 'waiting' AND last_seen_at < ? "
          "ORDER BY last_seen_at, id LIMIT ?";
      // Another node sweeping at the same moment takes other rows instead of queueing behind.
      if (db_.dialect() == store::Dialect::postgresql) select += " FOR UPDATE SKIP LOCKED";
      for (const auto& r : c.query(select, {cutoff, kDropBatch})) {
        const std::string id = r.text(0);
        if (c.execute("UPDATE queue_entries SET status = 'dropped', ended_at = ?, "
                      "end_reason = 'connection_lost' "
                      "WHERE id = ? AND status = 'waiting' AND last_seen_at < ?",
                      {now, id, cutoff}) != 1)
          continue;
        const auto e = load_entry(c, id);
        audit::Event ev;
        ev.actor_role = "system";
        ev.action = "queue.drop";
        ev.patient_id = e->patient_id;
        ev.target_type = "queue_entry";
        ev.target_id = id;
        ev.detail =
            "service=" + e->service_id + " silent_seconds=" + std::to_string(now - e->last_seen_at);
        audit::record(c, clock_, ev);
        const auto svc = load_queue_service(c, e->service_id);
        const boost::json::object params{
            {"service", svc ? boost::json::value(svc->name) : boost::json::value("")}};
        notify::Notifier::record(
            c, clock_, {e->joined_by, "queue.dropped", params, "/queue", false, e->patient_id},
            options_.public_url);
        if (e->patient_id != e->joined_by)
          notify::Notifier::record(
              c, clock_, {e->patient_id, "queue.dropped", params, "/queue", false, e->patient_id},
              options_.public_url);
        out.push_back(*e);
      }
      return out;
    });
    std::vector<std::string> told, services;
    for (const auto& e : dropped) {
      push_.to_people(e, {{"type", "queue.ended"},
                          {"entry_id", e.id},
                          {"service_id", e.service_id},
                          {"patient_id", e.patient_id},
                          {"reason", "dropped"}});
      told.push_back(e.joined_by);
      if (e.patient_id != e.joined_by) told.push_back(e.patient_id);
      if (std::find(services.begin(), services.end(), e.service_id) == services.end())
        services.push_back(e.service_id);
    }
    notifier_.push(told);
    after_change(services);
    result.dropped += static_cast<std::int64_t>(dropped.size());
    if (static_cast<std::int64_t>(dropped.size()) < kDropBatch) break;
  }
  return result;
}

QueueSweeper::QueueSweeper(QueueService& queues, int interval_seconds)
    : periodic_("queue_sweep", std::chrono::seconds(interval_seconds), [&queues] {
        if (const auto r = queues.sweep(); r.dropped > 0)
          core::log::info("queue_dropped", {{"count", r.dropped}});
      }) {}

}  // namespace yq::queue
