// yiqiao-bench-records-generate: fills an empty database with a shared health record at city scale
// for bench/records/run.sh. It opens the database through the server's own store layer (so the
// server's migrations make the schema) and builds every entry with the server's own entry forms
// (records::build_from_form for what clinicians record, build_encounter and build_note for what
// consultations make), so each resource is the FHIR R4 JSON the server would store, at its size.
// The rows go in the way records::create_entry writes them (the entry and its version 1), as
// multi-row INSERTs in large transactions; no audit events are made for this history.
//
//   yiqiao-bench-records-generate --database URL --out DIR [--organisations 80] [--patients 200000]
//                                 [--entries 50] [--doctors-per-organisation 10]
//                                 [--patient-sessions 20000] [--pairs 60000] [--seed 1]
//
// Care relationships are appointments booked in the coming days (scheduling's table, written here
// as fixture rows with their slots) and encounters still in their follow-up period. DIR receives
// what the load drivers need: patients.tsv (account, bearer token), doctors.tsv (account,
// organisation, token), reads.tsv and writes.tsv (doctor account, token, patient, organisation,
// consented 0/1: a doctor of an organisation caring for the patient now), lab_codes.txt and
// summary.json.
#include <sodium.h>

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "../booking/names.hpp"
#include "core/crypto.hpp"
#include "core/hk_calendar.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "records/entry_forms.hpp"
#include "scheduling/directory/index.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace {

using namespace yq;
namespace json = boost::json;

struct Options {
  std::string database, out;
  int organisations = 80, patients = 200000, entries = 50, doctors_per_org = 10;
  int patient_sessions = 20000, pairs = 60000;
  unsigned seed = 1;
};

// Rows for one table, flushed as multi-row INSERTs (as bench/booking/generate.cpp does).
class Batch {
 public:
  Batch(store::Connection& c, std::string table, std::vector<std::string> columns)
      : c_(c), table_(std::move(table)), columns_(std::move(columns)) {
    per_statement_ = std::max<std::size_t>(1, std::min<std::size_t>(500, 30000 / columns_.size()));
  }
  Batch& after(Batch& parent) {
    parents_.push_back(&parent);
    return *this;
  }
  void add(store::Params row) {
    for (auto& p : row) params_.push_back(std::move(p));
    if (++rows_ == per_statement_) flush();
  }
  void flush() {
    if (rows_ == 0) return;
    for (auto* p : parents_) p->flush();
    std::string sql = "INSERT INTO " + table_ + " (";
    for (std::size_t i = 0; i < columns_.size(); ++i) sql += (i ? ", " : "") + columns_[i];
    sql += ") VALUES ";
    std::string one = "(";
    for (std::size_t i = 0; i < columns_.size(); ++i) one += i ? ", ?" : "?";
    one += ")";
    for (std::size_t r = 0; r < rows_; ++r) sql += (r ? ", " : "") + one;
    c_.execute(sql, params_);
    params_.clear();
    rows_ = 0;
  }

 private:
  store::Connection& c_;
  std::string table_;
  std::vector<std::string> columns_;
  std::size_t per_statement_;
  std::size_t rows_ = 0;
  store::Params params_;
  std::vector<Batch*> parents_;
};

struct Code {
  std::string code;
  std::optional<double> low, high;
};

struct Doctor {
  std::string id, token;
};

struct Org {
  std::string id, service;
  core::LocalisedText service_name;
  std::vector<Doctor> doctors;
};

// A read or write the load drivers make: a doctor of an organisation caring for the patient.
struct Pair {
  std::string doctor, token, patient, org;
  bool consented = false;
};

constexpr std::int64_t kDay = 86400;

class Generator {
 public:
  explicit Generator(const Options& o) : o_(o), rng_(o.seed) {}
  int run();

