#include "http/ws_send_queue.hpp"

namespace yq::http {

WsSendQueue::Added WsSendQueue::add(std::string text, const std::string& key) {
  if (!key.empty()) {
    // At most `capacity_` items, so the scan stays short.
    for (auto& item : items_) {
      if (item.key == key) {
        item.text = std::move(text);
        return Added::replaced;
      }
    }
  }
  if (items_.size() >= capacity_) return Added::full;
  items_.push_back({key, std::move(text)});
  return Added::queued;
}

std::optional<std::string> WsSendQueue::take() {
  if (items_.empty()) return std::nullopt;
  std::string text = std::move(items_.front().text);
  items_.pop_front();
  return text;
}

}  // namespace yq::http
