#pragma once
// JSON lines on stderr, one object per event. Callers pass only what is safe to log: never secrets,
// tokens, passwords or health data.
#include <boost/json/object.hpp>

#include <string_view>

namespace yq::core::log {

enum class Level { debug, info, warn, error };

void set_min_level(Level level);
void write(Level level, std::string_view event, boost::json::object fields = {});

inline void info(std::string_view event, boost::json::object fields = {}) {
  write(Level::info, event, std::move(fields));
}
inline void warn(std::string_view event, boost::json::object fields = {}) {
  write(Level::warn, event, std::move(fields));
}
inline void error(std::string_view event, boost::json::object fields = {}) {
  write(Level::error, event, std::move(fields));
}

}  // namespace yq::core::log
