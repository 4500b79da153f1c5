#include "http/server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <array>
#include <limits>
#include <thread>
#include <vector>

#include "core/ids.hpp"
#include "core/log.hpp"
#include "core/time.hpp"
#include "http/connection_limits.hpp"
#include "http/request_text.hpp"
#include "http/ws_session.hpp"

namespace yq::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

constexpr std::uint32_t kHeaderLimit = 16 * 1024;
constexpr int kRefusedRetryAfterSeconds = 10;

template <class Stream>
auto& lowest(Stream& s) {
  return beast::get_lowest_layer(s);
}

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

// The answer to a request Beast could not parse, or nullopt when there is nobody to answer (the
// client closed, reset, or took too long).
std::optional<core::Errc> answer_to_parse_error(const boost::system::error_code& ec) {
  if (ec.category() != bhttp::make_error_code(bhttp::error::bad_method).category())
    return std::nullopt;
  switch (static_cast<bhttp::error>(ec.value())) {
    case bhttp::error::end_of_stream:
    case bhttp::error::partial_message:
      return std::nullopt;
    case bhttp::error::header_limit:
      return core::Errc::headers_too_large;
    case bhttp::error::bad_version:
      return core::Errc::http_version_not_supported;
    default:  // a garbage request line, bad fields, conflicting Content-Length/Transfer-Encoding
      return core::Errc::bad_request;
  }
}

