#pragma once
// A thread that calls QueueService::sweep() every few seconds: resends every waiting patient their
// place (those connected to this node count as present) and drops patients silent for longer than
// the grace period. Every node runs one; the conditional UPDATE in sweep() drops an entry once
// however many nodes see it at the same moment.
#include <memory>

#include "scheduling/queue_service.hpp"

namespace yq::scheduling {

class QueueSweeper {
 public:
  QueueSweeper(QueueService& queues, int interval_seconds);
  ~QueueSweeper();
  QueueSweeper(const QueueSweeper&) = delete;
  QueueSweeper& operator=(const QueueSweeper&) = delete;

  void start();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace yq::scheduling
