// E-mail verification: registering does not prove an address, a link sent to it does. Until then
// the account cannot receive staff invitations (without their link) or carer requests.
#include "audit/audit_log.hpp"
#include "core/crypto.hpp"
#include "core/messages.hpp"
#include "identity/accounts.hpp"
#include "mail/outbox.hpp"

namespace yq::identity {

namespace {
constexpr std::int64_t kValidSeconds = 3 * 24 * 3600;
constexpr std::int64_t kHour = 3600;
}  // namespace

void AccountService::send_verification(store::Connection& c, const std::string& account_id,
                                       const std::string& email, core::Lang lang) {
  const std::string token = core::random_token(32);
  const auto now = clock_.now();
  c.execute(
      "INSERT INTO email_verification_tokens (token_hash, account_id, email, created_at, "
      "expires_at) VALUES (?, ?, ?, ?, ?)",
      {core::sha256_hex(token), account_id, email, now, now + kValidSeconds});
  // The token rides in the fragment: browsers never send it to a server or in a Referer.
  const std::string link = public_url_ + "/verify-email#token=" + token;
  std::string body(core::message("mail.verify_email.body", lang));
  body.replace(body.find("{link}"), 6, link);
  mail::enqueue(c, clock_, email, std::string(core::message("mail.verify_email.subject", lang)),
                body, link);
}

core::Result<void> AccountService::verify_email(const std::string& token,
                                                const identity::ClientInfo& client) {
  return db_.write([&](store::Connection& c) -> core::Result<void> {
    const auto now = clock_.now();
    const std::string token_hash = core::sha256_hex(token);
    auto row = c.query_one(
        "SELECT t.account_id FROM email_verification_tokens t JOIN accounts a ON a.id = "
        "t.account_id WHERE t.token_hash = ? AND t.used_at IS NULL AND t.expires_at > ? AND "
        "a.email = t.email AND a.status = 'active'",
        {token_hash, now});
    if (!row) return core::Error::of(core::Errc::token_invalid);
    if (c.execute("UPDATE email_verification_tokens SET used_at = ? WHERE token_hash = ? AND "
                  "used_at IS NULL",
                  {now, token_hash}) == 0) {
      return core::Error::of(core::Errc::token_invalid);
    }
    const std::string account_id = row->text(0);
    mark_email_verified(c, account_id, now);
    audit::Event e;
    e.actor_id = account_id;
    e.action = "account.email_verified";
    e.target_type = "account";
    e.target_id = account_id;
    e.ip = client.ip;
    audit::record(c, clock_, e);
    return {};
  });
}

void AccountService::resend_verification(const identity::Principal& who,
                                         const identity::ClientInfo& client) {
  db_.write([&](store::Connection& c) {
    auto a =
        c.query_one("SELECT email, preferred_lang, email_verified_at FROM accounts WHERE id = ?",
                    {who.account_id});
    if (!a || !a->is_null(2)) return;
    audit::Event e;
    e.actor_id = who.account_id;
    e.action = "account.verification_sent";
    e.target_type = "account";
    e.target_id = who.account_id;
    e.ip = client.ip;
    const auto recent = c.query_one(
        "SELECT COUNT(*) FROM email_verification_tokens WHERE account_id = ? AND created_at > ?",
        {who.account_id, clock_.now() - kHour});
    if (recent->i64(0) >= limits_.verification_mails_per_account_hour) {
      e.outcome = "denied";
      e.detail = "throttled";
    } else {
      send_verification(c, who.account_id, a->text(0), core::negotiate_lang(a->text(1), ""));
    }
    audit::record(c, clock_, e);
  });
}

}  // namespace yq::identity
