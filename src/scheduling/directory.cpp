#include "scheduling/directory.hpp"

#include <boost/json/array.hpp>

#include "core/ids.hpp"
#include "scheduling/hk_calendar.hpp"
#include "scheduling/scope.hpp"
#include "scheduling/search_text.hpp"

namespace yq::scheduling {

namespace {

using core::Errc;
using core::Error;

// A slot nobody holds.
constexpr std::string_view kFreeSlot =
    "s.status = 'open' AND s.starts_at > ? AND NOT EXISTS (SELECT 1 FROM appointments a "
    "WHERE a.slot_id = s.id AND a.status <> 'cancelled')";

constexpr std::string_view kStale =
    "SELECT p.account_id, a.display_name, p.name_zh, p.updated_at, a.updated_at "
    "FROM doctor_profiles p JOIN accounts a ON a.id = p.account_id "
    "LEFT JOIN doctor_search k ON k.account_id = p.account_id WHERE k.account_id IS NULL "
    "OR k.profile_updated_at <> p.updated_at OR k.account_updated_at <> a.updated_at";

boost::json::array texts(const store::Rows& rows) {
  boost::json::array out;
  for (const auto& r : rows) out.emplace_back(r.text(0));
  return out;
}

}  // namespace

void Directory::refresh_search_keys() {
  const bool stale = env_.db.read([](store::Connection& c) {
    return c.query_one(std::string(kStale) + " LIMIT 1").has_value();
  });
  if (!stale) return;
  env_.db.write([](store::Connection& c) {
    for (const auto& r : c.query(kStale)) {
      const std::string key = normalise_search_text(r.text(1) + " " + r.text(2));
      c.execute("DELETE FROM doctor_search WHERE account_id = ?", {r.text(0)});
      c.execute(
          "INSERT INTO doctor_search (account_id, search_key, profile_updated_at, "
          "account_updated_at) VALUES (?, ?, ?, ?)",
          {r.text(0), key, r.i64(3), r.i64(4)});
    }
  });
}

core::Result<boost::json::object> Directory::search(const DirectoryQuery& q) {
  std::optional<std::int64_t> before;
  if (q.available_before) {
    const auto day = parse_day(*q.available_before);
    if (!day) return Error::field("available_before", "field.invalid");
    before = hk_instant(*day, 0);
  }
  if (q.organisation_id && !core::looks_like_id(*q.organisation_id))
    return Error::field("organisation", "field.invalid");
  if (q.text) refresh_search_keys();
  const std::int64_t now = env_.clock.now();

  std::string sql =
      "SELECT d.account_id, a.display_name, d.title, d.name_zh, d.organisation_id, o.name_en, "
      "o.name_zh_hant, o.name_zh_hans, o.region, d.fee_cents, d.currency, "
      "CASE WHEN d.photo_sha256 IS NULL THEN 0 ELSE 1 END, (SELECT MIN(s.starts_at) FROM slots s "
      "WHERE s.doctor_id = "
      "d.account_id AND " +
      std::string(kFreeSlot) +
      ") AS next_free FROM doctor_profiles d JOIN accounts a ON a.id = d.account_id "
      "JOIN organisations o ON o.id = d.organisation_id "
      "JOIN account_roles r ON r.account_id = d.account_id AND r.role = 'doctor' "
      "AND r.organisation_id = d.organisation_id "
      "WHERE a.status = 'active' AND o.active = 1";
  store::Params params{now};
  if (q.text) {
    sql +=
        " AND EXISTS (SELECT 1 FROM doctor_search k WHERE k.account_id = d.account_id AND "
        "k.search_key LIKE ? ESCAPE '\\')";
    params.emplace_back(contains_pattern(normalise_search_text(*q.text)));
  }
  if (q.specialty) {
    sql +=
        " AND EXISTS (SELECT 1 FROM doctor_specialties x WHERE x.account_id = d.account_id "
        "AND x.specialty = ?)";
    params.emplace_back(*q.specialty);
  }
  if (q.language) {
    sql +=
        " AND EXISTS (SELECT 1 FROM doctor_languages x WHERE x.account_id = d.account_id "
        "AND x.language = ?)";
    params.emplace_back(*q.language);
  }
  if (q.organisation_id) {
    sql += " AND d.organisation_id = ?";
    params.emplace_back(*q.organisation_id);
  }
  if (q.region) {
    sql += " AND o.region = ?";
    params.emplace_back(*q.region);
  }
  if (q.consultation_type) {
    // Which services a doctor provides follows from their schedule.
    sql +=
        " AND EXISTS (SELECT 1 FROM services v WHERE v.consultation_type = ? AND v.active = 1 "
        "AND v.id IN (SELECT t.service_id FROM availability_templates t WHERE t.doctor_id = "
        "d.account_id UNION SELECT x.service_id FROM one_off_sessions x WHERE x.doctor_id = "
        "d.account_id))";
    params.emplace_back(*q.consultation_type);
  }
  if (before) {
    sql +=
        " AND EXISTS (SELECT 1 FROM slots s WHERE s.doctor_id = d.account_id AND s.starts_at "
        "< ? AND " +
        std::string(kFreeSlot) + ")";
    params.emplace_back(*before);
    params.emplace_back(now);
  }
  // Doctors with no free slot last; ties by name then id, so pages never overlap.
  sql += q.by_next_free ? " ORDER BY next_free NULLS LAST, a.display_name, d.account_id"
                        : " ORDER BY a.display_name, d.account_id";
  sql += " LIMIT ? OFFSET ?";
  params.emplace_back(q.limit + 1);
  params.emplace_back(q.offset);

  return env_.db.read([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto rows = c.query(sql, params);
    const bool more = static_cast<std::int64_t>(rows.size()) > q.limit;
    if (more) rows.pop_back();
    boost::json::array items;
    for (const auto& r : rows) {
      const std::string id = r.text(0);
      items.push_back(boost::json::object{
          {"id", id},
          {"display_name", r.text(1)},
          {"title", r.text(2)},
          {"name_zh", r.text(3)},
          {"organisation", {{"id", r.text(4)}, {"name", names_at(r, 5)}, {"region", r.text(8)}}},
          {"fee_cents", r.i64(9)},
          {"currency", r.text(10)},
          {"has_photo", r.boolean(11)},
          {"next_free_slot",
           r.is_null(12) ? boost::json::value(nullptr) : boost::json::value(r.i64(12))},
          {"specialties",
           texts(c.query("SELECT specialty FROM doctor_specialties WHERE account_id = ? "
                         "ORDER BY specialty",
                         {id}))},
          {"languages", texts(c.query("SELECT language FROM doctor_languages WHERE account_id = ? "
                                      "ORDER BY language",
                                      {id}))}});
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
  DayNumber first = hk_day_of(now);
  if (from) {
    const auto d = parse_day(*from);
    if (!d) return Error::field("from", "field.invalid");
    first = std::max(first, *d);
  }
  if (to) {
    const auto last = parse_day(*to);
    if (!last) return Error::field("to", "field.invalid");
    if (*last < first || *last - first + 1 > kMaxSlotRangeDays)
      return Error::field("to", "field.out_of_range");
    days = *last - first + 1;
  }
  const std::int64_t until = hk_instant(first + days, 0);
  return env_.db.read([&](store::Connection& c) -> core::Result<boost::json::object> {
    if (!doctor_organisation(c, doctor_id)) return Error::of(Errc::not_found);
    std::string sql =
        "SELECT s.id, s.service_id, s.starts_at, s.ends_at, v.name_en, v.name_zh_hant, "
        "v.name_zh_hans, v.consultation_type, v.fee_cents, v.currency FROM slots s "
        "JOIN services v ON v.id = s.service_id WHERE s.doctor_id = ? AND v.active = 1 AND "
        "s.starts_at < ? AND " +
        std::string(kFreeSlot);
    store::Params params{doctor_id, until, std::max(now, hk_instant(first, 0))};
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
                               {"from", format_day(first)},
                               {"days", days},
                               {"items", std::move(items)}};
  });
}

}  // namespace yq::scheduling
