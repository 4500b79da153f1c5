#pragma once
// How long a waiting patient can expect to wait: from how long this service's recent
// consultations took and how many doctors are on duty.
#include <cstdint>
#include <optional>
#include <vector>

namespace yq::queue {

// How many recent completed consultations the typical length is taken from: enough to smooth one
// unusually long case, few enough to follow a change (a new doctor, a quieter evening).
inline constexpr int kRecentConsultations = 20;

// The median; 0 for none.
std::int64_t median_seconds(std::vector<std::int64_t> values);

struct WaitInputs {
  std::int64_t ahead = 0;  // patients in front
  std::int64_t doctors_on_duty = 0;
  std::int64_t busy_doctors = 0;     // of those, seeing a patient now
  std::int64_t typical_seconds = 0;  // median recent consultation, or the service's slot length
};

// ahead patients and the consultations in progress (each half done, on average) shared among the
// doctors on duty. nullopt when nobody is on duty: there is no honest number to show.
std::optional<std::int64_t> estimate_wait_seconds(const WaitInputs& in);

// Whole minutes, rounded up (a wait of 10 s shows as 1 minute, none as 0).
std::int64_t to_minutes_up(std::int64_t seconds);

}  // namespace yq::queue
