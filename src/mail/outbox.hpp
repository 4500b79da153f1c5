#pragma once
// Outgoing e-mail. Every message is first written to the outbox table in the transaction that
// caused it (so a rolled-back change sends nothing); a sender delivers unsent rows over SMTP when
// smtp_host is configured. Without SMTP the outbox is where an admin reads them (GET
// /admin/outbox).
#include <cstdint>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace yq::mail {

struct OutboxMessage {
  std::string id;
  std::string to;
  std::string subject;
  std::string body;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> sent_at;
  std::string account_id, carer_of;
  std::optional<std::int64_t> withheld_at;
};

// The account a message goes to and, when it is about a patient they hear of as parent or carer,
// that patient: the sender asks consent again just before delivering and withholds it when the
// relationship has ended since.
struct Recipient {
  std::string account_id;
  std::string carer_of;
};

void enqueue(store::Connection& c, const core::Clock& clock, const std::string& to,
             const std::string& subject, const std::string& body, const Recipient& recipient = {});
std::vector<OutboxMessage> latest(store::Connection& c, int limit);
// Whether the message may still be delivered now (consent, for messages about a patient).
bool still_allowed(store::Connection& c, const OutboxMessage& m);

// Sends unsent messages over SMTP (libcurl) until stop() is called; one attempt per message every
// poll, at most 10 attempts each.
class SmtpSender {
 public:
  SmtpSender(store::Database& db, const core::Config& config);
  ~SmtpSender();
  void start();
  void stop();
  // Delivers what is pending now; returns how many were sent (tests call this directly).
  int deliver_pending();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace yq::mail
