#include "app/wiring.hpp"

#include <algorithm>
#include <filesystem>
#include <thread>

#include "app/platform_routes.hpp"
#include "consult/routes.hpp"
#include "consult/signaling.hpp"
#include "http/ws_hub.hpp"
#include "identity/routes.hpp"
#include "notify/routes.hpp"
#include "queue/routes.hpp"
#include "records/routes.hpp"
#include "scheduling/booking/appointment_view.hpp"
#include "scheduling/scheduling_routes.hpp"

namespace yq::app {

int hardware_threads() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

Services::Services(const core::Config& cfg, std::string url, http::WsHub* hub)
    : db(store::open_database(cfg.effective_database(), pool_size(cfg))),
      blobs(std::filesystem::path(cfg.data_dir) / "blobs"),
      accounts(*db, clock, cfg, url),
      organisations(*db, clock, accounts, blobs),
      public_url(std::move(url)),
      notifier(*db, clock, hub),
      calendar_feeds(*db, clock, public_url),
      queues(*db, clock, notifier, hub, {cfg.queue_grace_seconds, public_url}),
      scheduling(*db, clock, notifier, public_url, cfg.max_future_bookings),
      records(*db, clock, notifier, blobs, public_url),
      consult(*db, clock, notifier, blobs, hub, turn_settings(cfg), public_url, scheduling.booking,
              queues, cfg.room_token_seconds) {
  // A staff member's roles changed at an organisation: their bookable times and queue duty there
  // follow at once (a demoted doctor is no longer bookable or "on duty").
  organisations.on_roles_changed([this](const std::string& account, const std::string& org) {
    scheduling.availability.roles_changed(account);
    queues.roles_changed(account, org);
  });
  // Who cares for a patient now, for the shared record's need-to-know: each owner of the data
  // answers for its part.
  records.care.add_source(&scheduling::organisations_with_visit_near);
  records.care.add_source([](store::Connection& c, const std::string& patient, std::int64_t) {
    return queue::organisations_with_open_visit(c, patient);
  });
  // A carer whose access ends leaves every call of that patient at once.
  scheduling.dependants.on_carer_gone([this](const std::string& carer, const std::string& patient) {
    consult.rooms.carer_gone(carer, patient);
  });
}

consult::TurnSettings turn_settings(const core::Config& cfg) {
  consult::TurnSettings t;
  t.turn_urls = consult::split_urls(cfg.turn_urls);
  t.stun_urls = consult::split_urls(cfg.stun_urls);
  t.secret = cfg.turn_secret;
  t.ttl_seconds = cfg.turn_ttl_seconds;
  t.transport_policy = cfg.ice_transport_policy;
  return t;
}

std::size_t Services::pool_size(const core::Config& cfg) {
  if (cfg.db_pool_size > 0) return static_cast<std::size_t>(cfg.db_pool_size);
  return static_cast<std::size_t>(worker_threads(cfg));
}

int Services::worker_threads(const core::Config& cfg) {
  // Workers block on the database and on password hashing, so somewhat more of them than cores;
  // many more only adds context switches (bench/README.md: 8 workers on 2 cores lost a third of the
  // throughput of 2-4).
  return cfg.worker_threads > 0 ? cfg.worker_threads : 2 * hardware_threads();
}

void add_all_routes(http::Router& router, Services& s) {
  add_platform_routes(router, *s.db, s.clock);
  identity::add_account_routes(router, s.accounts);
  identity::add_organisation_routes(router, s.organisations);
  identity::add_doctor_photo_routes(router, s.organisations);
  notify::add_notification_routes(router, *s.db, s.clock, s.notifier);
  scheduling::add_calendar_feed_routes(router, s.calendar_feeds);
  queue::add_queue_routes(router, s.queues);
  scheduling::add_scheduling_routes(router, s.scheduling);
  consult::add_consult_routes(router, s.consult);
  records::add_record_routes(router, s.records);
}

void add_all_ws_messages(http::WsHub& hub, Services& s) {
  queue::add_queue_messages(hub, s.queues);
  consult::add_signaling(hub, s.consult.rooms, s.consult.hub);
}

}  // namespace yq::app
