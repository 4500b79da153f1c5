#include "identity/accounts.hpp"

#include <sodium.h>

#include <algorithm>
#include <thread>

#include <boost/json/array.hpp>

#include "audit/audit_log.hpp"
#include "core/ids.hpp"
#include "core/json_input.hpp"
#include "core/localised_text.hpp"
#include "core/messages.hpp"
#include "identity/invitations.hpp"
#include "identity/totp.hpp"
#include "mail/outbox.hpp"
#include "store/in_list.hpp"

namespace yq::identity {

namespace {

using core::Errc;
using core::Error;

constexpr std::int64_t k15Min = 15 * 60;
constexpr std::int64_t kHour = 60 * 60;
// last_seen is written at most this often, so reads do not turn every request into a write.
constexpr std::int64_t kTouchInterval = 60;

audit::Event event(std::string action, const std::string& actor, const identity::ClientInfo& client,
                   std::string outcome = "success") {
  audit::Event e;
  e.actor_id = actor;
  e.action = std::move(action);
  e.ip = client.ip;
  e.outcome = std::move(outcome);
  e.target_type = "account";
  e.target_id = actor;
  return e;
}

bool any_staff_role(store::Connection& c, const std::string& account_id) {
  return c
      .query_one("SELECT 1 FROM account_roles WHERE account_id = ? AND role <> 'patient' LIMIT 1",
                 {account_id})
      .has_value();
}

}  // namespace

std::optional<std::string> password_problem(std::string_view password, std::string_view email) {
  const auto len = core::utf8_length(password);
  if (len < 10) return "field.password_too_short";
  if (password.size() > 128) return "field.password_too_long";
  const auto at = email.find('@');
  const auto local = email.substr(0, at);
  if (local.size() >= 4 &&
      core::to_lower_ascii(password).find(core::to_lower_ascii(local)) != std::string::npos) {
    return "field.password_same_as_email";
  }
  return std::nullopt;
}

AccountService::AccountService(store::Database& db, const core::Clock& clock,
                               const core::Config& config, std::string public_url)
    : db_(db),
      clock_(clock),
      cost_(config.password_cost == "test"
                ? core::PasswordHashCost{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}
                : core::interactive_password_cost()),
      idle_seconds_(static_cast<std::int64_t>(config.session_idle_minutes) * 60),
      absolute_seconds_(static_cast<std::int64_t>(config.session_absolute_hours) * 3600),
      public_url_(std::move(public_url)),
      // Each argon2id run takes 64 MiB: a burst of sign-ins must not take gigabytes at once, so
      // runs take one of a few slots, a few more requests wait briefly, the rest hear 503.
      hashing_(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())),
               4 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency())),
               std::chrono::seconds(5)),
      hashes_per_address_(config.password_hashes_per_address_minute, 60),
      hashes_per_account_(limits_.hashes_per_account_15min, k15Min),
      dummy_hash_(core::password_hash("not-a-real-password", cost_)) {}

std::string AccountService::hash_password(std::string_view password) const {
  return hashing_.run_waiting([&] { return core::password_hash(password, cost_); });
}

core::Result<std::string> AccountService::hash_for_request(std::string_view password) const {
  return hashing_.run([&] { return core::password_hash(password, cost_); });
}

core::Result<bool> AccountService::verify_for_request(const std::string& stored,
                                                      std::string_view password) const {
  return hashing_.run([&] { return core::password_verify(stored, password); });
}

std::optional<Error> AccountService::over_hash_budget(const identity::ClientInfo& client,
                                                      const std::string& account_key) {
  const auto now = clock_.now();
  std::optional<int> wait;
  if (!client.ip.empty()) wait = hashes_per_address_.take("ip:" + client.ip, now);
  if (!wait && !account_key.empty()) wait = hashes_per_account_.take(account_key, now);
  if (!wait) return std::nullopt;
  Error e = Error::of(Errc::too_many_attempts);
  e.retry_after_seconds = *wait;
  return e;
}

bool email_verified(store::Connection& c, const std::string& account_id) {
  auto r = c.query_one("SELECT email_verified_at FROM accounts WHERE id = ?", {account_id});
  return r && !r->is_null(0);
}