identity::ClientInfo client_of(const tcp::socket& socket, const BeastRequest& req,
                               bool trust_forwarded_for) {
  identity::ClientInfo c;
  boost::system::error_code ec;
  const auto ep = socket.remote_endpoint(ec);
  if (!ec) c.ip = ep.address().to_string();
  if (trust_forwarded_for) {
    // nginx appends the real client last; earlier entries are whatever the client claimed.
    std::string_view xff = req["X-Forwarded-For"];
    if (!xff.empty()) {
      const auto comma = xff.rfind(',');
      auto last = comma == std::string_view::npos ? xff : xff.substr(comma + 1);
      while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
      while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
      // Only an address is stored as one (audit lines, sessions).
      const auto addr = asio::ip::make_address(std::string(last.substr(0, 64)), ec);
      if (!ec) c.ip = addr.to_string();
    }
  }
  // Cut at a character, not a byte: half a character is not UTF-8 and PostgreSQL refuses it.
  c.user_agent = std::string(utf8_prefix(req[bhttp::field::user_agent], 256));
  return c;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  const Pipeline& pipeline;
  WsHub& hub;
  asio::thread_pool& workers;
  asio::io_context ioc;
  std::optional<asio::ssl::context> tls;
  tcp::acceptor acceptor{ioc};
  std::atomic<bool> draining{false};
  std::atomic<int> in_flight{0};
  std::atomic<int> websockets{0};
  ConnectionLimits limits;
  const WsSessionEnv ws_env{options, hub, workers, websockets};
  const std::string refused_answer;  // the whole 503, made once: refusing must stay cheap
  std::atomic<std::int64_t> refused{0};
  std::atomic<std::int64_t> refused_logged_at{0};

  Impl(ServerOptions o, const Pipeline& p, WsHub& h, asio::thread_pool& w)
      : options(std::move(o)),
        pipeline(p),
        hub(h),
        workers(w),
        ioc(std::max(1, options.io_threads)),
        limits(options.max_connections, options.max_connections_per_address),
        refused_answer(make_refused_answer()) {}

  static std::string make_refused_answer() {
    const auto reply =
        make_problem(core::Error{core::Errc::too_many_connections, {}, kRefusedRetryAfterSeconds},
                     core::Lang::en, "");
    return "HTTP/1.1 503 Service Unavailable\r\nServer: yiqiao\r\nContent-Type: " +
           reply.content_type + "\r\nRetry-After: " + std::to_string(kRefusedRetryAfterSeconds) +
           "\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: " +
           std::to_string(reply.body.size()) + "\r\n\r\n" + reply.body;
  }

  // One log line per ten seconds at most while connections are refused: a flood must not flood
  // the log too.
  void note_refused() {
    const auto n = ++refused;
    const auto now = core::now_millis();
    auto last = refused_logged_at.load();
    if (now - last >= 10'000 && refused_logged_at.compare_exchange_strong(last, now)) {
      core::log::warn("connections_refused", {{"refused_total", n},
                                              {"open", limits.total()},
                                              {"max_connections", options.max_connections}});
    }
  }

  // ---- HTTP ------------------------------------------------------------------------------------
  // An answer made here rather than by the pipeline (a body over the limit, a refused WebSocket
  // upgrade), with the same request id, headers and access log line as every other answer.
  template <class Stream>
  awaitable<void> write_simple(Stream& stream, const BeastRequest& req, const core::Error& err) {
    const std::string request_id = core::new_request_id();
    const auto reply =
        make_problem(err, core::negotiate_lang("", req[bhttp::field::accept_language]), request_id);
    // A request that could not be parsed has no version yet: answer as HTTP/1.1.
    BeastResponse res{static_cast<bhttp::status>(reply.status), req.version() == 10 ? 10u : 11u};
    res.set(bhttp::field::server, "yiqiao");
    res.set(bhttp::field::content_type, reply.content_type);
    res.set("X-Request-Id", request_id);
    res.set(bhttp::field::cache_control, "no-store");
    for (const auto& [name, value] : reply.headers) res.insert(name, value);
    Pipeline::add_security_headers(res, pipeline.is_https(req));
    core::log::info(
        "request", {{"request_id", request_id},
                    {"method", printable(req.method_string())},
                    {"route", printable(utf8_prefix(path_of(req.target()), 200))},
                    {"status", reply.status},
                    {"ms", 0},
                    {"ip", client_of(lowest(stream).socket(), req, options.trust_forwarded_for).ip},
                    {"account", ""}});
    res.body() = reply.body;
    res.keep_alive(false);
    res.prepare_payload();
    co_await bhttp::async_write(stream, res, use_awaitable);
  }

  template <class Stream>
  awaitable<bool> serve_websocket(Stream& stream, BeastRequest req) {
    if (auto bad = check_request_text(req)) {
      co_await write_simple(stream, req, core::Error::of(*bad));
      co_return false;
    }
    const identity::ClientInfo client =
        client_of(lowest(stream).socket(), req, options.trust_forwarded_for);
    if (draining) co_return false;
    auto principal = co_await asio::co_spawn(
        workers,
        [&]() -> awaitable<std::optional<identity::Principal>> {
          co_return pipeline.authenticate(req, client);
        },
        use_awaitable);
    // A page on another site must not ride the user's cookie into our socket.
    if (!origin_matches_host(req)) {
      co_await write_simple(stream, req, core::Error::of(core::Errc::csrf_rejected));
      co_return false;
    }
    if (!principal || !principal->mfa_done || principal->mfa_enrolment_required) {
      co_await write_simple(stream, req, core::Error::of(core::Errc::unauthenticated));
      co_return false;
    }
    auto session =
        std::make_shared<WsSession<Stream>>(ws_env, std::move(stream), std::move(*principal));
    co_await session->run(std::move(req));
    co_return true;
  }

  template <class Stream>
  awaitable<void> serve_http(Stream& stream, beast::flat_buffer& buffer,
                             ConnectionLimits::Slot& slot) {
    for (int served = 0; served < options.max_requests_per_connection && !draining; ++served) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(kHeaderLimit);
      // Beast checks Content-Length against body_limit while parsing the header; we check it
      // ourselves once the route (and so its limit) is known, and answer 413 instead of dropping.
      parser.body_limit(std::numeric_limits<std::uint64_t>::max());
      lowest(stream).expires_after(std::chrono::seconds(
          served == 0 ? options.header_timeout_seconds : options.idle_timeout_seconds));
      boost::system::error_code ec;
      co_await bhttp::async_read_header(stream, buffer, parser,
                                        asio::redirect_error(use_awaitable, ec));
      if (ec) {
        // Malformed HTTP gets an answer before the close, so a client (or its developer) learns
        // why; a client that went away or ran out of time gets none.
        const auto answer = answer_to_parse_error(ec);
        if (!answer) throw boost::system::system_error(ec);  // the connection just ends
        co_await write_simple(stream, BeastRequest{}, core::Error::of(*answer));
        co_return;
      }
      ++in_flight;
      struct Done {
        std::atomic<int>& n;
        ~Done() { --n; }
      } done{in_flight};
      const BeastRequest& header = parser.get();

      // A Transfer-Encoding that does not end in chunked leaves the body's length unknown (RFC
      // 9112 6.3): a request smuggler's favourite. Refuse it.
      if (header.count(bhttp::field::transfer_encoding) > 0 && !parser.chunked()) {
        co_await write_simple(stream, header, core::Error::of(core::Errc::bad_request));
        co_return;
      }
      // Behind a trusted proxy every connection comes from the proxy: count it under the client
      // address its first request names.
      if (served == 0 && options.trust_forwarded_for &&
          !slot.move_to(client_of(lowest(stream).socket(), header, true).ip)) {
        note_refused();
        co_await write_simple(
            stream, header,
            core::Error{core::Errc::too_many_connections, {}, kRefusedRetryAfterSeconds});
        co_return;
      }
      if (websocket::is_upgrade(header)) {
        // Only /ws speaks WebSocket; an upgrade anywhere else is answered like any unknown path.
        if (path_of(header.target()) != "/ws") {
          co_await write_simple(stream, header, core::Error::of(core::Errc::route_not_found));
          co_return;
        }
        lowest(stream).expires_never();
        co_await serve_websocket(stream, parser.release());
        co_return;
      }

      // Who asks decides how much body we read: an anonymous client gets max_anonymous_body,
      // unless the route is public and declares more. The session is looked up from the header
      // only when the body may be larger than that (and is then not looked up again).
      const auto declared = parser.content_length();
      const auto anonymous_limit = pipeline.body_limit(header, false);
      bool authenticated = false;
      std::optional<identity::Principal> caller;
      std::int64_t limit = anonymous_limit;
      if ((parser.chunked() ||
           (declared && *declared > static_cast<std::uint64_t>(anonymous_limit))) &&
          pipeline.body_limit(header, true) > anonymous_limit) {
        if (auto bad = check_request_text(header)) {
          co_await write_simple(stream, header, core::Error::of(*bad));
          co_return;
        }
        const identity::ClientInfo client =
            client_of(lowest(stream).socket(), header, options.trust_forwarded_for);
        bool via_cookie = false;
        if (!Pipeline::session_token(header, via_cookie).empty()) {
          caller = co_await asio::co_spawn(
              workers,
              [&]() -> awaitable<std::optional<identity::Principal>> {
                co_return pipeline.authenticate(header, client);
              },
              use_awaitable);
        }
        authenticated = true;
        if (pipeline.answers_without_body(header, caller)) {
          // 401, 403 or 404 from the header alone; the body is never read.
          BeastResponse res = pipeline.handle({header, client, true, caller});
          res.keep_alive(false);
          lowest(stream).expires_after(std::chrono::seconds(options.idle_timeout_seconds));
          co_await bhttp::async_write(stream, res, use_awaitable);
          co_return;
        }
        if (caller) limit = pipeline.body_limit(header, true);
      }
      if (declared && *declared > static_cast<std::uint64_t>(limit)) {
        // Refuse before reading (and before allocating) a body larger than the route accepts.
        co_await write_simple(stream, header, core::Error::of(core::Errc::payload_too_large));
        co_return;
      }
      parser.body_limit(static_cast<std::uint64_t>(limit));
      lowest(stream).expires_after(std::chrono::seconds(options.idle_timeout_seconds));
      co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
      if (ec == bhttp::error::body_limit) {  // a chunked body over the cap
        co_await write_simple(stream, parser.get(), core::Error::of(core::Errc::payload_too_large));
        co_return;
      }
      if (ec) {  // a malformed chunk, say
        const auto answer = answer_to_parse_error(ec);
        if (!answer) throw boost::system::system_error(ec);
        co_await write_simple(stream, parser.get(), core::Error::of(*answer));
        co_return;
      }
      BeastRequest req = parser.release();
      const identity::ClientInfo client =
          client_of(lowest(stream).socket(), req, options.trust_forwarded_for);
      // Cheap requests are answered right here; the rest go to the worker pool so that a slow query
      // or a password hash never stalls the other connections of this I/O thread.
      // (An if, not ?: : g++ 12 miscompiles co_await inside a conditional expression.)
      const Incoming in{req, client, authenticated, caller};
      BeastResponse res;
      if (pipeline.runs_inline(req)) {
        res = pipeline.handle(in);
      } else {
        res = co_await asio::co_spawn(
            workers, [&]() -> awaitable<BeastResponse> { co_return pipeline.handle(in); },
            use_awaitable);
      }
      const bool keep =
          res.keep_alive() && !draining && served + 1 < options.max_requests_per_connection;
      res.keep_alive(keep);
      lowest(stream).expires_after(std::chrono::seconds(options.idle_timeout_seconds));
      co_await bhttp::async_write(stream, res, use_awaitable);
      if (!keep) break;
    }
  }

  awaitable<void> run_plain(tcp::socket socket, ConnectionLimits::Slot slot) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    try {
      co_await serve_http(stream, buffer, slot);
      if (stream.socket().is_open()) {
        beast::error_code ec;
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        co_await linger(stream);
      }
    } catch (const boost::system::system_error&) {
      // timeouts, resets and malformed requests end the connection; nothing to answer
    }
  }

  // After the last answer (a 413 sent before the body was read, say), read and drop what the client
  // still sends until it closes, for a few seconds at most: closing a socket with unread data sends
  // a reset, and a reset can destroy the answer before the client has read it.
  static awaitable<void> linger(beast::tcp_stream& stream) {
    stream.expires_after(std::chrono::seconds(3));
    std::array<char, 16 * 1024> scrap;
    std::size_t dropped = 0;
    while (dropped < 16 * 1024 * 1024) {
      boost::system::error_code ec;
      dropped += co_await stream.async_read_some(asio::buffer(scrap),
                                                 asio::redirect_error(use_awaitable, ec));
      if (ec) break;  // closed by the client, reset, or the time is up
    }
  }

  awaitable<void> run_tls(tcp::socket socket, ConnectionLimits::Slot slot) {
    asio::ssl::stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls);
    beast::flat_buffer buffer;
    try {
      lowest(stream).expires_after(std::chrono::seconds(options.header_timeout_seconds));
      co_await stream.async_handshake(asio::ssl::stream_base::server, use_awaitable);
      co_await serve_http(stream, buffer, slot);
      if (lowest(stream).socket().is_open()) {
        lowest(stream).expires_after(std::chrono::seconds(5));
        co_await stream.async_shutdown(use_awaitable);
      }
    } catch (const boost::system::system_error&) {
    }
  }

  awaitable<void> accept_loop() {
    while (acceptor.is_open()) {
      tcp::socket socket(asio::make_strand(ioc));
      boost::system::error_code ec;
      co_await acceptor.async_accept(socket, asio::redirect_error(use_awaitable, ec));
      if (ec) {
        if (!acceptor.is_open()) break;
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      auto ex = socket.get_executor();
      // Behind a trusted proxy the peer is the proxy: only the total counts until the first
      // request names the client (serve_http).
      std::string address;
      if (!options.trust_forwarded_for) {
        const auto peer = socket.remote_endpoint(ec);
        if (!ec) address = peer.address().to_string();
      }
      auto slot = limits.admit(address);
      if (!slot) {
        note_refused();
        // A plain connection gets a ready-made 503; a TLS one would first cost a handshake, and
        // past a few dozen refusals at once nobody gets more than the close.
        if (!tls && limits.begin_refusal())
          asio::co_spawn(ex, refuse(std::move(socket)), asio::detached);
        continue;  // the socket closes as it goes out of scope
      }
      if (tls)
        asio::co_spawn(ex, run_tls(std::move(socket), std::move(*slot)), asio::detached);
      else
        asio::co_spawn(ex, run_plain(std::move(socket), std::move(*slot)), asio::detached);
    }
  }

  awaitable<void> refuse(tcp::socket socket) {
    struct Done {
      ConnectionLimits& limits;
      ~Done() { limits.end_refusal(); }
    } done{limits};
    beast::tcp_stream stream(std::move(socket));
    try {
      stream.expires_after(std::chrono::seconds(1));
      co_await asio::async_write(stream, asio::buffer(refused_answer), use_awaitable);
      beast::error_code ec;
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      // As in linger(): drop what the client sends so that the close is not a reset that
      // destroys the answer; a second at most.
      std::array<char, 4096> scrap;
      for (std::size_t dropped = 0; dropped < 64 * 1024;) {
        dropped += co_await stream.async_read_some(asio::buffer(scrap), use_awaitable);
      }
    } catch (const boost::system::system_error&) {
    }
  }

  void begin_drain() {
    if (draining.exchange(true)) return;
    core::log::info("draining",
                    {{"in_flight", in_flight.load()}, {"websockets", websockets.load()}});
    boost::system::error_code ec;
    acceptor.close(ec);
    hub.close_all();
    drain_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.drain_seconds);
    poll_drain();
  }

  // Members, not a self-capturing closure: a handler that owned itself was never freed
  // (LeakSanitizer).
  asio::steady_timer drain_timer{ioc};
  std::chrono::steady_clock::time_point drain_deadline;

  void poll_drain() {
    if ((in_flight == 0 && websockets == 0) || std::chrono::steady_clock::now() >= drain_deadline) {
      ioc.stop();
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(50));
    drain_timer.async_wait([this](boost::system::error_code ec) {
      if (!ec) poll_drain();
    });
  }
};

