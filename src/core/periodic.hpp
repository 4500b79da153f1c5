#pragma once
// A background thread that runs a job now and then every `interval` until stopped; stop() wakes
// it at once and waits for a running job to finish. A job that throws is logged under `name` and
// tried again next round (the database may be restarting).
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
  ~Periodic();
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;

  void start();
  void stop();

 private:
  void run();

  std::string name_;
  std::chrono::seconds interval_;
  std::function<void()> job_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace yq::core
