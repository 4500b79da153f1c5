#include "scheduling/slot_horizon.hpp"

#include <chrono>

#include "core/log.hpp"
#include "scheduling/hk_calendar.hpp"
#include "scheduling/hk_holidays.hpp"
#include "scheduling/idempotency.hpp"
#include "scheduling/slot_materialiser.hpp"

namespace yq::scheduling {

HorizonRun extend_horizon(Env& env) {
  HorizonRun run;
  env.db.write([&](store::Connection& c) {
    for (const auto& r :
         c.query("SELECT o.id FROM organisations o WHERE o.kind <> 'pharmacy' AND NOT EXISTS "
                 "(SELECT 1 FROM holiday_seeds h WHERE h.organisation_id = o.id)"))
      seed_holidays_once(c, env.clock, r.text(0));
    forget_old_answers(c, env.clock.now());
  });
  const auto doctors = env.db.read([](store::Connection& c) { return scheduled_doctors(c); });
  for (const auto& doctor : doctors) {
    MaterialiseResult out;
    env.db.write([&](store::Connection& c) {
      out = {};
      materialise_doctor(c, env.clock, doctor, env.horizon_days, env.public_url, out);
    });
    env.notifier.push(out.told);
    ++run.doctors;
    run.added += out.added;
    run.withdrawn += out.withdrawn;
    run.needs_rebooking += out.needs_rebooking;
  }
  return run;
}

void SlotHorizon::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { run(); });
}

void SlotHorizon::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SlotHorizon::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      const auto r = extend_horizon(env_);
      core::log::info("slot_horizon", {{"doctors", r.doctors},
                                       {"added", r.added},
                                       {"withdrawn", r.withdrawn},
                                       {"needs_rebooking", r.needs_rebooking}});
    } catch (const std::exception& e) {
      // The next pass catches up; bookable slots already exist for weeks ahead.
      core::log::warn("slot_horizon_failed", {{"what", e.what()}});
    }
    lock.lock();
    // Next pass five minutes after the coming Hong Kong midnight (system time: the job runs in
    // real time even when a test clock is wired in).
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    const std::int64_t next = hk_instant(hk_day_of(now) + 1, 5);
    wake_.wait_for(lock, std::chrono::seconds(next - now), [&] { return stopping_; });
  }
}

}  // namespace yq::scheduling