Server::Server(ServerOptions options, const Pipeline& pipeline, WsHub& hub,
               asio::thread_pool& workers)
    : impl_(std::make_unique<Impl>(std::move(options), pipeline, hub, workers)) {}

Server::~Server() = default;

std::uint16_t Server::start() {
  auto& s = *impl_;
  if (!s.options.tls_cert.empty()) {
    s.tls.emplace(asio::ssl::context::tls_server);
    s.tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                       asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
    s.tls->use_certificate_chain_file(s.options.tls_cert);
    s.tls->use_private_key_file(s.options.tls_key, asio::ssl::context::pem);
  }
  const tcp::endpoint ep(asio::ip::make_address(s.options.host), s.options.port);
  s.acceptor.open(ep.protocol());
  s.acceptor.set_option(asio::socket_base::reuse_address(true));
  s.acceptor.bind(ep);
  s.acceptor.listen(asio::socket_base::max_listen_connections);
  asio::co_spawn(s.ioc, s.accept_loop(), asio::detached);
  return s.acceptor.local_endpoint().port();
}

void Server::run() {
  auto& s = *impl_;
  asio::signal_set signals(s.ioc, SIGINT, SIGTERM);
  signals.async_wait([&s](boost::system::error_code ec, int) {
    if (!ec) s.begin_drain();
  });
  std::vector<std::thread> threads;
  for (int i = 1; i < std::max(1, s.options.io_threads); ++i)
    threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
}

void Server::request_stop() {
  asio::post(impl_->ioc, [this] { impl_->begin_drain(); });
}

}  // namespace yq::http
