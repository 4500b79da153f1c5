#include "http/ws_hub.hpp"

#include <algorithm>

namespace yq::http {

bool WsHub::add(const std::shared_ptr<WsConnection>& conn, std::size_t max_per_account) {
  std::lock_guard lock(mutex_);
  const auto& account = conn->principal().account_id;
  std::size_t open = 0;
  auto [b, e] = by_account_.equal_range(account);
  for (auto it = b; it != e; ++it)
    if (!it->second.expired()) ++open;
  if (open >= max_per_account) return false;
  by_account_.emplace(account, conn);
  return true;
}

std::vector<WsHub::OpenSession> WsHub::open_sessions() const {
  std::lock_guard lock(mutex_);
  std::vector<OpenSession> out;
  out.reserve(by_account_.size());
  for (const auto& [account, weak] : by_account_)
    if (auto conn = weak.lock())
      out.push_back({account, conn->principal().session_id, conn->last_message_at()});
  return out;
}

void WsHub::remove(const WsConnection* conn) {
  std::vector<WsCloseHandler> handlers;
  {
    std::lock_guard lock(mutex_);
    // Only the account's own entries: a walk over every socket made closing n sockets cost n^2
    // under this mutex (bench/signaling: 10,000 closing at once held it for seconds).
    auto [b, e] = by_account_.equal_range(conn->principal().account_id);
    for (auto it = b; it != e;) {
      auto locked = it->second.lock();
      if (!locked || locked.get() == conn)
        it = by_account_.erase(it);
      else
        ++it;
    }
    handlers = close_handlers_;
  }
  for (const auto& h : handlers) h(*conn);
}

std::shared_ptr<WsConnection> WsHub::shared(const WsConnection& conn) const {
  std::lock_guard lock(mutex_);
  auto [b, e] = by_account_.equal_range(conn.principal().account_id);
  for (auto it = b; it != e; ++it) {
    auto c = it->second.lock();
    if (c.get() == &conn) return c;
  }
  return nullptr;
}

void WsHub::on_close(WsCloseHandler handler) {
  std::lock_guard lock(mutex_);
  close_handlers_.push_back(std::move(handler));
}

std::vector<std::shared_ptr<WsConnection>> WsHub::of_account(std::string_view account_id) const {
  std::vector<std::shared_ptr<WsConnection>> targets;
  std::lock_guard lock(mutex_);
  auto [b, e] = by_account_.equal_range(account_id);
  for (auto it = b; it != e; ++it) {
    if (auto c = it->second.lock()) targets.push_back(std::move(c));
  }
  return targets;
}

std::size_t WsHub::send_to_account(std::string_view account_id, const std::string& text) {
  const auto targets = of_account(account_id);
  for (const auto& c : targets) c->send(text);
  return targets.size();
}

std::size_t WsHub::send_latest_to_account(std::string_view account_id, const std::string& key,
                                          const std::string& text) {
  const auto targets = of_account(account_id);
  for (const auto& c : targets) c->send_latest(key, text);
  return targets.size();
}

bool WsHub::connected(std::string_view account_id) const {
  std::lock_guard lock(mutex_);
  auto [b, e] = by_account_.equal_range(account_id);
  return std::any_of(b, e, [](const auto& entry) { return !entry.second.expired(); });
}

void WsHub::close_sessions(std::string_view account_id, std::string_view only_session,
                           std::string_view except_session) {
  std::vector<std::shared_ptr<WsConnection>> targets;
  {
    std::lock_guard lock(mutex_);
    auto [b, e] = by_account_.equal_range(account_id);
    for (auto it = b; it != e; ++it) {
      auto c = it->second.lock();
      if (!c) continue;
      const std::string& session = c->principal().session_id;
      if (!only_session.empty() && session != only_session) continue;
      if (!except_session.empty() && session == except_session) continue;
      targets.push_back(std::move(c));
    }
  }
  for (auto& c : targets) c->close();
}

void WsHub::close_all() {
  std::vector<std::shared_ptr<WsConnection>> all;
  {
    std::lock_guard lock(mutex_);
    for (auto& [k, w] : by_account_) {
      if (auto c = w.lock()) all.push_back(std::move(c));
    }
  }
  for (auto& c : all) c->close(WsClose::server_stopping);
}

std::size_t WsHub::size() const {
  std::lock_guard lock(mutex_);
  return by_account_.size();
}

void WsHub::on(std::string type, Policy policy, std::string summary, WsHandler handler,
               WsRate rate) {
  std::lock_guard lock(mutex_);
  handlers_[std::move(type)] =
      Registered{std::move(policy), std::move(summary), std::move(handler), rate};
}

WsHub::Accepted WsHub::accept(std::string_view type, const identity::Principal& sender) const {
  std::lock_guard lock(mutex_);
  auto it = handlers_.find(type);
  if (it == handlers_.end()) return {};
  if (auto refused = it->second.policy.refuses(&sender)) return {nullptr, refused};
  return {&it->second, std::nullopt};
}

std::vector<WsHub::MessageType> WsHub::message_types() const {
  std::lock_guard lock(mutex_);
  std::vector<MessageType> out;
  out.reserve(handlers_.size());
  for (const auto& [type, r] : handlers_) out.push_back({type, r.policy, r.summary, r.rate});
  return out;
}

std::vector<std::string> WsHub::undeclared() const {
  std::vector<std::string> out;
  for (const auto& t : message_types())
    if (t.policy.access == Access::undeclared) out.push_back(t.type);
  return out;
}

}  // namespace yq::http
