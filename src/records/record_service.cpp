#include "records/record_service.hpp"

#include <algorithm>
#include <array>

#include "audit/audit_log.hpp"
#include "consent/sharing.hpp"
#include "core/json_input.hpp"
#include "identity/people.hpp"
#include "records/codes.hpp"
#include "records/entries.hpp"
#include "records/entry_forms.hpp"
#include "records/reading.hpp"

namespace yq::records {

namespace {

namespace json = boost::json;
using core::Errc;
using core::Error;

constexpr std::array<std::string_view, 13> kCategories = {
    "encounters", "notes", "conditions", "procedures", "allergies", "medications", "immunisations",
    "vitals",     "labs",  "reports",    "documents",  "referrals", "birth"};

bool is_category(std::string_view c) {
  return std::find(kCategories.begin(), kCategories.end(), c) != kCategories.end();
}

// A transaction's answer and whom to push notices to once it has committed. Not a Result, so the
// transaction commits a refusal's audit event too.
struct Outcome {
  core::Result<json::object> answer = json::object{};
  std::vector<std::string> told;
};

std::vector<std::string> categories_of(const std::vector<Entry>& list) {
  std::vector<std::string> out;
  for (const auto& e : list)
    if (std::find(out.begin(), out.end(), e.index.category) == out.end())
      out.push_back(e.index.category);
  return out;
}

// The marks the patient's side sees on each entry: whether the patient restricted it.
std::optional<PatientSideMarks> marks_for(store::Connection& c, const Reading& r,
                                          const std::string& patient_id) {
  if (!r.patient_side()) return std::nullopt;
  PatientSideMarks m;
  for (auto& x : consent::restrictions(c, patient_id))
    (x.kind == "entry" ? m.entries : m.categories).push_back(std::move(x.target));
  if (std::find(m.categories.begin(), m.categories.end(), "encounters") != m.categories.end())
    m.categories.emplace_back("notes");
  return m;
}

const PatientSideMarks* ptr(const std::optional<PatientSideMarks>& m) {
  return m ? &*m : nullptr;
}

// Encounters carry their signed note inside.
json::array with_notes(store::Connection& c, const Reading& r, const std::string& patient_id,
                       const std::vector<Entry>& list, const PatientSideMarks* marks) {
  auto out = entries_json(c, list, marks);
  std::vector<std::string> encounters;
  for (const auto& e : list)
    if (e.index.category == "encounters") encounters.push_back(e.id);
  const auto notes = children(c, r.scope, patient_id, encounters);
  if (encounters.empty()) return out;
  const auto notes_json = entries_json(c, notes, marks);
  for (auto& o : out) {
    auto& obj = o.as_object();
    obj["note"] = nullptr;
    for (std::size_t i = 0; i < notes.size(); ++i)
      if (notes[i].index.parent_id && *notes[i].index.parent_id == obj["id"].as_string())
        obj["note"] = notes_json[i];
  }
  return out;
}

}  // namespace

// ---- reading ----

namespace {

// A refused reader's answer, with the refusal audited (it commits: the Outcome is not an error).
std::optional<Outcome> refusal(store::Connection& c, const core::Clock& clock,
                               const RecordRequest& rq, const Reading& r,
                               const std::string& target) {
  if (r.allowed) return std::nullopt;
  audit_read(c, clock, rq, r, target, {});
  return Outcome{Error::of(r.refusal), {}};
}

// An allowed read's end: the notice of the day, then its audit event as the last statement, so
// the audit chain's head row (one lock for every writer on PostgreSQL) is held only until the
// commit that follows at once, not while the answer is built.
Outcome finish_read(store::Connection& c, const core::Clock& clock, const std::string& public_url,
                    const RecordRequest& rq, const Reading& r, const std::string& target,
                    const std::vector<std::string>& categories, json::object answer) {
  auto told = tell_of_read(c, clock, public_url, rq, r);
  audit_read(c, clock, rq, r, target, categories);
  return Outcome{std::move(answer), std::move(told)};
}

template <class F>
core::Result<json::object> run(store::Database& db, notify::Notifier& notifier, F&& fn) {
  auto out = db.write([&](store::Connection& c) { return fn(c); });
  if (!out.told.empty()) notifier.push(out.told);
  return out.answer;
}

}  // namespace

RecordService::Answer RecordService::summary(const RecordRequest& rq) {
  return run(db_, notifier_, [&](store::Connection& c) -> Outcome {
    const std::string target = "summary";
    const Reading r = resolve_reading(c, care, clock_.now(), rq);
    if (auto refused = refusal(c, clock_, rq, r, target)) return *refused;
    const auto marks = marks_for(c, r, rq.patient_id);
    const auto allergies = current(c, r.scope, rq.patient_id, "allergies", {"active"}, kMaxPage);
    const auto medications =
        current(c, r.scope, rq.patient_id, "medications", {"active", "on-hold"}, kMaxPage);
    const auto problems = current(c, r.scope, rq.patient_id, "conditions",
                                  {"active", "recurrence", "relapse"}, kMaxPage);
    const auto results = latest_per_code(c, r.scope, rq.patient_id, "labs", 10);
    const auto immunisations = current(c, r.scope, rq.patient_id, "immunisations", {}, 10);
    json::object counts_json;
    for (const auto& [k, n] : counts(c, r.scope, rq.patient_id)) counts_json[k] = n;
    json::object patient{{"id", rq.patient_id}};
    if (const auto p = identity::person(c, rq.patient_id)) patient["name"] = p->display_name;
    json::object answer{{"patient", std::move(patient)},
                        {"access", access_json(c, r)},
                        {"summary",
                         {{"allergies", entries_json(c, allergies, ptr(marks))},
                          {"medications", entries_json(c, medications, ptr(marks))},
                          {"problems", entries_json(c, problems, ptr(marks))},
                          {"latest_results", entries_json(c, results, ptr(marks))},
                          {"immunisations", entries_json(c, immunisations, ptr(marks))},
                          {"counts", std::move(counts_json)}}}};
    return finish_read(c, clock_, public_url_, rq, r, target,
                       {"allergies", "medications", "conditions", "labs", "immunisations"},
                       std::move(answer));
  });
}

RecordService::Answer RecordService::category(const RecordRequest& rq, const std::string& category,
                                              const std::string& before, std::int64_t limit) {
  if (!is_category(category)) return Error::of(Errc::not_found);
  return run(db_, notifier_, [&](store::Connection& c) -> Outcome {
    const std::string target = category;
    const Reading r = resolve_reading(c, care, clock_.now(), rq);
    if (auto refused = refusal(c, clock_, rq, r, target)) return *refused;
    auto page = category_page(c, r.scope, rq.patient_id, category, before, limit);
    if (!page) return Outcome{page.error(), {}};
    const auto marks = marks_for(c, r, rq.patient_id);
    json::object answer{
        {"access", access_json(c, r)},
        {"items", with_notes(c, r, rq.patient_id, page->items, ptr(marks))},
        {"next", page->next.empty() ? json::value(nullptr) : json::value(page->next)}};
    return finish_read(c, clock_, public_url_, rq, r, target, {category}, std::move(answer));
  });
}

RecordService::Answer RecordService::entry(const RecordRequest& rq, const std::string& id) {
  return run(db_, notifier_, [&](store::Connection& c) -> Outcome {
    const std::string target = id;
    const Reading r = resolve_reading(c, care, clock_.now(), rq);
    if (auto refused = refusal(c, clock_, rq, r, target)) return *refused;
    const auto e = visible_entry(c, r.scope, rq.patient_id, id);
    if (!e) {
      // Not the patient's, not visible to this reader, or no such id: the same answer for each.
      Reading hidden = r;
      hidden.allowed = false;
      hidden.scope.basis = "not visible";
      audit_read(c, clock_, rq, hidden, target, {});
      return Outcome{Error::of(Errc::not_found), {}};
    }
    const auto marks = marks_for(c, r, rq.patient_id);
    json::array history;
    std::vector<Entry> as_of;
    // Each version as this reader may see it: a diagnosis corrected away from a restricted one
    // keeps its old versions from other organisations.
    auto all = versions(c, id);
    std::erase_if(all, [&](const EntryVersion& v) {
      return !r.scope.visible(e->organisation_id, e->index.category, v.sensitivity, e->id,
                              e->index.parent_id.value_or(""));
    });
    for (const auto& v : all) {
      Entry old = *e;
      old.version = v.version;
      old.index.status = v.status;
      old.details = v.details;
      old.resource = v.resource;
      old.updated_at = v.recorded_at;
      old.updated_by = v.recorded_by;
      as_of.push_back(std::move(old));
    }
    const auto shown = entries_json(c, as_of, ptr(marks));
    for (std::size_t i = 0; i < all.size(); ++i)
      history.push_back({{"version", all[i].version},
                         {"recorded_at", all[i].recorded_at},
                         {"recorded_by", shown[i].as_object().at("updated_by")},
                         {"reason", all[i].reason},
                         {"entry", shown[i]}});
    auto one = with_notes(c, r, rq.patient_id, {*e}, ptr(marks));
    json::object answer{{"access", access_json(c, r)},
                        {"entry", std::move(one.front())},
                        {"versions", std::move(history)}};
    return finish_read(c, clock_, public_url_, rq, r, target, {e->index.category},
                       std::move(answer));
  });
}

RecordService::Answer RecordService::trend(const RecordRequest& rq,
                                           const std::string& system_bar_code) {
  const auto bar = system_bar_code.find('|');
  if (bar == std::string::npos || bar == 0 || bar + 1 >= system_bar_code.size() ||
      system_bar_code.size() > 200)
    return Error::field("code", "field.invalid");
  const std::string system = system_bar_code.substr(0, bar);
  const std::string code = system_bar_code.substr(bar + 1);
  return run(db_, notifier_, [&](store::Connection& c) -> Outcome {
    const std::string target = "trend";
    const Reading r = resolve_reading(c, care, clock_.now(), rq);
    if (auto refused = refusal(c, clock_, rq, r, target)) return *refused;
    const auto points = records::trend(c, r.scope, rq.patient_id, system, code);
    json::array out;
    for (const auto& e : points) {
      json::object p{
          {"at", e.index.effective_at}, {"value", *e.index.value_num}, {"entry_id", e.id}};
      p["flag"] = e.details.contains("flag") ? e.details.at("flag") : json::value("");
      if (e.index.value_num2) p["value2"] = *e.index.value_num2;
      out.push_back(std::move(p));
    }
    json::value coded = nullptr;
    std::string unit;
    json::value range = nullptr;
    const auto names = codings(c, {system + "|" + code});
    if (const auto it = names.find(system + "|" + code); it != names.end()) {
      auto j = it->second.to_json();
      unit = it->second.unit;
      if (j.contains("reference_range")) range = j.at("reference_range");
      coded = std::move(j);
    }
    json::object answer{{"access", access_json(c, r)},
                        {"code", std::move(coded)},
                        {"unit", unit},
                        {"reference_range", std::move(range)},
                        {"points", std::move(out)}};
    return finish_read(c, clock_, public_url_, rq, r, target, categories_of(points),
                       std::move(answer));
  });
}

core::Result<Document> RecordService::document(const RecordRequest& rq, const std::string& id) {
  std::string sha;
  auto found = run(db_, notifier_, [&](store::Connection& c) -> Outcome {
    const std::string target = id;
    const Reading r = resolve_reading(c, care, clock_.now(), rq);
    if (auto refused = refusal(c, clock_, rq, r, target)) return *refused;
    const auto e = visible_entry(c, r.scope, rq.patient_id, id);
    if (!e || !e->index.document_sha256) {
      Reading hidden = r;
      hidden.allowed = false;
      hidden.scope.basis = "not visible";
      audit_read(c, clock_, rq, hidden, target, {});
      return Outcome{Error::of(Errc::not_found), {}};
    }
    sha = *e->index.document_sha256;
    return finish_read(c, clock_, public_url_, rq, r, target, {"documents"}, {});
  });
  if (!found) return found.error();
  auto bytes = blobs_.get(sha);
  if (!bytes) return Error::of(Errc::not_found);
  return Document{std::move(*bytes)};
}

// ---- writing ----

namespace {

// A writer: a doctor or nurse of `as` (or their one caring organisation) while it cares for the
// patient now. Anyone else: not_found, as for a patient who does not exist.
core::Result<Reading> writer(store::Connection& c, const Care& care, std::int64_t now,
                             const RecordRequest& rq) {
  auto r = resolve_reading(c, care, now, rq);
  if (!r.allowed) return Error::of(r.refusal);  // choose_organisation, or not_found
  if (r.patient_side()) return Error::of(Errc::not_found);
  return r;
}

// The patient's entry that the writer's organisation recorded: only it corrects the entry or marks
// it in error. Anything else answers as an id that does not exist.
core::Result<Entry> own_entry(store::Connection& c, const Reading& writer, const RecordRequest& rq,
                              const std::string& id) {
  auto e = load_entry(c, id);
  if (!e || e->patient_id != rq.patient_id || e->organisation_id != writer.organisation_id)
    return Error::of(Errc::not_found);
  return std::move(*e);
}

std::optional<std::string> reason_problem(const std::string& reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) return "field.required";
  if (core::utf8_length(reason) > kMaxReason) return "field.too_long";
  return std::nullopt;
}

}  // namespace

