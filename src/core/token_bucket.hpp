#pragma once
// A token bucket: `burst` tokens at most, refilled at `per_second`; take() spends one when there
// is one. Not thread-safe: each owner (a connection, a page) keeps its own.
#include <algorithm>
#include <chrono>

namespace yq::core {

class TokenBucket {
 public:
  TokenBucket(double per_second, double burst)
      : per_second_(per_second), burst_(burst), tokens_(burst) {}

  bool take(std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now()) {
    const double elapsed = std::chrono::duration<double>(now - refilled_).count();
    refilled_ = now;
    tokens_ = std::min(burst_, tokens_ + std::max(0.0, elapsed) * per_second_);
    if (tokens_ < 1) return false;
    tokens_ -= 1;
    return true;
  }

 private:
  double per_second_, burst_, tokens_;
  std::chrono::steady_clock::time_point refilled_ = std::chrono::steady_clock::now();
};

}  // namespace yq::core
