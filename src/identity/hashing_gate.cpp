#include "identity/hashing_gate.hpp"

#include <algorithm>

namespace yq::identity {

HashingGate::HashingGate(int slots, int max_waiting, std::chrono::milliseconds max_wait)
    : slots_(std::max(1, slots)), max_waiting_(std::max(0, max_waiting)), max_wait_(max_wait) {}

bool HashingGate::enter() {
  if (slots_.try_acquire()) return true;
  if (waiting_.fetch_add(1) >= max_waiting_) {
    waiting_.fetch_sub(1);
    return false;
  }
  const bool got = slots_.try_acquire_for(max_wait_);
  waiting_.fetch_sub(1);
  return got;
}

void HashingGate::leave() {
  slots_.release();
}

core::Error HashingGate::busy() {
  core::Error e = core::Error::of(core::Errc::unavailable);
  e.retry_after_seconds = 2;
  return e;
}

std::optional<int> AttemptBudget::take(const std::string& key, std::int64_t now) {
  std::lock_guard lock(mutex_);
  if (windows_.size() >= kMaxKeys && !windows_.contains(key)) {
    std::erase_if(windows_,
                  [&](const auto& kv) { return now - kv.second.start >= window_seconds_; });
    // Still full: the caller is one of more addresses than we keep count of; treat it as over.
    if (windows_.size() >= kMaxKeys) return static_cast<int>(window_seconds_);
  }
  auto& w = windows_[key];
  if (now - w.start >= window_seconds_) w = Window{now, 0};
  if (w.count >= per_window_)
    return static_cast<int>(std::max<std::int64_t>(1, w.start + window_seconds_ - now));
  ++w.count;
  return std::nullopt;
}

}  // namespace yq::identity
