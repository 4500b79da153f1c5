#include "core/config.hpp"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <functional>

namespace yq::core {

namespace {

using Setter = std::function<std::optional<std::string>(Config&, const std::string&)>;

std::optional<std::string> parse_int(const std::string& v, std::int64_t min, std::int64_t max,
                                     std::int64_t& out) {
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || p != v.data() + v.size() || n < min || n > max) {
    return "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  }
  out = n;
  return std::nullopt;
}

template <class T>
Setter int_setter(T Config::*field, std::int64_t min, std::int64_t max) {
  return [=](Config& c, const std::string& v) -> std::optional<std::string> {
    std::int64_t n;
    if (auto err = parse_int(v, min, max, n)) return err;
    c.*field = static_cast<T>(n);
    return std::nullopt;
  };
}

Setter string_setter(std::string Config::*field) {
  return [=](Config& c, const std::string& v) -> std::optional<std::string> {
    c.*field = v;
    return std::nullopt;
  };
}

Setter bool_setter(bool Config::*field) {
  return [=](Config& c, const std::string& v) -> std::optional<std::string> {
    if (v == "1" || v == "true" || v == "yes" || v == "on")
      c.*field = true;
    else if (v == "0" || v == "false" || v == "no" || v == "off")
      c.*field = false;
    else
      return std::string("expected true or false");
    return std::nullopt;
  };
}

struct KeyDef {
  ConfigKey key;
  Setter set;
};

const std::vector<KeyDef>& key_defs() {
  static const std::vector<KeyDef> defs{
      {{"listen", "HOST:PORT to listen on (port 0 picks a free one)"},
       string_setter(&Config::listen)},
      {{"database",
        "sqlite:PATH or postgresql://user@host:port/db (default sqlite:<data_dir>/yiqiao.db)"},
       string_setter(&Config::database)},
      {{"data_dir", "folder for the SQLite file and blobs"}, string_setter(&Config::data_dir)},
      {{"web_root", "folder of the built web app"}, string_setter(&Config::web_root)},
      {{"public_url", "URL users reach the app at, used in e-mailed links"},
       string_setter(&Config::public_url)},
      {{"demo_data", "load demo organisations, staff and patients into an empty database"},
       bool_setter(&Config::demo_data)},
      {{"demo_history",
        "with demo_data: also the demo patients' health records and a few booked visits in the "
        "coming days (scripts/run sets it; tests start without them)"},
       bool_setter(&Config::demo_history)},
      {{"tls_cert", "PEM certificate chain; with tls_key, serve HTTPS"},
       string_setter(&Config::tls_cert)},
      {{"tls_key", "PEM private key"}, string_setter(&Config::tls_key)},
      {{"io_threads", "threads running network I/O (0: half the cores, at least 1)"},
       int_setter(&Config::io_threads, 0, 256)},
      {{"worker_threads", "threads for blocking work (0: 2 x cores)"},
       int_setter(&Config::worker_threads, 0, 1024)},
      {{"db_pool_size", "database connections (0: worker_threads)"},
       int_setter(&Config::db_pool_size, 0, 1024)},
      {{"max_json_body", "largest JSON request body in bytes"},
       int_setter(&Config::max_json_body, 1024, 16 * 1024 * 1024)},
      {{"max_anonymous_body",
        "largest request body in bytes from a client without a session (unless the route is public "
        "and declares more)"},
       int_setter(&Config::max_anonymous_body, 1024, 16 * 1024 * 1024)},
      {{"max_connections", "open connections in all (HTTP and WebSocket); more get 503"},
       int_setter(&Config::max_connections, 1, 1000000)},
      {{"max_connections_per_address",
        "open connections from one client address; more get 503 (behind a trusted proxy: the "
        "forwarded address)"},
       int_setter(&Config::max_connections_per_address, 1, 1000000)},
      {{"header_timeout_seconds", "time allowed to send request headers"},
       int_setter(&Config::header_timeout_seconds, 1, 600)},
      {{"idle_timeout_seconds", "keep-alive idle time and body read time"},
       int_setter(&Config::idle_timeout_seconds, 1, 3600)},
      {{"max_requests_per_connection", "requests served on one keep-alive connection"},
       int_setter(&Config::max_requests_per_connection, 1, 1000000)},
      {{"ws_max_message", "largest WebSocket message in bytes"},
       int_setter(&Config::ws_max_message, 256, 16 * 1024 * 1024)},
      {{"ws_max_send_queue", "messages queued to a slow WebSocket client before it is dropped"},
       int_setter(&Config::ws_max_send_queue, 1, 100000)},
      {{"ws_idle_seconds",
        "a WebSocket silent this long is closed; we ping it halfway, so only dead links are"},
       int_setter(&Config::ws_idle_seconds, 4, 3600)},
      {{"ws_session_check_seconds",
        "how often open WebSockets' sessions are checked (closed at idle or absolute expiry)"},
       int_setter(&Config::ws_session_check_seconds, 1, 3600)},
      {{"ws_max_sockets_per_account",
        "WebSockets one account may hold open on this node; one more is closed (1008)"},
       int_setter(&Config::ws_max_sockets_per_account, 1, 10000)},
      {{"ws_send_timeout_seconds",
        "a WebSocket client whose messages stop being written (it does not read) this long is "
        "dropped"},
       int_setter(&Config::ws_send_timeout_seconds, 1, 3600)},
      {{"session_idle_minutes", "sign-out after this much inactivity"},
       int_setter(&Config::session_idle_minutes, 1, 24 * 60)},
      {{"session_absolute_hours", "sign-out after this long regardless of activity"},
       int_setter(&Config::session_absolute_hours, 1, 24 * 30)},
      {{"password_hashes_per_address_minute",
        "password checks and hashes (sign-in, register, password change, ...) one client address "
        "may cause per minute; more answer 429"},
       int_setter(&Config::password_hashes_per_address_minute, 1, 1'000'000)},
      {{"smtp_host", "SMTP relay; empty keeps mail in the outbox only"},
       string_setter(&Config::smtp_host)},
      {{"smtp_port", "SMTP port"}, int_setter(&Config::smtp_port, 1, 65535)},
      {{"smtp_from", "From: address of e-mails"}, string_setter(&Config::smtp_from)},
      {{"smtp_tls",
        "starttls (required), implicit (TLS from the first byte, port 465) or off (mail in "
        "the clear); the relay's certificate is verified"},
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v != "starttls" && v != "implicit" && v != "off")
           return std::string("expected starttls, implicit or off");
         c.smtp_tls = v;
         return std::nullopt;
       }},
      {{"smtp_ca_file",
        "PEM CA certificates the SMTP relay's certificate must chain to "
        "(default: the system's)"},
       string_setter(&Config::smtp_ca_file)},
      {{"smtp_user", "user name for SMTP AUTH (needs smtp_tls on)"},
       string_setter(&Config::smtp_user)},
      {{"smtp_password", "password for SMTP AUTH (better in YIQIAO_SMTP_PASSWORD or the file)"},
       string_setter(&Config::smtp_password)},
      {{"reminder_poll_seconds", "seconds between looks for due appointment reminders"},
       int_setter(&Config::reminder_poll_seconds, 1, 3600)},
      {{"max_future_bookings", "upcoming appointments one patient may hold at once"},
       int_setter(&Config::max_future_bookings, 1, 1000)},
      {{"queue_grace_seconds",
        "a waiting patient without a connection this long is dropped from the queue"},
       int_setter(&Config::queue_grace_seconds, 2, 3600)},
      {{"queue_sweep_seconds",
        "seconds between queue sweeps (places resent, silent patients dropped)"},
       int_setter(&Config::queue_sweep_seconds, 1, 600)},
      {{"turn_urls",
        "comma-separated TURN URLs handed to browsers (turn:host:3478?transport=udp,...)"},
       string_setter(&Config::turn_urls)},
      {{"turn_secret", "coturn static-auth-secret: TURN credentials are made from it"},
       string_setter(&Config::turn_secret)},
      {{"turn_ttl_seconds", "how long a TURN credential stays valid"},
       int_setter(&Config::turn_ttl_seconds, 60, 86400)},
      {{"room_token_seconds", "how long a consultation room token lets a WebSocket in"},
       int_setter(&Config::room_token_seconds, 1, 600)},
      {{"stun_urls", "comma-separated STUN URLs handed to browsers"},
       string_setter(&Config::stun_urls)},
      {{"ice_transport_policy", "all, or relay to send consultation media only through TURN"},
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v != "all" && v != "relay") return std::string("expected all or relay");
         c.ice_transport_policy = v;
         return std::nullopt;
       }},
      {{"audit_anchor_seconds",
        "seconds between signed checkpoints of the audit chain's head (also written at shutdown)"},
       int_setter(&Config::audit_anchor_seconds, 1, 86400)},
      {{"audit_anchor_path",
        "append-only file of signed audit checkpoints (default <data_dir>/audit-anchor.jsonl)"},
       string_setter(&Config::audit_anchor_path)},
      {{"audit_anchor_key",
        "Ed25519 key file signing the checkpoints, made (mode 0600) if missing (default "
        "<data_dir>/audit-anchor.key)"},
       string_setter(&Config::audit_anchor_key)},
      {{"audit_anonymous_flush_seconds",
        "seconds between writes of the summed audit events of unauthenticated requests"},
       int_setter(&Config::audit_anonymous_flush_seconds, 1, 3600)},
      {{"trust_forwarded_for",
        "take the client address from X-Forwarded-For and https from X-Forwarded-Proto (behind "
        "nginx only)"},
       bool_setter(&Config::trust_forwarded_for)},
      {{"log_level", "debug, info, warn or error"}, string_setter(&Config::log_level)},
      {{"password_cost", "interactive (production) or test (fast hashing for the test suite only)"},
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v != "interactive" && v != "test") return std::string("expected interactive or test");
         c.password_cost = v;
         return std::nullopt;
       }},
      {{"port_file", "write the bound port to this file once listening"},
       string_setter(&Config::port_file)},
  };
  return defs;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> keys = [] {
    std::vector<ConfigKey> out;
    for (const auto& d : key_defs()) out.push_back(d.key);
    return out;
  }();
  return keys;
}

