// yiqiao: the one server binary. This file only reads the command line and the settings and hands
// each command to src/app, where everything is wired (wiring.cpp builds the services; no file holds
// globals).
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/admin_commands.hpp"
#include "app/route_listing.hpp"
#include "app/serve.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"

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
  yiqiao routes [--json]         print every route and WebSocket message type with its policy
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
      } else if (key == "demo-data" || key == "demo-history") {  // switches: no value
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
    if (cmd == "serve") return app::serve(cfg);
    if (cmd == "migrate") return app::migrate(cfg);
    if (cmd == "audit" && cli.command.size() == 2 && cli.command[1] == "verify")
      return app::audit_verify(cfg, cli.anchor, cli.public_key);
    if (cmd == "audit" && cli.command.size() == 2 && cli.command[1] == "anchor-key")
      return app::audit_anchor_key(cfg);
    if (cmd == "outbox" && cli.command.size() == 2 && cli.command[1] == "list")
      return app::outbox_list(cfg, cli.json);
    if (cmd == "outbox" && cli.command.size() == 3 && cli.command[1] == "show")
      return app::outbox_show(cfg, cli.command[2], cli.json);
    if (cmd == "routes") return app::print_routes(cfg, cli.json);
    if (cmd == "config") return app::print_config_keys();
    std::cerr << "yiqiao: unknown command '" << cmd << "' (see yiqiao --help)\n";
    return 2;
  } catch (const std::exception& e) {
    core::log::error("fatal", {{"what", e.what()}});
    std::cerr << "yiqiao: " << e.what() << "\n";
    return 1;
  }
}
