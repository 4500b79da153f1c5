#pragma once
// Limits on password hashing, the one thing an anonymous caller can make expensive: each argon2id
// run takes 64 MiB and tens of milliseconds of a core. A HashingGate caps the runs at once and the
// requests waiting for one (beyond that the caller is told to come back: 503 + Retry-After, rather
// than queueing without bound); an AttemptBudget caps the runs per account or per address and
// window.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <unordered_map>

#include "core/error.hpp"

namespace yq::identity {

class HashingGate {
 public:
  HashingGate(int slots, int max_waiting, std::chrono::milliseconds max_wait);

  // Runs fn() in a slot; an unavailable error (with retry_after) when none frees up in time or
  // too many already wait.
  template <class F>
  auto run(F&& fn) -> core::Result<decltype(fn())> {
    if (!enter()) return busy();
    struct Leave {
      HashingGate& g;
      ~Leave() { g.leave(); }
    } leave{*this};
    return fn();
  }

  // Runs fn() in a slot however long it takes (startup work such as the demo data).
  template <class F>
  auto run_waiting(F&& fn) {
    slots_.acquire();
    struct Release {
      std::counting_semaphore<>& s;
      ~Release() { s.release(); }
    } release{slots_};
    return fn();
  }

 private:
  bool enter();
  void leave();
  static core::Error busy();

  std::counting_semaphore<> slots_;
  std::atomic<int> waiting_{0};
  int max_waiting_;
  std::chrono::milliseconds max_wait_;
};

class AttemptBudget {
 public:
  AttemptBudget(int per_window, std::int64_t window_seconds)
      : per_window_(per_window), window_seconds_(window_seconds) {}

  // Counts one attempt for key at time now; nullopt when within the budget, else the seconds
  // until the window ends (the attempt is not counted then).
  std::optional<int> take(const std::string& key, std::int64_t now);

 private:
  struct Window {
    std::int64_t start = 0;
    int count = 0;
  };
  // Keys are addresses and accounts; a burst of distinct ones must not grow this without bound.
  static constexpr std::size_t kMaxKeys = 100'000;

  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
  int per_window_;
  std::int64_t window_seconds_;
};

}  // namespace yq::identity