 private:
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  double real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(uniform(0, static_cast<int>(v.size()) - 1))];
  }
  void load_codes();
  void organisations();
  void patients();
  void outputs();
  void step(const char* what, std::int64_t rows) {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    std::cerr << "generate: " << what << ": " << rows << ", " << static_cast<int>(s)
              << " s so far\n";
  }
  // A value inside or a little outside the code's range, as results are.
  double value_for(const Code& k, double lo_default, double hi_default) {
    const double lo = k.low.value_or(k.high ? *k.high * 0.5 : lo_default);
    const double hi = k.high.value_or(k.low ? *k.low * 1.6 : hi_default);
    const double v = real(lo - (hi - lo) * 0.15, hi + (hi - lo) * 0.25);
    return std::round(std::max(v, 0.1) * 10) / 10;
  }

  Options o_;
  std::mt19937_64 rng_;
  std::unique_ptr<store::Database> db_, codes_db_;
  core::SystemClock clock_;
  std::int64_t now_ = 0;
  std::string hash_;
  std::vector<Org> orgs_;
  std::vector<Code> labs_, vitals_, vaccines_, allergens_, medications_, diagnoses_, mental_;
  std::vector<std::pair<std::string, std::string>> patient_tokens_;
  std::vector<Pair> reads_, writes_;
  std::int64_t pair_candidates_ = 0;
  std::int64_t entry_rows_ = 0, appointment_rows_ = 0, joined_ = 0, consents_ = 0,
               restrictions_ = 0, restricted_category_ = 0, mental_patients_ = 0, record_care_ = 0;
  std::int64_t json_bytes_ = 0;
  std::chrono::steady_clock::time_point t0_ = std::chrono::steady_clock::now();
};

void Generator::load_codes() {
  codes_db_->read([&](store::Connection& c) {
    for (const auto& r : c.query("SELECT code_set, code, ref_low, ref_high FROM record_codes ORDER "
                                 "BY code_set, code")) {
      Code k{r.text(1), r.is_null(2) ? std::nullopt : std::optional<double>(r.f64(2)),
             r.is_null(3) ? std::nullopt : std::optional<double>(r.f64(3))};
      const std::string set = r.text(0);
      auto* into = set == "lab"          ? &labs_
                   : set == "vital"      ? &vitals_
                   : set == "vaccine"    ? &vaccines_
                   : set == "allergen"   ? &allergens_
                   : set == "medication" ? &medications_
                                         : nullptr;
      if (into) into->push_back(std::move(k));
    }
    for (const auto& r : c.query("SELECT code FROM diagnosis_codes ORDER BY code")) {
      const std::string code = r.text(0);
      (code[0] == 'F' ? mental_ : diagnoses_).push_back({code, {}, {}});
    }
  });
  // Vitals a clinic takes (not the arterial saturation, head or lying length of a newborn).
  std::erase_if(vitals_, [](const Code& k) {
    return k.code == "2708-6" || k.code == "9843-4" || k.code == "8306-3" || k.code == "8480-6" ||
           k.code == "8462-4";
  });
}

