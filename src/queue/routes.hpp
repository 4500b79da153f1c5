#pragma once
#include "http/router.hpp"
#include "queue/queue.hpp"

namespace yq::queue {

// /api/v1/queues*, /api/v1/queue-entries*, /api/v1/organisations/{org}/queues and
// /api/v1/me/queue-duty: the "see a doctor now" queues (docs/api.md).
void add_queue_routes(http::Router& router, QueueService& queues);

}  // namespace yq::queue
