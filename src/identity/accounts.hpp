#pragma once
// Accounts, sign-in, sessions, passwords, TOTP and password reset. Implements http::Authenticator.
// Every change and every sign-in attempt is audited in the same transaction.
#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "audit/anonymous_tally.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/time.hpp"
#include "http/authenticator.hpp"
#include "identity/hashing_gate.hpp"
#include "store/database.hpp"

namespace yq::identity {

struct SignInRequest {
  std::string email;
  std::string password;
  std::string totp_code;
};

struct RegisterRequest {
  std::string email;
  std::string password;
  std::string display_name;
  std::string preferred_lang = "en";
  std::string phone;
  // From a staff invitation link: registering through it proves the address (no verification
  // e-mail) and accepts the invitation in the same transaction.
  std::string invitation_token;
};

struct SignedIn {
  std::string token;  // give to the client once; only its hash is stored
  std::string account_id;
  std::int64_t expires_at = 0;
};

struct ProfileChange {
  std::optional<std::string> display_name;
  std::optional<std::string> phone;
  std::optional<std::string> preferred_lang;
};

struct TotpEnrolment {
  std::string secret;
  std::string otpauth_uri;
};

// Sign-in throttling counts failures per (account, address) pair, so an attacker's failures slow
// down the attacker and not the owner signing in from elsewhere. A pair's first failures are free;
// after them each try waits twice as long as the one before (2 s, 4 s, 8 s, ... up to 15 minutes).
// While an account collects many failures from all addresses together (a distributed attack), an
// address that has failed on it gets no free tries; an address with no failures still goes in.
struct IdentityLimits {
  int free_failures_per_pair = 5;
  std::int64_t max_delay_seconds = 15 * 60;
  int failures_per_account_hour = 100;  // beyond this, failing addresses lose their free tries
  int failures_per_ip_15min = 50;       // one address trying many accounts
  int reset_requests_per_account_hour = 5;
  int verification_mails_per_account_hour = 5;
  int hashes_per_account_15min = 20;  // password change and TOTP disable
};

class AccountService final : public http::Authenticator {
 public:
  AccountService(store::Database& db, const core::Clock& clock, const core::Config& config,
                 std::string public_url);

  core::Result<SignedIn> register_patient(const RegisterRequest& req,
                                          const identity::ClientInfo& client);
  core::Result<SignedIn> sign_in(const SignInRequest& req, const identity::ClientInfo& client);
  void sign_out(const identity::Principal& who, const identity::ClientInfo& client);
  void sign_out_everywhere(const identity::Principal& who, const identity::ClientInfo& client);

  std::optional<identity::Principal> authenticate(std::string_view token,
                                                  const identity::ClientInfo& client) override;

  // The account as GET /me shows it.
  core::Result<boost::json::object> describe(const identity::Principal& who);
  core::Result<boost::json::object> update_profile(const identity::Principal& who,
                                                   const ProfileChange& change,
                                                   const identity::ClientInfo& client);
  core::Result<void> change_password(const identity::Principal& who, const std::string& current,
                                     const std::string& next, core::Lang lang,
                                     const identity::ClientInfo& client);

  core::Result<TotpEnrolment> totp_enrol(const identity::Principal& who);
  core::Result<void> totp_confirm(const identity::Principal& who, const std::string& code,
                                  const identity::ClientInfo& client);
  core::Result<void> totp_disable(const identity::Principal& who, const std::string& password,
                                  const identity::ClientInfo& client);

  // Always succeeds from the caller's point of view (never tells whether the account exists).
  void request_password_reset(const std::string& email, core::Lang lang,
                              const identity::ClientInfo& client);
  core::Result<void> confirm_password_reset(const std::string& token, const std::string& password,
                                            const identity::ClientInfo& client);

  // E-mail verification: a link sent at registration (and on request) marks the address proved.
  core::Result<void> verify_email(const std::string& token, const identity::ClientInfo& client);
  // Sends a new link unless the address is verified already; always "accepted" to the caller.
  void resend_verification(const identity::Principal& who, const identity::ClientInfo& client);

  // For startup work (demo data): waits for a hashing slot however long it takes. Requests use the
  // capped hash_for_request / verify_for_request instead.
  std::string hash_password(std::string_view password) const;
  // Creates a set-password token and returns the link to it (purpose "reset"; "invite" links of
  // accounts created before staff invitations named an address still work).
  std::string issue_password_token(store::Connection& c, const std::string& account_id,
                                   const std::string& purpose, std::int64_t valid_seconds);
  void end_all_sessions(store::Connection& c, const std::string& account_id,
                        const std::string& except_session = {});

