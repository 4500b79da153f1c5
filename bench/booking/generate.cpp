// yiqiao-bench-generate: fills an empty database with a pandemic-scale directory for
// bench/booking/run.sh. It opens the database through the server's own store layer (so the
// server's migrations make the schema), computes doctor search keys with the server's own OpenCC
// normalisation, seeds holidays with the server's own seeder, and writes slots exactly where the
// server's slot materialiser wants them (so the server's start-up horizon pass adds and withdraws
// nothing). Rows go in as multi-row INSERTs in large transactions.
//
//   yiqiao-bench-generate --database URL --out DIR [--organisations 80] [--doctors 48000]
//                         [--patients 1600000] [--days 30] [--sessions 6000] [--seed 1]
//
// DIR receives what the load driver needs: patients.tsv and doctors.tsv (account id, bearer
// token), slots.txt (free slot ids, shuffled), queries.txt (directory searches), queue.txt
// (the queue service id) and summary.json.
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "core/hk_calendar.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "names.hpp"
#include "scheduling/availability/hk_holidays.hpp"
#include "scheduling/directory/index.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace {

using namespace yq;
using bench::kDistricts;
using bench::kGiven;
using bench::kSpecialties;
using bench::kSurnames;

struct Options {
  std::string database, out;
  int organisations = 80, doctors = 48000, patients = 1600000, days = 30, sessions = 6000;
  int sessions_per_week = 3;
  unsigned seed = 1;
};

// Rows for one table, flushed as multi-row INSERTs (the same statement text each time, so the
// store's statement cache prepares it once). Under SQLite's 32,766 and PostgreSQL's 65,535
// parameters per statement.
class Batch {
 public:
  Batch(store::Connection& c, std::string table, std::vector<std::string> columns)
      : c_(c), table_(std::move(table)), columns_(std::move(columns)) {
    per_statement_ = std::max<std::size_t>(1, std::min<std::size_t>(1000, 30000 / columns_.size()));
  }
  // Rows of `parent` go in before any of ours (foreign keys are checked per statement).
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

struct Org {
  std::string id;
  const bench::District* district;
  std::vector<int> specialties;  // indexes into kSpecialties
  // service ids per specialty index, and their slot minutes
  std::vector<std::vector<std::pair<std::string, int>>> services;
  std::string queue_service;
  std::set<std::string> holidays;
};

// Percent-encodes a query string's values (the names and spaces), leaving its '=' and '&'.
std::string url_encoded(std::string_view query) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char ch : query) {
    if (std::isalnum(ch) ||
        std::string_view("-_.~=&").find(static_cast<char>(ch)) != std::string_view::npos) {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += hex[ch >> 4];
      out += hex[ch & 15];
    }
  }
  return out;
}

struct Person {
  std::string display, name_zh;
};

class Generator {
 public:
  explicit Generator(const Options& o) : o_(o), rng_(o.seed) {}
  int run();

 private:
  template <class T>
  const T& pick(const T* items, std::size_t n) {
    return items[std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_)];
  }
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  Person doctor_name(const bench::District& d);
  std::string patient_name(std::string& lang);
  void organisations(store::Connection& c);
  void doctors();
  void patients();
  void outputs();
  void step(const char* what, std::int64_t rows) {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    std::cerr << "generate: " << what << ": " << rows << " rows, " << static_cast<int>(s)
              << " s so far\n";
  }

  Options o_;
  std::mt19937_64 rng_;
  std::unique_ptr<store::Database> db_;
  core::SystemClock clock_;
  std::int64_t now_ = 0;
  std::string hash_;
  std::vector<Org> orgs_;
  std::vector<std::string> queue_doctors_;  // doctors of the first organisation
  std::vector<std::string> slot_sample_;    // reservoir of future slot ids
  std::int64_t slots_seen_ = 0, slot_rows_ = 0, template_rows_ = 0;
  std::vector<std::string> queries_;
  std::chrono::steady_clock::time_point t0_ = std::chrono::steady_clock::now();
};

