#include "identity/invitations.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

#include "audit/audit_log.hpp"
#include "audit/event.hpp"
#include "core/crypto.hpp"
#include "core/i18n.hpp"
#include "core/ids.hpp"
#include "core/localised_text.hpp"
#include "core/messages.hpp"
#include "identity/accounts.hpp"
#include "identity/catalog.hpp"
#include "mail/outbox.hpp"

namespace yq::identity {

namespace {

using core::Errc;
using core::Error;

constexpr const char* kColumns =
    "id, organisation_id, email, display_name, roles, preferred_lang, created_at, sent_at, "
    "expires_at";

std::vector<std::string> split_roles(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto comma = s.find(',', start);
    const auto end = comma == std::string::npos ? s.size() : comma;
    if (end > start) out.push_back(s.substr(start, end - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string join_roles(std::vector<std::string> roles) {
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ",") + r;
  return out;
}

boost::json::array roles_json(const std::string& roles) {
  boost::json::array out;
  for (const auto& r : split_roles(roles)) out.emplace_back(r);
  return out;
}

// As the organisation's admin sees it. Never the token: only its hash is stored.
boost::json::object admin_json(const store::Row& r, std::int64_t now) {
  return {{"id", r.text(0)},
          {"email", r.text(2)},
          {"display_name", r.text(3)},
          {"roles", roles_json(r.text(4))},
          {"preferred_lang", r.text(5)},
          {"created_at", r.i64(6)},
          {"sent_at", r.i64(7)},
          {"expires_at", r.i64(8)},
          {"status", r.i64(8) > now ? "pending" : "expired"}};
}

boost::json::object org_name_json(store::Connection& c, const std::string& org) {
  auto o = c.query_one("SELECT name_en, name_zh_hant, name_zh_hans FROM organisations WHERE id = ?",
                       {org});
  if (!o) return {{"id", org}, {"name", nullptr}};
  return {{"id", org}, {"name", core::LocalisedText{o->text(0), o->text(1), o->text(2)}.to_json()}};
}

audit::Event event(const identity::Principal& by, std::string action, const std::string& id,
                   const identity::ClientInfo& client) {
  return audit::event_by(by, client, std::move(action), "invitation", id);
}

PendingInvitation pending_from(const store::Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.text(3), split_roles(r.text(4))};
}

}  // namespace

std::optional<PendingInvitation> invitation_by_token(store::Connection& c, const std::string& token,
                                                     std::int64_t now) {
  if (token.empty()) return std::nullopt;
  auto r = c.query_one(std::string("SELECT ") + kColumns +
                           " FROM staff_invitations WHERE token_hash = ? AND accepted_at IS NULL "
                           "AND withdrawn_at IS NULL AND expires_at > ?",
                       {core::sha256_hex(token), now});
  if (!r) return std::nullopt;
  return pending_from(*r);
}

bool attach_invitation(store::Connection& c, const core::Clock& clock, const PendingInvitation& inv,
                       const std::string& account_id, const identity::ClientInfo& client) {
  const auto now = clock.now();
  // Compare-and-set: of two acceptances at once (or an acceptance racing a withdrawal) one wins.
  if (c.execute("UPDATE staff_invitations SET accepted_at = ?, accepted_by = ? WHERE id = ? AND "
                "accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > ?",
                {now, account_id, inv.id, now}) == 0) {
    return false;
  }
  for (const auto& role : inv.roles) {
    if (c.query_one("SELECT 1 FROM account_roles WHERE account_id = ? AND role = ? AND "
                    "organisation_id = ?",
                    {account_id, role, inv.organisation_id})) {
      continue;
    }
    c.execute(
        "INSERT INTO account_roles (account_id, role, organisation_id, granted_at) VALUES (?, ?, "
        "?, ?)",
        {account_id, role, inv.organisation_id, now});
  }
  mark_email_verified(c, account_id, now);
  audit::Event e;
  e.actor_id = account_id;
  e.action = "staff.invitation_accepted";
  e.target_type = "invitation";
  e.target_id = inv.id;
  e.ip = client.ip;
  e.detail = "org=" + inv.organisation_id + " roles=" + join_roles(inv.roles);
  audit::record(c, clock, e);
  return true;
}

bool InvitationService::may_administer(const identity::Principal& by,
                                       const std::string& org) const {
  return by.is_platform_admin() || by.has_role_in("org_admin", org);
}

std::optional<Error> InvitationService::over_send_budget(store::Connection& c,
                                                         const std::string& id,
                                                         const std::string& org) {
  const auto since = clock_.now() - 3600;
  const auto count = [&](const char* sql, const std::string& key) {
    auto r = c.query_one(sql, {key, since});
    return std::pair{r->i64(0), r->is_null(1) ? since : r->i64(1)};
  };
  auto [by_invitation, first_i] = count(
      "SELECT COUNT(*), MIN(at) FROM invitation_sends WHERE invitation_id = ? AND at > ?", id);
  auto [by_org, first_o] = count(
      "SELECT COUNT(*), MIN(at) FROM invitation_sends WHERE organisation_id = ? AND at > ?", org);
  std::int64_t free_at = 0;
  if (by_invitation >= kSendsPerInvitationHour) free_at = first_i + 3600;
  if (by_org >= kSendsPerOrganisationHour) free_at = std::max(free_at, first_o + 3600);
  if (free_at == 0) return std::nullopt;
  Error e = Error::of(Errc::too_many_attempts);
  e.retry_after_seconds = static_cast<int>(std::max<std::int64_t>(1, free_at - clock_.now()));
  return e;
}

void InvitationService::send(store::Connection& c, const std::string& id, const std::string& org,
                             const std::string& email, const std::string& lang_tag) {
  const std::string token = core::random_token(32);
  const auto now = clock_.now();
  c.execute("DELETE FROM invitation_sends WHERE organisation_id = ? AND at <= ?",
            {org, now - 3600});
  c.execute("INSERT INTO invitation_sends (invitation_id, organisation_id, at) VALUES (?, ?, ?)",
            {id, org, now});
  c.execute("UPDATE staff_invitations SET token_hash = ?, sent_at = ?, expires_at = ? WHERE id = ?",
            {core::sha256_hex(token), now, now + kInvitationValidSeconds, id});
  auto o = c.query_one("SELECT name_en, name_zh_hant, name_zh_hans FROM organisations WHERE id = ?",
                       {org});
  const core::Lang lang = core::negotiate_lang(lang_tag, "");
  const std::string org_name = core::LocalisedText{o->text(0), o->text(1), o->text(2)}.pick(lang);
  // The token rides in the fragment: browsers never send it to a server or in a Referer.
  const std::string link = public_url_ + "/invitation#token=" + token;
  std::string body(core::message("mail.staff_invite.body", lang));
  body.replace(body.find("{org}"), 5, org_name);
  body.replace(body.find("{link}"), 6, link);
  std::string subject(core::message("mail.staff_invite.subject", lang));
  subject.replace(subject.find("{org}"), 5, org_name);
  // The link is the secret: every view of the outbox shows it hidden (finding 4).
  mail::enqueue(c, clock_, email, subject, body, link);
}

core::Result<boost::json::object> InvitationService::invite(const identity::Principal& by,
                                                            const std::string& org,
                                                            const InvitationInput& in,
                                                            const identity::ClientInfo& client) {
  if (!may_administer(by, org)) return Error::of(Errc::not_found);
  return db_.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto kind = c.query_one("SELECT kind FROM organisations WHERE id = ?", {org});
    if (!kind) return Error::of(Errc::not_found);
    const auto allowed = roles_for_kind(kind->text(0));
    for (const auto& role : in.roles) {
      if (std::find(allowed.begin(), allowed.end(), role) == allowed.end())
        return Error::field("roles", "field.unknown_choice");
    }
    if (c.query_one("SELECT 1 FROM account_roles r JOIN accounts a ON a.id = r.account_id "
                    "WHERE a.email = ? AND r.organisation_id = ? LIMIT 1",
                    {in.email, org})) {
      return Error::of(Errc::email_taken);
    }
    const auto now = clock_.now();
    if (auto over = over_send_budget(c, "", org)) return *over;
    // Inviting the same address again is a re-send too: the same cap per address.
    if (c.query_one(
             "SELECT COUNT(*) FROM staff_invitations WHERE organisation_id = ? AND email = ? "
             "AND created_at > ?",
             {org, in.email, now - 3600})
            ->i64(0) >= kSendsPerInvitationHour) {
      Error e = Error::of(Errc::too_many_attempts);
      e.retry_after_seconds = 3600;
      return e;
    }
    // One pending invitation per address and organisation: a new one replaces the old.
    c.execute(
        "UPDATE staff_invitations SET withdrawn_at = ? WHERE organisation_id = ? AND email = ? "
        "AND accepted_at IS NULL AND withdrawn_at IS NULL",
        {now, org, in.email});
    const std::string id = core::new_id();
    c.execute(
        "INSERT INTO staff_invitations (id, organisation_id, email, display_name, roles, "
        "preferred_lang, token_hash, invited_by, created_at, sent_at, expires_at) VALUES (?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, org, in.email, in.display_name, join_roles(in.roles), in.preferred_lang,
         "unsent:" + id, by.account_id, now, now, now + kInvitationValidSeconds});
    send(c, id, org, in.email, in.preferred_lang);
    auto e = event(by, "staff.invited", id, client);
    e.detail = "org=" + org + " roles=" + join_roles(in.roles);
    audit::record(c, clock_, e);
    auto r = c.query_one(std::string("SELECT ") + kColumns + " FROM staff_invitations WHERE id = ?",
                         {id});
    return admin_json(*r, now);
  });
}

