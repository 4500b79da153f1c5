#pragma once
// The shared health record's store: each entry is the FHIR R4 resource it is (AllergyIntolerance,
// Condition, Observation, Encounter, Composition, ...) kept as JSON, with index columns for what
// search, the summary and the consent filter need, and every version in record_entry_versions
// (insert-only). A correction is a new version, checked against the version the clinician saw; a
// wrong entry is marked entered-in-error with a reason and stays. Nothing is deleted.
//
// Every read takes the consent::RecordScope of the reader and applies it in SQL (scope_filter), so
// an entry a reader may not see is never loaded, counted, summarised or trended. Who may write is
// the caller's business (record_service.hpp). Every function runs inside the caller's transaction.
#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "consent/sharing.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

namespace yq::records {

inline constexpr std::int64_t kMaxPage = 100;
inline constexpr std::int64_t kDefaultPage = 50;
inline constexpr std::int64_t kMaxTrendPoints = 500;
inline constexpr std::size_t kMaxReason = 1000;    // characters, for corrections and errors
inline constexpr std::int64_t kMaxVersions = 100;  // corrections of one entry: then conflict

// What an entry is indexed by, filled in by the entry forms (entry_forms.hpp).
struct EntryIndex {
  std::string resource_type, category, sensitivity, code_system, code, status;
  std::int64_t effective_at = 0;
  std::optional<double> value_num, value_num2;
  std::optional<std::string> parent_id, source_ref, document_sha256;
  std::optional<std::int64_t> care_until;
};

struct EnteredInError {
  std::int64_t at = 0;
  std::string by, reason;
};

struct Entry {
  std::string id, patient_id, organisation_id;
  EntryIndex index;
  std::int64_t version = 0;
  std::int64_t recorded_at = 0, updated_at = 0;
  std::string recorded_by, updated_by;
  std::optional<EnteredInError> error;
  boost::json::object details;  // what the app shows (entry_forms.hpp)
  boost::json::object resource;
};

struct EntryVersion {
  std::int64_t version = 0;
  std::string status;
  std::int64_t recorded_at = 0;
  std::string recorded_by, reason;
  boost::json::object details;
  boost::json::object resource;
  std::string sensitivity;  // as at this version: readers see only the versions they may
};

// Writes version 1. The resource gets its id, meta.versionId and meta.lastUpdated here. With a
// source_ref already on record (a consultation made into an Encounter twice), nothing is written
// and the existing entry's id is returned.
std::string create_entry(store::Connection& c, std::int64_t now, const std::string& patient_id,
                         const std::string& organisation_id, const std::string& author_id,
                         const EntryIndex& index, const boost::json::object& details,
                         boost::json::object resource);

// A new version of the entry, made from what the writer saw (expected_version): version_conflict
// when someone wrote in between, not_found when there is no such entry, conflict when it is
// entered-in-error or has kMaxVersions versions.
core::Result<Entry> correct_entry(store::Connection& c, std::int64_t now, const std::string& id,
                                  std::int64_t expected_version, const std::string& author_id,
                                  const EntryIndex& index, const boost::json::object& details,
                                  boost::json::object resource, const std::string& reason);
// Marks the entry entered-in-error (a new version with that status). conflict when it already is.
core::Result<Entry> mark_entered_in_error(store::Connection& c, std::int64_t now,
                                          const std::string& id, const std::string& author_id,
                                          const std::string& reason);

// Loads regardless of scope: for the writer's own checks only, never to show.
std::optional<Entry> load_entry(store::Connection& c, const std::string& id);
// The entry when the patient's and visible in the scope.
std::optional<Entry> visible_entry(store::Connection& c, const consent::RecordScope& scope,
                                   const std::string& patient_id, const std::string& id);
std::optional<Entry> entry_by_source(store::Connection& c, const std::string& source_ref,
                                     const std::string& resource_type);

// Newest effective first, after the cursor `before` ("<effective_at>.<id>", empty for the first
// page). `next` is the cursor of the following page, empty at the end.
struct Page {
  std::vector<Entry> items;
  std::string next;
};
core::Result<Page> category_page(store::Connection& c, const consent::RecordScope& scope,
                                 const std::string& patient_id, const std::string& category,
                                 const std::string& before, std::int64_t limit);
// Visible entries whose parent is one of `parent_ids` (the notes of a page of encounters).
std::vector<Entry> children(store::Connection& c, const consent::RecordScope& scope,
                            const std::string& patient_id, const std::vector<std::string>& ids);

// Entries not entered in error, per category.
std::map<std::string, std::int64_t> counts(store::Connection& c, const consent::RecordScope& scope,
                                           const std::string& patient_id);
// Entries of a category not entered in error whose status is one of `statuses` (all when empty),
// newest first, at most limit.
std::vector<Entry> current(store::Connection& c, const consent::RecordScope& scope,
                           const std::string& patient_id, const std::string& category,
                           const std::vector<std::string>& statuses, std::int64_t limit);
// The newest lab result per code, at most limit codes.
std::vector<Entry> latest_per_code(store::Connection& c, const consent::RecordScope& scope,
                                   const std::string& patient_id, const std::string& category,
                                   std::int64_t limit);
// Numeric results of one code, oldest first, at most kMaxTrendPoints (the newest ones).
std::vector<Entry> trend(store::Connection& c, const consent::RecordScope& scope,
                         const std::string& patient_id, const std::string& system,
                         const std::string& code);

std::vector<EntryVersion> versions(store::Connection& c, const std::string& id);

// The scope as SQL over record_entries aliased `e` (exposed for the test that holds it together
// with consent::RecordScope::visible).
struct ScopeSql {
  std::string sql;
  store::Params params;
};
ScopeSql scope_filter(const consent::RecordScope& scope);

}  // namespace yq::records
