#include "consent/sharing.hpp"

#include <algorithm>
#include <array>

#include "core/ids.hpp"
#include "core/json_input.hpp"

namespace yq::consent {

namespace {

// The record's categories a patient may withhold, and the sensitivity class of psychiatric
// diagnoses. The shared record stores entries in these categories (docs/architecture.md).
constexpr std::array<std::string_view, 14> kRestrictable = {
    "encounters",    "conditions", "procedures", "allergies",    "medications",
    "immunisations", "vitals",     "labs",       "reports",      "documents",
    "referrals",     "birth",      "notes",      "mental_health"};

EmergencyAccess access_from(const store::Row& r) {
  EmergencyAccess a;
  a.id = r.text(0);
  a.patient_id = r.text(1);
  a.clinician_id = r.text(2);
  a.organisation_id = r.text(3);
  a.reason = r.text(4);
  a.started_at = r.i64(5);
  a.expires_at = r.i64(6);
  a.reviewed_at = r.opt_i64(7);
  a.reviewed_by = r.is_null(8) ? "" : r.text(8);
  a.review_note = r.text(9);
  return a;
}

constexpr std::string_view kAccessColumns =
    "SELECT id, patient_id, clinician_id, organisation_id, reason, started_at, expires_at, "
    "reviewed_at, reviewed_by, review_note FROM emergency_accesses ";

std::vector<EmergencyAccess> accesses(store::Connection& c, std::string_view where,
                                      const store::Params& params) {
  std::vector<EmergencyAccess> out;
  for (const auto& r : c.query(std::string(kAccessColumns) + std::string(where), params))
    out.push_back(access_from(r));
  return out;
}

SharingRequest request_from(const store::Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4), r.i64(5)};
}

constexpr std::string_view kRequestColumns =
    "SELECT id, patient_id, organisation_id, clinician_id, created_at, expires_at "
    "FROM sharing_requests ";

}  // namespace

bool restrictable_category(std::string_view category) {
  return std::find(kRestrictable.begin(), kRestrictable.end(), category) != kRestrictable.end();
}

// ---- joining and per-organisation consent ----

Enrolment enrolment(store::Connection& c, const std::string& patient_id) {
  const auto r =
      c.query_one("SELECT joined_at FROM sharing_enrolments WHERE patient_id = ?", {patient_id});
  if (!r || r->is_null(0)) return {};
  return {true, r->i64(0)};
}

bool join_sharing(store::Connection& c, std::int64_t now, const std::string& patient_id,
                  const std::string& decided_by) {
  if (enrolment(c, patient_id).joined) return false;
  // One statement, so two first joins at once cannot collide on the primary key.
  c.execute(
      "INSERT INTO sharing_enrolments (patient_id, joined_at, decided_by, updated_at) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (patient_id) DO UPDATE SET joined_at = excluded.joined_at, "
      "withdrawn_at = NULL, decided_by = excluded.decided_by, updated_at = excluded.updated_at",
      {patient_id, now, decided_by, now});
  return true;
}

bool withdraw_sharing(store::Connection& c, std::int64_t now, const std::string& patient_id,
                      const std::string& decided_by) {
  if (!enrolment(c, patient_id).joined) return false;
  c.execute(
      "UPDATE sharing_enrolments SET joined_at = NULL, withdrawn_at = ?, decided_by = ?, "
      "updated_at = ? WHERE patient_id = ?",
      {now, decided_by, now, patient_id});
  // Leaving the sharing ends every organisation's consent: joining again starts from none, so
  // no consent given years ago comes back to life unasked.
  c.execute(
      "UPDATE sharing_consents SET revoked_at = ?, decided_by = ? "
      "WHERE patient_id = ? AND revoked_at IS NULL",
      {now, decided_by, patient_id});
  return true;
}

std::vector<OrganisationConsent> organisation_consents(store::Connection& c,
                                                       const std::string& patient_id) {
  std::vector<OrganisationConsent> out;
  for (const auto& r : c.query("SELECT organisation_id, given_at, revoked_at FROM sharing_consents "
                               "WHERE patient_id = ? ORDER BY given_at DESC, organisation_id",
                               {patient_id}))
    out.push_back({r.text(0), r.is_null(2), r.i64(1), r.opt_i64(2)});
  return out;
}

