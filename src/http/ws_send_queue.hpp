#pragma once
// What a WebSocket has yet to write, bounded. One per connection, used on its strand only.
#include <cstddef>
#include <deque>
#include <optional>
#include <string>

namespace yq::http {

class WsSendQueue {
 public:
  explicit WsSendQueue(std::size_t capacity) : capacity_(capacity) {}

  enum class Added { queued, replaced, full };

  // Queues text. With a key, a queued message with the same key gets the new text instead (state
  // snapshots where only the newest counts), in its old place and without growing the queue.
  // `full` means the message was not queued: the reader is too slow and should be dropped.
  Added add(std::string text, const std::string& key = {});
  // The oldest message, removed from the queue (a message being written can no longer be replaced).
  std::optional<std::string> take();
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  void clear() { items_.clear(); }

 private:
  struct Item {
    std::string key;
    std::string text;
  };
  std::size_t capacity_;
  std::deque<Item> items_;
};

}  // namespace yq::http