core::Result<std::vector<boost::json::object>> InvitationService::list(
    const identity::Principal& by, const std::string& org) {
  if (!may_administer(by, org)) return Error::of(Errc::not_found);
  return db_.read([&](store::Connection& c) -> core::Result<std::vector<boost::json::object>> {
    if (!c.query_one("SELECT 1 FROM organisations WHERE id = ?", {org}))
      return Error::of(Errc::not_found);
    std::vector<boost::json::object> out;
    const auto now = clock_.now();
    for (const auto& r : c.query(std::string("SELECT ") + kColumns +
                                     " FROM staff_invitations WHERE organisation_id = ? AND "
                                     "accepted_at IS NULL AND withdrawn_at IS NULL "
                                     "ORDER BY created_at DESC, id LIMIT 1000",
                                 {org})) {
      out.push_back(admin_json(r, now));
    }
    return out;
  });
}

core::Result<void> InvitationService::withdraw(const identity::Principal& by,
                                               const std::string& org, const std::string& id,
                                               const identity::ClientInfo& client) {
  if (!may_administer(by, org)) return Error::of(Errc::not_found);
  return db_.write([&](store::Connection& c) -> core::Result<void> {
    if (c.execute("UPDATE staff_invitations SET withdrawn_at = ? WHERE id = ? AND "
                  "organisation_id = ? AND accepted_at IS NULL AND withdrawn_at IS NULL",
                  {clock_.now(), id, org}) == 0) {
      return Error::of(Errc::not_found);
    }
    auto e = event(by, "staff.invitation_withdrawn", id, client);
    e.detail = "org=" + org;
    audit::record(c, clock_, e);
    return {};
  });
}