RecordService::Answer RecordService::create(const RecordRequest& rq, const json::object& body) {
  std::vector<std::string> told;
  auto out = db_.write([&](store::Connection& c) -> Answer {
    told.clear();
    const std::int64_t now = clock_.now();
    auto w = writer(c, care, now, rq);
    if (!w) return w.error();
    auto built =
        build_from_form(c, body, {rq.patient_id, w->organisation_id, rq.who.account_id, now});
    if (!built) return built.error();
    const auto id = create_entry(c, now, rq.patient_id, w->organisation_id, rq.who.account_id,
                                 built->index, built->details, std::move(built->resource));
    // A referral makes the receiving organisation a carer of the patient: the patient hears of it.
    if (built->index.category == "referrals") {
      auto params = clinician_params(c, rq.who.account_id, w->organisation_id, rq.patient_id);
      if (const auto to = identity::organisation(c, built->index.code))
        params["to_organisation"] = to->name.to_json();
      told = tell_patient_side(c, clock_, public_url_, rq.patient_id, "record.referred",
                               std::move(params), "/sharing", true);
    }
    auto shown = entry_json(c, *load_entry(c, id));
    // Last, so the audit chain's head row is held only until the commit.
    audit::record(c, clock_, change_event(rq, "record.created", "record_entry", id));
    return shown;
  });
  if (out && !told.empty()) notifier_.push(told);
  return out;
}

