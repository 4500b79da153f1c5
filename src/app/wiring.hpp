#pragma once
// Builds every service and registers every route and every WebSocket message type. `serve`, the
// route listing (`yiqiao routes`) and the route-table tests all use it, so the tables the tests
// walk are the tables the server serves.
#include <memory>
#include <string>

#include "consult/consult.hpp"
#include "core/config.hpp"
#include "core/time.hpp"
#include "http/router.hpp"
#include "identity/accounts.hpp"
#include "identity/organisations.hpp"
#include "notify/notifier.hpp"
#include "queue/queue.hpp"
#include "records/record_service.hpp"
#include "scheduling/booking/calendar_feed.hpp"
#include "scheduling/scheduling.hpp"
#include "store/blob_store.hpp"
#include "store/database.hpp"

namespace yq::http {
class WsHub;
}

namespace yq::app {

struct Services {
  // hub: where notifications are pushed live (none for the route table and tests).
  Services(const core::Config& cfg, std::string public_url, http::WsHub* hub = nullptr);

  static std::size_t pool_size(const core::Config& cfg);
  static int worker_threads(const core::Config& cfg);

  core::SystemClock clock;
  std::unique_ptr<store::Database> db;
  store::BlobStore blobs;
  identity::AccountService accounts;
  identity::OrganisationService organisations;
  std::string public_url;
  notify::Notifier notifier;
  scheduling::CalendarFeeds calendar_feeds;
  queue::QueueService queues;
  scheduling::Scheduling scheduling;
  records::RecordService records;
  consult::Consult consult;
};

consult::TurnSettings turn_settings(const core::Config& cfg);

void add_all_routes(http::Router& router, Services& services);
// What clients may send over /ws, each type with its policy and rate.
void add_all_ws_messages(http::WsHub& hub, Services& services);

int hardware_threads();

}  // namespace yq::app