Person Generator::doctor_name(const bench::District& d) {
  const bool mainland =
      std::string_view(d.region) != "hong_kong" && std::string_view(d.region) != "macao";
  if (chance(0.05)) {
    return {std::string("Dr. ") + pick(bench::kWesternGiven.data(), bench::kWesternGiven.size()) +
                " " + pick(bench::kWesternFamily.data(), bench::kWesternFamily.size()),
            ""};
  }
  const auto& s = pick(kSurnames.data(), kSurnames.size());
  const auto& g1 = pick(kGiven.data(), kGiven.size());
  const auto& g2 = pick(kGiven.data(), kGiven.size());
  Person p;
  p.name_zh =
      mainland ? std::string(s.hans) + g1.hans + g2.hans : std::string(s.hant) + g1.hant + g2.hant;
  if (chance(0.15)) {
    // Some write their display name in Chinese too, in their region's script.
    p.display = p.name_zh + (mainland ? "医生" : "醫生");
  } else if (mainland) {
    std::string given = std::string(g1.pinyin) + g2.pinyin;
    for (std::size_t i = 1; i < given.size(); ++i)
      given[i] = static_cast<char>(std::tolower(given[i]));
    p.display = std::string("Dr. ") + s.pinyin + " " + given;
  } else {
    p.display = std::string("Dr. ") + s.canto + " " + g1.canto + " " + g2.canto;
  }
  return p;
}

std::string Generator::patient_name(std::string& lang) {
  const auto& s = pick(kSurnames.data(), kSurnames.size());
  const auto& g1 = pick(kGiven.data(), kGiven.size());
  const auto& g2 = pick(kGiven.data(), kGiven.size());
  const int script = uniform(0, 9);
  if (script < 4) {
    lang = "zh-Hant";
    return std::string(s.hant) + g1.hant + g2.hant;
  }
  if (script < 7) {
    lang = "zh-Hans";
    return std::string(s.hans) + g1.hans + g2.hans;
  }
  lang = "en";
  return std::string(s.canto) + " " + g1.canto + " " + g2.canto;
}

void Generator::organisations(store::Connection& c) {
  static const char* kinds[] = {"public_hospital", "private_hospital", "clinic"};
  Batch orgs(c, "organisations",
             {"id", "kind", "name_en", "name_zh_hant", "name_zh_hans", "region", "address", "phone",
              "email", "active", "created_at", "updated_at"});
  Batch services(c, "services",
                 {"id", "organisation_id", "name_en", "name_zh_hant", "name_zh_hans", "specialty",
                  "consultation_type", "slot_minutes", "fee_cents", "currency", "queue_enabled",
                  "queue_hours", "active", "created_at", "updated_at"});
  services.after(orgs);
  for (int i = 0; i < o_.organisations; ++i) {
    Org org;
    org.id = core::new_id();
    org.district = &kDistricts[i % kDistricts.size()];
    const char* kind = kinds[i % 3];
    const std::string n = std::to_string(i / kDistricts.size() + 1);
    const std::string_view region = org.district->region;
    const char* currency = region == "hong_kong" ? "HKD" : region == "macao" ? "MOP" : "CNY";
    std::string en = std::string(org.district->en) + " " +
                     (kind == std::string_view("clinic") ? "Medical Centre " : "Hospital ") + n;
    std::string hant = std::string(org.district->hant) +
                       (kind == std::string_view("clinic") ? "醫療中心" : "醫院") + n;
    std::string hans = std::string(org.district->hans) +
                       (kind == std::string_view("clinic") ? "医疗中心" : "医院") + n;
    orgs.add({org.id, kind, en, hant, hans, org.district->region,
              std::to_string(uniform(1, 300)) + " " + org.district->en + " Road",
              "+852 2" + std::to_string(uniform(1000000, 9999999)), "", 1, now_, now_});
    // General practice everywhere, plus 7 to 11 other specialties.
    std::vector<int> specs(kSpecialties.size() - 1);
    for (std::size_t k = 0; k < specs.size(); ++k) specs[k] = static_cast<int>(k + 1);
    std::shuffle(specs.begin(), specs.end(), rng_);
    specs.resize(static_cast<std::size_t>(uniform(7, 11)));
    specs.insert(specs.begin(), 0);
    org.specialties = specs;
    org.services.resize(kSpecialties.size());
    for (int sp : specs) {
      const auto& s = kSpecialties[static_cast<std::size_t>(sp)];
      // A video service for every specialty; in person or by voice for some.
      struct Kind {
        const char *type, *en, *hant, *hans;
        int minutes;
      };
      std::vector<Kind> kinds_of{{"video", "video consultation", "視像診症", "视像诊症", 15}};
      if (chance(0.5)) kinds_of.push_back({"in_person", "clinic visit", "門診", "门诊", 20});
      if (chance(0.25))
        kinds_of.push_back({"voice", "phone consultation", "電話診症", "电话诊症", 30});
      for (const auto& k : kinds_of) {
        const std::string id = core::new_id();
        services.add({id, org.id, std::string(s.en) + " " + k.en, std::string(s.hant) + k.hant,
                      std::string(s.hans) + k.hans, s.code, k.type, k.minutes,
                      uniform(0, 8) * 10000, currency, 0, "", 1, now_, now_});
        org.services[static_cast<std::size_t>(sp)].emplace_back(id, k.minutes);
      }
    }
    // The "see a doctor now" queue of the organisation: open around the clock.
    org.queue_service = core::new_id();
    services.add({org.queue_service, org.id, "See a doctor now", "即時視像診症", "即时视像诊症",
                  "general_practice", "video", 10, 20000, currency, 1, "", 1, now_, now_});
    orgs_.push_back(std::move(org));
  }
  services.flush();
  for (auto& org : orgs_) {
    scheduling::seed_holidays_once(c, clock_, org.id);
    for (const auto& r :
         c.query("SELECT day FROM public_holidays WHERE organisation_id = ?", {org.id}))
      org.holidays.insert(r.text(0));
  }
}

