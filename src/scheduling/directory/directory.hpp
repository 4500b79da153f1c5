#pragma once
// Find a doctor: filters on specialty, spoken language, organisation, region, consultation type
// and earliest availability, free text on names in any script, sorted by name or by the next free
// slot, paginated. Public: it shows only what doctors' public profiles show, plus free times.
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "scheduling/env.hpp"

namespace yq::scheduling {

inline constexpr std::int64_t kMaxDirectoryPage = 50;
inline constexpr std::int64_t kMaxDirectoryOffset = 10'000;
inline constexpr std::size_t kMaxSearchText = 100;  // characters
inline constexpr std::int64_t kMaxSlotRangeDays = 31;

struct DirectoryQuery {
  std::optional<std::string> text;
  std::optional<std::string> specialty, language, organisation_id, region, consultation_type;
  std::optional<std::string> available_before;  // YYYY-MM-DD: has a free slot before that day
  bool by_next_free = false;
  std::int64_t limit = 20, offset = 0;
};

class Directory {
 public:
  explicit Directory(Env& env) : env_(env) {}

  // {"items": [...], "next_offset": n or null}
  core::Result<boost::json::object> search(const DirectoryQuery& q);
  // Free slots of a doctor from day `from` (default today) through day `to` (inclusive), or for
  // `days` days when `to` is not given; at most 31 days either way.
  core::Result<boost::json::object> free_slots(const std::string& doctor_id,
                                               const std::optional<std::string>& from,
                                               const std::optional<std::string>& to,
                                               std::int64_t days,
                                               const std::optional<std::string>& service_id);

 private:
  Env& env_;
};

}  // namespace yq::scheduling
