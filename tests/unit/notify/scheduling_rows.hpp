#pragma once
// The rows a notification test needs (an organisation, a doctor, a service, patients, a parent
// with a child, appointments), written straight into a migrated database: notify is tested on its
// own, without the scheduling module.
#include <cstdint>
#include <optional>
#include <string>

#include "core/ids.hpp"
#include "notify/notice_text.hpp"
#include "notify/reminder_sender.hpp"
#include "store/database.hpp"

namespace yq::notify::testrows {

struct People {
  std::string org, doctor, service;
  std::string patient;  // preferred language zh-Hant
  std::string parent;   // English
  std::string child;    // a managed child: no mailbox of its own (.invalid)
};

inline std::string add_account(store::Connection& c, const std::string& email,
                               const std::string& name, const std::string& lang) {
  const std::string id = core::new_id();
  c.execute(
      "INSERT INTO accounts (id, email, display_name, preferred_lang, password_changed_at, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0, 0)",
      {id, email, name, lang});
  return id;
}

inline People add_people(store::Database& db) {
  People p;
  db.write([&](store::Connection& c) {
    p.org = core::new_id();
    c.execute(
        "INSERT INTO organisations (id, kind, name_en, name_zh_hant, name_zh_hans, region, "
        "address, "
        "created_at, updated_at) VALUES (?, 'clinic', 'Harbour Clinic', '海港診所', '海港诊所', "
        "'hong_kong', '1 Queen''s Road, Central', 0, 0)",
        {p.org});
    p.doctor = add_account(c, "dr-" + p.org + "@example.hk", "Chan Tai Man", "en");
    c.execute(
        "INSERT INTO doctor_profiles (account_id, organisation_id, title, name_zh, updated_at) "
        "VALUES (?, ?, 'Dr.', '陳大文', 0)",
        {p.doctor, p.org});
    p.service = core::new_id();
    c.execute(
        "INSERT INTO services (id, organisation_id, name_en, name_zh_hant, name_zh_hans, "
        "specialty, "
        "consultation_type, slot_minutes, created_at, updated_at) VALUES (?, ?, 'General "
        "practice', "
        "'普通科', '普通科', 'general_practice', 'in_person', 15, 0, 0)",
        {p.service, p.org});
    p.patient = add_account(c, "pat-" + p.org + "@example.hk", "Lee Siu Ming", "zh-Hant");
    p.parent = add_account(c, "parent-" + p.org + "@example.hk", "Wong Mei", "en");
    p.child = add_account(c, "child-" + p.org + "@children.yiqiao.invalid", "Wong Siu Bo", "en");
    c.execute(
        "INSERT INTO dependants (carer_id, patient_id, relationship, status, created_at, "
        "granted_at) "
        "VALUES (?, ?, 'child', 'active', 0, 0)",
        {p.parent, p.child});
  });
  return p;
}

// A booked 15-minute appointment at starts_at (a slot of its own).
inline std::string add_appointment(store::Connection& c, const People& p,
                                   const std::string& patient, const std::string& booked_by,
                                   std::int64_t starts_at, const std::string& status = "booked") {
  const std::string slot = core::new_id();
  c.execute(
      "INSERT INTO slots (id, doctor_id, service_id, organisation_id, starts_at, ends_at, source, "
      "source_id, created_at) VALUES (?, ?, ?, ?, ?, ?, 'session', 'test', 0)",
      {slot, p.doctor, p.service, p.org, starts_at, starts_at + 900});
  const std::string id = core::new_id();
  c.execute(
      "INSERT INTO appointments (id, slot_id, patient_id, booked_by, doctor_id, service_id, "
      "organisation_id, starts_at, ends_at, status, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)",
      {id, slot, patient, booked_by, p.doctor, p.service, p.org, starts_at, starts_at + 900,
       status});
  return id;
}

// What scheduling tells notify about an appointment (scheduling::notice_params and
// reminded_appointment in the server), read here straight from the rows.
inline boost::json::object appointment_params(store::Connection& c, const std::string& id) {
  const auto r = c.query_one(
      "SELECT a.starts_at, d.display_name, COALESCE(p.title, ''), COALESCE(p.name_zh, ''), "
      "s.name_en, s.name_zh_hant, s.name_zh_hans, o.name_en, o.name_zh_hant, o.name_zh_hans "
      "FROM appointments a JOIN accounts d ON d.id = a.doctor_id "
      "LEFT JOIN doctor_profiles p ON p.account_id = a.doctor_id "
      "JOIN services s ON s.id = a.service_id JOIN organisations o ON o.id = a.organisation_id "
      "WHERE a.id = ?",
      {id});
  if (!r) return {};
  const auto names = [&](std::size_t i) {
    return boost::json::object{
        {"en", r->text(i)}, {"zh-Hant", r->text(i + 1)}, {"zh-Hans", r->text(i + 2)}};
  };
  return {{"when", r->i64(0)},
          {"doctor", doctor_names(r->text(2), r->text(1), r->text(3))},
          {"service", names(4)},
          {"organisation", names(7)}};
}

inline std::optional<RemindedAppointment> reminded_appointment(store::Connection& c,
                                                               const std::string& id) {
  const auto r = c.query_one(
      "SELECT patient_id, booked_by, status, starts_at FROM appointments WHERE id = ?", {id});
  if (!r) return std::nullopt;
  const bool active = r->text(2) == "booked" || r->text(2) == "checked_in";
  return RemindedAppointment{r->text(0), r->text(1), active, r->i64(3), appointment_params(c, id)};
}

}  // namespace yq::notify::testrows
