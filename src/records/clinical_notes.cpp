#include "records/clinical_notes.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/ids.hpp"
#include "core/localised_text.hpp"
#include "store/like.hpp"

namespace yq::records {

namespace {

using core::Errc;
using core::Error;

std::string codes_text(const std::vector<std::string>& codes) {
  boost::json::array a(codes.begin(), codes.end());
  return boost::json::serialize(a);
}

boost::json::array diagnoses_json(store::Connection& c, const std::string& codes_json) {
  boost::json::array out;
  boost::system::error_code ec;
  const auto v = boost::json::parse(codes_json, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& code : v.as_array()) {
    if (!code.is_string()) continue;
    const std::string k(code.as_string());
    const auto r = c.query_one(
        "SELECT system, name_en, name_zh_hant, name_zh_hans FROM diagnosis_codes WHERE code = ?",
        {k});
    boost::json::object d{{"code", k}, {"system", r ? r->text(0) : "ICD-10"}};
    if (r) d["name"] = core::LocalisedText{r->text(1), r->text(2), r->text(3)}.to_json();
    out.push_back(std::move(d));
  }
  return out;
}

struct NoteRow {
  std::string id, status;
  std::int64_t version = 0;
  NoteText text;
  std::int64_t created_at = 0, updated_at = 0;
  std::string author_id;
  std::string diagnoses_json;
};

std::optional<NoteRow> load_note(store::Connection& c, const std::string& consultation_id) {
  const auto r = c.query_one(
      "SELECT id, status, version, subjective, objective, assessment, plan, diagnoses, "
      "created_at, updated_at, author_id FROM clinical_notes WHERE consultation_id = ?",
      {consultation_id});
  if (!r) return std::nullopt;
  NoteRow n;
  n.id = r->text(0);
  n.status = r->text(1);
  n.version = r->i64(2);
  n.text = {r->text(3), r->text(4), r->text(5), r->text(6), {}};
  n.diagnoses_json = r->text(7);
  n.created_at = r->i64(8);
  n.updated_at = r->i64(9);
  n.author_id = r->text(10);
  return n;
}

boost::json::object text_json(store::Connection& c, const store::Row& r, std::size_t first) {
  return {{"subjective", r.text(first)},
          {"objective", r.text(first + 1)},
          {"assessment", r.text(first + 2)},
          {"plan", r.text(first + 3)},
          {"diagnoses", diagnoses_json(c, r.text(first + 4))}};
}

void add_version(store::Connection& c, const std::string& note_id, std::int64_t version,
                 const std::string& reason, const std::string& signer, std::int64_t now) {
  c.execute(
      "INSERT INTO clinical_note_versions (note_id, version, subjective, objective, assessment, "
      "plan, diagnoses, reason, signed_by, signed_at) SELECT id, ?, subjective, objective, "
      "assessment, plan, diagnoses, ?, ?, ? FROM clinical_notes WHERE id = ?",
      {version, reason, signer, now, note_id});
}

std::string lower_ascii(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

}  // namespace

std::optional<core::Error> check_note(store::Connection& c, const NoteText& t) {
  core::Error err{Errc::validation, {}, 0};
  for (const auto& [name, value] :
       {std::pair{"subjective", &t.subjective}, std::pair{"objective", &t.objective},
        std::pair{"assessment", &t.assessment}, std::pair{"plan", &t.plan}})
    if (value->size() > kMaxNoteSection) err.fields.push_back({name, "field.too_long"});
  if (t.diagnoses.size() > kMaxDiagnoses) {
    err.fields.push_back({"diagnoses", "field.too_long"});
  } else {
    std::set<std::string> seen;
    for (const auto& code : t.diagnoses)
      if (code.size() > 16 || !seen.insert(code).second ||
          !c.query_one("SELECT 1 FROM diagnosis_codes WHERE code = ?", {code})) {
        err.fields.push_back({"diagnoses", "field.unknown_diagnosis"});
        break;
      }
  }
  if (err.fields.empty()) return std::nullopt;
  return err;
}

core::Result<boost::json::object> save_draft(store::Connection& c, const NoteOwner& owner,
                                             const NoteText& t, std::int64_t now) {
  const auto existing = load_note(c, owner.consultation_id);
  if (existing && existing->status != "draft") return Error::of(Errc::note_signed);
  if (existing) {
    // Only while still a draft: a save racing a signature must not change the signed text.
    if (c.execute("UPDATE clinical_notes SET subjective = ?, objective = ?, assessment = ?, "
                  "plan = ?, diagnoses = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
                  {t.subjective, t.objective, t.assessment, t.plan, codes_text(t.diagnoses), now,
                   existing->id}) != 1)
      return Error::of(Errc::note_signed);
  } else {
    c.execute(
        "INSERT INTO clinical_notes (id, consultation_id, patient_id, author_id, "
        "organisation_id, status, version, subjective, objective, assessment, plan, diagnoses, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', 0, ?, ?, ?, ?, ?, ?, ?)",
        {core::new_id(), owner.consultation_id, owner.patient_id, owner.author_id,
         owner.organisation_id, t.subjective, t.objective, t.assessment, t.plan,
         codes_text(t.diagnoses), now, now});
  }
  return *note_for_doctor(c, owner.consultation_id);
}

core::Result<boost::json::object> sign_note(store::Connection& c,
                                            const std::string& consultation_id,
                                            const std::string& signer, std::int64_t now) {
  const auto n = load_note(c, consultation_id);
  if (!n) return Error::field("assessment", "field.note_incomplete");
  if (n->status != "draft") return Error::of(Errc::note_signed);
  if (n->text.assessment.find_first_not_of(" \t\r\n") == std::string::npos &&
      n->diagnoses_json == "[]")
    return Error::field("assessment", "field.note_incomplete");
  if (c.execute("UPDATE clinical_notes SET status = 'signed', version = 1, updated_at = ? WHERE "
                "id = ? AND status = 'draft'",
                {now, n->id}) != 1)
    return Error::of(Errc::note_signed);  // signed at the same moment by another request
  add_version(c, n->id, 1, "", signer, now);
  return *note_for_doctor(c, consultation_id);
}

core::Result<boost::json::object> amend_note(store::Connection& c,
                                             const std::string& consultation_id,
                                             const std::string& signer, const NoteText& t,
                                             const std::string& reason, std::int64_t now) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return Error::field("reason", "field.required");
  if (reason.size() > kMaxAmendmentReason) return Error::field("reason", "field.too_long");
  const auto n = load_note(c, consultation_id);
  if (!n || n->status == "draft") return Error::of(Errc::note_not_signed);
  const std::int64_t version = n->version + 1;
  // The version check makes two amendments at once one after the other, never one lost.
  if (c.execute("UPDATE clinical_notes SET status = 'amended', version = ?, subjective = ?, "
                "objective = ?, assessment = ?, plan = ?, diagnoses = ?, updated_at = ? "
                "WHERE id = ? AND version = ?",
                {version, t.subjective, t.objective, t.assessment, t.plan, codes_text(t.diagnoses),
                 now, n->id, n->version}) != 1)
    return Error::of(Errc::conflict);
  add_version(c, n->id, version, reason, signer, now);
  return *note_for_doctor(c, consultation_id);
}

std::optional<boost::json::object> note_for_doctor(store::Connection& c,
                                                   const std::string& consultation_id) {
  const auto r = c.query_one(
      "SELECT id, status, version, author_id, created_at, updated_at, subjective, objective, "
      "assessment, plan, diagnoses FROM clinical_notes WHERE consultation_id = ?",
      {consultation_id});
  if (!r) return std::nullopt;
  boost::json::array versions;
  for (const auto& v :
       c.query("SELECT version, reason, signed_by, signed_at, subjective, objective, assessment, "
               "plan, diagnoses FROM clinical_note_versions WHERE note_id = ? ORDER BY version",
               {r->text(0)}))
    versions.push_back({{"version", v.i64(0)},
                        {"reason", v.text(1)},
                        {"signed_by", v.text(2)},
                        {"signed_at", v.i64(3)},
                        {"text", text_json(c, v, 4)}});
  return boost::json::object{{"id", r->text(0)},
                             {"status", r->text(1)},
                             {"version", r->i64(2)},
                             {"author_id", r->text(3)},
                             {"created_at", r->i64(4)},
                             {"updated_at", r->i64(5)},
                             {"text", text_json(c, *r, 6)},
                             {"versions", std::move(versions)}};
}

std::optional<boost::json::object> note_for_patient(store::Connection& c,
                                                    const std::string& consultation_id) {
  const auto r = c.query_one(
      "SELECT v.version, v.signed_at, v.subjective, v.objective, v.assessment, v.plan, "
      "v.diagnoses FROM clinical_note_versions v JOIN clinical_notes n ON n.id = v.note_id "
      "WHERE n.consultation_id = ? ORDER BY v.version DESC LIMIT 1",
      {consultation_id});
  if (!r) return std::nullopt;
  return boost::json::object{
      {"version", r->i64(0)}, {"signed_at", r->i64(1)}, {"text", text_json(c, *r, 2)}};
}

boost::json::array search_diagnoses(store::Connection& c, const std::string& q,
                                    std::int64_t limit) {
  // A few hundred rows: a scan is cheaper than keeping an index per language.
  // "%" or "_" typed into the search are characters to find, not wildcards.
  const std::string like = store::like_contains(lower_ascii(q));
  const std::string esc = store::kLikeEscape;
  boost::json::array out;
  for (const auto& r :
       c.query("SELECT code, system, name_en, name_zh_hant, name_zh_hans FROM diagnosis_codes "
               "WHERE ? = '' OR LOWER(code) LIKE ?" +
                   esc + " OR LOWER(name_en) LIKE ?" + esc + " OR name_zh_hant LIKE ?" + esc +
                   " OR name_zh_hans LIKE ?" + esc + " ORDER BY code LIMIT ?",
               {q, like, like, like, like, limit}))
    out.push_back({{"code", r.text(0)},
                   {"system", r.text(1)},
                   {"name", core::LocalisedText{r.text(2), r.text(3), r.text(4)}.to_json()}});
  return out;
}

}  // namespace yq::records