void Generator::organisations() {
  static const char* kinds[] = {"public_hospital", "private_hospital", "clinic"};
  db_->write([&](store::Connection& c) {
    Batch orgs(c, "organisations",
               {"id", "kind", "name_en", "name_zh_hant", "name_zh_hans", "region", "address",
                "phone", "email", "active", "created_at", "updated_at"});
    Batch services(c, "services",
                   {"id", "organisation_id", "name_en", "name_zh_hant", "name_zh_hans", "specialty",
                    "consultation_type", "slot_minutes", "fee_cents", "currency", "queue_enabled",
                    "queue_hours", "active", "created_at", "updated_at"});
    Batch accounts(c, "accounts",
                   {"id", "email", "password_hash", "display_name", "preferred_lang", "totp_secret",
                    "totp_enabled", "password_changed_at", "created_at", "updated_at"});
    Batch roles(c, "account_roles", {"account_id", "role", "organisation_id", "granted_at"});
    Batch profiles(
        c, "doctor_profiles",
        {"account_id", "organisation_id", "title", "name_zh", "registration_no", "qualifications",
         "bio_en", "bio_zh_hant", "bio_zh_hans", "fee_cents", "currency", "updated_at"});
    Batch specialties(c, "doctor_specialties", {"account_id", "specialty"});
    Batch languages(c, "doctor_languages", {"account_id", "language"});
    Batch sessions(c, "sessions",
                   {"token_hash", "account_id", "created_at", "last_seen_at", "expires_at",
                    "mfa_done", "ip", "user_agent"});
    services.after(orgs);
    accounts.after(orgs);
    roles.after(accounts);
    profiles.after(accounts);
    specialties.after(accounts);
    languages.after(accounts);
    sessions.after(accounts);
    int n_doctor = 0;
    for (int i = 0; i < o_.organisations; ++i) {
      const auto& d = bench::kDistricts[static_cast<std::size_t>(i) % bench::kDistricts.size()];
      const char* kind = kinds[i % 3];
      const bool clinic = kind == std::string_view("clinic");
      const std::string n = std::to_string(i / bench::kDistricts.size() + 1);
      Org org;
      org.id = core::new_id();
      orgs.add({org.id, kind, std::string(d.en) + (clinic ? " Medical Centre " : " Hospital ") + n,
                std::string(d.hant) + (clinic ? "醫療中心" : "醫院") + n,
                std::string(d.hans) + (clinic ? "医疗中心" : "医院") + n, d.region,
                std::to_string(uniform(1, 300)) + " " + d.en + " Road",
                "+852 2" + std::to_string(uniform(1000000, 9999999)), "", 1, now_, now_});
      org.service = core::new_id();
      org.service_name = {"General practice clinic visit", "普通科門診", "普通科门诊"};
      services.add({org.service, org.id, org.service_name.en, org.service_name.zh_hant,
                    org.service_name.zh_hans, "general_practice", "in_person", 15, 30000, "HKD", 0,
                    "", 1, now_, now_});
      for (int k = 0; k < o_.doctors_per_org; ++k, ++n_doctor) {
        Doctor doc{core::new_id(), core::random_token(32)};
        const auto& s = bench::kSurnames[static_cast<std::size_t>(
            uniform(0, static_cast<int>(bench::kSurnames.size()) - 1))];
        const auto& g = bench::kGiven[static_cast<std::size_t>(
            uniform(0, static_cast<int>(bench::kGiven.size()) - 1))];
        // Staff must use TOTP: enrolled, and the session says the second factor was done, as
        // bench/booking's generator makes them.
        accounts.add({doc.id, "records-doctor" + std::to_string(n_doctor) + "@bench.yiqiao.hk",
                      hash_, std::string("Dr. ") + s.canto + " " + g.canto, "en",
                      "JBSWY3DPEHPK3PXP", 1, now_, now_, now_});
        roles.add({doc.id, "doctor", org.id, now_});
        profiles.add({doc.id, org.id, "Dr.", std::string(s.hant) + g.hant,
                      "M" + std::to_string(20000 + n_doctor), "MBBS (HK)",
                      "General practice doctor.", "普通科醫生。", "普通科医生。", 30000, "HKD",
                      now_});
        specialties.add({doc.id, "general_practice"});
        languages.add({doc.id, "yue"});
        sessions.add({core::sha256_hex(doc.token), doc.id, now_, now_, now_ + 12 * 3600, 1,
                      "127.0.0.1", "yiqiao-bench"});
        org.doctors.push_back(std::move(doc));
      }
      orgs_.push_back(std::move(org));
    }
    for (auto* b :
         {&orgs, &services, &accounts, &roles, &profiles, &specialties, &languages, &sessions})
      b->flush();
  });
}