RecordService::Answer RecordService::correct(const RecordRequest& rq, const std::string& id,
                                             const json::object& body) {
  return db_.write([&](store::Connection& c) -> Answer {
    const std::int64_t now = clock_.now();
    auto w = writer(c, care, now, rq);
    if (!w) return w.error();
    const auto old = own_entry(c, *w, rq, id);
    if (!old) return old.error();
    const std::string type = form_type(*old);
    if (type.empty()) return Error::of(Errc::conflict);  // made by the platform, not a form
    core::JsonReader r(body);
    const auto version = r.integer("version", 1, 1000000, true);
    const auto reason = r.text("reason", kMaxReason, true, 1);
    if (!r.ok()) return r.error();
    auto built =
        build_from_form(c, body, {rq.patient_id, w->organisation_id, rq.who.account_id, now}, type);
    if (!built) return built.error();
    auto done = correct_entry(c, now, id, *version, rq.who.account_id, built->index, built->details,
                              std::move(built->resource), *reason);
    if (!done) return done.error();
    auto shown = entry_json(c, *done);
    audit::record(c, clock_, change_event(rq, "record.corrected", "record_entry", id));
    return shown;
  });
}

RecordService::Answer RecordService::entered_in_error(const RecordRequest& rq,
                                                      const std::string& id,
                                                      const std::string& reason) {
  if (const auto bad = reason_problem(reason)) return Error::field("reason", *bad);
  return db_.write([&](store::Connection& c) -> Answer {
    const std::int64_t now = clock_.now();
    auto w = writer(c, care, now, rq);
    if (!w) return w.error();
    if (const auto old = own_entry(c, *w, rq, id); !old) return old.error();
    auto done = mark_entered_in_error(c, now, id, rq.who.account_id, reason);
    if (!done) return done.error();
    auto shown = entry_json(c, *done);
    audit::record(c, clock_, change_event(rq, "record.entered_in_error", "record_entry", id));
    return shown;
  });
}

