#pragma once
// The coded terms record entries carry, named in three languages: laboratory tests and vital signs
// (LOINC, with a unit and an adult reference range), vaccines (CVX), allergy substances and
// procedures (SNOMED CT), medications (ATC) — table record_codes — and diagnoses (ICD-10, table
// diagnosis_codes, shared with consultation notes). An entry stores the system and code; names are
// looked up when it is shown, so a corrected name reaches every entry at once.
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/localised_text.hpp"
#include "store/database.hpp"

namespace yq::records {

inline constexpr std::string_view kIcd10System = "http://hl7.org/fhir/sid/icd-10";
inline constexpr std::int64_t kMaxCodeSearch = 50;

struct Coding {
  std::string set;  // lab | vital | vaccine | allergen | procedure | medication | diagnosis
  std::string system, code;
  core::LocalisedText name;
  std::string unit;
  std::optional<double> ref_low, ref_high;

  // {"system","code","name":{en,zh-Hant,zh-Hans}} plus unit and reference_range where they apply.
  boost::json::object to_json() const;
};

bool is_code_set(std::string_view set);
// The code of a set (the diagnosis set looks in diagnosis_codes), or nullopt.
std::optional<Coding> find_code(store::Connection& c, std::string_view set,
                                const std::string& code);
// Codes of a set whose code or name (any language) contains q, by code; all when q is empty.
std::vector<Coding> search_codes(store::Connection& c, std::string_view set, const std::string& q,
                                 std::int64_t limit);
// Names of many (system, code) pairs at once, keyed "system|code", for a page of entries.
std::unordered_map<std::string, Coding> codings(store::Connection& c,
                                                const std::vector<std::string>& system_bar_codes);

}  // namespace yq::records
