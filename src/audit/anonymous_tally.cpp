#include "audit/anonymous_tally.hpp"

namespace yq::audit {

AnonymousTally::AnonymousTally(const core::Clock& clock, std::size_t max_buckets)
    : clock_(clock), max_buckets_(max_buckets) {}

void AnonymousTally::note(const Event& e) {
  const auto now = clock_.now();
  std::lock_guard lock(mutex_);
  Key key{e.action, e.outcome, e.detail, e.ip};
  auto it = counts_.find(key);
  if (it == counts_.end() && counts_.size() >= max_buckets_) {
    // Full: this address is summed with the other newcomers. Those buckets (one per action,
    // outcome and detail, all fixed in the code) may go beyond max_buckets, by a few.
    std::get<3>(key) = kOtherAddresses;
    it = counts_.find(key);
  }
  if (it == counts_.end()) it = counts_.emplace(std::move(key), Count{0, now, now}).first;
  ++it->second.n;
  it->second.last = now;
}

std::size_t AnonymousTally::flush(store::Database& db) {
  std::map<Key, Count> taken;
  {
    std::lock_guard lock(mutex_);
    taken.swap(counts_);
  }
  if (taken.empty()) return 0;
  try {
    db.write([&](store::Connection& c) {
      for (const auto& [key, count] : taken) {
        const auto& [action, outcome, detail, ip] = key;
        Event e;
        e.actor_role = "anonymous";
        e.action = action;
        e.outcome = outcome;
        e.ip = ip;
        e.detail = (detail.empty() ? std::string() : detail + "; ") +
                   "count=" + std::to_string(count.n) + " from=" + core::iso8601_utc(count.first) +
                   " to=" + core::iso8601_utc(count.last);
        record(c, clock_, e);
      }
    });
  } catch (...) {
    // Put them back so nothing counted is lost; a later flush writes them.
    std::lock_guard lock(mutex_);
    for (auto& [key, count] : taken) {
      auto& into = counts_[key];
      if (into.n == 0) into.first = count.first;
      into.first = std::min(into.first, count.first);
      into.last = std::max(into.last, count.last);
      into.n += count.n;
    }
    throw;
  }
  return taken.size();
}

std::size_t AnonymousTally::buckets() const {
  std::lock_guard lock(mutex_);
  return counts_.size();
}

}  // namespace yq::audit