  // Told whenever sessions end (sign-out, sign-out everywhere, password change or reset, TOTP
  // enrolment, a disabled account), so what they opened (WebSockets) closes too: (account, the one
  // session that ended or "" for all of them, a session that goes on or ""). Set once, before
  // serving.
  using SessionsEnded =
      std::function<void(const std::string& account_id, const std::string& only_session,
                         const std::string& except_session)>;
  void on_sessions_ended(SessionsEnded fn) { sessions_ended_ = std::move(fn); }
  // Inside the transaction that ends every session of an account (password change or reset,
  // sign-out everywhere, disabling): what else stands for the account ends with them (its secret
  // calendar feed URL). Set once, before serving.
  using CredentialsEnded = std::function<void(store::Connection& c, const std::string& account_id)>;
  void on_credentials_ended(CredentialsEnded fn) { credentials_ended_ = std::move(fn); }
  // After the account's roles or status changed: its open connections close, so whatever they
  // hold (a WebSocket's view of its roles, a seat in a call) is asked for again on reconnecting.
  void access_changed(const std::string& account_id) const {
    if (sessions_ended_) sessions_ended_(account_id, "", "");
  }
  // Of these sessions (token hashes), the ones still valid now: not revoked, not past their
  // absolute or idle expiry, of an active account. Those in `active` (whose WebSocket client sent
  // something since the last look) count as used now, as an HTTP request would.
  std::vector<std::string> live_sessions(const std::vector<std::string>& sessions,
                                         const std::vector<std::string>& active);

  const IdentityLimits& limits() const { return limits_; }
  const core::Clock& clock() const { return clock_; }
  // Audit events of requests that name no account, summed (audit/anonymous_tally.hpp); the server
  // flushes it every audit_anonymous_flush_seconds and at shutdown.
  audit::AnonymousTally& anonymous_audit() { return anonymous_audit_; }
  const std::string& public_url() const { return public_url_; }

 private:
  std::optional<core::Error> throttled(store::Connection& c, const std::string& email,
                                       const std::string& ip);
  void note_failure(store::Connection& c, const std::string& email, const std::string& ip);
  void clear_failures(store::Connection& c, const std::string& email, const std::string& ip);
  // Writes a verification token for the account's current address and e-mails the link.
  void send_verification(store::Connection& c, const std::string& account_id,
                         const std::string& email, core::Lang lang);
  // The per-address and (when account_key is given) per-account hashing budgets.
  std::optional<core::Error> over_hash_budget(const identity::ClientInfo& client,
                                              const std::string& account_key);
  // Hash and verify for requests: limited by the gate (503 when saturated).
  core::Result<std::string> hash_for_request(std::string_view password) const;
  core::Result<bool> verify_for_request(const std::string& stored, std::string_view password) const;
  SignedIn open_session(store::Connection& c, const std::string& account_id, bool mfa_done,
                        const identity::ClientInfo& client);

  store::Database& db_;
  const core::Clock& clock_;
  core::PasswordHashCost cost_;
  std::int64_t idle_seconds_;
  std::int64_t absolute_seconds_;
  std::string public_url_;
  IdentityLimits limits_;
  mutable HashingGate hashing_;
  AttemptBudget hashes_per_address_;
  AttemptBudget hashes_per_account_;
  std::string dummy_hash_;  // verified against for unknown e-mails so timing tells nothing
  SessionsEnded sessions_ended_;
  CredentialsEnded credentials_ended_;
  audit::AnonymousTally anonymous_audit_{clock_};
};

// Whether the account's address was proved by a link sent to it (registration, a staff invitation,
// a password reset). Other modules ask before letting an address receive requests (carer requests).
bool email_verified(store::Connection& c, const std::string& account_id);
// The link sent to the address was used: the address is the account holder's (first time only).
void mark_email_verified(store::Connection& c, const std::string& account_id, std::int64_t now);
// The account holding this address when that address is verified.
std::optional<std::string> verified_account_by_email(store::Connection& c,
                                                     const std::string& email);

// Password rules shared by register, change and reset: 10..128 characters, not the e-mail.
std::optional<std::string> password_problem(std::string_view password, std::string_view email);

}  // namespace yq::identity
