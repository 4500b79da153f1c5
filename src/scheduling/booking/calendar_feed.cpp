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
#include "identity/people.hpp"
#include "notify/notice_text.hpp"
#include "scheduling/booking/parties.hpp"
#include "store/in_list.hpp"

namespace yq::scheduling {

using notify::appointment_ics;
using notify::calendar_ics;
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

// Every appointment query selects these columns, read by event_from_row; the people and
// organisations they name come from identity (parties_of).
constexpr std::string_view kEventColumns =
    "SELECT a.id, a.starts_at, a.ends_at, a.status, a.patient_id, a.doctor_id, "
    "a.organisation_id, s.name_en, s.name_zh_hant, s.name_zh_hans, s.consultation_type, "
    "a.updated_at FROM appointments a JOIN services s ON s.id = a.service_id ";

// The people and organisations of these rows (columns of kEventColumns), in one query each.
Parties parties_of_rows(store::Connection& c, const store::Rows& rows) {
  std::vector<std::string> people, organisations;
  for (const auto& r : rows) {
    people.push_back(r.text(4));
    people.push_back(r.text(5));
    organisations.push_back(r.text(6));
  }
  return parties_of(c, people, organisations);
}

// reader_id: whose calendar it is; another patient's (a child's) appointments name the patient.
IcsEvent event_from_row(const store::Row& r, const Parties& names, const std::string& reader_id,
                        core::Lang lang, std::string_view public_url) {
  const auto& organisation = names.organisation(r.text(6));
  const boost::json::object params{
      {"service", core::LocalisedText{r.text(7), r.text(8), r.text(9)}.to_json()},
      {"doctor", doctor_names(names.person(r.text(5)))},
      {"organisation", organisation.name.to_json()},
      {"patient", names.person(r.text(4)).display_name},
      {"link", std::string(public_url) + "/appointments/" + r.text(0)}};
  const bool for_other = !reader_id.empty() && r.text(4) != reader_id;
  IcsEvent e;
  // Stable per appointment, so a calendar app updates the event when it moves or is cancelled.
  e.uid = r.text(0) + "@yiqiao";
  e.starts_at = r.i64(1);
  e.ends_at = r.i64(2);
  e.cancelled = r.text(3) == "cancelled";
  e.stamp = r.i64(11);
  e.summary = fill_placeholders(
      core::message(for_other ? "calendar.summary_for" : "calendar.summary", lang), params, lang);
  e.description = fill_placeholders(core::message("calendar.description", lang), params, lang);
  if (r.text(10) == "in_person") {
    e.location = fill_placeholders("{organisation}", params, lang);
    if (!organisation.address.empty()) e.location += ", " + organisation.address;
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
  const auto rows = c.query(std::string(kEventColumns) + "WHERE a.id = ?", {appointment_id});
  if (rows.empty()) return std::nullopt;
  return event_from_row(rows.front(), parties_of_rows(c, rows), "", lang, public_url);
}

CalendarFeeds::CalendarFeeds(store::Database& db, const core::Clock& clock, std::string public_url)
    : db_(db), clock_(clock), public_url_(std::move(public_url)) {}

std::string CalendarFeeds::create(const identity::Principal& who,
                                  const identity::ClientInfo& client) {
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

bool CalendarFeeds::remove(const identity::Principal& who, const identity::ClientInfo& client) {
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
                                                 const identity::ClientInfo& client) {
  // Junk never reaches the database; a well-formed unknown token costs one indexed lookup.
  if (!token_shaped(token)) return std::nullopt;
  return db_.write([&](store::Connection& c) -> std::optional<std::string> {
    const auto feed = c.query_one("SELECT account_id FROM calendar_feeds WHERE token_hash = ?",
                                  {core::sha256_hex(token)});
    if (!feed) return std::nullopt;
    const auto owner = identity::person(c, feed->text(0));
    if (!owner || !owner->active) return std::nullopt;
    const std::string account = owner->id;
    core::Lang lang = core::Lang::en;
    core::parse_lang_tag(owner->preferred_lang, lang);
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
    const auto names = parties_of_rows(c, rows);
    std::vector<IcsEvent> events;
    events.reserve(rows.size());
    std::set<std::string> patients{account};
    for (const auto& r : rows) {
      events.push_back(event_from_row(r, names, account, lang, public_url_));
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