void Generator::doctors() {
  using namespace scheduling;
  const core::DayNumber today = core::hk_day_of(now_);
  const core::DayNumber last = today + o_.days - 1;
  const std::string valid_from = core::format_day(today), valid_until = core::format_day(last);
  // Three-hour sessions: morning, afternoon or evening clinic (Hong Kong local minutes).
  const int starts[] = {9 * 60, 14 * 60, 19 * 60};
  const std::int64_t bookable_from = now_ + 2 * 3600;  // leave the next hours to the materialiser
  constexpr int kPerTx = 2000;
  std::uniform_int_distribution<std::int64_t> any;
  for (int first = 0; first < o_.doctors; first += kPerTx) {
    db_->write([&](store::Connection& c) {
      Batch accounts(
          c, "accounts",
          {"id", "email", "password_hash", "display_name", "preferred_lang", "totp_secret",
           "totp_enabled", "password_changed_at", "created_at", "updated_at"});
      Batch roles(c, "account_roles", {"account_id", "role", "organisation_id", "granted_at"});
      Batch profiles(
          c, "doctor_profiles",
          {"account_id", "organisation_id", "title", "name_zh", "registration_no", "qualifications",
           "bio_en", "bio_zh_hant", "bio_zh_hans", "fee_cents", "currency", "updated_at"});
      Batch specialties(c, "doctor_specialties", {"account_id", "specialty"});
      Batch languages(c, "doctor_languages", {"account_id", "language"});
      Batch templates(c, "availability_templates",
                      {"id", "doctor_id", "service_id", "weekday", "start_minute", "end_minute",
                       "valid_from", "valid_until", "created_at", "updated_at"});
      Batch slots(c, "slots",
                  {"id", "doctor_id", "service_id", "organisation_id", "starts_at", "ends_at",
                   "source", "source_id", "status", "created_at"});
      roles.after(accounts);
      profiles.after(accounts);
      specialties.after(accounts);
      languages.after(accounts);
      templates.after(accounts);
      slots.after(accounts);
      for (int i = first; i < std::min(o_.doctors, first + kPerTx); ++i) {
        Org& org = orgs_[static_cast<std::size_t>(i % o_.organisations)];
        const std::string id = core::new_id();
        if (i % o_.organisations == 0 && queue_doctors_.size() < 8) queue_doctors_.push_back(id);
        const Person p = doctor_name(*org.district);
        const std::string_view region = org.district->region;
        const bool mainland = region != "hong_kong" && region != "macao";
        const char* lang = mainland ? "zh-Hans" : (chance(0.5) ? "zh-Hant" : "en");
        // Staff must use TOTP; the secret is never used by the benchmark (sessions are made here).
        accounts.add({id, "doctor" + std::to_string(i) + "@bench.yiqiao.hk", hash_, p.display, lang,
                      "JBSWY3DPEHPK3PXP", 1, now_, now_, now_});
        roles.add({id, "doctor", org.id, now_});
        const int primary = org.specialties[static_cast<std::size_t>(
            uniform(0, static_cast<int>(org.specialties.size()) - 1))];
        const auto& spec = kSpecialties[static_cast<std::size_t>(primary)];
        profiles.add({id, org.id, "Dr.", p.name_zh,
                      std::string(mainland ? "GD" : "M") + std::to_string(10000 + i),
                      mainland ? "MD" : "MBBS (HK)",
                      std::string(spec.en) + " doctor in " + org.district->en + ".",
                      std::string(org.district->hant) + spec.hant + "醫生。",
                      std::string(org.district->hans) + spec.hans + "医生。", uniform(0, 12) * 5000,
                      mainland ? "CNY" : "HKD", now_});
        specialties.add({id, spec.code});
        if (chance(0.3) && primary != 0) specialties.add({id, "general_practice"});
        languages.add({id, mainland ? "cmn" : "yue"});
        if (chance(0.7)) languages.add({id, "en"});
        if (chance(mainland ? 0.4 : 0.5)) languages.add({id, mainland ? "yue" : "cmn"});
        if (chance(0.05))
          languages.add({id, bench::kLanguages[static_cast<std::size_t>(uniform(3, 12))]});
        // Weekly clinics on distinct weekdays (Monday to Saturday), valid for the generated days.
        int weekdays[] = {1, 2, 3, 4, 5, 6};
        std::shuffle(std::begin(weekdays), std::end(weekdays), rng_);
        const auto& offered = org.services[static_cast<std::size_t>(primary)];
        for (int w = 0; w < o_.sessions_per_week && w < 6; ++w) {
          const auto& [service_id, minutes] =
              offered[static_cast<std::size_t>(uniform(0, static_cast<int>(offered.size()) - 1))];
          const int start = starts[uniform(0, 2)], end = start + 180;
          const std::string tid = core::new_id();
          templates.add(
              {tid, id, service_id, weekdays[w], start, end, valid_from, valid_until, now_, now_});
          ++template_rows_;
          // The slots the materialiser wants for this template (slot_materialiser.cpp).
          for (core::DayNumber day = today; day <= last; ++day) {
            if (core::iso_weekday(day) != weekdays[w] ||
                org.holidays.contains(core::format_day(day)))
              continue;
            for (int m = start; m + minutes <= end; m += minutes) {
              const std::int64_t s = core::hk_instant(day, m);
              if (s < now_) continue;
              const std::string sid = core::new_id();
              slots.add({sid, id, service_id, org.id, s, s + minutes * 60, "template", tid, "open",
                         now_});
              ++slot_rows_;
              if (s < bookable_from) continue;
              // Reservoir sample of bookable slots for the load driver.
              if (slot_sample_.size() < 400000) {
                slot_sample_.push_back(sid);
              } else if (const auto j = any(rng_) % static_cast<std::uint64_t>(slots_seen_ + 1);
                         j < static_cast<std::int64_t>(slot_sample_.size())) {
                slot_sample_[static_cast<std::size_t>(j)] = sid;
              }
              ++slots_seen_;
            }
          }
        }
        if (i % 97 == 0) {
          // Queries built from real names, in the script stored and in the other one.
          const std::string dn = p.display.starts_with("Dr. ") ? p.display.substr(4) : p.display;
          if (!p.name_zh.empty()) queries_.push_back("q=" + p.name_zh.substr(0, 3));  // surname
          queries_.push_back("q=" + dn.substr(0, dn.find(' ')));
          if (!p.name_zh.empty()) queries_.push_back("q=" + p.name_zh);
        }
      }
      for (auto* b : {&accounts, &roles, &profiles, &specialties, &languages, &templates, &slots})
        b->flush();
    });
    step("doctors", std::min(o_.doctors, first + kPerTx));
  }
}

