#pragma once
// The operator's commands besides `serve`: they read the database named by the same settings, on
// the server's own machine, where a secret in an e-mail may be read (no web view shows one).
#include <string>

#include "core/config.hpp"

namespace yq::app {

// `yiqiao migrate`: applies pending migrations and prints how many and the schema version.
int migrate(const core::Config& cfg);
// `yiqiao config`: every setting with its help text, one a line.
int print_config_keys();

// `yiqiao audit verify [--anchor FILE [--public-key FILE|KEY]]`: exit 0 intact, 1 tampered.
int audit_verify(const core::Config& cfg, const std::string& anchor, const std::string& public_key);
// `yiqiao audit anchor-key`: prints the checkpoint signing key's public half (making the key if
// it does not exist yet).
int audit_anchor_key(const core::Config& cfg);
// `yiqiao outbox list [--json]` and `yiqiao outbox show ID [--json]`: full messages, secrets
// included. Each use is an audit event (`outbox.read`, role "operator").
int outbox_list(const core::Config& cfg, bool json);
int outbox_show(const core::Config& cfg, const std::string& id, bool json);

}  // namespace yq::app