GiveOutcome give_consent(store::Connection& c, std::int64_t now, const std::string& patient_id,
                         const std::string& organisation_id, const std::string& decided_by) {
  if (!enrolment(c, patient_id).joined) return GiveOutcome::not_joined;
  if (has_active_consent(c, patient_id, organisation_id)) return GiveOutcome::already;
  c.execute(
      "INSERT INTO sharing_consents (patient_id, organisation_id, given_at, decided_by) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (patient_id, organisation_id) DO UPDATE SET "
      "given_at = excluded.given_at, revoked_at = NULL, decided_by = excluded.decided_by",
      {patient_id, organisation_id, now, decided_by});
  return GiveOutcome::given;
}

bool revoke_consent(store::Connection& c, std::int64_t now, const std::string& patient_id,
                    const std::string& organisation_id, const std::string& decided_by) {
  return c.execute(
             "UPDATE sharing_consents SET revoked_at = ?, decided_by = ? "
             "WHERE patient_id = ? AND organisation_id = ? AND revoked_at IS NULL",
             {now, decided_by, patient_id, organisation_id}) > 0;
}

bool has_active_consent(store::Connection& c, const std::string& patient_id,
                        const std::string& organisation_id) {
  return c
      .query_one(
          "SELECT 1 FROM sharing_consents WHERE patient_id = ? AND organisation_id = ? "
          "AND revoked_at IS NULL",
          {patient_id, organisation_id})
      .has_value();
}

// ---- restrictions ----

std::vector<Restriction> restrictions(store::Connection& c, const std::string& patient_id) {
  std::vector<Restriction> out;
  for (const auto& r :
       c.query("SELECT id, kind, target, created_at FROM sharing_restrictions "
               "WHERE patient_id = ? AND lifted_at IS NULL ORDER BY created_at DESC, id",
               {patient_id}))
    out.push_back({r.text(0), r.text(1), r.text(2), r.i64(3)});
  return out;
}