void Generator::patients() {
  constexpr int kPerTx = 1000;
  // Each doctor's next free start for a booked appointment: 15-minute slots from the next hour,
  // 8:00 to 20:00 Hong Kong time, over the 13 coming days.
  std::vector<std::vector<std::int64_t>> next_start(orgs_.size());
  for (std::size_t i = 0; i < orgs_.size(); ++i)
    next_start[i].assign(orgs_[i].doctors.size(), (now_ / 900 + 4) * 900);
  // A doctor whose 13 days are full books no more (nullopt): one open slot per doctor and start.
  const auto book_time = [&](std::size_t org, std::size_t doc) -> std::optional<std::int64_t> {
    auto& t = next_start[org][doc];
    for (;;) {
      t += 900 * uniform(1, 2);
      const std::int64_t minute = ((t + 8 * 3600) % kDay) / 60;  // Hong Kong is UTC+8
      if (minute >= 8 * 60 && minute < 20 * 60) break;
    }
    if (t > now_ + 13 * kDay) return std::nullopt;
    return t;
  };
  static const char* allergy_categories[] = {"food", "medication", "environment"};
  static const char* reactions[] = {"Rash", "Hives", "Swelling of the lips", "Wheezing",
                                    "Nausea and vomiting"};
  static const char* dosages[] = {"1 tablet once daily", "1 tablet twice daily",
                                  "2 tablets three times daily", "5 ml at night",
                                  "1 capsule every morning"};
  static const char* notes[] = {
      "Reviewed at the clinic; continue as planned.",
      "Patient reports feeling better since the last visit.",
      "Discussed diet and exercise; review in three months.",
      "Repeat the test in six weeks.",
  };
  std::uniform_int_distribution<std::int64_t> any;
  for (int first = 0; first < o_.patients; first += kPerTx) {
    db_->write([&](store::Connection& c) {
      Batch accounts(c, "accounts",
                     {"id", "email", "password_hash", "display_name", "preferred_lang",
                      "password_changed_at", "created_at", "updated_at"});
      Batch roles(c, "account_roles", {"account_id", "role", "organisation_id", "granted_at"});
      Batch details(c, "patient_details", {"account_id", "date_of_birth", "sex", "updated_at"});
      Batch sessions(c, "sessions",
                     {"token_hash", "account_id", "created_at", "last_seen_at", "expires_at",
                      "mfa_done", "ip", "user_agent"});
      Batch entries(c, "record_entries",
                    {"id",         "patient_id",   "organisation_id", "resource_type",
                     "category",   "sensitivity",  "code_system",     "code",
                     "status",     "effective_at", "value_num",       "value_num2",
                     "parent_id",  "source_ref",   "document_sha256", "care_until",
                     "version",    "recorded_at",  "recorded_by",     "updated_at",
                     "updated_by", "details",      "resource"});
      Batch versions(c, "record_entry_versions",
                     {"entry_id", "version", "status", "resource", "details", "recorded_at",
                      "recorded_by", "reason"});
      Batch enrolments(c, "sharing_enrolments",
                       {"patient_id", "joined_at", "withdrawn_at", "decided_by", "updated_at"});
      Batch consents(c, "sharing_consents",
                     {"patient_id", "organisation_id", "given_at", "revoked_at", "decided_by"});
      Batch restricts(c, "sharing_restrictions",
                      {"id", "patient_id", "kind", "target", "created_at", "created_by"});
      Batch slots(c, "slots",
                  {"id", "doctor_id", "service_id", "organisation_id", "starts_at", "ends_at",
                   "source", "source_id", "status", "created_at"});
      Batch appointments(
          c, "appointments",
          {"id", "slot_id", "patient_id", "booked_by", "doctor_id", "service_id", "organisation_id",
           "starts_at", "ends_at", "status", "reason", "created_at", "updated_at"});
      for (auto* b : {&roles, &details, &sessions, &entries, &enrolments, &consents, &restricts,
                      &appointments})
        b->after(accounts);
      versions.after(entries);
      appointments.after(slots);
      codes_db_->read([&](store::Connection& cc) {
        for (int i = first; i < std::min(o_.patients, first + kPerTx); ++i) {
          const std::string pid = core::new_id();
          const auto& s = bench::kSurnames[static_cast<std::size_t>(
              uniform(0, static_cast<int>(bench::kSurnames.size()) - 1))];
          const auto& g1 = bench::kGiven[static_cast<std::size_t>(
              uniform(0, static_cast<int>(bench::kGiven.size()) - 1))];
          const auto& g2 = bench::kGiven[static_cast<std::size_t>(
              uniform(0, static_cast<int>(bench::kGiven.size()) - 1))];
          const bool en = chance(0.3);
          accounts.add({pid, "records-patient" + std::to_string(i) + "@bench.yiqiao.hk", hash_,
                        en ? std::string(s.canto) + " " + g1.canto + " " + g2.canto
                           : std::string(s.hant) + g1.hant + g2.hant,
                        en ? "en" : "zh-Hant", now_, now_, now_});
          roles.add({pid, "patient", "", now_});
          char dob[16];
          std::snprintf(dob, sizeof dob, "%04d-%02d-%02d", uniform(1935, 2012), uniform(1, 12),
                        uniform(1, 28));
          details.add({pid, dob, chance(0.5) ? "female" : "male", now_});
          if (i < o_.patient_sessions) {
            const std::string token = core::random_token(32);
            sessions.add({core::sha256_hex(token), pid, now_, now_, now_ + 12 * 3600, 1,
                          "127.0.0.1", "yiqiao-bench"});
            patient_tokens_.emplace_back(pid, token);
          }

          // The organisations that have seen the patient (1 to 3), each with the patient's doctor.
          const int n_orgs = chance(0.5) ? 1 : (chance(0.7) ? 2 : 3);
          std::vector<std::size_t> mine;
          while (static_cast<int>(mine.size()) < n_orgs) {
            const auto o = static_cast<std::size_t>(uniform(0, o_.organisations - 1));
            if (std::find(mine.begin(), mine.end(), o) == mine.end()) mine.push_back(o);
          }
          std::vector<std::size_t> doctor_of(mine.size());
          for (std::size_t k = 0; k < mine.size(); ++k)
            doctor_of[k] = static_cast<std::size_t>(
                uniform(0, static_cast<int>(orgs_[mine[k]].doctors.size()) - 1));
          const auto where = [&]() { return static_cast<std::size_t>(uniform(0, n_orgs - 1)); };

          // About `entries` entries over up to ten years, in the mix a general practice record has.
          std::vector<std::string> ids;
          const double scale = o_.entries / 50.0 * real(0.6, 1.4);
          const auto count = [&](double mean) {
            return std::max(0, static_cast<int>(std::lround(mean * scale * real(0.5, 1.5))));
          };
          const std::int64_t span = kDay * uniform(365, 3650);
          const auto when = [&]() {
            return now_ - kDay - static_cast<std::int64_t>(any(rng_) % span);
          };
          const auto add = [&](std::size_t k, std::int64_t at, records::BuiltEntry b) {
            const Org& org = orgs_[mine[k]];
            const std::string& author = org.doctors[doctor_of[k]].id;
            const std::string id = core::new_id();
            // As records::create_entry stamps it.
            b.resource["id"] = id;
            b.resource["meta"] = {{"versionId", "1"}, {"lastUpdated", core::iso8601_utc(at)}};
            const std::string text = json::serialize(b.resource);
            const std::string shown = json::serialize(b.details);
            json_bytes_ += static_cast<std::int64_t>(text.size() + shown.size());
            const auto& x = b.index;
            entries.add({id,
                         pid,
                         org.id,
                         x.resource_type,
                         x.category,
                         x.sensitivity,
                         x.code_system,
                         x.code,
                         x.status,
                         x.effective_at,
                         x.value_num,
                         x.value_num2,
                         x.parent_id,
                         x.source_ref,
                         x.document_sha256,
                         x.care_until,
                         1,
                         at,
                         author,
                         at,
                         author,
                         shown,
                         text});
            versions.add({id, 1, x.status, text, shown, at, author, ""});
            ids.push_back(id);
            ++entry_rows_;
            return id;
          };
          const auto form = [&](json::object body, std::int64_t at) {
            const std::size_t k = where();
            if (chance(0.2)) body["note"] = notes[uniform(0, 3)];
            // Recorded the afternoon of the day it happened (the form's effective time is noon).
            const auto day = core::hk_day_of(at);
            body["date"] = core::format_day(day);
            const std::int64_t recorded = core::hk_instant(day, 13 * 60 + uniform(0, 300));
            auto built = records::build_from_form(
                cc, body,
                {pid, orgs_[mine[k]].id, orgs_[mine[k]].doctors[doctor_of[k]].id,
                 std::min(recorded, now_)});
            if (!built) {
              std::cerr << "generate: a form was refused: " << json::serialize(body) << "\n";
              std::exit(1);
            }
            add(k, std::min(recorded, now_), std::move(*built));
          };

          // Conditions, some of them psychiatric (an F code: the mental_health class).
          std::vector<std::string> problems;
          const bool mental = chance(0.08);
          if (mental) ++mental_patients_;
          for (int k = count(3); k > 0; --k) problems.push_back(pick(diagnoses_).code);
          if (mental) problems.push_back(pick(mental_).code);
          for (const auto& code : problems)
            form({{"type", "condition"},
                  {"code", code},
                  {"clinical_status",
                   chance(0.6) ? "active" : (chance(0.5) ? "resolved" : "remission")}},
                 when());
          // Encounters with their signed notes: the consultations of the last years.
          const int n_enc = count(5);
          for (int k = 0; k < n_enc; ++k) {
            const std::size_t o = where();
            const Org& org = orgs_[mine[o]];
            const bool recent = k == n_enc - 1 && chance(0.15);
            const std::int64_t start = recent ? now_ - kDay * uniform(1, 10) : when();
            records::ConsultationFacts facts;
            facts.consultation_id = core::new_id();
            facts.doctor_id = org.doctors[doctor_of[o]].id;
            facts.service = org.service_name;
            facts.started_at = start;
            facts.ended_at = start + 900;
            if (recent || chance(0.3)) facts.follow_up_until = start + kDay * uniform(14, 30);
            if (recent && *facts.follow_up_until > now_) ++record_care_;
            if (!problems.empty() && chance(0.7)) facts.diagnoses.push_back(pick(problems));
            const records::Author author{pid, org.id, facts.doctor_id, facts.ended_at};
            const std::string enc =
                add(o, facts.ended_at, records::build_encounter(cc, author, facts));
            if (chance(0.6)) {
              records::SignedNote note{"Cough and sore throat for three days.",
                                       "Temperature 37.8 C. Throat injected; chest clear.",
                                       "Upper respiratory tract infection.",
                                       "Symptomatic treatment; return if worse.",
                                       facts.diagnoses,
                                       1,
                                       facts.ended_at};
              add(o, facts.ended_at, records::build_note(cc, author, enc, facts, note));
            }
          }
          for (int k = chance(0.35) ? uniform(1, 2) : 0; k > 0; --k) {
            json::object body{{"type", "allergy"},
                              {"substance", pick(allergens_).code},
                              {"allergy_category", allergy_categories[uniform(0, 2)]},
                              {"reaction", reactions[uniform(0, 4)]},
                              {"severity", chance(0.7) ? "mild" : "moderate"},
                              {"criticality", chance(0.8) ? "low" : "high"}};
            form(std::move(body), when());
          }
          for (int k = count(4); k > 0; --k)
            form({{"type", "medication"},
                  {"code", pick(medications_).code},
                  {"dosage", dosages[uniform(0, 4)]},
                  {"status", chance(0.5) ? "active" : "completed"}},
                 when());
          for (int k = count(4); k > 0; --k)
            form({{"type", "immunisation"},
                  {"code", pick(vaccines_).code},
                  {"dose_number", uniform(1, 3)},
                  {"site", chance(0.5) ? "left_arm" : "right_arm"},
                  {"lot", "LOT" + std::to_string(uniform(10000, 99999))}},
                 when());
          for (int k = count(8); k > 0; --k) {
            const Code& v = pick(vitals_);
            json::object body{{"type", "vital"}, {"code", v.code}};
            if (v.code == "85354-9") {
              body["systolic"] = uniform(100, 160);
              body["diastolic"] = uniform(60, 100);
            } else {
              body["value"] = value_for(v, 40, 180);
            }
            form(std::move(body), when());
          }
          // Laboratory results: a few tests repeated over the years (HbA1c, lipids, ...).
          const int n_tests = std::max(1, count(5));
          const int n_labs = count(21);
          std::vector<const Code*> tests;
          for (int k = 0; k < n_tests; ++k) tests.push_back(&pick(labs_));
          for (int k = 0; k < n_labs; ++k) {
            const Code& t = *tests[static_cast<std::size_t>(k % n_tests)];
            form({{"type", "lab_result"}, {"code", t.code}, {"value", value_for(t, 1, 100)}},
                 when());
          }

          // Sharing: joined (55%; a few withdrew), consent to some of the organisations, and
          // restrictions of a category, the mental_health class or one entry for some.
          const double r = real(0, 1);
          if (r < 0.55) {
            ++joined_;
            const std::int64_t joined = now_ - kDay * uniform(30, 700);
            enrolments.add({pid, joined, nullptr, pid, joined});
            for (std::size_t k = 0; k < mine.size(); ++k) {
              if (!chance(0.6)) continue;
              consents.add({pid, orgs_[mine[k]].id, joined + kDay, nullptr, pid});
              ++consents_;
            }
            if (chance(0.15)) {
              const int n = uniform(1, 2);
              for (int k = 0; k < n; ++k) {
                std::string kind = "category", target;
                if (mental && k == 0) {
                  target = "mental_health";
                } else if (chance(0.5) && !ids.empty()) {
                  kind = "entry";
                  target = pick(ids);
                } else {
                  static const char* cats[] = {"labs", "medications", "conditions", "encounters"};
                  target = cats[uniform(0, 3)];
                }
                if (kind == "category") ++restricted_category_;
                restricts.add({core::new_id(), pid, kind, target, joined + 2 * kDay, pid});
                ++restrictions_;
              }
            }
          } else if (r < 0.60) {
            enrolments.add({pid, nullptr, now_ - kDay * 20, pid, now_ - kDay * 20});
          }

          // Care now: 70% have a visit booked in the coming 13 days at one of their organisations
          // (some at two).
          std::vector<std::size_t> wanted, caring;
          if (chance(0.7)) wanted.push_back(0);
          if (n_orgs > 1 && chance(0.2)) wanted.push_back(1);
          for (const std::size_t k : wanted) {
            const Org& org = orgs_[mine[k]];
            const auto when_booked = book_time(mine[k], doctor_of[k]);
            if (!when_booked) continue;
            const std::int64_t at = *when_booked;
            const std::string slot = core::new_id();
            const std::string& doc = org.doctors[doctor_of[k]].id;
            slots.add({slot, doc, org.service, org.id, at, at + 900, "template", "bench-fixture",
                       "open", now_});
            appointments.add({core::new_id(), slot, pid, pid, doc, org.service, org.id, at,
                              at + 900, "booked", "Follow-up", now_, now_});
            ++appointment_rows_;
            caring.push_back(k);
          }
          // Reads and writes by a doctor (any of the organisation's) of a caring organisation,
          // drawn evenly from every such pair (reservoir samples).
          for (const std::size_t k : caring) {
            const Org& org = orgs_[mine[k]];
            const Doctor& d = pick(org.doctors);
            const bool consented = false;  // filled in below from the rows just written
            Pair p{d.id, d.token, pid, org.id, consented};
            ++pair_candidates_;
            for (auto* list : {&reads_, &writes_}) {
              if (static_cast<int>(list->size()) < o_.pairs) {
                list->push_back(p);
              } else if (const auto j = static_cast<std::int64_t>(
                             any(rng_) % static_cast<std::uint64_t>(pair_candidates_));
                         j < o_.pairs) {
                (*list)[static_cast<std::size_t>(j)] = p;
              }
            }
          }
        }
      });
      for (auto* b : {&accounts, &roles, &details, &sessions, &entries, &versions, &enrolments,
                      &consents, &restricts, &slots, &appointments})
        b->flush();
    });
    if ((first / kPerTx) % 10 == 9 || first + kPerTx >= o_.patients)
      step("patients", std::min(o_.patients, first + kPerTx));
  }
}

