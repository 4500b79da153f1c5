#include "queue/wait.hpp"

#include <algorithm>

namespace yq::queue {

std::int64_t median_seconds(std::vector<std::int64_t> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  if (values.size() % 2 == 1) return values[mid];
  return (values[mid - 1] + values[mid]) / 2;
}

std::optional<std::int64_t> estimate_wait_seconds(const WaitInputs& in) {
  if (in.doctors_on_duty <= 0) return std::nullopt;
  const std::int64_t busy = std::clamp<std::int64_t>(in.busy_doctors, 0, in.doctors_on_duty);
  const std::int64_t work = in.ahead * in.typical_seconds + busy * in.typical_seconds / 2;
  return (work + in.doctors_on_duty - 1) / in.doctors_on_duty;
}

std::int64_t to_minutes_up(std::int64_t seconds) {
  return seconds <= 0 ? 0 : (seconds + 59) / 60;
}

}  // namespace yq::queue
