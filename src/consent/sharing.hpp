#pragma once
// Sharing of the health record between organisations, as Hong Kong's eHRSS works and a step
// beyond it: the patient joins the sharing (one consent), then gives each organisation a sharing
// consent and revokes it at any time; may restrict one entry or a whole category from every other
// organisation; and is told of every emergency access, which a clinician starts with a reason and
// which lasts kEmergencyAccessSeconds. A parent decides for a child, an active carer for the adult
// who made them their carer (the substitute decision makers of relationships.hpp): the caller asks
// may_act_for first.
//
// record_scope() is the one answer to "what of this patient's record may this reader see now";
// src/records applies it to every query, so restricted entries never leave the server. Nothing is
// cached: a revoked consent, a lifted enrolment, an ended care relationship or an expired emergency
// access is effective on the next request. Every function runs inside the caller's transaction.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "consent/consent.hpp"
#include "store/database.hpp"

namespace yq::consent {

inline constexpr std::int64_t kEmergencyAccessSeconds = 4 * 3600;
inline constexpr std::int64_t kSharingRequestSeconds = 7 * 24 * 3600;
// After a patient declines, the organisation may not ask again for this long.
inline constexpr std::int64_t kSharingRequestPauseSeconds = 7 * 24 * 3600;
inline constexpr std::size_t kMinEmergencyReason = 8;    // characters
inline constexpr std::size_t kMaxEmergencyReason = 500;  // characters
inline constexpr int kMaxRestrictions = 100;             // per patient
inline constexpr int kMaxOpenSharingRequests = 20;       // per patient

// What restrictions may name besides an entry id: the record's categories and the sensitivity
// class `mental_health` (psychiatric diagnoses and the encounters that carry them).
bool restrictable_category(std::string_view category);

// ---- joining and per-organisation consent ----
struct Enrolment {
  bool joined = false;
  std::int64_t joined_at = 0;
};
Enrolment enrolment(store::Connection& c, const std::string& patient_id);
// Both idempotent; false when nothing changed. Withdrawing revokes every organisation's consent.
bool join_sharing(store::Connection& c, std::int64_t now, const std::string& patient_id,
                  const std::string& decided_by);
bool withdraw_sharing(store::Connection& c, std::int64_t now, const std::string& patient_id,
                      const std::string& decided_by);

struct OrganisationConsent {
  std::string organisation_id;
  bool active = false;
  std::int64_t given_at = 0;
  std::optional<std::int64_t> revoked_at;
};
std::vector<OrganisationConsent> organisation_consents(store::Connection& c,
                                                       const std::string& patient_id);
enum class GiveOutcome { given, already, not_joined };
GiveOutcome give_consent(store::Connection& c, std::int64_t now, const std::string& patient_id,
                         const std::string& organisation_id, const std::string& decided_by);
// False when there was no active consent.
bool revoke_consent(store::Connection& c, std::int64_t now, const std::string& patient_id,
                    const std::string& organisation_id, const std::string& decided_by);
bool has_active_consent(store::Connection& c, const std::string& patient_id,
                        const std::string& organisation_id);

// ---- restrictions ----
struct Restriction {
  std::string id, kind, target;  // kind: "entry" (target: entry id) | "category"
  std::int64_t created_at = 0;
};
std::vector<Restriction> restrictions(store::Connection& c, const std::string& patient_id);
// `invalid`: an empty target, or a category that is not restrictable (a misspelt category would be
// stored and silently protect nothing).
enum class RestrictOutcome { added, already, too_many, invalid };
RestrictOutcome add_restriction(store::Connection& c, std::int64_t now,
                                const std::string& patient_id, const std::string& kind,
                                const std::string& target, const std::string& decided_by,
                                std::string& restriction_id);
// False when the patient has no such restriction.
bool lift_restriction(store::Connection& c, std::int64_t now, const std::string& patient_id,
                      const std::string& restriction_id);

// ---- a clinician asks the patient for consent from inside a visit ----
struct SharingRequest {
  std::string id, patient_id, organisation_id, clinician_id;
  std::int64_t created_at = 0, expires_at = 0;
};
// renewed: the organisation's open request (whoever of its staff made it) was extended (the patient
// is not told twice); paused:
// the patient declined the organisation within kSharingRequestPauseSeconds.
enum class AskOutcome { made, renewed, already_consented, too_many, paused };
AskOutcome request_consent(store::Connection& c, std::int64_t now, const std::string& clinician_id,
                           const std::string& organisation_id, const std::string& patient_id,
                           std::string& request_id);
// Open (unanswered, unexpired) requests to the patient, newest first.
std::vector<SharingRequest> open_requests(store::Connection& c, std::int64_t now,
                                          const std::string& patient_id);
// The patient (or their decision maker) answers an open request. Approving joins the sharing if
// needed and gives the organisation consent. nullopt when there is no such open request.
std::optional<SharingRequest> answer_request(store::Connection& c, std::int64_t now,
                                             const std::string& patient_id,
                                             const std::string& request_id, bool approve,
                                             const std::string& decided_by);

// ---- emergency access ----
struct EmergencyAccess {
  std::string id, patient_id, clinician_id, organisation_id, reason;
  std::int64_t started_at = 0, expires_at = 0;
  std::optional<std::int64_t> reviewed_at;
  std::string reviewed_by, review_note;
};
// Starts (or, while one is running for the same reader, organisation and patient, returns it, with
// its first reason). nullopt when the reason is shorter than kMinEmergencyReason or longer than
// kMaxEmergencyReason characters.
std::optional<EmergencyAccess> start_emergency_access(store::Connection& c, std::int64_t now,
                                                      const std::string& clinician_id,
                                                      const std::string& organisation_id,
                                                      const std::string& patient_id,
                                                      const std::string& reason);
std::optional<EmergencyAccess> active_emergency_access(store::Connection& c, std::int64_t now,
                                                       const std::string& clinician_id,
                                                       const std::string& organisation_id,
                                                       const std::string& patient_id);
std::optional<EmergencyAccess> emergency_access(store::Connection& c, const std::string& id);
// Newest first. The patient's own (all of them) / an organisation's (unreviewed only or all).
std::vector<EmergencyAccess> emergency_accesses_about(store::Connection& c,
                                                      const std::string& patient_id, int limit);
std::vector<EmergencyAccess> emergency_accesses_by_organisation(store::Connection& c,
                                                                const std::string& organisation_id,
                                                                bool unreviewed_only, int limit);
// False when the access is not the organisation's or was reviewed already.
bool review_emergency_access(store::Connection& c, std::int64_t now,
                             const std::string& organisation_id, const std::string& access_id,
                             const std::string& reviewer_id, const std::string& note);

// ---- what a reader may see ----
// Who reads: the patient side (organisation_id empty: the patient, a parent, a carer — decide()
// says which) or a clinician reading as one organisation, with whether that organisation has a
// care relationship with the patient now (the caller asks the data's owners, records/care.hpp).
struct RecordReader {
  std::string account_id;
  std::string organisation_id;  // empty: reading on the patient's side
  bool care_relationship_now = false;
};

enum class SharingState { consented, no_consent, not_joined };

struct RecordScope {
  bool allowed = false;
  // "self", "parent", "carer", "own organisation", "sharing consent", "emergency",
  // or the refusal's reason ("no relationship", "no care relationship", ...).
  std::string basis;
  std::string purpose;               // for the audit detail: self|parent|carer|care|emergency
  bool everything = false;           // patient side or emergency: no filter at all
  std::string own_organisation;      // entries this organisation recorded are always visible
  bool other_organisations = false;  // other organisations' entries visible, minus restrictions
  std::vector<std::string> restricted_entries;     // ids
  std::vector<std::string> restricted_categories;  // categories and sensitivity classes
  std::optional<SharingState> sharing;             // for a clinician reader
  std::optional<std::int64_t> emergency_until;
  std::string emergency_access_id;

  // Whether an entry of `organisation_id` in `category` with `sensitivity` ('' for none), id
  // `entry_id` and parent `parent_id` (a note's encounter; '' for none) is visible. A note goes
  // with its encounter: restricting the encounter, or the category `encounters`, hides it too.
  // records applies the same rule in SQL (records/entries.cpp); a unit test holds the two
  // together.
  bool visible(std::string_view organisation_id, std::string_view category,
               std::string_view sensitivity, std::string_view entry_id,
               std::string_view parent_id = {}) const;
};

RecordScope record_scope(store::Connection& c, std::int64_t now, const RecordReader& reader,
                         const std::string& patient_id);

}  // namespace yq::consent