core::Result<boost::json::object> InvitationService::resend(const identity::Principal& by,
                                                            const std::string& org,
                                                            const std::string& id,
                                                            const identity::ClientInfo& client) {
  if (!may_administer(by, org)) return Error::of(Errc::not_found);
  return db_.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto r = c.query_one(std::string("SELECT ") + kColumns +
                             " FROM staff_invitations WHERE id = ? AND organisation_id = ? AND "
                             "accepted_at IS NULL AND withdrawn_at IS NULL",
                         {id, org});
    if (!r) return Error::of(Errc::not_found);
    if (auto over = over_send_budget(c, id, org)) return *over;
    send(c, id, org, r->text(2), r->text(5));
    auto e = event(by, "staff.invitation_resent", id, client);
    e.detail = "org=" + org;
    audit::record(c, clock_, e);
    auto now = c.query_one(
        std::string("SELECT ") + kColumns + " FROM staff_invitations WHERE id = ?", {id});
    return admin_json(*now, clock_.now());
  });
}

core::Result<boost::json::object> InvitationService::preview(const std::string& token) {
  return db_.read([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto inv = invitation_by_token(c, token, clock_.now());
    if (!inv) return Error::of(Errc::token_invalid);
    boost::json::array roles;
    for (const auto& role : inv->roles) roles.emplace_back(role);
    return boost::json::object{{"organisation", org_name_json(c, inv->organisation_id)},
                               {"email", inv->email},
                               {"display_name", inv->display_name},
                               {"roles", std::move(roles)}};
  });
}

