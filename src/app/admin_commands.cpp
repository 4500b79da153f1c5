#include "app/admin_commands.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <iostream>

#include "audit/anchor.hpp"
#include "audit/audit_log.hpp"
#include "core/time.hpp"
#include "mail/outbox.hpp"
#include "store/migrations.hpp"

namespace yq::app {

namespace {

std::unique_ptr<store::Database> open_migrated(const core::Config& cfg) {
  auto db = store::open_database(cfg.effective_database(), 1);
  store::migrate(*db);
  return db;
}

void print_tampered(const audit::VerifyReport& report) {
  std::cout << "AUDIT TRAIL TAMPERED: " << report.problem
            << " (first bad event: " << report.first_bad_seq << ", " << report.events
            << " events verified before it)\n";
}

boost::json::object message_json(const mail::OutboxMessage& m) {
  boost::json::object o{{"id", m.id},
                        {"to", m.to},
                        {"subject", m.subject},
                        {"body", m.body},
                        {"created_at", m.created_at}};
  o["sent_at"] = m.sent_at ? boost::json::value(*m.sent_at) : boost::json::value(nullptr);
  return o;
}

// Reading a secret is something an auditor wants to see, even from the server's console.
void record_read(store::Database& db, const std::string& target_id, const std::string& detail) {
  const core::SystemClock clock;
  db.write([&](store::Connection& c) {
    audit::Event e;
    e.actor_role = "operator";
    e.action = "outbox.read";
    e.target_type = "outbox";
    e.target_id = target_id;
    e.detail = detail;
    audit::record(c, clock, e);
  });
}

}  // namespace

int migrate(const core::Config& cfg) {
  auto db = store::open_database(cfg.effective_database(), 1);
  std::cout << store::migrate(*db) << " migrations applied; schema version "
            << store::current_schema_version(*db) << "\n";
  return 0;
}

int print_config_keys() {
  for (const auto& key : core::config_keys()) std::cout << key.name << "\t" << key.help << "\n";
  return 0;
}

int audit_verify(const core::Config& cfg, const std::string& anchor,
                 const std::string& public_key) {
  if (anchor.empty() && !public_key.empty()) {
    std::cerr << "yiqiao: --public-key goes with --anchor FILE\n";
    return 2;
  }
  auto db = open_migrated(cfg);
  if (anchor.empty()) {
    const auto report = audit::verify(*db);
    if (!report.ok) {
      print_tampered(report);
      return 1;
    }
    std::cout << "audit trail intact: " << report.events << " events verified\n";
    return 0;
  }
  std::string key;
  if (!public_key.empty()) {
    const auto parsed = audit::parse_public_key(public_key);
    if (!parsed) {
      std::cerr << "yiqiao: --public-key is neither a public key nor a file holding one\n";
      return 2;
    }
    key = *parsed;
  } else {
    key = audit::load_anchor_key(cfg.effective_audit_anchor_key()).public_key;
  }
  // The anchor file before the chain: a checkpoint written meanwhile is then not ahead of it.
  const auto file = audit::read_anchor_file(anchor, key);
  if (!file.problem.empty()) {
    std::cout << "AUDIT ANCHOR INVALID: " << file.problem << "\n";
    return 1;
  }
  const auto report = audit::verify_anchored(*db, file.checkpoints);
  if (!report.chain.ok) {
    print_tampered(report.chain);
    return 1;
  }
  std::cout << "audit trail intact: " << report.chain.events << " events verified, "
            << report.checkpoints << " signed checkpoints matched (the last at event "
            << report.last_checkpoint_seq << ")\n";
  return 0;
}

int audit_anchor_key(const core::Config& cfg) {
  const auto key = audit::load_or_create_anchor_key(cfg.effective_audit_anchor_key());
  std::cout << audit::public_key_text(key) << "\n";
  return 0;
}

int outbox_list(const core::Config& cfg, bool json) {
  auto db = open_migrated(cfg);
  const auto messages =
      db->read([](store::Connection& c) { return mail::latest_unredacted(c, 100); });
  record_read(*db, "", "command line: latest " + std::to_string(messages.size()));
  if (json) {
    boost::json::array items;
    for (const auto& m : messages) items.push_back(message_json(m));
    std::cout << boost::json::serialize(boost::json::object{{"items", std::move(items)}}) << "\n";
    return 0;
  }
  for (const auto& m : messages) {
    std::cout << m.id << "  " << core::iso8601_utc(m.created_at) << "  "
              << (m.sent_at ? "sent   " : "unsent ") << m.to << "  " << m.subject << "\n";
  }
  if (messages.empty()) std::cout << "the outbox is empty\n";
  return 0;
}

int outbox_show(const core::Config& cfg, const std::string& id, bool json) {
  auto db = open_migrated(cfg);
  const auto m = db->read([&](store::Connection& c) { return mail::find_unredacted(c, id); });
  if (!m) {
    std::cerr << "yiqiao: no message " << id << " in the outbox\n";
    return 1;
  }
  record_read(*db, id, "command line");
  if (json) {
    std::cout << boost::json::serialize(message_json(*m)) << "\n";
    return 0;
  }
  std::cout << "To: " << m->to << "\nSubject: " << m->subject
            << "\nCreated: " << core::iso8601_utc(m->created_at)
            << "\nSent: " << (m->sent_at ? core::iso8601_utc(*m->sent_at) : "not yet") << "\n\n"
            << m->body << "\n";
  return 0;
}

}  // namespace yq::app