void mark_email_verified(store::Connection& c, const std::string& account_id, std::int64_t now) {
  // The first proof of the mailbox: whatever the account's unproved holder set up that would
  // bind the real one (a second factor) goes with it; the caller also ends its sessions.
  c.execute(
      "UPDATE accounts SET email_verified_at = ?, updated_at = ?, totp_secret = NULL, "
      "totp_enabled = 0, totp_last_step = 0 WHERE id = ? AND email_verified_at IS NULL",
      {now, now, account_id});
}

std::optional<std::string> verified_account_by_email(store::Connection& c,
                                                     const std::string& email) {
  auto r = c.query_one("SELECT id FROM accounts WHERE email = ? AND email_verified_at IS NOT NULL",
                       {email});
  if (!r) return std::nullopt;
  return r->text(0);
}

namespace {
std::string pair_subject(const std::string& email, const std::string& ip) {
  return "pair:" + email + "|" + ip;
}
}  // namespace

std::optional<Error> AccountService::throttled(store::Connection& c, const std::string& email,
                                               const std::string& ip) {
  const auto now = clock_.now();
  Error e = Error::of(Errc::too_many_attempts);
  if (!ip.empty() &&
      c.query_one("SELECT COUNT(*) FROM sign_in_failures WHERE subject = ? AND at > ?",
                  {"ip:" + ip, now - k15Min})
              ->i64(0) >= limits_.failures_per_ip_15min) {
    e.retry_after_seconds = static_cast<int>(k15Min);
    return e;
  }
  // Slow down the pair, never lock the account: the owner elsewhere has no failures of their own.
  auto pair =
      c.query_one("SELECT COUNT(*), MAX(at) FROM sign_in_failures WHERE subject = ? AND at > ?",
                  {pair_subject(email, ip), now - kHour});
  const std::int64_t failures = pair->i64(0);
  if (failures == 0) return std::nullopt;
  const bool under_attack =
      c.query_one("SELECT COUNT(*) FROM sign_in_failures WHERE subject = ? AND at > ?",
                  {"account:" + email, now - kHour})
          ->i64(0) >= limits_.failures_per_account_hour;
  const std::int64_t free = under_attack ? 0 : limits_.free_failures_per_pair;
  if (failures < free) return std::nullopt;
  // The first wait is 2 s, not 1: with whole-second clocks a 1 s wait could be over at once.
  const std::int64_t doublings = std::min<std::int64_t>(failures - free + 1, 20);
  const std::int64_t delay =
      std::min<std::int64_t>(std::int64_t{1} << doublings, limits_.max_delay_seconds);
  const std::int64_t until = pair->i64(1) + delay;
  if (now >= until) return std::nullopt;
  e.retry_after_seconds = static_cast<int>(until - now);
  return e;
}

void AccountService::note_failure(store::Connection& c, const std::string& email,
                                  const std::string& ip) {
  const auto now = clock_.now();
  for (const std::string& subject : {pair_subject(email, ip), "account:" + email, "ip:" + ip}) {
    if (subject == "ip:") continue;
    c.execute("DELETE FROM sign_in_failures WHERE subject = ? AND at <= ?", {subject, now - kHour});
    c.execute("INSERT INTO sign_in_failures (subject, at) VALUES (?, ?)", {subject, now});
  }
}

void AccountService::clear_failures(store::Connection& c, const std::string& email,
                                    const std::string& ip) {
  if (!ip.empty()) {
    c.execute("DELETE FROM sign_in_failures WHERE subject = ?", {pair_subject(email, ip)});
    return;
  }
  // Every address of this account ('|' < '}' bounds the prefix without LIKE wildcards).
  c.execute("DELETE FROM sign_in_failures WHERE subject >= ? AND subject < ?",
            {"pair:" + email + "|", "pair:" + email + "}"});
}

