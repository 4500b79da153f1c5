#include "records/entries.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "store/in_list.hpp"

namespace yq::records {

namespace {

using core::Errc;
using core::Error;

constexpr std::string_view kColumns =
    "SELECT e.id, e.patient_id, e.organisation_id, e.resource_type, e.category, e.sensitivity, "
    "e.code_system, e.code, e.status, e.effective_at, e.value_num, e.value_num2, e.parent_id, "
    "e.source_ref, e.document_sha256, e.version, e.recorded_at, e.recorded_by, e.updated_at, "
    "e.updated_by, e.error_at, e.error_by, e.error_reason, e.resource, e.details, e.care_until "
    "FROM record_entries e ";

boost::json::object parse_object(const std::string& text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.as_object());
}

std::optional<double> opt_f64(const store::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.f64(i);
}

Entry entry_from(const store::Row& r) {
  Entry e;
  e.id = r.text(0);
  e.patient_id = r.text(1);
  e.organisation_id = r.text(2);
  e.index.resource_type = r.text(3);
  e.index.category = r.text(4);
  e.index.sensitivity = r.text(5);
  e.index.code_system = r.text(6);
  e.index.code = r.text(7);
  e.index.status = r.text(8);
  e.index.effective_at = r.i64(9);
  e.index.value_num = opt_f64(r, 10);
  e.index.value_num2 = opt_f64(r, 11);
  e.index.parent_id = r.opt_text(12);
  e.index.source_ref = r.opt_text(13);
  e.index.document_sha256 = r.opt_text(14);
  e.version = r.i64(15);
  e.recorded_at = r.i64(16);
  e.recorded_by = r.text(17);
  e.updated_at = r.i64(18);
  e.updated_by = r.text(19);
  if (!r.is_null(20)) e.error = EnteredInError{r.i64(20), r.text(21), r.text(22)};
  e.resource = parse_object(r.text(23));
  e.details = parse_object(r.text(24));
  e.index.care_until = r.opt_i64(25);
  return e;
}

std::vector<Entry> entries(store::Connection& c, const std::string& where,
                           const store::Params& params) {
  std::vector<Entry> out;
  for (const auto& r : c.query(std::string(kColumns) + where, params)) out.push_back(entry_from(r));
  return out;
}

// The patient's entries the scope lets through: "WHERE e.patient_id = ? AND (<scope>)".
std::string visible_where(const consent::RecordScope& scope, const std::string& patient_id,
                          store::Params& params) {
  params.emplace_back(patient_id);
  auto f = scope_filter(scope);
  params.insert(params.end(), f.params.begin(), f.params.end());
  return "WHERE e.patient_id = ? AND (" + f.sql + ") ";
}

void stamp(boost::json::object& resource, const std::string& id, std::int64_t version,
           std::int64_t now) {
  resource["id"] = id;
  resource["meta"] = {{"versionId", std::to_string(version)},
                      {"lastUpdated", core::iso8601_utc(now)}};
}

void add_version(store::Connection& c, const std::string& id, std::int64_t version,
                 const EntryIndex& x, const std::string& resource, const std::string& details,
                 std::int64_t now, const std::string& author, const std::string& reason) {
  c.execute(
      "INSERT INTO record_entry_versions (entry_id, version, status, sensitivity, resource, "
      "details, recorded_at, recorded_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, version, x.status, x.sensitivity, resource, details, now, author, reason});
}

bool parse_cursor(const std::string& cursor, std::int64_t& at, std::string& id) {
  const auto dot = cursor.find('.');
  if (dot == std::string::npos || dot == 0 || cursor.size() > 80) return false;
  const auto* first = cursor.data();
  const auto [end, ec] = std::from_chars(first, first + dot, at);
  if (ec != std::errc{} || end != first + dot) return false;
  id = cursor.substr(dot + 1);
  return core::looks_like_id(id);
}

}  // namespace

ScopeSql scope_filter(const consent::RecordScope& s) {
  ScopeSql out;
  if (!s.allowed) return {"1 = 0", {}};
  if (s.everything) return {"1 = 1", {}};
  std::vector<std::string> parts;
  if (!s.own_organisation.empty()) {
    parts.push_back("e.organisation_id = ?");
    out.params.emplace_back(s.own_organisation);
  }
  if (s.other_organisations) {
    std::string others = "(1 = 1";
    // NOT IN only over a list that is not empty: in_list's "(NULL)" would let nothing through.
    if (!s.restricted_categories.empty()) {
      others += " AND e.category NOT IN " + store::in_list(s.restricted_categories, out.params);
      others += " AND e.sensitivity NOT IN " + store::in_list(s.restricted_categories, out.params);
    }
    if (!s.restricted_entries.empty()) {
      others += " AND e.id NOT IN " + store::in_list(s.restricted_entries, out.params);
      // A note goes with its encounter: restricting the encounter hides the note too.
      others += " AND (e.parent_id IS NULL OR e.parent_id NOT IN " +
                store::in_list(s.restricted_entries, out.params) + ")";
    }
    parts.push_back(others + ")");
  }
  if (parts.empty()) return {"1 = 0", {}};
  out.sql = parts.size() == 1 ? parts[0] : "(" + parts[0] + " OR " + parts[1] + ")";
  return out;
}

std::string create_entry(store::Connection& c, std::int64_t now, const std::string& patient_id,
                         const std::string& organisation_id, const std::string& author_id,
                         const EntryIndex& x, const boost::json::object& details,
                         boost::json::object resource) {
  if (x.source_ref) {
    if (const auto existing = entry_by_source(c, *x.source_ref, x.resource_type))
      return existing->id;
  }
  const std::string id = core::new_id();
  stamp(resource, id, 1, now);
  const std::string text = boost::json::serialize(resource);
  const std::string shown = boost::json::serialize(details);
  c.execute(
      "INSERT INTO record_entries (id, patient_id, organisation_id, resource_type, category, "
      "sensitivity, code_system, code, status, effective_at, value_num, value_num2, parent_id, "
      "source_ref, document_sha256, care_until, version, recorded_at, recorded_by, updated_at, "
      "updated_by, details, resource) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
      {id,
       patient_id,
       organisation_id,
       x.resource_type,
       x.category,
       x.sensitivity,
       x.code_system,
       x.code,
       x.status,
       x.effective_at,
       x.value_num,
       x.value_num2,
       x.parent_id,
       x.source_ref,
       x.document_sha256,
       x.care_until,
       now,
       author_id,
       now,
       author_id,
       shown,
       text});
  add_version(c, id, 1, x, text, shown, now, author_id, "");
  return id;
}

core::Result<Entry> correct_entry(store::Connection& c, std::int64_t now, const std::string& id,
                                  std::int64_t expected_version, const std::string& author_id,
                                  const EntryIndex& x, const boost::json::object& details,
                                  boost::json::object resource, const std::string& reason) {
  const auto old = load_entry(c, id);
  if (!old) return Error::of(Errc::not_found);
  if (old->error) return Error::of(Errc::conflict);
  if (old->version != expected_version) return Error::of(Errc::version_conflict);
  if (old->version >= kMaxVersions) return Error::of(Errc::conflict);
  const std::int64_t version = old->version + 1;
  stamp(resource, id, version, now);
  const std::string text = boost::json::serialize(resource);
  const std::string shown = boost::json::serialize(details);
  // The version check makes two corrections at once one after the other, never one lost.
  if (c.execute("UPDATE record_entries SET sensitivity = ?, code_system = ?, code = ?, status = ?, "
                "effective_at = ?, value_num = ?, value_num2 = ?, care_until = ?, version = ?, "
                "updated_at = ?, updated_by = ?, details = ?, resource = ? "
                "WHERE id = ? AND version = ? AND error_at IS NULL",
                {x.sensitivity, x.code_system, x.code, x.status, x.effective_at, x.value_num,
                 x.value_num2, x.care_until, version, now, author_id, shown, text, id,
                 expected_version}) != 1)
    return Error::of(Errc::version_conflict);
  add_version(c, id, version, x, text, shown, now, author_id, reason);
  return *load_entry(c, id);
}

core::Result<Entry> mark_entered_in_error(store::Connection& c, std::int64_t now,
                                          const std::string& id, const std::string& author_id,
                                          const std::string& reason) {
  const auto old = load_entry(c, id);
  if (!old) return Error::of(Errc::not_found);
  if (old->error) return Error::of(Errc::conflict);
  auto resource = old->resource;
  // Each resource type names the state in its own element; all of them use this code.
  if (old->index.resource_type == "AllergyIntolerance" || old->index.resource_type == "Condition")
    resource["verificationStatus"] = {
        {"coding", boost::json::array{{{"system", old->index.resource_type == "Condition"
                                                      ? "http://terminology.hl7.org/CodeSystem/"
                                                        "condition-ver-status"
                                                      : "http://terminology.hl7.org/CodeSystem/"
                                                        "allergyintolerance-verification"},
                                       {"code", "entered-in-error"}}}}};
  else
    resource["status"] = "entered-in-error";
  const std::int64_t version = old->version + 1;
  stamp(resource, id, version, now);
  const std::string text = boost::json::serialize(resource);
  if (c.execute("UPDATE record_entries SET status = 'entered-in-error', version = ?, "
                "updated_at = ?, updated_by = ?, error_at = ?, error_by = ?, error_reason = ?, "
                "resource = ? WHERE id = ? AND version = ? AND error_at IS NULL",
                {version, now, author_id, now, author_id, reason, text, id, old->version}) != 1)
    return Error::of(Errc::conflict);
  EntryIndex marked = old->index;
  marked.status = "entered-in-error";
  add_version(c, id, version, marked, text, boost::json::serialize(old->details), now, author_id,
              reason);
  return *load_entry(c, id);
}

std::optional<Entry> load_entry(store::Connection& c, const std::string& id) {
  auto list = entries(c, "WHERE e.id = ?", {id});
  if (list.empty()) return std::nullopt;
  return std::move(list.front());
}

std::optional<Entry> visible_entry(store::Connection& c, const consent::RecordScope& scope,
                                   const std::string& patient_id, const std::string& id) {
  store::Params p;
  std::string where = visible_where(scope, patient_id, p) + "AND e.id = ?";
  p.emplace_back(id);
  auto list = entries(c, where, p);
  if (list.empty()) return std::nullopt;
  return std::move(list.front());
}

std::optional<Entry> entry_by_source(store::Connection& c, const std::string& source_ref,
                                     const std::string& resource_type) {
  auto list =
      entries(c, "WHERE e.source_ref = ? AND e.resource_type = ?", {source_ref, resource_type});
  if (list.empty()) return std::nullopt;
  return std::move(list.front());
}

core::Result<Page> category_page(store::Connection& c, const consent::RecordScope& scope,
                                 const std::string& patient_id, const std::string& category,
                                 const std::string& before, std::int64_t limit) {
  limit = std::clamp<std::int64_t>(limit, 1, kMaxPage);
  store::Params p;
  std::string where = visible_where(scope, patient_id, p) + "AND e.category = ? ";
  p.emplace_back(category);
  if (!before.empty()) {
    std::int64_t at = 0;
    std::string id;
    if (!parse_cursor(before, at, id)) return Error::field("before", "field.invalid");
    where += "AND (e.effective_at < ? OR (e.effective_at = ? AND e.id < ?)) ";
    p.insert(p.end(), {at, at, id});
  }
  where += "ORDER BY e.effective_at DESC, e.id DESC LIMIT ?";
  p.emplace_back(limit + 1);
  Page page;
  page.items = entries(c, where, p);
  if (static_cast<std::int64_t>(page.items.size()) > limit) {
    page.items.pop_back();
    const auto& last = page.items.back();
    page.next = std::to_string(last.index.effective_at) + "." + last.id;
  }
  return page;
}

std::vector<Entry> children(store::Connection& c, const consent::RecordScope& scope,
                            const std::string& patient_id, const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  store::Params p;
  std::string where = visible_where(scope, patient_id, p) + "AND e.parent_id IN ";
  where += store::in_list(ids, p);
  return entries(c, where, p);
}

std::map<std::string, std::int64_t> counts(store::Connection& c, const consent::RecordScope& scope,
                                           const std::string& patient_id) {
  store::Params p;
  const std::string where = visible_where(scope, patient_id, p);
  std::map<std::string, std::int64_t> out;
  for (const auto& r : c.query("SELECT e.category, COUNT(*) FROM record_entries e " + where +
                                   "AND e.error_at IS NULL GROUP BY e.category",
                               p))
    out[r.text(0)] = r.i64(1);
  return out;
}

std::vector<Entry> current(store::Connection& c, const consent::RecordScope& scope,
                           const std::string& patient_id, const std::string& category,
                           const std::vector<std::string>& statuses, std::int64_t limit) {
  store::Params p;
  std::string where =
      visible_where(scope, patient_id, p) + "AND e.category = ? AND " + "e.error_at IS NULL ";
  p.emplace_back(category);
  if (!statuses.empty()) where += "AND e.status IN " + store::in_list(statuses, p) + " ";
  where += "ORDER BY e.effective_at DESC, e.id DESC LIMIT ?";
  p.emplace_back(std::clamp<std::int64_t>(limit, 1, kMaxPage));
  return entries(c, where, p);
}

std::vector<Entry> latest_per_code(store::Connection& c, const consent::RecordScope& scope,
                                   const std::string& patient_id, const std::string& category,
                                   std::int64_t limit) {
  // The newest visible results first; the first of each code wins. A patient's results are a few
  // hundred at most, so reading them is cheaper than a window function both engines spell alike.
  auto recent = current(c, scope, patient_id, category, {}, kMaxPage);
  std::vector<Entry> out;
  std::vector<std::string> seen;
  for (auto& e : recent) {
    const std::string key = e.index.code_system + "|" + e.index.code;
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    out.push_back(std::move(e));
    if (static_cast<std::int64_t>(out.size()) >= limit) break;
  }
  return out;
}

std::vector<Entry> trend(store::Connection& c, const consent::RecordScope& scope,
                         const std::string& patient_id, const std::string& system,
                         const std::string& code) {
  store::Params p;
  std::string where = visible_where(scope, patient_id, p) +
                      "AND e.code_system = ? AND e.code = ? AND e.error_at IS NULL AND "
                      "e.value_num IS NOT NULL ORDER BY e.effective_at DESC, e.id DESC LIMIT ?";
  p.insert(p.end(), {system, code, kMaxTrendPoints});
  auto out = entries(c, where, p);
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<EntryVersion> versions(store::Connection& c, const std::string& id) {
  std::vector<EntryVersion> out;
  for (const auto& r :
       c.query("SELECT version, status, recorded_at, recorded_by, reason, details, resource, "
               "sensitivity FROM record_entry_versions WHERE entry_id = ? ORDER BY version DESC",
               {id}))
    out.push_back({r.i64(0), r.text(1), r.i64(2), r.text(3), r.text(4), parse_object(r.text(5)),
                   parse_object(r.text(6)), r.text(7)});
  return out;
}

}  // namespace yq::records
