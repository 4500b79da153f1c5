#pragma once
// Every open WebSocket, by account, so any module can push a message to a user ("your place in the
// queue", "new chat message"). Later: Redis pub/sub forwards messages for users on other nodes.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "http/principal.hpp"

namespace yq::http {

class WsConnection {
 public:
  virtual ~WsConnection() = default;
  // Both are thread-safe and never block. send() drops the connection when its queue is full.
  virtual void send(std::string text) = 0;
  virtual void close() = 0;
  virtual const Principal& principal() const = 0;
};

// A message from a client: {"type": "...", ...}. Handlers run on the worker pool.
using WsHandler = std::function<void(WsConnection& from, const boost::json::object& message)>;

class WsHub {
 public:
  void add(const std::shared_ptr<WsConnection>& conn);
  void remove(const WsConnection* conn);
  // Sends text to every connection of the account; returns how many got it queued.
  std::size_t send_to_account(std::string_view account_id, const std::string& text);
  // Closes the account's connections whose session ended: only `only_session` when given, else all
  // but `except_session` (session ids are the token hashes of Principal::session_id).
  void close_sessions(std::string_view account_id, std::string_view only_session,
                      std::string_view except_session);
  void close_all();
  std::size_t size() const;

  // Message types modules answer ("ping" is built in).
  void on(std::string type, WsHandler handler);
  const WsHandler* handler_for(std::string_view type) const;

 private:
  mutable std::mutex mutex_;
  std::multimap<std::string, std::weak_ptr<WsConnection>, std::less<>> by_account_;
  std::map<std::string, WsHandler, std::less<>> handlers_;
};

}  // namespace yq::http
