#include "core/periodic.hpp"

#include <algorithm>
#include <exception>

#include "core/log.hpp"

namespace yq::core {

Periodic::Periodic(std::string name, std::chrono::seconds interval, std::function<void()> job)
    : Periodic(
          std::move(name), [wait = std::max(interval, std::chrono::seconds(1))] { return wait; },
          std::move(job)) {}

Periodic::Periodic(std::string name, std::function<std::chrono::seconds()> next_wait,
                   std::function<void()> job)
    : name_(std::move(name)), next_wait_(std::move(next_wait)), job_(std::move(job)) {}

Periodic::~Periodic() {
  stop();
}

void Periodic::start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { run(); });
}

void Periodic::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Periodic::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      job_();
    } catch (const std::exception& e) {
      log::error(name_ + "_failed", {{"what", e.what()}});
    }
    const auto wait = next_wait_();
    lock.lock();
    wake_.wait_for(lock, wait, [&] { return stopping_; });
  }
}

}  // namespace yq::core
