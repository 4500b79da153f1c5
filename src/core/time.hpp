#pragma once
// Time is stored as UTC seconds since the epoch. Services take a Clock so tests can move time.
#include <atomic>
#include <cstdint>
#include <string>

namespace yq::core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now() const = 0;  // UTC seconds
};

class SystemClock final : public Clock {
 public:
  std::int64_t now() const override;
};

// A clock tests set and advance by hand.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start) : now_(start) {}
  std::int64_t now() const override { return now_.load(); }
  void advance(std::int64_t seconds) { now_ += seconds; }
  void set(std::int64_t t) { now_ = t; }

 private:
  std::atomic<std::int64_t> now_;
};

// 2026-11-23T02:36:04Z
std::string iso8601_utc(std::int64_t unix_seconds);
// Wall clock in milliseconds, for logs and latency only.
std::int64_t now_millis();

}  // namespace yq::core
