#include "app/serve.hpp"

#include <boost/asio/thread_pool.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "app/background_jobs.hpp"
#include "app/deferred_authenticator.hpp"
#include "app/demo.hpp"
#include "app/session_hooks.hpp"
#include "app/wiring.hpp"
#include "audit/anchor.hpp"
#include "core/log.hpp"
#include "http/pipeline.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "http/ws_hub.hpp"
#include "store/migrations.hpp"

namespace yq::app {

namespace {

http::ServerOptions server_options(const core::Config& cfg, const std::string& host,
                                   std::uint16_t port) {
  http::ServerOptions opts;
  opts.host = host;
  opts.port = port;
  // Parsing and writing are cheap next to the handlers: half the cores keep up (bench/README.md).
  opts.io_threads = cfg.io_threads > 0 ? cfg.io_threads : std::max(1, hardware_threads() / 2);
  opts.tls_cert = cfg.tls_cert;
  opts.tls_key = cfg.tls_key;
  opts.header_timeout_seconds = cfg.header_timeout_seconds;
  opts.idle_timeout_seconds = cfg.idle_timeout_seconds;
  opts.max_requests_per_connection = cfg.max_requests_per_connection;
  opts.ws_max_message = cfg.ws_max_message;
  opts.ws_max_send_queue = static_cast<std::size_t>(cfg.ws_max_send_queue);
  opts.ws_idle_seconds = static_cast<int>(cfg.ws_idle_seconds);
  opts.trust_forwarded_for = cfg.trust_forwarded_for;
  opts.ws_send_timeout_seconds = cfg.ws_send_timeout_seconds;
  opts.ws_max_sockets_per_account = static_cast<std::size_t>(cfg.ws_max_sockets_per_account);
  opts.max_connections = static_cast<std::size_t>(cfg.max_connections);
  opts.max_connections_per_address = static_cast<std::size_t>(cfg.max_connections_per_address);
  return opts;
}

http::PipelineOptions pipeline_options(const core::Config& cfg) {
  http::PipelineOptions o;
  o.max_json_body = cfg.max_json_body;
  o.max_anonymous_body = cfg.max_anonymous_body;
  o.tls = !cfg.tls_cert.empty();
  o.public_https = cfg.public_url.starts_with("https://");
  o.trust_forwarded_proto = cfg.trust_forwarded_for;
  o.inline_reads = cfg.effective_database().starts_with("sqlite:");
  return o;
}

// Start-up refuses to serve a route or message type that does not say who may use it.
bool every_policy_declared(const http::Router& router, const http::WsHub& hub) {
  const auto routes = router.undeclared();
  const auto types = hub.undeclared();
  for (const auto& r : routes) std::cerr << "yiqiao: route without an access policy: " << r << "\n";
  for (const auto& t : types)
    std::cerr << "yiqiao: WebSocket message type without an access policy: " << t << "\n";
  return routes.empty() && types.empty();
}

void write_port_file(const std::string& file, std::uint16_t port) {
  if (file.empty()) return;
  // Renamed into place, so a script waiting for the file never reads half of it.
  std::ofstream(file + ".tmp") << port << "\n";
  std::filesystem::rename(file + ".tmp", file);
}

}  // namespace

int serve(const core::Config& cfg) {
  const auto colon = cfg.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "yiqiao: --listen must be HOST:PORT\n";
    return 2;
  }
  const auto opts =
      server_options(cfg, cfg.listen.substr(0, colon),
                     static_cast<std::uint16_t>(std::stoi(cfg.listen.substr(colon + 1))));

  std::filesystem::create_directories(cfg.data_dir);
  // Before anything starts: a key others may read stops the server with the reason.
  auto anchor_key = audit::load_or_create_anchor_key(cfg.effective_audit_anchor_key());
  boost::asio::thread_pool workers(static_cast<std::size_t>(Services::worker_threads(cfg)));
  http::Router router;
  http::WsHub hub;
  const http::StaticFiles files(cfg.web_root);

  // Services need the public URL for e-mailed links, and with port 0 that is known only after
  // binding; so the server binds first, with an authenticator connected once services exist.
  DeferredAuthenticator authenticator;
  http::Pipeline pipeline(router, authenticator, files, pipeline_options(cfg));
  http::Server server(opts, pipeline, hub, workers);
  const std::uint16_t port = server.start();
  const std::string public_url = cfg.effective_public_url(port);

  Services services(cfg, public_url, &hub);
  const int applied = store::migrate(*services.db);
  if (cfg.demo_data) load_demo(services, cfg.demo_history);
  add_all_routes(router, services);
  add_all_ws_messages(hub, services);
  if (!every_policy_declared(router, hub)) return 3;
  authenticator.connect(services.accounts);
  connect_session_hooks(services, hub);
  BackgroundJobs jobs(cfg, services, hub, std::move(anchor_key));
  jobs.start();

  write_port_file(cfg.port_file, port);
  core::log::info("listening", {{"url", public_url},
                                {"database", services.db->describe()},
                                {"migrations_applied", applied},
                                {"routes", router.routes().size()},
                                {"web_files", files.file_count()}});
  std::cout << "Yiqiao is running at " << public_url << "/" << std::endl;
  server.run();
  jobs.stop();
  workers.join();
  // Last: everything the stopped services wrote is in the final checkpoint.
  jobs.final_checkpoint();
  core::log::info("stopped");
  return 0;
}

}  // namespace yq::app
