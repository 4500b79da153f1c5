#pragma once
// A thread that calls QueueService::sweep() every few seconds: resends every waiting patient their
// place (those connected to this node count as present) and drops patients silent for longer than
// the grace period. Every node runs one; the conditional UPDATE in sweep() drops an entry once
// however many nodes see it at the same moment.
#include "core/periodic.hpp"

#include "queue/queue.hpp"

namespace yq::queue {

class QueueSweeper {
 public:
  QueueSweeper(QueueService& queues, int interval_seconds);

  void start() { periodic_.start(); }
  void stop() { periodic_.stop(); }

 private:
  core::Periodic periodic_;
};

}  // namespace yq::queue