core::Result<boost::json::object> InvitationService::accept(store::Connection& c,
                                                            const identity::Principal& who,
                                                            const PendingInvitation& inv,
                                                            const identity::ClientInfo& client) {
  if (!attach_invitation(c, clock_, inv, who.account_id, client))
    return Error::of(Errc::token_invalid);
  boost::json::array roles;
  for (const auto& role : inv.roles) roles.emplace_back(role);
  return boost::json::object{{"organisation", org_name_json(c, inv.organisation_id)},
                             {"roles", std::move(roles)}};
}

core::Result<boost::json::object> InvitationService::accept_with_token(
    const identity::Principal& who, const std::string& token, const identity::ClientInfo& client) {
  return db_.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto inv = invitation_by_token(c, token, clock_.now());
    if (!inv) return Error::of(Errc::token_invalid);
    auto a = c.query_one("SELECT email FROM accounts WHERE id = ?", {who.account_id});
    // The link proves the mailbox, the session proves the account: both must name one address.
    if (!a || a->text(0) != inv->email) return Error::of(Errc::forbidden);
    return accept(c, who, *inv, client);
  });
}

std::vector<boost::json::object> InvitationService::for_account(const identity::Principal& who) {
  return db_.read([&](store::Connection& c) {
    std::vector<boost::json::object> out;
    const auto now = clock_.now();
    for (const auto& r :
         c.query(std::string("SELECT i.id, i.organisation_id, i.roles, i.expires_at FROM "
                             "staff_invitations i JOIN accounts a ON a.email = i.email "
                             "WHERE a.id = ? AND a.email_verified_at IS NOT NULL AND "
                             "i.accepted_at IS NULL AND i.withdrawn_at IS NULL AND i.expires_at > "
                             "? ORDER BY i.created_at DESC LIMIT 100"),
                 {who.account_id, now})) {
      out.push_back({{"id", r.text(0)},
                     {"organisation", org_name_json(c, r.text(1))},
                     {"roles", roles_json(r.text(2))},
                     {"expires_at", r.i64(3)}});
    }
    return out;
  });
}

core::Result<boost::json::object> InvitationService::accept_by_id(
    const identity::Principal& who, const std::string& id, const identity::ClientInfo& client) {
  return db_.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    // Without the link only a verified address counts: an account that registered the address
    // without proving it never sees or accepts invitations to it.
    auto r = c.query_one(std::string("SELECT i.id, i.organisation_id, i.email, i.display_name, "
                                     "i.roles FROM staff_invitations i JOIN accounts a ON "
                                     "a.email = i.email WHERE i.id = ? AND a.id = ? AND "
                                     "a.email_verified_at IS NOT NULL AND i.accepted_at IS NULL "
                                     "AND i.withdrawn_at IS NULL AND i.expires_at > ?"),
                         {id, who.account_id, clock_.now()});
    if (!r) return Error::of(Errc::not_found);
    return accept(c, who, pending_from(*r), client);
  });
}

}  // namespace yq::identity