RecordService::Answer RecordService::upload(const RecordRequest& rq, const std::string& title,
                                            const std::string& kind, const std::string& date,
                                            std::string_view pdf) {
  if (pdf.size() > static_cast<std::size_t>(kMaxDocumentBytes))
    return Error::of(Errc::payload_too_large);
  if (!looks_like_pdf(pdf)) return Error::field("file", "field.not_a_pdf");
  // Who may write, and the title, kind and date, are checked before the bytes are stored.
  auto allowed = db_.read([&](store::Connection& c) -> core::Result<Reading> {
    return writer(c, care, clock_.now(), rq);
  });
  if (!allowed) return allowed.error();
  if (auto form =
          build_document({rq.patient_id, allowed->organisation_id, rq.who.account_id, clock_.now()},
                         title, kind, date, "", pdf.size());
      !form)
    return form.error();
  const std::string sha = blobs_.put(pdf);
  return db_.write([&](store::Connection& c) -> Answer {
    const std::int64_t now = clock_.now();
    auto w = writer(c, care, now, rq);
    if (!w) return w.error();
    auto built = build_document({rq.patient_id, w->organisation_id, rq.who.account_id, now}, title,
                                kind, date, sha, pdf.size());
    if (!built) return built.error();
    const auto id = create_entry(c, now, rq.patient_id, w->organisation_id, rq.who.account_id,
                                 built->index, built->details, std::move(built->resource));
    auto shown = entry_json(c, *load_entry(c, id));
    audit::record(c, clock_, change_event(rq, "record.created", "record_entry", id));
    return shown;
  });
}

