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

SlotHorizon::SlotHorizon(Env& env)
    : periodic_(
          "slot_horizon",
          [] {
            // Next pass five minutes after the coming Hong Kong midnight (system time: the job
            // runs in real time even when a test clock is wired in).
            const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count();
            return std::chrono::seconds(hk_instant(hk_day_of(now) + 1, 5) - now);
          },
          [&env] {
            // A failed pass is logged by Periodic; the next catches up, and bookable slots
            // already exist for weeks ahead.
            const auto r = extend_horizon(env);
            core::log::info("slot_horizon", {{"doctors", r.doctors},
                                             {"added", r.added},
                                             {"withdrawn", r.withdrawn},
                                             {"needs_rebooking", r.needs_rebooking}});
          }) {}

}  // namespace yq::scheduling
