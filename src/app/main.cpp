// yiqiao: the one server binary. This file parses the command line and wires every service; no
// other file builds services or holds globals.
#include <boost/asio/thread_pool.hpp>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "app/admin_commands.hpp"
#include "app/session_watch.hpp"
#include "app/wiring.hpp"
#include "audit/anchor.hpp"
#include "audit/audit_log.hpp"
#include "consult/signaling.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "core/periodic.hpp"
#include "http/pipeline.hpp"
#include "http/server.hpp"
#include "identity/demo_data.hpp"
#include "mail/outbox.hpp"
#include "notify/reminder_sender.hpp"
#include "queue/sweeper.hpp"
#include "scheduling/availability/slot_horizon.hpp"
#include "scheduling/demo_schedule.hpp"
#include "scheduling/directory/index.hpp"
#include "store/migrations.hpp"

namespace {

using namespace yq;

constexpr const char* kUsage = R"(yiqiao - telemedicine and health-record exchange server

Usage:
  yiqiao serve [options]         run the server (migrates the database first)
  yiqiao migrate [options]       apply pending database migrations and exit
  yiqiao audit verify [options]  check the audit trail's hash chain; exit 1 if it was tampered with
      --anchor FILE              also check it against the signed checkpoints in FILE
      --public-key FILE|KEY      the key they were signed with (default: audit_anchor_key's)
  yiqiao audit anchor-key        print the checkpoint signing key's public half (makes the key)
  yiqiao outbox list [--json]    the latest 100 e-mails, in full (secret links included)
  yiqiao outbox show ID [--json] one e-mail in full
  yiqiao routes [--json]         print every route with who may call it
  yiqiao config                  list every setting with its default
  yiqiao --help | --version

Options (each is also a config file key with '_' for '-', and an environment variable YIQIAO_<KEY>):
  --config FILE                  read settings from FILE (key = value lines)
)";

struct Cli {
  std::vector<std::string> command;
  std::vector<std::pair<std::string, std::string>> settings;
  std::string config_file;
  std::string anchor;      // audit verify --anchor
  std::string public_key;  // audit verify --public-key
  bool json = false;
  bool help = false;
  bool version = false;
};

std::optional<std::string> parse_cli(int argc, char** argv, Cli& cli) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      cli.help = true;
    } else if (arg == "--version") {
      cli.version = true;
    } else if (arg == "--json") {
      cli.json = true;
    } else if (arg.starts_with("--")) {
      std::string key = arg.substr(2), value;
      if (const auto eq = key.find('='); eq != std::string::npos) {
        value = key.substr(eq + 1);
        key.resize(eq);
      } else if (key == "demo-data") {
        value = "true";
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        return "option --" + key + " needs a value";
      }
      std::replace(key.begin(), key.end(), '-', '_');
      if (key == "config")
        cli.config_file = value;
      else if (key == "anchor")
        cli.anchor = value;
      else if (key == "public_key")
        cli.public_key = value;
      else
        cli.settings.emplace_back(key, value);
    } else {
      cli.command.push_back(arg);
    }
  }
  return std::nullopt;
}

std::optional<std::string> build_config(const Cli& cli, core::Config& cfg) {
  std::string file = cli.config_file;
  if (file.empty()) {
    if (const char* env = std::getenv("YIQIAO_CONFIG")) file = env;
  }
  if (!file.empty()) {
    if (auto err = core::apply_config_file(cfg, file)) return err;
  }
  if (auto err = core::apply_config_env(cfg)) return err;
  for (const auto& [k, v] : cli.settings) {
    if (auto err = core::apply_config_value(cfg, k, v)) return err;
  }
  return core::check_config(cfg);
}

void print_help() {
  std::cout << kUsage;
  for (const auto& key : core::config_keys()) {
    std::string flag = key.name;
    std::replace(flag.begin(), flag.end(), '_', '-');
    std::cout << "  --" << flag << std::string(flag.size() < 29 ? 29 - flag.size() : 1, ' ')
              << key.help << "\n";
  }
}

using app::add_all_routes;
using app::hardware_threads;
using app::Services;

