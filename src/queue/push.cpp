#include "queue/push.hpp"

#include <boost/json/serialize.hpp>

#include <optional>

#include "consent/consent.hpp"
#include "core/log.hpp"
#include "http/ws_hub.hpp"
#include "queue/wait.hpp"

namespace yq::queue {

namespace {

// A service's queue is read in one query per push; beyond this many waiting patients the later
// ones are told on the sweeper's next round (their place changes little by then).
constexpr std::int64_t kMaxPushed = 10000;

struct ServiceSnapshot {
  std::string service_id;
  QueueStats stats;
  std::vector<QueueEntry> waiting;
  std::vector<std::string> doctors;
  std::vector<bool> tell_joiner;  // per waiting entry: whether the person who joined still may hear
};

// The person who joined the queue for the patient hears about the place while consent allows.
bool tells_joiner(store::Connection& c, const QueueEntry& e) {
  return consent::decide(c, e.joined_by, e.patient_id, consent::Purpose::be_notified).allowed;
}

}  // namespace

boost::json::object position_message(const QueueEntry& e, std::int64_t ahead,
                                     const QueueStats& stats) {
  const auto wait = estimate_wait_seconds(
      {ahead, stats.doctors_on_duty, stats.busy_doctors, stats.typical_seconds});
  boost::json::object m{{"type", "queue.position"},
                        {"entry_id", e.id},
                        {"service_id", e.service_id},
                        {"patient_id", e.patient_id},
                        {"status", e.status},
                        {"position", ahead + 1},
                        {"ahead", ahead},
                        {"waiting", stats.waiting},
                        {"doctors_on_duty", stats.doctors_on_duty}};
  m["estimated_wait_minutes"] =
      wait ? boost::json::value(to_minutes_up(*wait)) : boost::json::value(nullptr);
  return m;
}

void QueuePush::push(const std::string& service_id) {
  const auto snapshot = db_.read([&](store::Connection& c) -> std::optional<ServiceSnapshot> {
    const auto svc = load_queue_service(c, service_id);
    if (!svc) return std::nullopt;
    ServiceSnapshot s{service_id,
                      queue_stats(c, service_id, svc->slot_minutes),
                      waiting_in_order(c, service_id, kMaxPushed),
                      {}};
    for (const auto& r :
         c.query("SELECT doctor_id FROM queue_duty WHERE service_id = ?", {service_id}))
      s.doctors.push_back(r.text(0));
    // Asked at every push: a carer whose access ended no longer hears the patient's place.
    for (const auto& e : s.waiting) s.tell_joiner.push_back(tells_joiner(c, e));
    return s;
  });
  if (!snapshot) return;
  for (std::size_t i = 0; i < snapshot->waiting.size(); ++i) {
    const auto& e = snapshot->waiting[i];
    const std::string text =
        boost::json::serialize(position_message(e, static_cast<std::int64_t>(i), snapshot->stats));
    const std::string key = "queue.position:" + e.id;
    if (snapshot->tell_joiner[i]) hub_->send_latest_to_account(e.joined_by, key, text);
    if (e.patient_id != e.joined_by) hub_->send_latest_to_account(e.patient_id, key, text);
  }
  const boost::json::object changed{
      {"type", "queue.changed"}, {"service_id", service_id}, {"waiting", snapshot->stats.waiting}};
  for (const auto& d : snapshot->doctors) to_account(d, changed);
}

QueuePush::QueuePush(store::Database& db, http::WsHub* hub) : db_(db), hub_(hub) {
  if (hub_) thread_ = std::thread([this] { run(); });
}

QueuePush::~QueuePush() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void QueuePush::changed(const std::vector<std::string>& service_ids) {
  if (!hub_ || service_ids.empty()) return;
  {
    std::lock_guard lock(mutex_);
    marked_.insert(service_ids.begin(), service_ids.end());
  }
  wake_.notify_one();
}

void QueuePush::flush() {
  std::unique_lock lock(mutex_);
  // Marks made before now are taken by the round after the current one at the latest.
  const std::uint64_t until = rounds_started_ + (marked_.empty() ? 0 : 1);
  idle_.wait(lock, [&] { return rounds_done_ >= until || stopping_; });
}

void QueuePush::run() {
  for (;;) {
    std::set<std::string> round;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !marked_.empty(); });
      if (stopping_) return;
      round.swap(marked_);
      ++rounds_started_;
    }
    for (const auto& id : round) {
      try {
        push(id);
      } catch (const std::exception& e) {
        // The sweeper's next round sends the places again.
        core::log::error("queue_push_failed", {{"service", id}, {"what", e.what()}});
      }
    }
    {
      std::lock_guard lock(mutex_);
      ++rounds_done_;
    }
    idle_.notify_all();
  }
}

bool QueuePush::connected(const std::string& account_id) const {
  return hub_ && hub_->connected(account_id);
}

void QueuePush::to_people(const QueueEntry& e, const boost::json::object& message) {
  if (!hub_) return;
  if (db_.read([&](store::Connection& c) { return tells_joiner(c, e); }))
    to_account(e.joined_by, message);
  if (e.patient_id != e.joined_by) to_account(e.patient_id, message);
}

void QueuePush::to_account(const std::string& account_id, const boost::json::object& message) {
  if (hub_) hub_->send_to_account(account_id, boost::json::serialize(message));
}

}  // namespace yq::queue
