#include "records/codes.hpp"

#include <algorithm>
#include <array>

#include "core/json_input.hpp"
#include "store/in_list.hpp"
#include "store/like.hpp"

namespace yq::records {

namespace {

constexpr std::array<std::string_view, 7> kSets = {
    "lab", "vital", "vaccine", "allergen", "procedure", "medication", "diagnosis"};

Coding from_code_row(const store::Row& r) {
  Coding k;
  k.set = r.text(0);
  k.system = r.text(1);
  k.code = r.text(2);
  k.name = {r.text(3), r.text(4), r.text(5)};
  k.unit = r.text(6);
  if (!r.is_null(7)) k.ref_low = r.f64(7);
  if (!r.is_null(8)) k.ref_high = r.f64(8);
  return k;
}

Coding from_diagnosis_row(const store::Row& r) {
  Coding k;
  k.set = "diagnosis";
  k.system = std::string(kIcd10System);
  k.code = r.text(0);
  k.name = {r.text(1), r.text(2), r.text(3)};
  return k;
}

constexpr std::string_view kCodeColumns =
    "SELECT code_set, system, code, name_en, name_zh_hant, name_zh_hans, unit, ref_low, ref_high "
    "FROM record_codes ";
constexpr std::string_view kDiagnosisColumns =
    "SELECT code, name_en, name_zh_hant, name_zh_hans FROM diagnosis_codes ";

}  // namespace

boost::json::object Coding::to_json() const {
  boost::json::object o{{"system", system}, {"code", code}, {"name", name.to_json()}};
  if (!unit.empty()) o["unit"] = unit;
  if (ref_low || ref_high) {
    boost::json::object range;
    range["low"] = ref_low ? boost::json::value(*ref_low) : boost::json::value(nullptr);
    range["high"] = ref_high ? boost::json::value(*ref_high) : boost::json::value(nullptr);
    o["reference_range"] = std::move(range);
  }
  return o;
}

bool is_code_set(std::string_view set) {
  return std::find(kSets.begin(), kSets.end(), set) != kSets.end();
}

std::optional<Coding> find_code(store::Connection& c, std::string_view set,
                                const std::string& code) {
  if (code.empty() || code.size() > 64) return std::nullopt;
  if (set == "diagnosis") {
    const auto r = c.query_one(std::string(kDiagnosisColumns) + "WHERE code = ?", {code});
    if (!r) return std::nullopt;
    return from_diagnosis_row(*r);
  }
  const auto r =
      c.query_one(std::string(kCodeColumns) + "WHERE code_set = ? AND code = ?", {set, code});
  if (!r) return std::nullopt;
  return from_code_row(*r);
}

std::vector<Coding> search_codes(store::Connection& c, std::string_view set, const std::string& q,
                                 std::int64_t limit) {
  // A few hundred rows per set: a scan is cheaper than an index per language. "%" and "_" typed
  // into the search are characters to find, not wildcards.
  const std::string like = store::like_contains(core::to_lower_ascii(q));
  const std::string esc = store::kLikeEscape;
  const std::string match = "(? = '' OR LOWER(code) LIKE ?" + esc + " OR LOWER(name_en) LIKE ?" +
                            esc + " OR name_zh_hant LIKE ?" + esc + " OR name_zh_hans LIKE ?" +
                            esc + ")";
  limit = std::clamp<std::int64_t>(limit, 1, kMaxCodeSearch);
  std::vector<Coding> out;
  if (set == "diagnosis") {
    for (const auto& r :
         c.query(std::string(kDiagnosisColumns) + "WHERE " + match + " ORDER BY code LIMIT ?",
                 {q, like, like, like, like, limit}))
      out.push_back(from_diagnosis_row(r));
    return out;
  }
  for (const auto& r : c.query(
           std::string(kCodeColumns) + "WHERE code_set = ? AND " + match + " ORDER BY code LIMIT ?",
           {set, q, like, like, like, like, limit}))
    out.push_back(from_code_row(r));
  return out;
}

std::unordered_map<std::string, Coding> codings(store::Connection& c,
                                                const std::vector<std::string>& system_bar_codes) {
  std::unordered_map<std::string, Coding> out;
  std::vector<std::string> codes, diagnoses;
  for (const auto& key : system_bar_codes) {
    const auto bar = key.find('|');
    if (bar == std::string::npos) continue;
    (key.compare(0, bar, kIcd10System) == 0 ? diagnoses : codes).push_back(key.substr(bar + 1));
  }
  if (!codes.empty()) {
    store::Params p;
    const std::string list = store::in_list(codes, p);
    for (const auto& r : c.query(std::string(kCodeColumns) + "WHERE code IN " + list, p)) {
      auto k = from_code_row(r);
      out.emplace(k.system + "|" + k.code, std::move(k));
    }
  }
  if (!diagnoses.empty()) {
    store::Params p;
    const std::string list = store::in_list(diagnoses, p);
    for (const auto& r : c.query(std::string(kDiagnosisColumns) + "WHERE code IN " + list, p)) {
      auto k = from_diagnosis_row(r);
      out.emplace(k.system + "|" + k.code, std::move(k));
    }
  }
  return out;
}

}  // namespace yq::records
