#pragma once
// Outgoing e-mail. Every message is first written to the outbox table in the transaction that
// caused it (so a rolled-back change sends nothing); a sender delivers unsent rows over SMTP when
// smtp_host is configured. A message that carries a secret (a password-reset or invitation link: it
// lets whoever reads it take the account) is marked when it is written; every view but the
// recipient's own mailbox and the server's command line (`yiqiao outbox show`) sees it with the
// secret replaced, so the platform admin reading GET /admin/outbox cannot take anyone's account.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
  bool redacted = false;  // body is the redacted view: a secret in it was replaced by kRedacted
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

// What stands in a view where the secret was.
inline constexpr const char* kRedacted = "[secret link hidden]";

// secret: the part of body that must not be shown (every occurrence is hidden); empty when the
// message carries none. It must occur in body.
void enqueue(store::Connection& c, const core::Clock& clock, const std::string& to,
             const std::string& subject, const std::string& body, std::string_view secret = {},
             const Recipient& recipient = {});
// Whether the message may still be delivered now (consent, for messages about a patient).
bool still_allowed(store::Connection& c, const OutboxMessage& m);

// Newest first, with secrets replaced: for every view (the admin API, the web app).
std::vector<OutboxMessage> latest(store::Connection& c, int limit);
// Newest first, as sent: only for the server's command line (`yiqiao outbox list|show`).
std::vector<OutboxMessage> latest_unredacted(store::Connection& c, int limit);
std::optional<OutboxMessage> find_unredacted(store::Connection& c, const std::string& id);

// Sends unsent messages over SMTP (libcurl) until stop() is called; one attempt per message every
// poll, at most 10 attempts each. TLS is required (smtp_tls: STARTTLS, or implicit TLS) and the
// relay's certificate verified, so a relay that offers no STARTTLS, or a man in the middle who
// strips it, gets nothing; only smtp_tls = off sends in the clear, and start() warns about it.
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
