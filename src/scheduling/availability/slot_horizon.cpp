#include "scheduling/availability/slot_horizon.hpp"

#include <chrono>
#include <set>
#include <utility>

#include "core/hk_calendar.hpp"
#include "core/log.hpp"
#include "identity/people.hpp"
#include "scheduling/availability/hk_holidays.hpp"
#include "scheduling/availability/slot_materialiser.hpp"
#include "scheduling/booking/idempotency.hpp"

namespace yq::scheduling {

HorizonRun extend_horizon(Env& env) {
  HorizonRun run;
  env.db.write([&](store::Connection& c) {
    std::set<std::string> seeded;
    for (const auto& r : c.query("SELECT organisation_id FROM holiday_seeds"))
      seeded.insert(r.text(0));
    for (const auto& organisation : identity::organisations_seeing_patients(c)) {
      if (seeded.contains(organisation)) continue;
      // New holidays change slots: the organisation's doctors are no longer done.
      if (!seed_holidays_once(c, env.clock, organisation)) continue;
      for (const auto& doctor : doctors_of_organisation(c, organisation))
        c.execute("DELETE FROM slot_horizons WHERE doctor_id = ?", {doctor});
    }
    forget_old_answers(c, env.clock.now());
  });
  // Doctors whose slots already reach the horizon under today's rules are skipped: every edit
  // re-materialises the doctor it touches at once, so only a new day (or new rules) leaves work.
  const core::DayNumber through = core::hk_day_of(env.clock.now()) + env.horizon_days;
  const auto [doctors, done] = env.db.read([&](store::Connection& c) {
    std::set<std::string> reached;
    for (const auto& r : c.query("SELECT doctor_id FROM slot_horizons WHERE through_day >= ? AND "
                                 "version = ?",
                                 {through, kMaterialiserVersion}))
      reached.insert(r.text(0));
    return std::pair{scheduled_doctors(c), std::move(reached)};
  });
  for (const auto& doctor : doctors) {
    if (done.contains(doctor)) {
      ++run.skipped;
      continue;
    }
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
            return std::chrono::seconds(core::hk_instant(core::hk_day_of(now) + 1, 5) - now);
          },
          [&env] {
            // A failed pass is logged by Periodic; the next catches up, and bookable slots
            // already exist for weeks ahead.
            const auto r = extend_horizon(env);
            core::log::info("slot_horizon", {{"doctors", r.doctors},
                                             {"skipped", r.skipped},
                                             {"added", r.added},
                                             {"withdrawn", r.withdrawn},
                                             {"needs_rebooking", r.needs_rebooking}});
          }) {}

}  // namespace yq::scheduling
