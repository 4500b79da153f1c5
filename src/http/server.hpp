#pragma once
// The network edge: accepts TCP (optionally TLS), reads HTTP/1.1 requests with limits, hands each
// to the Pipeline on the worker pool, writes the answer; upgrades /ws to a WebSocket. Coroutine
// sessions in the shape of Boost.Beast's advanced server examples. Malformed requests get an answer
// (400, 431, 505) before the close; connections over the caps get 503.
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "http/pipeline.hpp"
#include "http/ws_hub.hpp"

namespace yq::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  int io_threads = 1;
  std::string tls_cert;
  std::string tls_key;
  int header_timeout_seconds = 10;
  int idle_timeout_seconds = 60;
  int max_requests_per_connection = 1000;
  std::int64_t ws_max_message = 64 * 1024;
  std::size_t ws_max_send_queue = 256;
  int ws_idle_seconds = 40;
  // While half of ws_max_send_queue waits, the socket's messages are not read (its own requests
  // cannot overflow it); a socket whose writes make no progress this long is dropped.
  int ws_send_timeout_seconds = 20;
  // One account's sockets on this node (tabs, devices); one more is refused (close 1008).
  std::size_t ws_max_sockets_per_account = 16;
  bool trust_forwarded_for = false;
  // Open connections (HTTP and WebSocket) in all and per client address; more are refused with 503.
  std::size_t max_connections = 20000;
  std::size_t max_connections_per_address = 256;
  int drain_seconds = 15;
};

class Server {
 public:
  Server(ServerOptions options, const Pipeline& pipeline, WsHub& hub,
         boost::asio::thread_pool& workers);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts accepting; returns the bound port (useful with port 0).
  std::uint16_t start();
  // Runs the I/O threads until SIGINT/SIGTERM, then drains: stops accepting, lets in-flight
  // requests finish, sends WebSockets a close frame, and returns.
  void run();
  // Starts the same drain from another thread.
  void request_stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace yq::http
