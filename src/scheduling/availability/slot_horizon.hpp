#pragma once
// Keeps the rolling slot horizon rolling: at start and then shortly after every Hong Kong midnight,
// seeds holiday lists of organisations that have none yet and re-materialises every scheduled
// doctor whose slots do not yet reach the horizon under the current rules (slot_horizons; one
// transaction each, so a busy database is held briefly). Edits re-materialise the doctor they
// touch at once; this job only moves the window and catches up after downtime, so a restart on
// the same day skips everyone.

#include "core/periodic.hpp"
#include "scheduling/env.hpp"

namespace yq::scheduling {

struct HorizonRun {
  int doctors = 0;  // re-materialised
  int skipped = 0;  // already through the horizon
  int added = 0;
  int withdrawn = 0;
  int needs_rebooking = 0;
};

// One pass (also used by tests and demo data). Also forgets idempotency keys past their time.
HorizonRun extend_horizon(Env& env);

// Runs extend_horizon at start and then nightly, in a thread of its own.
class SlotHorizon {
 public:
  explicit SlotHorizon(Env& env);

  void start() { periodic_.start(); }
  void stop() { periodic_.stop(); }

 private:
  core::Periodic periodic_;
};

}  // namespace yq::scheduling