void Generator::patients() {
  constexpr int kPerTx = 50000;
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
      roles.after(accounts);
      details.after(accounts);
      sessions.after(accounts);
      std::ofstream tokens(o_.out + "/patients.tsv", std::ios::app);
      for (int i = first; i < std::min(o_.patients, first + kPerTx); ++i) {
        const std::string id = core::new_id();
        std::string lang;
        const std::string name = patient_name(lang);
        accounts.add({id, "patient" + std::to_string(i) + "@bench.yiqiao.hk", hash_, name, lang,
                      now_, now_, now_});
        roles.add({id, "patient", "", now_});
        char dob[16];
        std::snprintf(dob, sizeof dob, "%04d-%02d-%02d", uniform(1930, 2010), uniform(1, 12),
                      uniform(1, 28));
        details.add({id, dob, chance(0.5) ? "female" : "male", now_});
        if (i < o_.sessions) {
          const std::string token = core::random_token(32);
          sessions.add({core::sha256_hex(token), id, now_, now_, now_ + 12 * 3600, 1, "127.0.0.1",
                        "yiqiao-bench"});
          tokens << id << "\t" << token << "\n";
        }
      }
      for (auto* b : {&accounts, &roles, &details, &sessions}) b->flush();
    });
    if ((first / kPerTx) % 8 == 7 || first + kPerTx >= o_.patients)
      step("patients", std::min(o_.patients, first + kPerTx));
  }
}

