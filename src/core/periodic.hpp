#pragma once
// A background thread that runs a job now and then every `interval` (or after whatever wait
// `next_wait` gives each time) until stopped; stop() wakes it at once and waits for a running job
// to finish. A job that throws is logged as `<name>_failed` and tried again next round (the
// database may be restarting).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace yq::core {

class Periodic {
 public:
  Periodic(std::string name, std::chrono::seconds interval, std::function<void()> job);
  // For a job that runs at a time of day: the wait is asked for after each run.
  Periodic(std::string name, std::function<std::chrono::seconds()> next_wait,
           std::function<void()> job);
  ~Periodic();
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;

  void start();
  void stop();

 private:
  void run();

  std::string name_;
  std::function<std::chrono::seconds()> next_wait_;
  std::function<void()> job_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace yq::core