SignedIn AccountService::open_session(store::Connection& c, const std::string& account_id,
                                      bool mfa_done, const identity::ClientInfo& client) {
  const auto now = clock_.now();
  SignedIn s{core::random_token(32), account_id, now + absolute_seconds_};
  c.execute(
      "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at, "
      "mfa_done, ip, "
      "user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {core::sha256_hex(s.token), account_id, now, now, s.expires_at, mfa_done, client.ip,
       client.user_agent});
  return s;
}

namespace {
// Thrown inside a write to roll it back when an invitation was taken meanwhile.
struct InvitationGone {};
}  // namespace

core::Result<SignedIn> AccountService::register_patient(const RegisterRequest& req,
                                                        const identity::ClientInfo& client) {
  if (auto problem = password_problem(req.password, req.email))
    return Error::field("password", *problem);
  std::optional<PendingInvitation> invitation;
  if (!req.invitation_token.empty()) {
    invitation = db_.read([&](store::Connection& c) {
      return invitation_by_token(c, req.invitation_token, clock_.now());
    });
    if (!invitation) return Error::of(Errc::token_invalid);
    // The link proves this one mailbox, not whatever address is typed next to it.
    if (invitation->email != req.email) return Error::field("email", "field.not_invited_address");
  }
  if (auto over = over_hash_budget(client, "")) return *over;
  auto hash = hash_for_request(req.password);  // slow: outside the transaction
  if (!hash) return hash.error();
  try {
    return db_.write([&](store::Connection& c) {
      const auto now = clock_.now();
      const std::string id = core::new_id();
      c.execute(
          "INSERT INTO accounts (id, email, password_hash, display_name, phone, preferred_lang, "
          "password_changed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {id, req.email, *hash, req.display_name, req.phone, req.preferred_lang, now, now, now});
      // Through an invitation the account is the organisation's staff account, as before
      // invitations had links; a patient account is what registering without one makes.
      if (!invitation) {
        c.execute(
            "INSERT INTO account_roles (account_id, role, organisation_id, granted_at) VALUES (?, "
            "'patient', '', ?)",
            {id, now});
      }
      audit::record(c, clock_, event("account.registered", id, client));
      if (invitation) {
        if (!attach_invitation(c, clock_, *invitation, id, client)) throw InvitationGone{};
      } else {
        send_verification(c, id, req.email, core::negotiate_lang(req.preferred_lang, ""));
      }
      // A new staff member's session waits for the authenticator (enrolment comes with the role).
      return open_session(c, id, !invitation, client);
    });
  } catch (const InvitationGone&) {
    return Error::of(Errc::token_invalid);
  } catch (const store::DbError& e) {
    if (e.code() == store::DbErrc::unique_violation) return Error::of(Errc::email_taken);
    throw;
  }
}

core::Result<SignedIn> AccountService::sign_in(const SignInRequest& req,
                                               const identity::ClientInfo& client) {
  struct Found {
    std::string id;
    std::string hash;
    std::string status;
    std::string totp_secret;
    bool totp_enabled = false;
    std::int64_t totp_last_step = 0;
  };
  // Read what we need, refusing early when throttled; then hash outside any transaction.
  auto looked_up = db_.read([&](store::Connection& c) -> core::Result<std::optional<Found>> {
    if (auto t = throttled(c, req.email, client.ip)) return *t;
    auto row = c.query_one(
        "SELECT id, password_hash, status, totp_secret, totp_enabled, totp_last_step FROM accounts "
        "WHERE email = ?",
        {req.email});
    if (!row) return std::optional<Found>{};
    return std::optional<Found>{Found{row->text(0), row->text(1), row->text(2), row->text(3),
                                      row->boolean(4), row->i64(5)}};
  });
  if (!looked_up) {
    // Anyone can send these as fast as they like: summed in memory, no write lock per request.
    auto e = event("auth.sign_in", "", client, "denied");
    e.detail = "throttled";
    anonymous_audit_.note(e);
    return looked_up.error();
  }
  const auto& found = *looked_up;
  if (auto over = over_hash_budget(client, "")) return *over;
  const auto verified =
      verify_for_request(found && !found->hash.empty() ? found->hash : dummy_hash_, req.password);
  if (!verified) return verified.error();
  const bool password_ok = *verified && found && !found->hash.empty();
  const auto fail = [&](Errc code, const std::string& detail) -> core::Result<SignedIn> {
    auto e = event("auth.sign_in", found ? found->id : "", client, "failure");
    e.detail = detail;
    if (!found) anonymous_audit_.note(e);  // no account concerned: summed
    db_.write([&](store::Connection& c) {
      note_failure(c, req.email, client.ip);
      if (found) audit::record(c, clock_, e);
    });
    return Error::of(code);
  };
  if (!found || !password_ok || found->status != "active") {
    return fail(Errc::invalid_credentials,
                found ? (password_ok ? "account disabled" : "wrong password") : "unknown account");
  }
  std::optional<std::int64_t> step;
  if (found->totp_enabled) {
    if (req.totp_code.empty()) {
      // Not a failure: the password was right and the app now asks for the code.
      return Error::of(Errc::mfa_required);
    }
    step = totp::match(found->totp_secret, req.totp_code, clock_.now());
    if (!step || *step <= found->totp_last_step)
      return fail(Errc::mfa_code_invalid, "wrong or replayed code");
  }
  return db_.write([&](store::Connection& c) -> core::Result<SignedIn> {
    if (step) {
      // Compare-and-set: the same code used twice at once still signs in only once.
      if (c.execute("UPDATE accounts SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
                    {*step, found->id, *step}) == 0) {
        return Error::of(Errc::mfa_code_invalid);
      }
    }
    clear_failures(c, req.email, client.ip);
    const bool staff = any_staff_role(c, found->id);
    const bool mfa_done = found->totp_enabled || !staff;
    audit::record(c, clock_, event("auth.sign_in", found->id, client));
    return open_session(c, found->id, mfa_done, client);
  });
}

std::optional<identity::Principal> AccountService::authenticate(std::string_view token,
                                                                const identity::ClientInfo&) {
  const std::string token_hash = core::sha256_hex(token);
  const auto now = clock_.now();
  return db_.read([&](store::Connection& c) -> std::optional<identity::Principal> {
    auto row = c.query_one(
        "SELECT s.account_id, s.last_seen_at, s.expires_at, s.mfa_done, a.preferred_lang, "
        "a.totp_enabled "
        "FROM sessions s JOIN accounts a ON a.id = s.account_id "
        "WHERE s.token_hash = ? AND s.revoked_at IS NULL AND a.status = 'active'",
        {token_hash});
    if (!row) return std::nullopt;
    if (now >= row->i64(2) || now - row->i64(1) > idle_seconds_) return std::nullopt;
    identity::Principal p;
    p.account_id = row->text(0);
    p.session_id = token_hash;
    p.expires_at = row->i64(2);
    p.mfa_done = row->boolean(3);
    p.preferred_lang = row->text(4);
    for (const auto& r :
         c.query("SELECT role, organisation_id FROM account_roles WHERE account_id = ?",
                 {p.account_id})) {
      p.roles.push_back(identity::RoleGrant{r.text(0), r.text(1)});
    }
    p.mfa_enrolment_required = p.is_staff() && !row->boolean(5);
    if (now - row->i64(1) >= kTouchInterval) {
      c.execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {now, token_hash});
    }
    return p;
  });
}