std::optional<std::string> apply_config_value(Config& cfg, const std::string& key,
                                              const std::string& value) {
  for (const auto& d : key_defs()) {
    if (d.key.name == key) {
      if (auto err = d.set(cfg, value)) return key + ": " + *err;
      return std::nullopt;
    }
  }
  return "unknown setting '" + key + "'";
}

std::optional<std::string> apply_config_file(Config& cfg, const std::string& path) {
  std::ifstream in(path);
  if (!in) return "cannot read config file " + path;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    line = trim(line);
    if (line.empty()) continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos)
      return path + ":" + std::to_string(number) + ": expected key = value";
    if (auto err = apply_config_value(cfg, trim(line.substr(0, eq)), trim(line.substr(eq + 1)))) {
      return path + ":" + std::to_string(number) + ": " + *err;
    }
  }
  return std::nullopt;
}

std::optional<std::string> apply_config_env(Config& cfg) {
  for (const auto& d : key_defs()) {
    std::string var = "YIQIAO_";
    for (char c : d.key.name)
      var.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (const char* v = std::getenv(var.c_str())) {
      if (auto err = d.set(cfg, v)) return var + ": " + *err;
    }
  }
  return std::nullopt;
}

std::optional<std::string> check_config(const Config& cfg) {
  if (cfg.smtp_tls == "off" && (!cfg.smtp_user.empty() || !cfg.smtp_password.empty()))
    return std::string(
        "smtp_user and smtp_password need smtp_tls starttls or implicit: the "
        "password would cross the network readable");
  if (cfg.smtp_password.empty() != cfg.smtp_user.empty())
    return std::string("smtp_user and smtp_password go together");
  return std::nullopt;
}

std::string Config::effective_database() const {
  return database.empty() ? "sqlite:" + data_dir + "/yiqiao.db" : database;
}

std::string Config::effective_audit_anchor_path() const {
  return audit_anchor_path.empty() ? data_dir + "/audit-anchor.jsonl" : audit_anchor_path;
}

std::string Config::effective_audit_anchor_key() const {
  return audit_anchor_key.empty() ? data_dir + "/audit-anchor.key" : audit_anchor_key;
}

std::string Config::effective_public_url(std::uint16_t bound_port) const {
  if (!public_url.empty()) return public_url;
  std::string host = listen.substr(0, listen.rfind(':'));
  if (host == "0.0.0.0" || host.empty()) host = "localhost";
  return std::string(tls_cert.empty() ? "http" : "https") + "://" + host + ":" +
         std::to_string(bound_port);
}

}  // namespace yq::core