void Generator::outputs() {
  db_->write([&](store::Connection& c) {
    Batch sessions(c, "sessions",
                   {"token_hash", "account_id", "created_at", "last_seen_at", "expires_at",
                    "mfa_done", "ip", "user_agent"});
    std::ofstream tokens(o_.out + "/doctors.tsv");
    for (const auto& id : queue_doctors_) {
      const std::string token = core::random_token(32);
      sessions.add({core::sha256_hex(token), id, now_, now_, now_ + 12 * 3600, 1, "127.0.0.1",
                    "yiqiao-bench"});
      tokens << id << "\t" << token << "\n";
    }
    sessions.flush();
  });
  std::ofstream(o_.out + "/queue.txt") << orgs_.front().queue_service << "\n";
  std::shuffle(slot_sample_.begin(), slot_sample_.end(), rng_);
  {
    std::ofstream slots(o_.out + "/slots.txt");
    for (const auto& s : slot_sample_) slots << s << "\n";
  }
  // Directory searches: names in three scripts (the Traditional ones also asked in Simplified and
  // the other way round), filters alone and together, earliest availability.
  const auto today = core::hk_day_of(now_);
  std::vector<std::string> q;
  for (const auto& s : kSurnames) {
    q.push_back(std::string("q=") + s.hant);
    q.push_back(std::string("q=") + s.hans);
    q.push_back(std::string("q=") + s.canto);
    q.push_back(std::string("q=") + s.pinyin);
  }
  for (std::size_t i = 0; i < kGiven.size(); i += 3)
    q.push_back(std::string("q=") + kGiven[i].hant + kGiven[(i + 1) % kGiven.size()].hant);
  for (const auto& x : queries_) q.push_back(x);
  for (const auto& s : kSpecialties) {
    q.push_back(std::string("specialty=") + s.code);
    q.push_back(std::string("specialty=") + s.code + "&language=en&sort=next_free");
    q.push_back(
        std::string("specialty=") + s.code + "&region=" +
        kDistricts[static_cast<std::size_t>(uniform(0, static_cast<int>(kDistricts.size()) - 1))]
            .region);
    q.push_back(std::string("specialty=") + s.code +
                "&available_before=" + core::format_day(today + uniform(1, 7)));
    q.push_back(std::string("specialty=") + s.code + "&consultation_type=video&region=hong_kong");
  }
  for (const char* l : {"yue", "cmn", "en", "hak", "ja", "fr"})
    q.push_back(std::string("language=") + l);
  for (const auto& d : kDistricts) q.push_back(std::string("region=") + d.region);
  for (const auto& org : orgs_) q.push_back("organisation=" + org.id + "&sort=next_free");
  q.push_back("sort=next_free");
  q.push_back("available_before=" + core::format_day(today + 2));
  q.push_back("");
  std::shuffle(q.begin(), q.end(), rng_);
  std::ofstream queries(o_.out + "/queries.txt");
  for (const auto& x : q)
    queries << "/api/v1/doctors" << (x.empty() ? "" : "?") << url_encoded(x) << "\n";
}