void Generator::outputs() {
  // Whether each pair's organisation has the patient's consent (for the report's mix).
  db_->read([&](store::Connection& c) {
    for (auto* list : {&reads_, &writes_})
      for (auto& p : *list)
        p.consented =
            c.query_one(
                 "SELECT 1 FROM sharing_consents s JOIN sharing_enrolments e ON "
                 "e.patient_id = s.patient_id WHERE s.patient_id = ? AND "
                 "s.organisation_id = ? AND s.revoked_at IS NULL AND e.joined_at IS NOT NULL",
                 {p.patient, p.org})
                .has_value();
  });
  {
    std::ofstream out(o_.out + "/patients.tsv");
    for (const auto& [id, token] : patient_tokens_) out << id << "\t" << token << "\n";
  }
  {
    std::ofstream out(o_.out + "/doctors.tsv");
    for (const auto& org : orgs_)
      for (const auto& d : org.doctors) out << d.id << "\t" << org.id << "\t" << d.token << "\n";
  }
  for (const auto& [name, list] : {std::pair{"reads", &reads_}, std::pair{"writes", &writes_}}) {
    std::shuffle(list->begin(), list->end(), rng_);
    std::ofstream out(o_.out + "/" + name + ".tsv");
    for (const auto& p : *list)
      out << p.doctor << "\t" << p.token << "\t" << p.patient << "\t" << p.org << "\t"
          << (p.consented ? 1 : 0) << "\n";
  }
  std::ofstream labs(o_.out + "/lab_codes.txt");
  for (const auto& k : labs_) labs << k.code << "\t" << value_for(k, 1, 100) << "\n";
}

