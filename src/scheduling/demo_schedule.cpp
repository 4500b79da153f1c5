#include "scheduling/demo_schedule.hpp"

#include <vector>

#include "audit/audit_log.hpp"
#include "core/hk_calendar.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "identity/demo_data.hpp"
#include "scheduling/availability/hk_holidays.hpp"
#include "scheduling/availability/slot_horizon.hpp"
#include "scheduling/booking/booking.hpp"
#include "scheduling/dependants.hpp"

namespace yq::scheduling {

namespace {

struct DemoService {
  const char* key;
  const char* org;  // organisation name_en in identity's demo data
  const char* en;
  const char* zh_hant;
  const char* zh_hans;
  const char* specialty;
  const char* type;
  int slot_minutes;
  long fee_cents;
  bool queue;
};

struct DemoWeek {
  const char* service;
  const char* doctor;  // e-mail
  std::vector<int> weekdays;
  int from, to;  // local minutes
};

const std::vector<DemoService> kServices{
    {"gp", "Harbour Health Clinic", "General practice", "普通科", "普通科", "general_practice",
     "video", 15, 38000, true},
    {"covid", "Harbour Health Clinic", "COVID-19 mild symptoms", "新冠病毒輕微病徵",
     "新冠病毒轻微症状", "general_practice", "video", 10, 20000, true},
    {"gp_in_person", "Harbour Health Clinic", "Family medicine (in person)", "家庭醫學（親身應診）",
     "家庭医学（亲身应诊）", "family_medicine", "in_person", 20, 48000, false},
    {"psych", "Kowloon East Hospital", "Psychological support", "心理支援", "心理支援",
     "clinical_psychology", "voice", 30, 0, true},
    {"psychiatry", "Kowloon East Hospital", "Psychiatry follow-up", "精神科覆診", "精神科复诊",
     "psychiatry", "video", 20, 0, false},
    {"cardio", "Greater Bay Private Hospital", "Cardiology consultation", "心臟科診症",
     "心脏科诊症", "cardiology", "in_person", 20, 60000, false},
};

const std::vector<DemoWeek> kWeeks{
    {"gp", "doctor@demo.yiqiao.hk", {1, 2, 3, 4, 5, 6, 7}, 9 * 60, 12 * 60},
    {"gp_in_person", "doctor@demo.yiqiao.hk", {1, 2, 3, 4, 5}, 14 * 60, 17 * 60},
    {"covid", "doctor@demo.yiqiao.hk", {1, 2, 3, 4, 5, 6, 7}, 18 * 60, 20 * 60},
    {"psych", "doctor2@demo.yiqiao.hk", {1, 2, 3, 4, 5, 6, 7}, 10 * 60, 13 * 60},
    {"psychiatry", "doctor2@demo.yiqiao.hk", {1, 3, 5}, 14 * 60, 17 * 60},
    {"cardio", "doctor3@demo.yiqiao.hk", {1, 2, 3, 4, 5}, 9 * 60, 12 * 60},
};

}  // namespace

bool load_demo_schedule(Env& env) {
  const bool loaded = env.db.write([&](store::Connection& c) {
    const std::int64_t now = env.clock.now();
    std::vector<std::pair<std::string, std::string>> service_ids;
    for (const auto& s : kServices) {
      const auto org = identity::demo_organisation_id(c, s.org);
      if (!org) return false;
      const std::string id = core::new_id();
      service_ids.emplace_back(s.key, id);
      c.execute(
          "INSERT INTO services (id, organisation_id, name_en, name_zh_hant, name_zh_hans, "
          "specialty, consultation_type, slot_minutes, fee_cents, queue_enabled, created_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {id, *org, s.en, s.zh_hant, s.zh_hans, s.specialty, s.type, s.slot_minutes, s.fee_cents,
           s.queue, now, now});
      seed_holidays_once(c, env.clock, *org);
    }
    const std::string today = core::format_day(core::hk_day_of(now));
    for (const auto& w : kWeeks) {
      const auto doctor = identity::demo_account_id(c, w.doctor);
      if (!doctor) return false;
      std::string service;
      for (const auto& [k, id] : service_ids)
        if (k == w.service) service = id;
      for (const int weekday : w.weekdays)
        c.execute(
            "INSERT INTO availability_templates (id, doctor_id, service_id, weekday, "
            "start_minute, end_minute, valid_from, valid_until, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?)",
            {core::new_id(), *doctor, service, weekday, w.from, w.to, today, now, now});
    }
    const auto parent = identity::demo_account_id(c, "patient@demo.yiqiao.hk");
    if (!parent) return false;
    create_child(c, now, *parent, ChildInput{"Chan Siu Bo", "2019-05-12", "male"});
    audit::Event e;
    e.action = "system.demo_schedule_loaded";
    e.detail = std::to_string(kServices.size()) + " services";
    audit::record(c, env.clock, e);
    return true;
  });
  if (!loaded) return false;
  const auto run = extend_horizon(env);
  core::log::info("demo_schedule_loaded", {{"services", kServices.size()}, {"slots", run.added}});
  return true;
}

namespace {

// Who books which demo service (its doctor's earliest free slot, a day after the one before).
struct DemoVisit {
  const char* patient;
  const char* service;  // DemoService en name
};
const std::vector<DemoVisit> kVisits{
    {"patient@demo.yiqiao.hk", "General practice"},          // Harbour: consented
    {"patient@demo.yiqiao.hk", "Cardiology consultation"},   // Greater Bay: no consent
    {"patient2@demo.yiqiao.hk", "Cardiology consultation"},  // Greater Bay: consented
    {"patient3@demo.yiqiao.hk", "Psychiatry follow-up"},     // Kowloon East: not joined
};

}  // namespace

void book_demo_visits(Env& env, Booking& booking) {
  std::int64_t from = env.clock.now() + 3600;
  for (const auto& v : kVisits) {
    from += 86400;  // one a day: a patient is not in two hospitals at once
    const auto found = env.db.read([&](store::Connection& c)
                                       -> std::optional<std::pair<std::string, std::string>> {
      const auto patient = identity::demo_account_id(c, v.patient);
      if (!patient) return std::nullopt;
      const auto slot = c.query_one(
          "SELECT s.id FROM slots s JOIN services v ON v.id = s.service_id WHERE v.name_en = ? "
          "AND s.status = 'open' AND s.starts_at > ? AND NOT EXISTS (SELECT 1 FROM appointments "
          "a WHERE a.slot_id = s.id AND a.status <> 'cancelled') ORDER BY s.starts_at LIMIT 1",
          {v.service, from});
      if (!slot) return std::nullopt;
      return std::pair{*patient, slot->text(0)};
    });
    if (!found) continue;
    identity::Principal who;
    who.account_id = found->first;
    who.roles = {{"patient", ""}};
    who.mfa_done = true;
    BookingInput in;
    in.slot_id = found->second;
    in.patient_id = found->first;
    in.reason = "Review";
    const auto booked = booking.book(who, in, std::nullopt, "", {"127.0.0.1", "demo"});
    if (!booked)
      core::log::warn("demo_visit_not_booked", {{"patient", v.patient}, {"service", v.service}});
  }
}

}  // namespace yq::scheduling
