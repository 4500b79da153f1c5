#pragma once
// A clinician's form (docs/design/shared-record.md, "Entry forms") made into the FHIR R4 resource
// it records, with the index fields the store keeps and the details the app shows; and entries
// made by the platform itself: a PDF as a DocumentReference, a consultation as an Encounter and its
// signed note as a Composition. Also the one JSON shape of an entry in the API.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/localised_text.hpp"
#include "records/entries.hpp"
#include "store/database.hpp"

namespace yq::records {

inline constexpr std::size_t kMaxEntryNote = 2000;  // characters
inline constexpr std::int64_t kMaxDocumentBytes = 10 * 1024 * 1024;

// Who records, for whom, and when.
struct Author {
  std::string patient_id, organisation_id, account_id;
  std::int64_t now = 0;
};

struct BuiltEntry {
  EntryIndex index;
  boost::json::object details;
  boost::json::object resource;
};

// The form's "type" for an entry made from a form (allergy, condition, ...); "" for entries the
// platform makes (encounters, notes, documents), which no form corrects.
std::string form_type(const Entry& entry);

// Reads a form into an entry; every field problem at once (validation). For a correction,
// `type` is the entry's form type and the body's own "type", if any, must match it.
core::Result<BuiltEntry> build_from_form(store::Connection& c, const boost::json::object& form,
                                         const Author& author, std::string_view type = {});

// Whether bytes are a PDF: "%PDF-" at the start and "%%EOF" in the last 1 KiB.
bool looks_like_pdf(std::string_view bytes);
// A PDF the blob store holds (sha256) as a DocumentReference. Field errors for the title, kind and
// date.
core::Result<BuiltEntry> build_document(const Author& author, const std::string& title,
                                        const std::string& kind, const std::string& date,
                                        const std::string& sha256, std::size_t size);

// A consultation as an Encounter of its organisation.
struct ConsultationFacts {
  std::string consultation_id, doctor_id;
  core::LocalisedText service;
  std::int64_t started_at = 0, ended_at = 0;
  std::optional<std::int64_t> follow_up_until;
  std::vector<std::string> diagnoses;  // ICD-10 codes of the signed note
};
BuiltEntry build_encounter(store::Connection& c, const Author& author,
                           const ConsultationFacts& facts);
// Its signed note as a Composition inside the Encounter.
struct SignedNote {
  std::string subjective, objective, assessment, plan;
  std::vector<std::string> diagnoses;
  std::int64_t version = 1;
  std::int64_t signed_at = 0;
};
BuiltEntry build_note(store::Connection& c, const Author& author, const std::string& encounter_id,
                      const ConsultationFacts& facts, const SignedNote& note);

// The API's JSON of entries (docs/design/shared-record.md, "entry"): names of organisations,
// clinicians and codes resolved in one query each. `restricted` (patient side only): ids the
// patient restricted, and the categories they restricted, so each entry says whether it is.
struct PatientSideMarks {
  std::vector<std::string> entries, categories;
};
boost::json::array entries_json(store::Connection& c, const std::vector<Entry>& list,
                                const PatientSideMarks* marks = nullptr);
boost::json::object entry_json(store::Connection& c, const Entry& entry,
                               const PatientSideMarks* marks = nullptr);

}  // namespace yq::records
