#pragma once
// Keeps the rolling slot horizon rolling: at start and then shortly after every Hong Kong midnight,
// seeds holiday lists of organisations that have none yet and re-materialises every scheduled
// doctor (one transaction each, so a busy database is held briefly). Edits re-materialise the
// doctor they touch at once; this job only moves the window and catches up after downtime.
#include <condition_variable>
#include <mutex>
#include <thread>

#include "scheduling/env.hpp"

namespace yq::scheduling {

struct HorizonRun {
  int doctors = 0;
  int added = 0;
  int withdrawn = 0;
  int needs_rebooking = 0;
};

// One pass (also used by tests and demo data). Also forgets idempotency keys past their time.
HorizonRun extend_horizon(Env& env);

class SlotHorizon {
 public:
  explicit SlotHorizon(Env& env) : env_(env) {}
  ~SlotHorizon() { stop(); }
  SlotHorizon(const SlotHorizon&) = delete;
  SlotHorizon& operator=(const SlotHorizon&) = delete;

  void start();
  void stop();

 private:
  void run();

  Env& env_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace yq::scheduling