void AccountService::end_all_sessions(store::Connection& c, const std::string& account_id,
                                      const std::string& except_session) {
  c.execute(
      "UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL AND "
      "token_hash <> ?",
      {clock_.now(), account_id, except_session});
  if (credentials_ended_) credentials_ended_(c, account_id);
  if (sessions_ended_) sessions_ended_(account_id, "", except_session);
}

std::vector<std::string> AccountService::live_sessions(const std::vector<std::string>& sessions,
                                                       const std::vector<std::string>& active) {
  if (sessions.empty()) return {};
  const std::int64_t now = clock_.now();
  return db_.write([&](store::Connection& c) {
    if (!active.empty()) {
      store::Params touch{now};
      const std::string in = store::in_list(active, touch);
      c.execute(
          "UPDATE sessions SET last_seen_at = ? WHERE revoked_at IS NULL AND token_hash IN " + in,
          touch);
    }
    store::Params params{now, now - idle_seconds_};
    const std::string in = store::in_list(sessions, params);
    std::vector<std::string> out;
    for (const auto& r :
         c.query("SELECT s.token_hash FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE "
                 "s.revoked_at IS NULL AND a.status = 'active' AND s.expires_at > ? AND "
                 "s.last_seen_at >= ? AND s.token_hash IN " +
                     in,
                 params))
      out.push_back(r.text(0));
    return out;
  });
}