RestrictOutcome add_restriction(store::Connection& c, std::int64_t now,
                                const std::string& patient_id, const std::string& kind,
                                const std::string& target, const std::string& decided_by,
                                std::string& restriction_id) {
  if (target.empty() || (kind != "entry" && kind != "category") ||
      (kind == "category" && !restrictable_category(target)))
    return RestrictOutcome::invalid;
  const auto current = restrictions(c, patient_id);
  for (const auto& r : current) {
    if (r.kind == kind && r.target == target) {
      restriction_id = r.id;
      return RestrictOutcome::already;
    }
  }
  if (current.size() >= static_cast<std::size_t>(kMaxRestrictions))
    return RestrictOutcome::too_many;
  restriction_id = core::new_id();
  c.execute(
      "INSERT INTO sharing_restrictions (id, patient_id, kind, target, created_at, created_by) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {restriction_id, patient_id, kind, target, now, decided_by});
  return RestrictOutcome::added;
}

bool lift_restriction(store::Connection& c, std::int64_t now, const std::string& patient_id,
                      const std::string& restriction_id) {
  return c.execute(
             "UPDATE sharing_restrictions SET lifted_at = ? "
             "WHERE id = ? AND patient_id = ? AND lifted_at IS NULL",
             {now, restriction_id, patient_id}) > 0;
}

// ---- requests ----

AskOutcome request_consent(store::Connection& c, std::int64_t now, const std::string& clinician_id,
                           const std::string& organisation_id, const std::string& patient_id,
                           std::string& request_id) {
  if (enrolment(c, patient_id).joined && has_active_consent(c, patient_id, organisation_id))
    return AskOutcome::already_consented;
  // One open request per organisation: a colleague asking again renews it (the patient is told
  // once, and one organisation cannot fill the patient's list of open requests).
  const auto mine = c.query_one(
      "SELECT id FROM sharing_requests WHERE patient_id = ? AND organisation_id = ? "
      "AND answered_at IS NULL AND expires_at > ?",
      {patient_id, organisation_id, now});
  // A patient who said no is not asked again by the organisation for a while: asking is not a way
  // to wear someone down.
  if (c.query_one("SELECT 1 FROM sharing_requests WHERE patient_id = ? AND organisation_id = ? "
                  "AND answer = 'declined' AND answered_at > ?",
                  {patient_id, organisation_id, now - kSharingRequestPauseSeconds}))
    return AskOutcome::paused;
  if (mine) {
    request_id = mine->text(0);
    c.execute("UPDATE sharing_requests SET expires_at = ? WHERE id = ?",
              {now + kSharingRequestSeconds, request_id});
    return AskOutcome::renewed;
  }
  if (open_requests(c, now, patient_id).size() >= static_cast<std::size_t>(kMaxOpenSharingRequests))
    return AskOutcome::too_many;
  request_id = core::new_id();
  c.execute(
      "INSERT INTO sharing_requests (id, patient_id, organisation_id, clinician_id, created_at, "
      "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
      {request_id, patient_id, organisation_id, clinician_id, now, now + kSharingRequestSeconds});
  return AskOutcome::made;
}

std::vector<SharingRequest> open_requests(store::Connection& c, std::int64_t now,
                                          const std::string& patient_id) {
  std::vector<SharingRequest> out;
  for (const auto& r :
       c.query(std::string(kRequestColumns) +
                   "WHERE patient_id = ? AND answered_at IS NULL AND expires_at > ? "
                   "ORDER BY created_at DESC, id",
               {patient_id, now}))
    out.push_back(request_from(r));
  return out;
}

std::optional<SharingRequest> answer_request(store::Connection& c, std::int64_t now,
                                             const std::string& patient_id,
                                             const std::string& request_id, bool approve,
                                             const std::string& decided_by) {
  const auto row =
      c.query_one(std::string(kRequestColumns) +
                      "WHERE id = ? AND patient_id = ? AND answered_at IS NULL AND expires_at > ?",
                  {request_id, patient_id, now});
  if (!row) return std::nullopt;
  // The conditional update makes one answer win when two devices answer at once.
  if (c.execute("UPDATE sharing_requests SET answered_at = ?, answer = ?, answered_by = ? "
                "WHERE id = ? AND answered_at IS NULL",
                {now, approve ? "approved" : "declined", decided_by, request_id}) == 0)
    return std::nullopt;
  auto request = request_from(*row);
  if (approve) {
    join_sharing(c, now, patient_id, decided_by);
    give_consent(c, now, patient_id, request.organisation_id, decided_by);
  }
  return request;
}

// ---- emergency access ----

std::optional<EmergencyAccess> start_emergency_access(store::Connection& c, std::int64_t now,
                                                      const std::string& clinician_id,
                                                      const std::string& organisation_id,
                                                      const std::string& patient_id,
                                                      const std::string& reason) {
  // Counted as a reader sees it: the patient and the reviewing admin must find a reason there.
  if (core::visible_length(reason) < kMinEmergencyReason ||
      core::utf8_length(reason) > kMaxEmergencyReason)
    return std::nullopt;
  if (auto running = active_emergency_access(c, now, clinician_id, organisation_id, patient_id))
    return *running;
  EmergencyAccess a;
  a.id = core::new_id();
  a.patient_id = patient_id;
  a.clinician_id = clinician_id;
  a.organisation_id = organisation_id;
  a.reason = reason;
  a.started_at = now;
  a.expires_at = now + kEmergencyAccessSeconds;
  c.execute(
      "INSERT INTO emergency_accesses (id, patient_id, clinician_id, organisation_id, reason, "
      "started_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {a.id, patient_id, clinician_id, organisation_id, reason, now, a.expires_at});
  return a;
}

std::optional<EmergencyAccess> active_emergency_access(store::Connection& c, std::int64_t now,
                                                       const std::string& clinician_id,
                                                       const std::string& organisation_id,
                                                       const std::string& patient_id) {
  auto found = accesses(c,
                        "WHERE clinician_id = ? AND patient_id = ? AND organisation_id = ? "
                        "AND expires_at > ? AND started_at <= ? ORDER BY expires_at DESC LIMIT 1",
                        {clinician_id, patient_id, organisation_id, now, now});
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<EmergencyAccess> emergency_access(store::Connection& c, const std::string& id) {
  auto found = accesses(c, "WHERE id = ?", {id});
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<EmergencyAccess> emergency_accesses_about(store::Connection& c,
                                                      const std::string& patient_id, int limit) {
  return accesses(c, "WHERE patient_id = ? ORDER BY started_at DESC, id LIMIT ?",
                  {patient_id, std::clamp(limit, 1, 500)});
}

std::vector<EmergencyAccess> emergency_accesses_by_organisation(store::Connection& c,
                                                                const std::string& organisation_id,
                                                                bool unreviewed_only, int limit) {
  return accesses(c,
                  unreviewed_only
                      ? "WHERE organisation_id = ? AND reviewed_at IS NULL "
                        "ORDER BY started_at DESC, id LIMIT ?"
                      : "WHERE organisation_id = ? ORDER BY started_at DESC, id LIMIT ?",
                  {organisation_id, std::clamp(limit, 1, 500)});
}

bool review_emergency_access(store::Connection& c, std::int64_t now,
                             const std::string& organisation_id, const std::string& access_id,
                             const std::string& reviewer_id, const std::string& note) {
  return c.execute(
             "UPDATE emergency_accesses SET reviewed_at = ?, reviewed_by = ?, review_note = ? "
             "WHERE id = ? AND organisation_id = ? AND reviewed_at IS NULL",
             {now, reviewer_id, note, access_id, organisation_id}) > 0;
}

// ---- what a reader may see ----

bool RecordScope::visible(std::string_view organisation_id, std::string_view category,
                          std::string_view sensitivity, std::string_view entry_id,
                          std::string_view parent_id) const {
  if (!allowed) return false;
  if (everything) return true;
  if (!own_organisation.empty() && organisation_id == own_organisation) return true;
  if (!other_organisations) return false;
  const auto named = [](const std::vector<std::string>& list, std::string_view v) {
    return !v.empty() && std::find(list.begin(), list.end(), v) != list.end();
  };
  return !named(restricted_entries, entry_id) && !named(restricted_entries, parent_id) &&
         !named(restricted_categories, category) && !named(restricted_categories, sensitivity);
}

RecordScope record_scope(store::Connection& c, std::int64_t now, const RecordReader& reader,
                         const std::string& patient_id) {
  RecordScope s;
  if (reader.organisation_id.empty()) {
    // The patient's side: the patient, a parent of a child, an active carer see everything.
    const auto d = decide(c, reader.account_id, patient_id, Purpose::read_clinical);
    s.allowed = d.allowed;
    s.basis = std::string(d.reason());
    if (d.allowed) s.purpose = s.basis;
    s.everything = d.allowed;
    return s;
  }
  // A clinician reads as one organisation, and only while it cares for the patient: consent to
  // share never reaches an organisation that has no reason to look now (need-to-know).
  if (reader.account_id.empty() || patient_id.empty() || !reader.care_relationship_now) {
    s.basis = "no care relationship";
    s.purpose = "care";
    return s;
  }
  s.allowed = true;
  s.own_organisation = reader.organisation_id;
  const bool joined = enrolment(c, patient_id).joined;
  const bool consented = joined && has_active_consent(c, patient_id, reader.organisation_id);
  s.sharing = consented ? SharingState::consented
                        : (joined ? SharingState::no_consent : SharingState::not_joined);
  if (const auto e =
          active_emergency_access(c, now, reader.account_id, reader.organisation_id, patient_id)) {
    s.basis = "emergency";
    s.purpose = "emergency";
    s.everything = true;
    s.other_organisations = true;
    s.emergency_until = e->expires_at;
    s.emergency_access_id = e->id;
    return s;
  }
  s.purpose = "care";
  if (!consented) {
    s.basis = "own organisation";
    return s;
  }
  s.basis = "sharing consent";
  s.other_organisations = true;
  for (auto& r : restrictions(c, patient_id))
    (r.kind == "entry" ? s.restricted_entries : s.restricted_categories)
        .push_back(std::move(r.target));
  // The notes are shown inside their encounters: a restricted category of encounters takes them.
  auto& cats = s.restricted_categories;
  if (std::find(cats.begin(), cats.end(), "encounters") != cats.end() &&
      std::find(cats.begin(), cats.end(), "notes") == cats.end())
    cats.emplace_back("notes");
  return s;
}

}  // namespace yq::consent