// The route table without a database: `yiqiao routes` and the policy test read it.
int print_routes(const core::Config& cfg, bool json) {
  core::Config scratch = cfg;
  scratch.database = "sqlite::memory:";
  scratch.password_cost = "test";
  Services services(scratch, "http://localhost");
  http::Router router;
  add_all_routes(router, services);
  boost::json::array out;
  for (const auto& r : router.routes()) {
    if (json) {
      out.push_back({{"method", r.method},
                     {"pattern", r.pattern},
                     {"policy", r.policy.describe()},
                     {"summary", r.summary}});
    } else {
      std::cout << r.method << std::string(7 - std::min<std::size_t>(6, r.method.size()), ' ')
                << r.pattern << "  [" << r.policy.describe() << "]  " << r.summary << "\n";
    }
  }
  if (json) std::cout << boost::json::serialize(out) << "\n";
  return router.undeclared().empty() ? 0 : 1;
}

int serve(const core::Config& cfg) {
  const auto colon = cfg.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "yiqiao: --listen must be HOST:PORT\n";
    return 2;
  }
  http::ServerOptions opts;
  opts.host = cfg.listen.substr(0, colon);
  opts.port = static_cast<std::uint16_t>(std::stoi(cfg.listen.substr(colon + 1)));
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

  std::filesystem::create_directories(cfg.data_dir);
  // Before anything starts: a key others may read stops the server with the reason.
  const auto anchor_key = audit::load_or_create_anchor_key(cfg.effective_audit_anchor_key());
  boost::asio::thread_pool workers(static_cast<std::size_t>(Services::worker_threads(cfg)));
  std::unique_ptr<Services> services;
  http::Router router;
  http::WsHub hub;
  const http::StaticFiles files(cfg.web_root);
  std::unique_ptr<http::Pipeline> pipeline;
  std::unique_ptr<http::Server> server;

  // Services need the public URL for e-mailed links, and with port 0 that is known only after
  // binding; so the server binds first, with an authenticator that is connected once services exist
  // (nothing is accepted before run()).
  struct PipelineHolder final : http::Authenticator {
    http::Authenticator* target = nullptr;
    std::optional<http::Principal> authenticate(std::string_view t,
                                                const http::ClientInfo& c) override {
      return target ? target->authenticate(t, c) : std::nullopt;
    }
  } auth_holder;
  http::PipelineOptions pipeline_options;
  pipeline_options.max_json_body = cfg.max_json_body;
  pipeline_options.max_anonymous_body = cfg.max_anonymous_body;
  pipeline_options.tls = !cfg.tls_cert.empty();
  pipeline_options.public_https = cfg.public_url.starts_with("https://");
  pipeline_options.trust_forwarded_proto = cfg.trust_forwarded_for;
  pipeline_options.inline_reads = cfg.effective_database().starts_with("sqlite:");
  pipeline = std::make_unique<http::Pipeline>(router, auth_holder, files, pipeline_options);
  server = std::make_unique<http::Server>(opts, *pipeline, hub, workers);
  const std::uint16_t port = server->start();
  const std::string public_url = cfg.effective_public_url(port);

  services = std::make_unique<Services>(cfg, public_url, &hub);
  const int applied = store::migrate(*services->db);
  if (cfg.demo_data && identity::load_demo_data(*services->db, services->accounts, services->clock))
    scheduling::load_demo_schedule(services->scheduling.env());
  add_all_routes(router, *services);
  consult::add_signaling(hub, services->consult.rooms, services->consult.hub);
  if (auto missing = router.undeclared(); !missing.empty()) {
    for (const auto& r : missing)
      std::cerr << "yiqiao: route without an access policy: " << r << "\n";
    return 3;
  }
  auth_holder.target = &services->accounts;
  // A WebSocket lives no longer than the session it was opened with.
  services->accounts.on_sessions_ended([&hub](const std::string& account,
                                              const std::string& only_session,
                                              const std::string& except_session) {
    hub.close_sessions(account, only_session, except_session);
  });
  // ... and the secret calendar feed URL no longer than the credentials it was made with.
  services->accounts.on_credentials_ended(scheduling::CalendarFeeds::end_for);
  // ... and closes at the session's idle or absolute expiry.
  app::SessionWatch session_watch(hub, services->accounts, services->clock);
  core::Periodic session_watcher("ws_session_watch",
                                 std::chrono::seconds(cfg.ws_session_check_seconds),
                                 [&] { session_watch.look(); });
  session_watcher.start();
  mail::SmtpSender mailer(*services->db, cfg);
  mailer.start();
  notify::ReminderSender reminders(*services->db, services->clock, services->notifier,
                                   cfg.reminder_poll_seconds, public_url);
  reminders.start();
  queue::QueueSweeper queue_sweeper(services->queues, cfg.queue_sweep_seconds);
  queue_sweeper.start();
  scheduling::SlotHorizon slot_horizon(services->scheduling.env());
  slot_horizon.start();
  scheduling::DirectoryKeeper directory_keeper(*services->db, services->clock,
                                               std::chrono::seconds(10));
  directory_keeper.start();
  // Summed audit events of unauthenticated requests: one write per interval, not per request.
  auto& anonymous_audit = services->accounts.anonymous_audit();
  core::Periodic anonymous_flusher("audit_anonymous_flush",
                                   std::chrono::seconds(cfg.audit_anonymous_flush_seconds),
                                   [&] { anonymous_audit.flush(*services->db); });
  anonymous_flusher.start();
  // Signed checkpoints of the chain head outside the database (docs/operations.md).
  audit::AnchorWriter anchor(*services->db, services->clock, cfg.effective_audit_anchor_path(),
                             anchor_key);
  core::Periodic anchor_writer("audit_anchor", std::chrono::seconds(cfg.audit_anchor_seconds),
                               [&] { anchor.checkpoint(); });
  anchor_writer.start();

  if (!cfg.port_file.empty()) {
    std::ofstream(cfg.port_file + ".tmp") << port << "\n";
    std::filesystem::rename(cfg.port_file + ".tmp", cfg.port_file);
  }
  core::log::info("listening", {{"url", public_url},
                                {"database", services->db->describe()},
                                {"migrations_applied", applied},
                                {"routes", router.routes().size()},
                                {"web_files", files.file_count()}});
  std::cout << "Yiqiao is running at " << public_url << "/" << std::endl;
  server->run();
  anonymous_flusher.stop();
  anchor_writer.stop();
  directory_keeper.stop();
  slot_horizon.stop();
  queue_sweeper.stop();
  reminders.stop();
  mailer.stop();
  workers.join();
  // Last: everything the stopped services wrote is in the final checkpoint.
  try {
    anonymous_audit.flush(*services->db);
    anchor.checkpoint();
  } catch (const std::exception& e) {
    core::log::error("audit_anchor_failed", {{"what", e.what()}});
  }
  core::log::info("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Cli cli;
  if (auto err = parse_cli(argc, argv, cli)) {
    std::cerr << "yiqiao: " << *err << "\n";
    return 2;
  }
  if (cli.version) {
    std::cout << "yiqiao 0.1.0\n";
    return 0;
  }
  if (cli.help || cli.command.empty()) {
    print_help();
    return cli.help ? 0 : 2;
  }
  core::Config cfg;
  if (auto err = build_config(cli, cfg)) {
    std::cerr << "yiqiao: " << *err << "\n";
    return 2;
  }
  core::log::set_min_level(cfg.log_level == "debug"   ? core::log::Level::debug
                           : cfg.log_level == "warn"  ? core::log::Level::warn
                           : cfg.log_level == "error" ? core::log::Level::error
                                                      : core::log::Level::info);
  try {
    core::crypto_init();
    const std::string& cmd = cli.command[0];
    if (cmd == "serve") return serve(cfg);
    if (cmd == "migrate") {
      auto db = store::open_database(cfg.effective_database(), 1);
      std::cout << store::migrate(*db) << " migrations applied; schema version "
                << store::current_schema_version(*db) << "\n";
      return 0;
    }
    if (cmd == "audit" && cli.command.size() == 2 && cli.command[1] == "verify")
      return app::audit_verify(cfg, cli.anchor, cli.public_key);
    if (cmd == "audit" && cli.command.size() == 2 && cli.command[1] == "anchor-key")
      return app::audit_anchor_key(cfg);
    if (cmd == "outbox" && cli.command.size() == 2 && cli.command[1] == "list")
      return app::outbox_list(cfg, cli.json);
    if (cmd == "outbox" && cli.command.size() == 3 && cli.command[1] == "show")
      return app::outbox_show(cfg, cli.command[2], cli.json);
    if (cmd == "routes") return print_routes(cfg, cli.json);
    if (cmd == "config") {
      for (const auto& key : core::config_keys()) std::cout << key.name << "\t" << key.help << "\n";
      return 0;
    }
    std::cerr << "yiqiao: unknown command '" << cmd << "' (see yiqiao --help)\n";
    return 2;
  } catch (const std::exception& e) {
    core::log::error("fatal", {{"what", e.what()}});
    std::cerr << "yiqiao: " << e.what() << "\n";
    return 1;
  }
}