void AccountService::sign_out(const identity::Principal& who, const identity::ClientInfo& client) {
  db_.write([&](store::Connection& c) {
    c.execute("UPDATE sessions SET revoked_at = ? WHERE token_hash = ?",
              {clock_.now(), who.session_id});
    audit::record(c, clock_, event("auth.sign_out", who.account_id, client));
  });
  if (sessions_ended_) sessions_ended_(who.account_id, who.session_id, "");
}

void AccountService::sign_out_everywhere(const identity::Principal& who,
                                         const identity::ClientInfo& client) {
  db_.write([&](store::Connection& c) {
    end_all_sessions(c, who.account_id);
    audit::record(c, clock_, event("auth.sign_out_everywhere", who.account_id, client));
  });
}

core::Result<boost::json::object> AccountService::describe(const identity::Principal& who) {
  return db_.read([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto a = c.query_one(
        "SELECT id, email, display_name, phone, preferred_lang, totp_enabled, email_verified_at "
        "FROM accounts WHERE id = ?",
        {who.account_id});
    if (!a) return Error::of(Errc::not_found);
    boost::json::array roles;
    for (const auto& r : c.query(
             "SELECT r.role, r.organisation_id, o.name_en, o.name_zh_hant, o.name_zh_hans, o.kind "
             "FROM account_roles r LEFT JOIN organisations o ON o.id = r.organisation_id "
             "WHERE r.account_id = ? ORDER BY r.role, r.organisation_id",
             {who.account_id})) {
      boost::json::object role{{"role", r.text(0)}, {"organisation_id", r.text(1)}};
      if (r.is_null(2)) {
        role["organisation_name"] = nullptr;
        role["organisation_kind"] = nullptr;
      } else {
        role["organisation_name"] = core::LocalisedText{r.text(2), r.text(3), r.text(4)}.to_json();
        role["organisation_kind"] = r.text(5);
      }
      roles.push_back(std::move(role));
    }
    return boost::json::object{
        {"id", a->text(0)},
        {"email", a->text(1)},
        {"display_name", a->text(2)},
        {"phone", a->text(3)},
        {"preferred_lang", a->text(4)},
        {"totp_enabled", a->boolean(5)},
        {"email_verified", !a->is_null(6)},
        {"mfa_enrolment_required", who.mfa_enrolment_required},
        {"roles", std::move(roles)},
        {"session", {{"mfa_done", who.mfa_done}, {"expires_at", who.expires_at}}},
    };
  });
}

core::Result<boost::json::object> AccountService::update_profile(
    const identity::Principal& who, const ProfileChange& change,
    const identity::ClientInfo& client) {
  db_.write([&](store::Connection& c) {
    const auto now = clock_.now();
    if (change.display_name) {
      c.execute("UPDATE accounts SET display_name = ?, updated_at = ? WHERE id = ?",
                {*change.display_name, now, who.account_id});
    }
    if (change.phone) {
      c.execute("UPDATE accounts SET phone = ?, updated_at = ? WHERE id = ?",
                {*change.phone, now, who.account_id});
    }
    if (change.preferred_lang) {
      c.execute("UPDATE accounts SET preferred_lang = ?, updated_at = ? WHERE id = ?",
                {*change.preferred_lang, now, who.account_id});
    }
    audit::record(c, clock_, event("account.profile_updated", who.account_id, client));
  });
  return describe(who);
}

