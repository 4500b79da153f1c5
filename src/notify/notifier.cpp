#include "notify/notifier.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

#include "consent/consent.hpp"
#include "core/i18n.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "http/ws_hub.hpp"
#include "identity/people.hpp"
#include "mail/outbox.hpp"
#include "notify/notice_text.hpp"
#include "store/in_list.hpp"

namespace yq::notify {

namespace {

// Children managed by a parent have no mailbox of their own: their accounts carry an address in
// the reserved .invalid domain (RFC 2606), which must never be handed to the SMTP relay.
bool deliverable(std::string_view address) {
  return !address.empty() && !address.ends_with(".invalid");
}

boost::json::object parse_params(const std::string& text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.get_object());
}

}  // namespace

Notifier::Notifier(store::Database& db, const core::Clock& clock, http::WsHub* hub)
    : db_(db), clock_(clock), hub_(hub) {}

std::string Notifier::record(store::Connection& c, const core::Clock& clock, const Notice& notice,
                             std::string_view public_url) {
  // Asked at the moment of telling: a carer whose access ended hears nothing more.
  std::optional<std::string> carer_of;
  if (!notice.about_patient.empty()) {
    const auto may =
        consent::decide(c, notice.account_id, notice.about_patient, consent::Purpose::be_notified,
                        {.treating_clinician = notice.treating});
    if (!may) return {};
    if (may.basis == consent::Basis::parent || may.basis == consent::Basis::carer)
      carer_of = notice.about_patient;
  }
  const std::string id = core::new_id();
  c.execute(
      "INSERT INTO notifications (id, account_id, kind, params, link, created_at, carer_of) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {id, notice.account_id, notice.kind, boost::json::serialize(notice.params), notice.link,
       clock.now(), carer_of});
  if (!notice.email) return id;
  const auto to = identity::person(c, notice.account_id);
  if (!to || !deliverable(to->email)) return id;
  core::Lang lang = core::Lang::en;
  core::parse_lang_tag(to->preferred_lang, lang);
  const auto text = render_notice(notice.kind, notice.params, lang);
  std::string body = text.body;
  if (!public_url.empty() && !notice.link.empty()) {
    body += "\n\n";
    body.append(public_url);
    body += notice.link;
  }
  mail::enqueue(c, clock, to->email, text.title, body, {},
                {notice.account_id, carer_of.value_or(std::string())});
  return id;
}

namespace {

// "AND (carer_of IS NULL OR carer_of IN (...))": notices the reader heard as a parent or carer stay
// visible only while that relationship lasts. Appends the patients to `params`.
std::string still_told(store::Connection& c, const std::string& account_id, store::Params& params) {
  return "AND (carer_of IS NULL OR carer_of IN " +
         store::in_list(consent::patients_in_care_of(c, account_id), params) + ") ";
}

}  // namespace

std::int64_t Notifier::unread_count(store::Connection& c, const std::string& account_id) {
  store::Params params{account_id};
  const std::string filter = still_told(c, account_id, params);
  return c
      .query_one(
          "SELECT COUNT(*) FROM notifications WHERE account_id = ? AND read_at IS NULL " + filter,
          params)
      ->i64(0);
}

std::optional<std::vector<StoredNotice>> Notifier::list(store::Connection& c,
                                                        const std::string& account_id,
                                                        const std::optional<std::string>& before,
                                                        int limit) {
  store::Params params{account_id};
  const std::string columns =
      "SELECT id, kind, params, link, created_at, read_at FROM notifications WHERE account_id = "
      "? " +
      still_told(c, account_id, params);
  store::Rows rows;
  if (before) {
    // Keyset pagination on (created_at, id): stable while new notices arrive at the top.
    const auto cursor =
        c.query_one("SELECT created_at FROM notifications WHERE id = ? AND account_id = ?",
                    {*before, account_id});
    if (!cursor) return std::nullopt;
    for (const store::Param& p : {store::Param(cursor->i64(0)), store::Param(cursor->i64(0)),
                                  store::Param(*before), store::Param(limit)})
      params.push_back(p);
    rows = c.query(columns +
                       "AND (created_at < ? OR (created_at = ? AND id < ?)) "
                       "ORDER BY created_at DESC, id DESC LIMIT ?",
                   params);
  } else {
    params.emplace_back(limit);
    rows = c.query(columns + "ORDER BY created_at DESC, id DESC LIMIT ?", params);
  }
  std::vector<StoredNotice> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back(StoredNotice{r.text(0), r.text(1), parse_params(r.text(2)), r.text(3), r.i64(4),
                               r.opt_i64(5)});
  }
  return out;
}

bool Notifier::mark_read(store::Connection& c, const std::string& account_id,
                         const std::string& notice_id, std::int64_t now) {
  if (c.execute("UPDATE notifications SET read_at = ? "
                "WHERE id = ? AND account_id = ? AND read_at IS NULL",
                {now, notice_id, account_id}) > 0)
    return true;
  // Already read is fine; someone else's is "not found".
  return c
      .query_one("SELECT 1 FROM notifications WHERE id = ? AND account_id = ?",
                 {notice_id, account_id})
      .has_value();
}

std::int64_t Notifier::mark_all_read(store::Connection& c, const std::string& account_id,
                                     std::int64_t now) {
  return c.execute("UPDATE notifications SET read_at = ? WHERE account_id = ? AND read_at IS NULL",
                   {now, account_id});
}

void Notifier::push(const std::vector<std::string>& account_ids) {
  if (hub_ == nullptr) return;
  std::vector<std::string> accounts = account_ids;
  std::sort(accounts.begin(), accounts.end());
  accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
  for (const auto& account : accounts) {
    try {
      const auto unread = db_.read([&](store::Connection& c) { return unread_count(c, account); });
      hub_->send_to_account(account, boost::json::serialize(boost::json::object{
                                         {"type", "notifications"}, {"unread", unread}}));
    } catch (const std::exception& e) {
      // The notice is stored and the app fetches it when it next lists; a lost push is no loss.
      core::log::warn("notification_push_failed", {{"account", account}, {"what", e.what()}});
    }
  }
}

}  // namespace yq::notify