int Generator::run() {
  if (sodium_init() < 0) return 1;
  std::filesystem::create_directories(o_.out);
  db_ = store::open_database(o_.database, 1);
  store::migrate(*db_);
  // The entry forms look codes up: an in-memory copy of the same migrations answers them at once
  // whichever engine is being filled (the forms read nothing else).
  codes_db_ = store::open_database("sqlite::memory:", 1);
  store::migrate(*codes_db_);
  if (db_->read(
          [](store::Connection& c) { return c.query_one("SELECT 1 FROM accounts LIMIT 1"); })) {
    std::cerr << "generate: the database is not empty\n";
    return 1;
  }
  if (db_->dialect() == store::Dialect::sqlite)
    db_->read([](store::Connection& c) { c.execute("PRAGMA cache_size = -1000000"); });
  now_ = clock_.now();
  // One argon2id hash shared by every generated account (password "Bench-pass-2026").
  hash_ = core::password_hash("Bench-pass-2026", core::interactive_password_cost());
  load_codes();
  organisations();
  step("organisations and doctors", o_.organisations);
  // The directory's rows for the doctors, as the server builds them.
  scheduling::rebuild_marked(*db_, now_, std::numeric_limits<std::size_t>::max(), 500);
  patients();
  outputs();
  step("outputs", static_cast<std::int64_t>(reads_.size()));
  if (db_->dialect() == store::Dialect::postgresql)
    db_->read([](store::Connection& c) { c.execute_script("ANALYZE"); });
  else
    db_->read([](store::Connection& c) { c.execute("ANALYZE"); });
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
  std::int64_t consented_reads = 0;
  for (const auto& p : reads_) consented_reads += p.consented;
  std::ofstream(o_.out + "/summary.json")
      << "{\"organisations\":" << o_.organisations
      << ",\"doctors\":" << o_.organisations * o_.doctors_per_org << ",\"patients\":" << o_.patients
      << ",\"entries\":" << entry_rows_ << ",\"entry_json_bytes\":" << json_bytes_
      << ",\"appointments\":" << appointment_rows_ << ",\"record_follow_ups\":" << record_care_
      << ",\"joined\":" << joined_ << ",\"consents\":" << consents_
      << ",\"restrictions\":" << restrictions_
      << ",\"category_restrictions\":" << restricted_category_
      << ",\"mental_health_patients\":" << mental_patients_
      << ",\"patient_sessions\":" << patient_tokens_.size() << ",\"reads\":" << reads_.size()
      << ",\"consented_reads\":" << consented_reads << ",\"seconds\":" << static_cast<int>(s)
      << ",\"generated_at\":" << now_ << "}\n";
  std::cerr << "generate: done in " << static_cast<int>(s) << " s: " << entry_rows_ << " entries\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--database")
      o.database = v;
    else if (k == "--out")
      o.out = v;
    else if (k == "--organisations")
      o.organisations = std::stoi(v);
    else if (k == "--patients")
      o.patients = std::stoi(v);
    else if (k == "--entries")
      o.entries = std::stoi(v);
    else if (k == "--doctors-per-organisation")
      o.doctors_per_org = std::stoi(v);
    else if (k == "--patient-sessions")
      o.patient_sessions = std::stoi(v);
    else if (k == "--pairs")
      o.pairs = std::stoi(v);
    else if (k == "--seed")
      o.seed = static_cast<unsigned>(std::stoul(v));
    else {
      std::cerr << "generate: unknown option " << k << "\n";
      return 2;
    }
  }
  if (o.database.empty() || o.out.empty() || o.organisations < 1 || o.patients < 1) {
    std::cerr << "usage: yiqiao-bench-records-generate --database URL --out DIR [options]\n";
    return 2;
  }
  return Generator(o).run();
}