core::Result<void> AccountService::change_password(const identity::Principal& who,
                                                   const std::string& current,
                                                   const std::string& next, core::Lang lang,
                                                   const identity::ClientInfo& client) {
  auto row = db_.read([&](store::Connection& c) {
    return c.query_one("SELECT email, password_hash FROM accounts WHERE id = ?", {who.account_id});
  });
  if (!row) return Error::of(Errc::not_found);
  if (auto problem = password_problem(next, row->text(0)))
    return Error::field("new_password", *problem);
  if (auto over = over_hash_budget(client, "account:" + who.account_id)) return *over;
  auto current_ok = verify_for_request(row->text(1), current);
  if (!current_ok) return current_ok.error();
  if (!*current_ok) return Error::field("current_password", "field.password_incorrect");
  auto hash = hash_for_request(next);
  if (!hash) return hash.error();
  db_.write([&](store::Connection& c) {
    c.execute(
        "UPDATE accounts SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = "
        "?",
        {*hash, clock_.now(), clock_.now(), who.account_id});
    end_all_sessions(c, who.account_id, who.session_id);
    mail::enqueue(c, clock_, row->text(0),
                  std::string(core::message("mail.password_changed.subject", lang)),
                  std::string(core::message("mail.password_changed.body", lang)));
    audit::record(c, clock_, event("account.password_changed", who.account_id, client));
  });
  return {};
}

core::Result<TotpEnrolment> AccountService::totp_enrol(const identity::Principal& who) {
  return db_.write([&](store::Connection& c) -> core::Result<TotpEnrolment> {
    auto row = c.query_one(
        "SELECT email, totp_enabled, email_verified_at IS NOT NULL FROM accounts WHERE id = ?",
        {who.account_id});
    if (!row) return Error::of(Errc::not_found);
    if (row->boolean(1)) return Error::of(Errc::conflict);
    // A second factor is the address holder's to set: one planted by whoever registered an
    // address they do not own would lock its real holder out after the reset that proves it.
    // (Staff enrol when they accept a role, through a link that verified the address.)
    if (!row->boolean(2) && !who.is_staff()) return Error::of(Errc::email_not_verified);
    const std::string secret = totp::new_secret();
    c.execute("UPDATE accounts SET totp_secret = ?, updated_at = ? WHERE id = ?",
              {secret, clock_.now(), who.account_id});
    return TotpEnrolment{secret, totp::otpauth_uri("Yiqiao", row->text(0), secret)};
  });
}

core::Result<void> AccountService::totp_confirm(const identity::Principal& who,
                                                const std::string& code,
                                                const identity::ClientInfo& client) {
  return db_.write([&](store::Connection& c) -> core::Result<void> {
    auto row = c.query_one("SELECT totp_secret, totp_enabled FROM accounts WHERE id = ?",
                           {who.account_id});
    if (!row || row->is_null(0)) return Error::of(Errc::bad_request);
    if (row->boolean(1)) return Error::of(Errc::conflict);
    const auto step = totp::match(row->text(0), code, clock_.now());
    if (!step) return Error::of(Errc::mfa_code_invalid);
    c.execute(
        "UPDATE accounts SET totp_enabled = 1, totp_last_step = ?, updated_at = ? WHERE id = ?",
        {*step, clock_.now(), who.account_id});
    c.execute("UPDATE sessions SET mfa_done = 1 WHERE token_hash = ?", {who.session_id});
    // Sessions opened before the second factor existed must not outlive it.
    end_all_sessions(c, who.account_id, who.session_id);
    audit::record(c, clock_, event("account.totp_enabled", who.account_id, client));
    return {};
  });
}

core::Result<void> AccountService::totp_disable(const identity::Principal& who,
                                                const std::string& password,
                                                const identity::ClientInfo& client) {
  if (who.is_staff()) return Error::of(Errc::forbidden);
  auto row = db_.read([&](store::Connection& c) {
    return c.query_one("SELECT password_hash FROM accounts WHERE id = ?", {who.account_id});
  });
  if (!row) return Error::of(Errc::not_found);
  if (auto over = over_hash_budget(client, "account:" + who.account_id)) return *over;
  auto ok = verify_for_request(row->text(0), password);
  if (!ok) return ok.error();
  if (!*ok) return Error::field("password", "field.password_incorrect");
  db_.write([&](store::Connection& c) {
    c.execute(
        "UPDATE accounts SET totp_enabled = 0, totp_secret = NULL, updated_at = ? WHERE id = ?",
        {clock_.now(), who.account_id});
    audit::record(c, clock_, event("account.totp_disabled", who.account_id, client));
  });
  return {};
}

