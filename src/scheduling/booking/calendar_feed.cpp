#include "scheduling/booking/calendar_feed.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "audit/audit_log.hpp"
#include "consent/consent.hpp"
#include "core/crypto.hpp"
#include "core/hk_calendar.hpp"
#include "core/localised_text.hpp"
#include "core/messages.hpp"
#include "notify/notice_text.hpp"
#include "store/in_list.hpp"

namespace yq::scheduling {

using notify::appointment_ics;
using notify::calendar_ics;
using notify::doctor_names;
using notify::fill_placeholders;
using notify::IcsEvent;

namespace {

constexpr std::int64_t kDay = 24 * 3600;
constexpr std::int64_t kFeedPast = 30 * kDay;
constexpr std::int64_t kFeedAhead = 180 * kDay;
// A feed is read by machines every few minutes: bound its size whatever the data holds.
constexpr int kFeedMaxEvents = 1000;
// random_token(32): 43 base64url characters.
constexpr std::size_t kTokenLength = 43;

// Every appointment query selects these columns, read by event_from_row.
constexpr std::string_view kEventColumns =
    "SELECT a.id, a.starts_at, a.ends_at, a.status, a.patient_id, pa.display_name, "
    "d.display_name, COALESCE(dp.title, ''), COALESCE(dp.name_zh, ''), s.name_en, s.name_zh_hant, "
    "s.name_zh_hans, s.consultation_type, o.name_en, o.name_zh_hant, o.name_zh_hans, o.address, "
    "a.updated_at "
    "FROM appointments a JOIN accounts pa ON pa.id = a.patient_id "
    "JOIN accounts d ON d.id = a.doctor_id "
    "LEFT JOIN doctor_profiles dp ON dp.account_id = a.doctor_id "
    "JOIN services s ON s.id = a.service_id JOIN organisations o ON o.id = a.organisation_id ";

// reader_id: whose calendar it is; another patient's (a child's) appointments name the patient.
IcsEvent event_from_row(const store::Row& r, const std::string& reader_id, core::Lang lang,
                        std::string_view public_url) {
  const boost::json::object params{
      {"service", core::LocalisedText{r.text(9), r.text(10), r.text(11)}.to_json()},
      {"doctor", doctor_names(r.text(7), r.text(6), r.text(8))},
      {"organisation", core::LocalisedText{r.text(13), r.text(14), r.text(15)}.to_json()},
      {"patient", r.text(5)},
      {"link", std::string(public_url) + "/appointments/" + r.text(0)}};
  const bool for_other = !reader_id.empty() && r.text(4) != reader_id;
  IcsEvent e;
  // Stable per appointment, so a calendar app updates the event when it moves or is cancelled.
  e.uid = r.text(0) + "@yiqiao";
  e.starts_at = r.i64(1);
  e.ends_at = r.i64(2);
  e.cancelled = r.text(3) == "cancelled";
  e.stamp = r.i64(17);
  e.summary = fill_placeholders(
      core::message(for_other ? "calendar.summary_for" : "calendar.summary", lang), params, lang);
  e.description = fill_placeholders(core::message("calendar.description", lang), params, lang);
  if (r.text(12) == "in_person") {
    e.location = fill_placeholders("{organisation}", params, lang);
    if (!r.text(16).empty()) e.location += ", " + r.text(16);
  } else {
    e.location = std::string(core::message("calendar.online", lang));
  }
  return e;
}

bool token_shaped(std::string_view token) {
  return token.size() == kTokenLength && std::all_of(token.begin(), token.end(), [](char ch) {
           return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                  (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
         });
}

}  // namespace

std::optional<IcsEvent> appointment_event(store::Connection& c, const std::string& appointment_id,
                                          core::Lang lang, std::string_view public_url) {
  const auto row = c.query_one(std::string(kEventColumns) + "WHERE a.id = ?", {appointment_id});
  if (!row) return std::nullopt;
  return event_from_row(*row, "", lang, public_url);
}

CalendarFeeds::CalendarFeeds(store::Database& db, const core::Clock& clock, std::string public_url)
    : db_(db), clock_(clock), public_url_(std::move(public_url)) {}

std::string CalendarFeeds::create(const http::Principal& who, const http::ClientInfo& client) {
  const std::string token = core::random_token(32);
  db_.write([&](store::Connection& c) {
    c.execute("DELETE FROM calendar_feeds WHERE account_id = ?", {who.account_id});
    c.execute("INSERT INTO calendar_feeds (account_id, token_hash, created_at) VALUES (?, ?, ?)",
              {who.account_id, core::sha256_hex(token), clock_.now()});
    audit::record(
        c, clock_,
        audit::Event{who.account_id, who.primary_role(), "", "calendar_feed.created",
                     who.account_id, "calendar_feed", who.account_id, client.ip, "success", ""});
  });
  return public_url_ + "/calendar/" + token + ".ics";
}

bool CalendarFeeds::remove(const http::Principal& who, const http::ClientInfo& client) {
  return db_.write([&](store::Connection& c) {
    if (c.execute("DELETE FROM calendar_feeds WHERE account_id = ?", {who.account_id}) == 0)
      return false;
    audit::record(
        c, clock_,
        audit::Event{who.account_id, who.primary_role(), "", "calendar_feed.deleted",
                     who.account_id, "calendar_feed", who.account_id, client.ip, "success", ""});
    return true;
  });
}

void CalendarFeeds::end_for(store::Connection& c, const std::string& account_id) {
  c.execute("DELETE FROM calendar_feeds WHERE account_id = ?", {account_id});
}

std::optional<std::string> CalendarFeeds::render(std::string_view token,
                                                 const http::ClientInfo& client) {
  // Junk never reaches the database; a well-formed unknown token costs one indexed lookup.
  if (!token_shaped(token)) return std::nullopt;
  return db_.write([&](store::Connection& c) -> std::optional<std::string> {
    const auto owner = c.query_one(
        "SELECT f.account_id, a.preferred_lang FROM calendar_feeds f "
        "JOIN accounts a ON a.id = f.account_id WHERE f.token_hash = ? AND a.status = 'active'",
        {core::sha256_hex(token)});
    if (!owner) return std::nullopt;
    const std::string account = owner->text(0);
    core::Lang lang = core::Lang::en;
    core::parse_lang_tag(owner->text(1), lang);
    const std::int64_t now = clock_.now();
    const std::int64_t today = core::hk_instant(core::hk_day_of(now), 0);  // midnight in Hong Kong
    // The owner's and, while consent says so at this fetch, their family's appointments.
    store::Params params;
    const std::string in = store::in_list(consent::patients_in_care_of(c, account), params);
    for (const store::Param& p : {store::Param(now - kFeedPast), store::Param(now + kFeedAhead),
                                  store::Param(today), store::Param(kFeedMaxEvents)})
      params.push_back(p);
    const auto rows = c.query(std::string(kEventColumns) + "WHERE a.patient_id IN " + in +
                                  " AND a.starts_at >= ? AND a.starts_at <= ? "
                                  "AND (a.status <> 'cancelled' OR a.starts_at >= ?) "
                                  "ORDER BY a.starts_at, a.id LIMIT ?",
                              params);
    std::vector<IcsEvent> events;
    events.reserve(rows.size());
    std::set<std::string> patients{account};
    for (const auto& r : rows) {
      events.push_back(event_from_row(r, account, lang, public_url_));
      patients.insert(r.text(4));
    }
    // The token stands for the owner; the event says whose appointments were shown to them.
    for (const auto& patient : patients) {
      audit::record(
          c, clock_,
          audit::Event{account, "calendar_feed", "", "calendar_feed.read", patient, "calendar_feed",
                       account, client.ip, "success", std::to_string(events.size()) + " events"});
    }
    return calendar_ics(events, core::message("calendar.name", lang));
  });
}

}  // namespace yq::scheduling
