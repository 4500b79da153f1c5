#pragma once
// Every open WebSocket, by account, so any module can push a message to a user ("your place in the
// queue", "new chat message"). Later: Redis pub/sub forwards messages for users on other nodes.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "http/policy.hpp"
#include "identity/principal.hpp"

namespace yq::http {

enum class WsClose { session_changed, server_stopping };
// The close code a client sees for `WsClose::session_changed` (docs/api.md).
inline constexpr std::uint16_t ws_close_session_changed = 4001;

class WsConnection {
 public:
  virtual ~WsConnection() = default;
  // All three are thread-safe and never block. send() drops the connection when its queue is full.
  virtual void send(std::string text) = 0;
  // For state snapshots where only the newest counts ("your place in the queue"): replaces a
  // queued, not yet written message with the same key instead of adding one, so a burst of changes
  // to a slow reader costs one message per key, never a full queue and a dropped connection.
  virtual void send_latest(std::string key, std::string text) = 0;
  // Closes after what is queued. `session_changed` (close code 4001) tells the client to re-read
  // its session before it reconnects: the session ended or what it may do changed, and reconnecting
  // blindly would only be refused (401) or come back with stale rights.
  virtual void close(WsClose why = WsClose::session_changed) = 0;
  virtual const identity::Principal& principal() const = 0;
  // When the client last sent a message of its own (UTC seconds; pings do not count: an open but
  // untouched tab is not use): the session watch keeps such sessions alive, closes the rest at
  // expiry.
  virtual std::int64_t last_message_at() const { return 0; }
};

// How often one connection may send one message type: a token bucket per connection and type.
// Over it the message is dropped and answered {"type":"error","code":"rate_limited"}.
struct WsRate {
  double per_second = 10;
  double burst = 30;
};

// A message from a client: {"type": "...", ...}. Handlers run on the worker pool.
using WsHandler = std::function<void(WsConnection& from, const boost::json::object& message)>;
// A connection closed. Runs on the connection's I/O thread: it must not block.
using WsCloseHandler = std::function<void(const WsConnection& gone)>;

class WsHub {
 public:
  // False (and not added) when the account already has max_per_account connections here.
  bool add(const std::shared_ptr<WsConnection>& conn, std::size_t max_per_account);
  void remove(const WsConnection* conn);
  // Sends text to every connection of the account; returns how many got it queued.
  std::size_t send_to_account(std::string_view account_id, const std::string& text);
  // The same through WsConnection::send_latest.
  std::size_t send_latest_to_account(std::string_view account_id, const std::string& key,
                                     const std::string& text);
  // Whether the account has a WebSocket open on this node.
  bool connected(std::string_view account_id) const;
  // Closes the account's connections whose session ended: only `only_session` when given, else all
  // but `except_session` (session ids are the token hashes of Principal::session_id).
  void close_sessions(std::string_view account_id, std::string_view only_session,
                      std::string_view except_session);
  void close_all();
  std::size_t size() const;

  struct OpenSession {
    std::string account_id, session_id;
    std::int64_t last_message_at = 0;
  };
  // Every open connection's account, session and last client message, for the session watch.
  std::vector<OpenSession> open_sessions() const;

  // The shared handle of a connection that is still open (for modules that keep it).
  std::shared_ptr<WsConnection> shared(const WsConnection& conn) const;
  // Called for every connection that closes (register before the server runs).
  void on_close(WsCloseHandler handler);

  // Message types modules answer ("ping" is built in). Like a route, each declares who may send it
  // (the upgrade already needs a `signed_in` session, so the useful policies are that and a role),
  // a summary for `yiqiao routes`, and the rate one socket may send it at.
  struct Registered {
    Policy policy;
    std::string summary;
    WsHandler handler;
    WsRate rate;
  };
  void on(std::string type, Policy policy, std::string summary, WsHandler handler, WsRate rate);

  // What to do with a client's message: run `registered->handler`, or answer with an error:
  // `refused` (the type's policy keeps this sender out), else the type is unknown.
  struct Accepted {
    const Registered* registered = nullptr;
    std::optional<core::Errc> refused;
  };
  Accepted accept(std::string_view type, const identity::Principal& sender) const;

  // Every registered type, by name, for the route listing and its tests.
  struct MessageType {
    std::string type;
    Policy policy;
    std::string summary;
    WsRate rate;
  };
  std::vector<MessageType> message_types() const;
  // Types whose policy is undeclared (start-up refuses to serve when any exist).
  std::vector<std::string> undeclared() const;

 private:
  std::vector<std::shared_ptr<WsConnection>> of_account(std::string_view account_id) const;

  mutable std::mutex mutex_;
  std::multimap<std::string, std::weak_ptr<WsConnection>, std::less<>> by_account_;
  std::map<std::string, Registered, std::less<>> handlers_;
  std::vector<WsCloseHandler> close_handlers_;
};

}  // namespace yq::http