std::string AccountService::issue_password_token(store::Connection& c,
                                                 const std::string& account_id,
                                                 const std::string& purpose,
                                                 std::int64_t valid_seconds) {
  const std::string token = core::random_token(32);
  const auto now = clock_.now();
  c.execute(
      "INSERT INTO password_reset_tokens (token_hash, account_id, purpose, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {core::sha256_hex(token), account_id, purpose, now, now + valid_seconds});
  return public_url_ + "/reset-password?token=" + token;
}

void AccountService::request_password_reset(const std::string& email, core::Lang lang,
                                            const identity::ClientInfo& client) {
  const auto known = db_.read([&](store::Connection& c) {
    return c.query_one("SELECT 1 FROM accounts WHERE email = ? AND status = 'active'", {email})
        .has_value();
  });
  if (!known) {
    // No account concerned and nothing to write: summed, without the write lock.
    auto e = event("auth.password_reset_requested", "", client, "failure");
    e.detail = "unknown account";
    anonymous_audit_.note(e);
    return;
  }
  db_.write([&](store::Connection& c) {
    auto row = c.query_one(
        "SELECT id, preferred_lang FROM accounts WHERE email = ? AND status = 'active'", {email});
    auto e = event("auth.password_reset_requested", row ? row->text(0) : "", client);
    if (!row) {  // disabled or renamed since the look above
      e.outcome = "failure";
      e.detail = "unknown account";
      anonymous_audit_.note(e);
      return;
    }
    const auto recent = c.query_one(
        "SELECT COUNT(*) FROM password_reset_tokens WHERE account_id = ? AND purpose = 'reset' AND "
        "created_at > ?",
        {row->text(0), clock_.now() - kHour});
    if (recent->i64(0) >= limits_.reset_requests_per_account_hour) {
      e.outcome = "denied";
      e.detail = "throttled";
      audit::record(c, clock_, e);
      return;
    }
    const std::string link = issue_password_token(c, row->text(0), "reset", 30 * 60);
    std::string body(core::message("mail.password_reset.body", lang));
    body.replace(body.find("{link}"), 6, link);
    mail::enqueue(c, clock_, email, std::string(core::message("mail.password_reset.subject", lang)),
                  body, link);
    audit::record(c, clock_, e);
  });
}

core::Result<void> AccountService::confirm_password_reset(const std::string& token,
                                                          const std::string& password,
                                                          const identity::ClientInfo& client) {
  const std::string token_hash = core::sha256_hex(token);
  auto row = db_.read([&](store::Connection& c) {
    return c.query_one(
        "SELECT t.account_id, a.email FROM password_reset_tokens t JOIN accounts a ON a.id = "
        "t.account_id "
        "WHERE t.token_hash = ? AND t.used_at IS NULL AND t.expires_at > ? AND a.status = 'active'",
        {token_hash, clock_.now()});
  });
  if (!row) return Error::of(Errc::token_invalid);
  if (auto problem = password_problem(password, row->text(1)))
    return Error::field("password", *problem);
  if (auto over = over_hash_budget(client, "")) return *over;
  auto hash = hash_for_request(password);
  if (!hash) return hash.error();
  return db_.write([&](store::Connection& c) -> core::Result<void> {
    // Claim the token atomically: of two concurrent uses only one succeeds.
    if (c.execute(
            "UPDATE password_reset_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
            {clock_.now(), token_hash}) == 0) {
      return Error::of(Errc::token_invalid);
    }
    const std::string account_id = row->text(0);
    c.execute(
        "UPDATE accounts SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = "
        "?",
        {*hash, clock_.now(), clock_.now(), account_id});
    // The link proved the mailbox.
    mark_email_verified(c, account_id, clock_.now());
    end_all_sessions(c, account_id);
    clear_failures(c, row->text(1), "");
    audit::record(c, clock_, event("auth.password_reset", account_id, client));
    return {};
  });
}

}  // namespace yq::identity