int Generator::run() {
  if (sodium_init() < 0) return 1;
  std::filesystem::create_directories(o_.out);
  std::filesystem::remove(o_.out + "/patients.tsv");
  db_ = store::open_database(o_.database, 1);
  store::migrate(*db_);
  if (db_->read(
          [](store::Connection& c) { return c.query_one("SELECT 1 FROM accounts LIMIT 1"); })) {
    std::cerr << "generate: the database is not empty\n";
    return 1;
  }
  if (db_->dialect() == store::Dialect::sqlite) {
    // Bulk loading: a big page cache (few, large transactions make the fsyncs rare anyway).
    db_->read([](store::Connection& c) { c.execute("PRAGMA cache_size = -2000000"); });
  }
  now_ = clock_.now();
  // One argon2id hash (interactive cost, like the server's) shared by every generated account:
  // password "Bench-pass-2026". Hashing 1.6 million would take days and prove nothing here.
  hash_ = core::password_hash("Bench-pass-2026", core::interactive_password_cost());
  db_->write([&](store::Connection& c) { organisations(c); });
  step("organisations and services", o_.organisations);
  doctors();
  // The directory's rows, built the way the server builds them (the triggers marked everyone), in
  // large transactions since nothing else is writing.
  step("directory rows", static_cast<std::int64_t>(scheduling::rebuild_marked(
                             *db_, now_, std::numeric_limits<std::size_t>::max(), 500)));
  patients();
  outputs();
  if (db_->dialect() == store::Dialect::postgresql)
    db_->read([](store::Connection& c) { c.execute_script("ANALYZE"); });
  else
    db_->read([](store::Connection& c) { c.execute("ANALYZE"); });
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
  std::ofstream(o_.out + "/summary.json")
      << "{\"organisations\":" << o_.organisations << ",\"doctors\":" << o_.doctors
      << ",\"patients\":" << o_.patients << ",\"days\":" << o_.days
      << ",\"templates\":" << template_rows_ << ",\"slots\":" << slot_rows_
      << ",\"sessions\":" << std::min(o_.sessions, o_.patients)
      << ",\"seconds\":" << static_cast<int>(s) << ",\"generated_at\":" << now_ << "}\n";
  std::cerr << "generate: done in " << static_cast<int>(s) << " s: " << slot_rows_ << " slots\n";
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
    else if (k == "--doctors")
      o.doctors = std::stoi(v);
    else if (k == "--patients")
      o.patients = std::stoi(v);
    else if (k == "--days")
      o.days = std::stoi(v);
    else if (k == "--sessions")
      o.sessions = std::stoi(v);
    else if (k == "--sessions-per-week")
      o.sessions_per_week = std::stoi(v);
    else if (k == "--seed")
      o.seed = static_cast<unsigned>(std::stoul(v));
    else {
      std::cerr << "generate: unknown option " << k << "\n";
      return 2;
    }
  }
  if (o.database.empty() || o.out.empty() || o.organisations < 1 || o.days < 1 || o.days > 60) {
    std::cerr << "usage: yiqiao-bench-generate --database URL --out DIR [--organisations N] "
                 "[--doctors N] [--patients N] [--days 1-60] [--sessions N] [--sessions-per-week "
                 "N] [--seed N]\n";
    return 2;
  }
  try {
    return Generator(o).run();
  } catch (const std::exception& e) {
    std::cerr << "generate: " << e.what() << "\n";
    return 1;
  }
}
