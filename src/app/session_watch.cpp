#include "app/session_watch.hpp"

#include <set>
#include <string>
#include <vector>

namespace yq::app {

namespace {
// Sessions asked about per statement: an IN list stays far below both engines' parameter limits.
constexpr std::size_t kChunk = 500;
}  // namespace

std::size_t SessionWatch::look() {
  const std::int64_t now = clock_.now();
  const auto open = hub_.open_sessions();
  std::set<std::string> sessions, active;
  for (const auto& s : open) {
    sessions.insert(s.session_id);
    if (s.last_message_at >= last_look_) active.insert(s.session_id);
  }
  std::set<std::string> live;
  std::vector<std::string> chunk, chunk_active;
  auto ask = [&] {
    for (auto& id : accounts_.live_sessions(chunk, chunk_active)) live.insert(std::move(id));
    chunk.clear();
    chunk_active.clear();
  };
  for (const auto& id : sessions) {
    chunk.push_back(id);
    if (active.contains(id)) chunk_active.push_back(id);
    if (chunk.size() == kChunk) ask();
  }
  if (!chunk.empty()) ask();
  last_look_ = now;
  std::size_t closed = 0;
  for (const auto& s : open) {
    if (live.contains(s.session_id)) continue;
    hub_.close_sessions(s.account_id, s.session_id, "");
    ++closed;
  }
  return closed;
}

}  // namespace yq::app
