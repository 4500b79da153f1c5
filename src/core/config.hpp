#pragma once
// Server configuration. Sources, later ones winning: built-in defaults, the config file
// (key = value lines), environment variables YIQIAO_<KEY>, command-line flags --<key-with-dashes>.
// Every key and its default is listed in docs/configuration.md.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace yq::core {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string database;  // empty: sqlite:<data_dir>/yiqiao.db
  std::string data_dir = "var";
  std::string web_root = "web/dist";
  std::string public_url;  // empty: http://<listen>
  bool demo_data = false;
  // With demo_data: also the demo patients' health records and a few booked visits in the coming
  // days (scripts/run sets it), so the demo doctors have patients under their care; tests start
  // from an empty record and no bookings.
  bool demo_history = false;
  std::string tls_cert;
  std::string tls_key;
  int io_threads = 0;      // 0: half the cores, at least 1
  int worker_threads = 0;  // 0: 2 x cores (workers block on the database and on hashing)
  int db_pool_size = 0;    // 0: worker_threads
  std::int64_t max_json_body = 64 * 1024;
  std::int64_t max_anonymous_body = 8 * 1024;  // body cap for a request without a session
  int max_connections = 20000;                 // open connections in all (HTTP and WebSocket)
  int max_connections_per_address = 256;       // ... from one client address
  int header_timeout_seconds = 10;
  int idle_timeout_seconds = 60;
  int max_requests_per_connection = 1000;
  std::int64_t ws_max_message = 64 * 1024;
  std::int64_t ws_max_send_queue = 256;
  std::int64_t ws_idle_seconds = 40;
  int ws_max_sockets_per_account = 16;  // one account's WebSockets on one node
  int ws_session_check_seconds = 30;    // how often open sockets' sessions are checked
  int ws_send_timeout_seconds =
      20;  // a WebSocket whose writes make no progress this long is dropped
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
  // Password checks and hashes (sign-in, register, password change, ...) per client address.
  int password_hashes_per_address_minute = 180;
  std::string smtp_host;  // empty: mail goes to the outbox table only
  int smtp_port = 25;
  std::string smtp_from = "Yiqiao <no-reply@yiqiao.invalid>";
  // Mail carries reset and invitation links: it crosses the network encrypted, to a relay whose
  // certificate checks out, unless the operator writes smtp_tls = off.
  std::string smtp_tls = "starttls";  // or "implicit" (smtps), or "off"
  std::string smtp_ca_file;           // PEM CA certificates for the relay; empty: the system's
  std::string smtp_user;              // AUTH at the relay; only with TLS on
  std::string smtp_password;
  int reminder_poll_seconds = 30;  // how often due appointment reminders are looked for
  int max_future_bookings = 10;    // upcoming appointments one patient may hold
  int queue_grace_seconds = 120;   // a waiting patient silent this long leaves the queue
  int queue_sweep_seconds = 10;
  // Consultation media (docs/operations: deploy/coturn). TURN credentials use coturn's shared
  // secret ("TURN REST API"): empty turn_urls offers no relay (browsers on one network still meet).
  std::string turn_urls;    // comma-separated turn:/turns: URLs
  std::string turn_secret;  // coturn's static-auth-secret
  int turn_ttl_seconds = 3600;
  int room_token_seconds = 120;  // a page's pass into a consultation room (asked for per connect)
  std::string stun_urls;         // comma-separated stun: URLs
  std::string ice_transport_policy =
      "all";  // or "relay": media only through TURN, which keeps
              // patients' and doctors' IP addresses from each other   // how often queue places are
              // resent and silent patients dropped
  // Audit checkpoints signed outside the database (docs/operations.md: the threat model).
  int audit_anchor_seconds = 300;
  std::string audit_anchor_path;           // empty: <data_dir>/audit-anchor.jsonl
  std::string audit_anchor_key;            // empty: <data_dir>/audit-anchor.key
  int audit_anonymous_flush_seconds = 60;  // anonymous audit events are written this often, summed
  bool trust_forwarded_for = false;
  std::string log_level = "info";
  std::string password_cost = "interactive";  // or "test" (fast, only for the test suite)
  std::string port_file;  // when set, the bound port is written here (ephemeral-port tests)

  std::string effective_database() const;
  std::string effective_public_url(std::uint16_t bound_port) const;
  std::string effective_audit_anchor_path() const;
  std::string effective_audit_anchor_key() const;
};

struct ConfigKey {
  std::string name;  // snake_case
  std::string help;
};
const std::vector<ConfigKey>& config_keys();

// Applies key=value (key in snake_case). Returns an error text for an unknown key or bad value.
std::optional<std::string> apply_config_value(Config& cfg, const std::string& key,
                                              const std::string& value);
// Reads a config file of "key = value" lines; '#' starts a comment.
std::optional<std::string> apply_config_file(Config& cfg, const std::string& path);
// Applies YIQIAO_<KEY> variables from the environment.
std::optional<std::string> apply_config_env(Config& cfg);
// Settings that are wrong only together (checked once every source is applied).
std::optional<std::string> check_config(const Config& cfg);

}  // namespace yq::core
