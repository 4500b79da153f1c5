#pragma once
// One WebSocket connection after the upgrade: reads messages and hands them to the hub's handlers
// on the worker pool, writes what the server sends through a bounded queue, with backpressure
// (reading pauses while half the queue waits) and a drop for clients that do not read at all.
// A template over the stream (plain or TLS); used by server.cpp only.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/time.hpp"
#include "core/token_bucket.hpp"
#include "http/context.hpp"
#include "http/server.hpp"
#include "http/ws_hub.hpp"
#include "http/ws_send_queue.hpp"

namespace yq::http {

// What a session needs from the server that runs it.
struct WsSessionEnv {
  const ServerOptions& options;
  WsHub& hub;
  boost::asio::thread_pool& workers;
  std::atomic<int>& open;  // sessions running, for the drain
};

namespace ws_detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
using asio::awaitable;
using asio::use_awaitable;

template <class Stream>
class WsSession final : public WsConnection,
                        public std::enable_shared_from_this<WsSession<Stream>> {
 public:
  WsSession(const WsSessionEnv& env, Stream&& stream, identity::Principal principal)
      : env_(env),
        ws_(std::move(stream)),
        principal_(std::move(principal)),
        queue_(env.options.ws_max_send_queue),
        pause_at_(std::max<std::size_t>(1, env.options.ws_max_send_queue / 2)),
        drained_(ws_.get_executor()) {}

  const identity::Principal& principal() const override { return principal_; }
  std::int64_t last_message_at() const override { return last_message_at_.load(); }

  void send(std::string text) override { send_latest({}, std::move(text)); }
  void send_latest(std::string key, std::string text) override {
    asio::post(ws_.get_executor(), [self = this->shared_from_this(), key = std::move(key),
                                    text = std::move(text)]() mutable {
      self->enqueue(std::move(text), std::move(key), false);
    });
  }
  void close(WsClose why) override {
    asio::post(ws_.get_executor(), [self = this->shared_from_this(), why] {
      self->close_code_ = why == WsClose::server_stopping
                              ? websocket::close_code::going_away
                              : websocket::close_code(ws_close_session_changed);
      self->enqueue({}, {}, true);
    });
  }

  awaitable<void> run(BeastRequest req) {
    // Ping a quiet client halfway through ws_idle_seconds and close it when nothing comes back: a
    // phone that lost its network must not keep its place in a queue (presence is an open
    // socket).
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(30);
    timeouts.idle_timeout = std::chrono::seconds(env_.options.ws_idle_seconds);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(static_cast<std::uint64_t>(env_.options.ws_max_message));
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(bhttp::field::server, "yiqiao"); }));
    co_await ws_.async_accept(req, use_awaitable);
    if (!env_.hub.add(this->shared_from_this(), env_.options.ws_max_sockets_per_account)) {
      // Many tabs are fine; hundreds from one account are a client gone wrong, or an attack on
      // the node's memory.
      beast::error_code ignored;
      ws_.text(true);
      ws_.write(asio::buffer(error_message(core::WsErrc::too_many_sockets)), ignored);
      ws_.close(websocket::close_reason(websocket::close_code::policy_error, "too many sockets"),
                ignored);
      co_return;
    }
    ++env_.open;
    send(boost::json::serialize(
        boost::json::object{{"type", "hello"}, {"account_id", principal_.account_id}}));
    try {
      beast::flat_buffer buffer;
      for (;;) {
        if (!co_await wait_for_room()) break;
        co_await ws_.async_read(buffer, use_awaitable);
        std::string text = beast::buffers_to_string(buffer.data());
        buffer.consume(buffer.size());
        co_await handle_message(text);
      }
    } catch (const boost::system::system_error&) {
      // closed by the peer, by a timeout, by close(), or a message over the size cap (1009)
    }
    env_.hub.remove(this);
    --env_.open;
  }

 private:
  // Backpressure: while half the send queue waits, read nothing more from this client, so that
  // its own requests (a burst of pings) can never fill the queue of a client that keeps up; the
  // other half is room for what the server pushes meanwhile. False when the client made no
  // progress for ws_send_timeout_seconds: it does not read at all, and is dropped.
  awaitable<bool> wait_for_room() {
    const auto timeout = std::chrono::seconds(env_.options.ws_send_timeout_seconds);
    while (queue_.size() >= pause_at_ && !closing_) {
      const auto deadline = last_progress_ + timeout;
      if (std::chrono::steady_clock::now() >= deadline) {
        drop_slow_consumer();
        co_return false;
      }
      drained_.expires_at(deadline);
      waiting_for_room_ = true;
      boost::system::error_code ec;  // cancelled by the write loop after each message written
      co_await drained_.async_wait(asio::redirect_error(use_awaitable, ec));
      waiting_for_room_ = false;
    }
    co_return true;
  }

  void drop_slow_consumer() {
    // A client that does not read must not make us hold its messages forever.
    core::log::warn("ws_slow_consumer_dropped", {{"account", principal_.account_id}});
    closing_ = true;
    queue_.clear();
    beast::error_code ec;
    beast::get_lowest_layer(ws_).socket().close(ec);
  }

  awaitable<void> handle_message(const std::string& text) {
    boost::system::error_code ec;
    boost::json::parse_options opts;
    opts.max_depth = 16;
    auto value = boost::json::parse(text, ec, {}, opts);
    if (ec || !value.is_object() || !value.as_object().contains("type") ||
        !value.as_object().at("type").is_string()) {
      send(error_message(core::WsErrc::invalid_json));
      co_return;
    }
    const auto& obj = value.as_object();
    const std::string type(obj.at("type").as_string());
    // Pings are answered here, on the I/O thread, with no handler and no database: a flood of
    // them costs reading and a pong each, and backpressure (reading pauses while half the send
    // queue waits) bounds that, so they are not rate-limited (a client that keeps up keeps every
    // pong). Every registered type is.
    if (type == "ping") {
      send(R"({"type":"pong"})");
      co_return;
    }
    const auto accepted = env_.hub.accept(type, principal_);
    if (accepted.refused) {
      send(boost::json::serialize(
          boost::json::object{{"type", "error"},
                              {"code", core::error_info(*accepted.refused).slug},
                              {"message_type", type}}));
      co_return;
    }
    const WsHub::Registered* registered = accepted.registered;
    if (!registered) {
      send(error_message(core::WsErrc::unknown_type));
      co_return;
    }
    if (!allowed(type, registered->rate)) co_return;
    // The app in use (a queue heartbeat, a call's signaling): keeps the session from its idle
    // expiry. A ping does not: an open but untouched tab signs out like any other.
    last_message_at_ = core::SystemClock().now();
    const WsHandler* handler = &registered->handler;
    // A plain coroutine, not a lambda with captures: g++ 12 destroys a coroutine lambda's
    // captured shared_ptr twice, which freed the session under its own read loop.
    co_await asio::co_spawn(env_.workers, run_handler(*this, *handler, obj), use_awaitable);
    // Boost 1.81 resumes us on the worker that ran the handler; the stream belongs to its strand.
    co_await asio::post(ws_.get_executor(), use_awaitable);
  }

  // `run` keeps the session alive until its read loop ends, and the loop awaits this.
  static awaitable<void> run_handler(WsSession& session, const WsHandler& handler,
                                     const boost::json::object& message) {
    try {
      handler(session, message);
    } catch (const std::exception& e) {
      core::log::error("ws_handler_failed", {{"what", e.what()}});
    }
    co_return;
  }

  // {"type":"error","code":...} with the code from the catalogue (core/error.hpp), and the type of
  // the message it answers when there is one.
  static std::string error_message(core::WsErrc code, std::string_view message_type = {}) {
    boost::json::object o{{"type", "error"}, {"code", core::ws_error_info(code).slug}};
    if (!message_type.empty()) o["message_type"] = message_type;
    return boost::json::serialize(o);
  }

  // Spends one of this type's tokens; over the rate the message is dropped and the client told,
  // at most once a second, so the answer cannot become a flood of its own.
  bool allowed(const std::string& type, WsRate rate) {
    auto it = buckets_.find(type);
    if (it == buckets_.end()) {
      if (buckets_.size() >= kMaxBuckets) return false;  // only registered types reach here
      it = buckets_.emplace(type, core::TokenBucket(rate.per_second, rate.burst)).first;
    }
    if (it->second.take()) return true;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_refusal_ >= std::chrono::seconds(1)) {
      last_refusal_ = now;
      send(error_message(core::WsErrc::rate_limited, type));
    }
    return false;
  }

  // `key` non-empty for WsConnection::send_latest.
  void enqueue(std::string text, std::string key, bool close_after) {
    if (closing_) return;
    if (close_after) {
      closing_ = true;
    } else if (queue_.add(std::move(text), key) == WsSendQueue::Added::full) {
      // Reading stopped at half the queue, so only the server's own pushes got it this far.
      drop_slow_consumer();
      return;
    }
    if (!writing_) {
      writing_ = true;
      last_progress_ = std::chrono::steady_clock::now();
      asio::co_spawn(ws_.get_executor(), write_loop(this->shared_from_this()), asio::detached);
    }
  }

  static awaitable<void> write_loop(std::shared_ptr<WsSession> self) {
    try {
      while (auto msg = self->queue_.take()) {
        self->ws_.text(true);
        co_await self->ws_.async_write(asio::buffer(*msg), use_awaitable);
        self->last_progress_ = std::chrono::steady_clock::now();
        if (self->waiting_for_room_) self->drained_.cancel();
      }
      if (self->closing_ && self->ws_.is_open()) {
        co_await self->ws_.async_close(self->close_code_, use_awaitable);
      }
    } catch (const boost::system::system_error&) {
    }
    self->writing_ = false;
  }

  const WsSessionEnv& env_;
  websocket::stream<Stream> ws_;
  identity::Principal principal_;
  WsSendQueue queue_;
  const std::size_t pause_at_;
  asio::steady_timer drained_;  // wakes a read loop paused by backpressure
  std::chrono::steady_clock::time_point last_progress_ = std::chrono::steady_clock::now();
  bool waiting_for_room_ = false;
  bool writing_ = false;
  bool closing_ = false;
  websocket::close_code close_code_ = websocket::close_code::going_away;
  // Buckets are made only for registered types, so their number is bounded anyway.
  static constexpr std::size_t kMaxBuckets = 64;
  std::map<std::string, core::TokenBucket, std::less<>> buckets_;  // read loop only
  std::chrono::steady_clock::time_point last_refusal_{};
  std::atomic<std::int64_t> last_message_at_{0};  // the upgrade itself used the session
};

}  // namespace ws_detail

using ws_detail::WsSession;

}  // namespace yq::http
