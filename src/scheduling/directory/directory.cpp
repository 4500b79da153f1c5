#include "scheduling/directory/directory.hpp"

#include <boost/json/array.hpp>

#include <map>
#include <vector>

#include "core/hk_calendar.hpp"
#include "core/ids.hpp"
#include "core/localised_text.hpp"
#include "identity/doctors.hpp"
#include "identity/people.hpp"
#include "scheduling/directory/index.hpp"
#include "scheduling/directory/search_text.hpp"
#include "scheduling/scope.hpp"

namespace yq::scheduling {

namespace {

using core::Errc;
using core::Error;

}  // namespace

core::Result<boost::json::object> Directory::search(const DirectoryQuery& q) {
  std::optional<std::int64_t> before;
  if (q.available_before) {
    const auto day = core::parse_day(*q.available_before);
    if (!day) return Error::field("available_before", "field.invalid");
    before = core::hk_instant(*day, 0);
  }
  if (q.organisation_id && !core::looks_like_id(*q.organisation_id))
    return Error::field("organisation", "field.invalid");
  const std::int64_t now = env_.clock.now();
  rebuild_small_backlog(env_.db, now);

  // First the page's ids from the narrow tables alone, then the details of those few doctors.
  // Where the search has a key (a name word, a specialty) it starts from that key's index, which
  // carries the sort name: in name order a page is a range read even when the key names
  // thousands of doctors (migration 007); in next-free order the doctors found are sorted.
  // Otherwise it walks the directory in page order. CROSS JOIN makes SQLite keep that order;
  // PostgreSQL plans it as an ordinary join.
  std::string from;
  std::string key_alias;  // the key's table, when the search starts from one
  std::string where = " WHERE d.listed = 1";
  store::Params params;
  std::vector<std::string> words;
  if (q.text) words = query_tokens(normalise_search_text(*q.text));
  if (!words.empty()) {
    from = "doctor_name_tokens w CROSS JOIN doctor_directory d";
    key_alias = "w";
    where += " AND d.account_id = w.account_id AND w.token = ?";
    params.emplace_back(words.front());
    for (std::size_t i = 1; i < words.size(); ++i) {
      where +=
          " AND d.account_id IN (SELECT t.account_id FROM doctor_name_tokens t WHERE t.token = ?)";
      params.emplace_back(words[i]);
    }
  }
  if (q.specialty) {
    if (from.empty()) {
      from = "doctor_directory_specialties x CROSS JOIN doctor_directory d";
      where += " AND d.account_id = x.account_id AND x.specialty = ?";
      key_alias = "x";
    } else {
      where +=
          " AND EXISTS (SELECT 1 FROM doctor_directory_specialties x WHERE x.account_id = "
          "d.account_id AND x.specialty = ?)";
    }
    params.emplace_back(*q.specialty);
  }
  if (from.empty()) from = "doctor_directory d";
  std::string sql = "SELECT d.account_id, d.next_free_at FROM " + from + where;
  if (q.language) {
    sql +=
        " AND EXISTS (SELECT 1 FROM doctor_directory_languages x WHERE x.account_id = "
        "d.account_id AND x.language = ?)";
    params.emplace_back(*q.language);
  }
  if (q.organisation_id) {
    sql += " AND d.organisation_id = ?";
    params.emplace_back(*q.organisation_id);
  }
  if (q.region) {
    sql += " AND d.region = ?";
    params.emplace_back(*q.region);
  }
  // The route accepts only these three types, so the column name never comes from the caller.
  if (q.consultation_type == "video") sql += " AND d.offers_video = 1";
  if (q.consultation_type == "voice") sql += " AND d.offers_voice = 1";
  if (q.consultation_type == "in_person") sql += " AND d.offers_in_person = 1";
  if (before) {
    sql += " AND d.next_free_at < ?";
    params.emplace_back(*before);
  }
  // Doctors with no free slot last (kNoFreeSlot); ties by name then id, so pages never overlap.
  // The key's sort name is the directory row's, written with it; specialty rows carry the next
  // free time too (migration 008), name tokens do not (a doctor has dozens).
  const std::string by_name = key_alias.empty() ? "d" : key_alias;
  const std::string by_next = key_alias == "x" ? "x" : "d";
  sql += q.by_next_free ? " ORDER BY " + by_next + ".next_free_at, " + by_next + ".sort_name, " +
                              by_next + ".account_id"
                        : " ORDER BY " + by_name + ".sort_name, " + by_name + ".account_id";
  sql += " LIMIT ? OFFSET ?";
  params.emplace_back(q.limit + 1);
  params.emplace_back(q.offset);

  return env_.db.read([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto page = c.query(sql, params);
    const bool more = static_cast<std::int64_t>(page.size()) > q.limit;
    if (more) page.pop_back();
    // A row is rebuilt within seconds of its earliest free slot starting; until then the page
    // shows the true next time, and drops the doctor if that misses the asked day.
    std::vector<std::string> ids;
    std::map<std::string, std::optional<std::int64_t>> next_free;
    for (const auto& p : page) {
      const std::string id = p.text(0);
      std::optional<std::int64_t> next;
      if (p.i64(1) > now && p.i64(1) != kNoFreeSlot)
        next = p.i64(1);
      else if (p.i64(1) != kNoFreeSlot)
        next = next_free_slot(c, id, now);
      if (before && (!next || *next >= *before)) continue;
      ids.push_back(id);
      next_free[id] = next;
    }
    // The page's details from identity in four statements, whatever its length.
    auto profiles = identity::doctor_profiles(c, ids);
    std::vector<std::string> organisation_ids;
    for (const auto& [id, p] : profiles) organisation_ids.push_back(p.organisation_id);
    const auto organisations = identity::organisations(c, organisation_ids);
    boost::json::array items;
    for (const auto& id : ids) {
      const auto found = profiles.find(id);
      if (found == profiles.end()) continue;
      auto& p = found->second;
      const auto o = organisations.find(p.organisation_id);
      if (o == organisations.end()) continue;
      const auto& next = next_free[id];
      items.push_back(boost::json::object{
          {"id", id},
          {"display_name", p.display_name},
          {"title", p.title},
          {"name_zh", p.name_zh},
          {"organisation",
           {{"id", p.organisation_id},
            {"name", o->second.name.to_json()},
            {"region", o->second.region}}},
          {"fee_cents", p.fee_cents},
          {"currency", p.currency},
          {"has_photo", p.has_photo},
          {"next_free_slot", next ? boost::json::value(*next) : boost::json::value(nullptr)},
          {"specialties", boost::json::array(p.specialties.begin(), p.specialties.end())},
          {"languages", boost::json::array(p.languages.begin(), p.languages.end())}});
    }
    return boost::json::object{{"items", std::move(items)},
                               {"next_offset", more ? boost::json::value(q.offset + q.limit)
                                                    : boost::json::value(nullptr)}};
  });
}

core::Result<boost::json::object> Directory::free_slots(
    const std::string& doctor_id, const std::optional<std::string>& from,
    const std::optional<std::string>& to, std::int64_t days,
    const std::optional<std::string>& service_id) {
  if (!core::looks_like_id(doctor_id)) return Error::of(Errc::not_found);
  if (service_id && !core::looks_like_id(*service_id))
    return Error::field("service", "field.invalid");
  const std::int64_t now = env_.clock.now();
  core::DayNumber first = core::hk_day_of(now);
  if (from) {
    const auto d = core::parse_day(*from);
    if (!d) return Error::field("from", "field.invalid");
    first = std::max(first, *d);
  }
  if (to) {
    const auto last = core::parse_day(*to);
    if (!last) return Error::field("to", "field.invalid");
    if (*last < first || *last - first + 1 > kMaxSlotRangeDays)
      return Error::field("to", "field.out_of_range");
    days = *last - first + 1;
  }
  const std::int64_t until = core::hk_instant(first + days, 0);
  return env_.db.read([&](store::Connection& c) -> core::Result<boost::json::object> {
    const auto orgs = doctor_organisations(c, doctor_id);
    if (orgs.empty()) return Error::of(Errc::not_found);
    std::string sql =
        "SELECT s.id, s.service_id, s.starts_at, s.ends_at, v.name_en, v.name_zh_hant, "
        "v.name_zh_hans, v.consultation_type, v.fee_cents, v.currency FROM slots s "
        "JOIN services v ON v.id = s.service_id WHERE s.doctor_id = ? AND v.active = 1 AND "
        "s.starts_at < ? AND " +
        std::string(kFreeSlotSql);
    store::Params params{doctor_id, until, std::max(now, core::hk_instant(first, 0))};
    // Only where the doctor is a doctor now (a removed role takes their times there off at once).
    sql += " AND s.organisation_id IN " + in_list(orgs, params);
    if (service_id) {
      sql += " AND s.service_id = ?";
      params.emplace_back(*service_id);
    }
    sql += " ORDER BY s.starts_at, s.id";
    boost::json::array items;
    for (const auto& r : c.query(sql, params))
      items.push_back(boost::json::object{{"id", r.text(0)},
                                          {"service_id", r.text(1)},
                                          {"service_name", names_at(r, 4)},
                                          {"consultation_type", r.text(7)},
                                          {"fee_cents", r.i64(8)},
                                          {"currency", r.text(9)},
                                          {"starts_at", r.i64(2)},
                                          {"ends_at", r.i64(3)}});
    return boost::json::object{{"doctor_id", doctor_id},
                               {"from", core::format_day(first)},
                               {"days", days},
                               {"items", std::move(items)}};
  });
}

}  // namespace yq::scheduling
