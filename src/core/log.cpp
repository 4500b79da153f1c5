#include "core/log.hpp"

#include <boost/json/serialize.hpp>

#include <atomic>
#include <cstdio>
#include <mutex>

#include "core/time.hpp"

namespace yq::core::log {

namespace {
std::atomic<Level> g_min_level{Level::info};
std::mutex g_mutex;

std::string_view level_name(Level level) {
  switch (level) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warn";
    case Level::error:
      return "error";
  }
  return "info";
}
}  // namespace

void set_min_level(Level level) {
  g_min_level = level;
}

void write(Level level, std::string_view event, boost::json::object fields) {
  if (level < g_min_level.load()) return;
  boost::json::object line;
  line["ts_ms"] = now_millis();
  line["level"] = level_name(level);
  line["event"] = event;
  for (auto& [k, v] : fields) line[k] = std::move(v);
  std::string text = boost::json::serialize(line);
  text.push_back('\n');
  std::lock_guard lock(g_mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace yq::core::log
