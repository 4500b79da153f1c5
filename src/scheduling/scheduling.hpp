#pragma once
// The scheduling core as app/wiring sees it: services, dependants, availability (and the slots it
// materialises), the doctor directory and booking, sharing one Env.
#include <string>

#include "scheduling/availability/availability.hpp"
#include "scheduling/booking/booking.hpp"
#include "scheduling/dependants.hpp"
#include "scheduling/directory/directory.hpp"
#include "scheduling/env.hpp"
#include "scheduling/services/catalog.hpp"

namespace yq::scheduling {

class Scheduling {
 public:
  Scheduling(store::Database& db, const core::Clock& clock, notify::Notifier& notifier,
             std::string public_url, int max_future_bookings = 10)
      : env_{db, clock, notifier, std::move(public_url), kDefaultHorizonDays, max_future_bookings},
        services(env_),
        dependants(env_),
        availability(env_),
        directory(env_),
        booking(env_) {}
  Scheduling(const Scheduling&) = delete;
  Scheduling& operator=(const Scheduling&) = delete;

  Env& env() { return env_; }

 private:
  Env env_;

 public:
  ServiceCatalog services;
  Dependants dependants;
  Availability availability;
  Directory directory;
  Booking booking;
};

}  // namespace yq::scheduling