RecordService::Answer RecordService::start_emergency_access(const RecordRequest& rq,
                                                            const std::string& reason) {
  std::vector<std::string> told;
  auto out = db_.write([&](store::Connection& c) -> Answer {
    told.clear();
    const std::int64_t now = clock_.now();
    auto w = writer(c, care, now, rq);
    if (!w) return w.error();
    // An emergency is a patient in front of the clinician: a visit, not a referral's word.
    if (!care.cares(c, rq.patient_id, w->organisation_id, now, false))
      return Error::of(Errc::not_found);
    const auto running = consent::active_emergency_access(c, now, rq.who.account_id,
                                                          w->organisation_id, rq.patient_id);
    const auto access = consent::start_emergency_access(c, now, rq.who.account_id,
                                                        w->organisation_id, rq.patient_id, reason);
    if (!access) return Error::field("reason", "field.out_of_range");
    if (!running) {
      auto e = change_event(rq, "record.emergency_access", "emergency_access", access->id);
      e.detail = "{\"organisation\":\"" + w->organisation_id + "\"}";
      audit::record(c, clock_, e);
      auto params = clinician_params(c, rq.who.account_id, w->organisation_id, rq.patient_id);
      params["when"] = access->started_at;
      told = tell_patient_side(c, clock_, public_url_, rq.patient_id, "record.emergency_access",
                               std::move(params), "/access-log", true);
    }
    return json::object{
        {"id", access->id}, {"started_at", access->started_at}, {"expires_at", access->expires_at}};
  });
  if (out && !told.empty()) notifier_.push(told);
  return out;
}

RecordService::Answer RecordService::ask_consent(const RecordRequest& rq) {
  std::vector<std::string> told;
  auto out = db_.write([&](store::Connection& c) -> Answer {
    told.clear();
    const std::int64_t now = clock_.now();
    auto w = writer(c, care, now, rq);
    if (!w) return w.error();
    std::string id;
    switch (consent::request_consent(c, now, rq.who.account_id, w->organisation_id, rq.patient_id,
                                     id)) {
      case consent::AskOutcome::already_consented:
        return Error::of(Errc::already_consented);
      case consent::AskOutcome::too_many:
        return Error::of(Errc::too_many_requests_open);
      case consent::AskOutcome::paused:
        return Error::of(Errc::request_paused);
      case consent::AskOutcome::renewed:
        break;  // the patient was told when it was made
      case consent::AskOutcome::made: {
        auto e = change_event(rq, "sharing.requested", "sharing_request", id);
        e.detail = "{\"organisation\":\"" + w->organisation_id + "\"}";
        audit::record(c, clock_, e);
        told = tell_patient_side(
            c, clock_, public_url_, rq.patient_id, "sharing.requested",
            clinician_params(c, rq.who.account_id, w->organisation_id, rq.patient_id), "/sharing",
            true);
      }
    }
    return json::object{{"id", id}, {"expires_at", now + consent::kSharingRequestSeconds}};
  });
  if (out && !told.empty()) notifier_.push(told);
  return out;
}

json::object RecordService::codes(const std::string& set, const std::string& q,
                                  std::int64_t limit) {
  return db_.read([&](store::Connection& c) {
    json::array items;
    for (const auto& k : search_codes(c, set, q, limit)) items.push_back(k.to_json());
    return json::object{{"items", std::move(items)}};
  });
}

}  // namespace yq::records
