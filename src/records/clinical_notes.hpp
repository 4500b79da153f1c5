#pragma once
// Consultation notes (subjective, objective, assessment, plan) with coded diagnoses (ICD-10, names
// in three languages: table diagnosis_codes). A draft is edited freely by its author; signing
// freezes it as version 1; after that it can only be amended, with a reason, and every version is
// kept (clinical_note_versions is only ever inserted into).
//
// Access is the caller's business (src/consult decides who is the consultation's doctor and who
// may see a signed note, and audits the reads); these functions run inside its transaction.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace yq::records {

inline constexpr std::size_t kMaxNoteSection = 40000;  // bytes per section (10,000 characters)
inline constexpr std::size_t kMaxDiagnoses = 12;
inline constexpr std::size_t kMaxAmendmentReason = 1000;
inline constexpr std::int64_t kMaxCodeResults = 50;

struct NoteText {
  std::string subjective, objective, assessment, plan;
  std::vector<std::string> diagnoses;  // codes
};

struct NoteOwner {
  std::string consultation_id, patient_id, author_id, organisation_id;
};

// Field errors for sections over the size cap and codes that are not in the list.
std::optional<core::Error> check_note(store::Connection& c, const NoteText& text);

// Creates or replaces the draft. note_signed when the note is already signed.
core::Result<boost::json::object> save_draft(store::Connection& c, const NoteOwner& owner,
                                             const NoteText& text, std::int64_t now);
// Signs the draft as version 1 (note_incomplete without an assessment or a diagnosis).
core::Result<boost::json::object> sign_note(store::Connection& c,
                                            const std::string& consultation_id,
                                            const std::string& signer, std::int64_t now);
// A new signed version with the reason for the change.
core::Result<boost::json::object> amend_note(store::Connection& c,
                                             const std::string& consultation_id,
                                             const std::string& signer, const NoteText& text,
                                             const std::string& reason, std::int64_t now);

// The note as its doctor sees it (draft or newest version, with every signed version), or as the
// patient sees it (only signed text, newest version, no history). nullopt when there is none to
// show.
std::optional<boost::json::object> note_for_doctor(store::Connection& c,
                                                   const std::string& consultation_id);
std::optional<boost::json::object> note_for_patient(store::Connection& c,
                                                    const std::string& consultation_id);

// Codes whose code or name (any language) contains q; all when q is empty (first by code).
boost::json::array search_diagnoses(store::Connection& c, const std::string& q, std::int64_t limit);

}  // namespace yq::records
