#pragma once
// What every part of the scheduling core shares: the database, the clock, the notifier (pushes
// after commits) and the public URL for links in e-mails. Built once in app/wiring.
#include <cstdint>
#include <string>

#include "core/time.hpp"
#include "notify/notifier.hpp"
#include "store/database.hpp"

namespace yq::scheduling {

// Slots exist this many days ahead; the horizon job moves the window on every day.
inline constexpr int kDefaultHorizonDays = 60;

struct Env {
  store::Database& db;
  const core::Clock& clock;
  notify::Notifier& notifier;
  std::string public_url;
  int horizon_days = kDefaultHorizonDays;
  int max_future_bookings = 10;  // upcoming appointments one patient may hold
};

}  // namespace yq::scheduling
