#include "records/consultation_record.hpp"

#include <boost/json/parse.hpp>

namespace yq::records {

namespace {

std::vector<std::string> codes_of(const std::string& json_text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  const auto v = boost::json::parse(json_text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& x : v.as_array())
    if (x.is_string()) out.emplace_back(x.as_string());
  return out;
}

// The newest signed version of the consultation's note.
std::optional<SignedNote> newest_signed_note(store::Connection& c,
                                             const std::string& consultation_id) {
  const auto r = c.query_one(
      "SELECT v.subjective, v.objective, v.assessment, v.plan, v.diagnoses, v.version, "
      "v.signed_at FROM clinical_note_versions v JOIN clinical_notes n ON n.id = v.note_id "
      "WHERE n.consultation_id = ? ORDER BY v.version DESC LIMIT 1",
      {consultation_id});
  if (!r) return std::nullopt;
  return SignedNote{r->text(0),           r->text(1), r->text(2), r->text(3),
                    codes_of(r->text(4)), r->i64(5),  r->i64(6)};
}

// Creates the entry, or writes a new version when what it shows changed.
std::string upsert(store::Connection& c, std::int64_t now, const Author& a, BuiltEntry built,
                   const char* reason) {
  const auto existing = entry_by_source(c, *built.index.source_ref, built.index.resource_type);
  if (!existing)
    return create_entry(c, now, a.patient_id, a.organisation_id, a.account_id, built.index,
                        built.details, std::move(built.resource));
  if (existing->details != built.details || existing->index.status != built.index.status ||
      existing->index.care_until != built.index.care_until) {
    // Entered in error by its organisation: left as it is.
    (void)correct_entry(c, now, existing->id, existing->version, a.account_id, built.index,
                        built.details, std::move(built.resource), reason);
  }
  return existing->id;
}

}  // namespace

void record_consultation(store::Connection& c, std::int64_t now, const Author& author,
                         ConsultationFacts facts) {
  const auto note = newest_signed_note(c, facts.consultation_id);
  if (note) facts.diagnoses = note->diagnoses;
  const std::string encounter_id =
      upsert(c, now, author, build_encounter(c, author, facts), "consultation updated");
  if (note)
    upsert(c, now, author, build_note(c, author, encounter_id, facts, *note), "note amended");
}

}  // namespace yq::records
