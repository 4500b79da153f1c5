#include "scheduling/availability/availability.hpp"

#include <boost/json/array.hpp>

#include "core/hk_calendar.hpp"
#include "core/ids.hpp"
#include "identity/people.hpp"
#include "scheduling/availability/hk_holidays.hpp"
#include "scheduling/availability/slot_materialiser.hpp"
#include "scheduling/scope.hpp"

namespace yq::scheduling {

namespace {

using core::Errc;
using core::Error;
using Object = boost::json::object;

// Which of the doctor's organisations a request covers: a doctor may work for several, and each
// organisation's admin sees and changes only what belongs to theirs (its services' templates and
// sessions, the leave it entered). The doctor sees theirs at every organisation where they are a
// doctor now.
struct OrgScope {
  std::vector<std::string> orgs;  // empty: none
};

OrgScope administered_doctor(store::Connection& c, const identity::Principal& who,
                             const std::string& doctor_id) {
  if (!core::looks_like_id(doctor_id)) return {};
  return {administered_doctor_organisations(c, who, doctor_id)};
}

// " AND <column> IN (...)".
std::string scoped(const OrgScope& scope, const std::string& column, store::Params& params) {
  return " AND " + column + " IN " + in_list(scope.orgs, params);
}

// The organisation of an active service, when it is one of the scope's.
std::optional<std::string> service_of(store::Connection& c, const std::string& service_id,
                                      const OrgScope& scope) {
  if (!core::looks_like_id(service_id)) return std::nullopt;
  store::Params params{service_id};
  const auto row = c.query_one("SELECT organisation_id FROM services WHERE id = ? AND active = 1" +
                                   scoped(scope, "organisation_id", params),
                               params);
  if (!row) return std::nullopt;
  return row->text(0);
}

// The leave an admin enters blocks only their organisation's slots; a platform admin's (and leave
// from before organisations were told apart) blocks all of the doctor's.
std::string leave_organisation(const identity::Principal& who, const OrgScope& scope) {
  return who.is_platform_admin() || scope.orgs.empty() ? std::string() : scope.orgs.front();
}

Object overview_of(store::Connection& c, const std::string& doctor_id, const OrgScope& scope,
                   std::int64_t now) {
  boost::json::array templates, exceptions, sessions;
  store::Params tparams{doctor_id};
  const std::string tscope = scoped(scope, "s.organisation_id", tparams);
  for (const auto& r : c.query(
           "SELECT t.id, t.service_id, t.weekday, t.start_minute, t.end_minute, t.valid_from, "
           "t.valid_until, s.name_en, s.name_zh_hant, s.name_zh_hans FROM availability_templates "
           "t JOIN services s ON s.id = t.service_id WHERE t.doctor_id = ?" +
               tscope + " ORDER BY t.weekday, t.start_minute, t.id",
           tparams))
    templates.push_back(Object{{"id", r.text(0)},
                               {"service_id", r.text(1)},
                               {"service_name", names_at(r, 7)},
                               {"weekday", r.i64(2)},
                               {"start_minute", r.i64(3)},
                               {"end_minute", r.i64(4)},
                               {"valid_from", r.text(5)},
                               {"valid_until", r.text(6)}});
  store::Params xparams{doctor_id, now, std::string()};
  const std::string xscope =
      " AND (organisation_id = ? OR organisation_id IN " + in_list(scope.orgs, xparams) + ")";
  for (const auto& r : c.query(
           "SELECT id, starts_at, ends_at, reason, organisation_id FROM availability_exceptions "
           "WHERE doctor_id = ? AND ends_at > ?" +
               xscope + " ORDER BY starts_at, id",
           xparams))
    exceptions.push_back(Object{{"id", r.text(0)},
                                {"starts_at", r.i64(1)},
                                {"ends_at", r.i64(2)},
                                {"reason", r.text(3)},
                                {"organisation_id", r.text(4)}});
  store::Params sparams{doctor_id, now};
  const std::string sscope = scoped(scope, "v.organisation_id", sparams);
  for (const auto& r :
       c.query("SELECT x.id, x.service_id, x.starts_at, x.ends_at FROM one_off_sessions x JOIN "
               "services v ON v.id = x.service_id WHERE x.doctor_id = ? AND x.ends_at > ?" +
                   sscope + " ORDER BY x.starts_at, x.id",
               sparams))
    sessions.push_back(Object{{"id", r.text(0)},
                              {"service_id", r.text(1)},
                              {"starts_at", r.i64(2)},
                              {"ends_at", r.i64(3)}});
  return {{"doctor_id", doctor_id},
          {"templates", std::move(templates)},
          {"exceptions", std::move(exceptions)},
          {"sessions", std::move(sessions)}};
}

}  // namespace

core::Result<Object> Availability::overview(const identity::Principal& who,
                                            const std::string& doctor_id) {
  return env_.db.read([&](store::Connection& c) -> core::Result<Object> {
    const bool self = who.account_id == doctor_id;
    const OrgScope scope = self ? OrgScope{doctor_organisations(c, doctor_id)}
                                : administered_doctor(c, who, doctor_id);
    if (scope.orgs.empty()) return Error::of(Errc::not_found);
    return overview_of(c, doctor_id, scope, env_.clock.now());
  });
}

// Runs change(c, scope) for a doctor the caller administers, re-materialises the doctor, audits,
// and answers with the doctor's schedule as the caller's organisations see it and what happened
// to the slots.
template <class F>
core::Result<Object> change_doctor(Env& env, const identity::Principal& who,
                                   const std::string& doctor_id, const identity::ClientInfo& client,
                                   const std::string& action, F&& change,
                                   const std::string& removed_source = {}) {
  MaterialiseResult slots;
  auto r = env.db.write([&](store::Connection& c) -> core::Result<Object> {
    slots = {};
    const OrgScope scope = administered_doctor(c, who, doctor_id);
    if (scope.orgs.empty()) return Error::of(Errc::not_found);
    auto target = change(c, scope);
    if (!target) return target.error();
    materialise_doctor(c, env.clock, doctor_id, env.horizon_days, env.public_url, slots,
                       removed_source);
    auto e = event_by(who, client, action, "doctor_schedule", doctor_id);
    e.detail = *target;
    audit::record(c, env.clock, e);
    auto out = overview_of(c, doctor_id, scope, env.clock.now());
    out["slots"] = slot_summary(slots);
    return out;
  });
  if (r) env.notifier.push(slots.told);
  return r;
}

// The doctor an entry (template, exception, session) belongs to, when it exists.
std::optional<std::string> owner_of(Env& env, std::string_view table, const std::string& id) {
  if (!core::looks_like_id(id)) return std::nullopt;
  return env.db.read([&](store::Connection& c) -> std::optional<std::string> {
    const auto row =
        c.query_one("SELECT doctor_id FROM " + std::string(table) + " WHERE id = ?", {id});
    if (!row) return std::nullopt;
    return row->text(0);
  });
}

// Removes a template or a one-off session (`table`), when its service belongs to one of the
// organisations the caller administers for the doctor; its free slots go with it.
core::Result<Object> remove_service_entry(Env& env, const identity::Principal& who,
                                          const std::string& table, const std::string& id,
                                          const identity::ClientInfo& client,
                                          const std::string& action) {
  const auto doctor = owner_of(env, table, id);
  if (!doctor) return Error::of(Errc::not_found);
  return change_doctor(
      env, who, *doctor, client, action,
      [&](store::Connection& c, const OrgScope& scope) -> core::Result<std::string> {
        store::Params params{id, *doctor};
        const std::string orgs = in_list(scope.orgs, params);
        if (c.execute("DELETE FROM " + table +
                          " WHERE id = ? AND doctor_id = ? AND service_id IN (SELECT id FROM "
                          "services WHERE organisation_id IN " +
                          orgs + ")",
                      params) == 0)
          return Error::of(Errc::not_found);
        return id;
      },
      id);
}

core::Result<Object> Availability::add_template(const identity::Principal& who,
                                                const std::string& doctor_id,
                                                const TemplateInput& in,
                                                const identity::ClientInfo& client) {
  const core::DayNumber today = core::hk_day_of(env_.clock.now());
  const auto from = in.valid_from.empty() ? std::optional<core::DayNumber>(today)
                                          : core::parse_day(in.valid_from);
  if (!from) return Error::field("valid_from", "field.invalid");
  std::optional<core::DayNumber> until;
  if (!in.valid_until.empty()) {
    until = core::parse_day(in.valid_until);
    if (!until || *until < *from) return Error::field("valid_until", "field.invalid");
  }
  if (in.start_minute >= in.end_minute) return Error::field("end_minute", "field.invalid");
  return change_doctor(
      env_, who, doctor_id, client, "schedule.template_added",
      [&](store::Connection& c, const OrgScope& scope) -> core::Result<std::string> {
        const auto org = service_of(c, in.service_id, scope);
        if (!org) return Error::field("service_id", "field.invalid");
        // Counted per organisation: one organisation filling the doctor's week cannot stop
        // another from adding theirs.
        const auto count = c.query_one(
            "SELECT COUNT(*) FROM availability_templates t JOIN services s ON s.id = t.service_id "
            "WHERE t.doctor_id = ? AND s.organisation_id = ?",
            {doctor_id, *org});
        if (count->i64(0) >= kMaxTemplatesPerDoctor)
          return Error::field("weekday", "field.out_of_range");
        // The same weekday and hours overlapping while both apply: the doctor cannot be in two
        // sessions at once.
        const std::string from_text = core::format_day(*from);
        const std::string until_text = until ? core::format_day(*until) : std::string();
        for (const auto& t : c.query(
                 "SELECT valid_from, valid_until FROM availability_templates WHERE doctor_id = ? "
                 "AND weekday = ? AND start_minute < ? AND end_minute > ?",
                 {doctor_id, in.weekday, in.end_minute, in.start_minute})) {
          const bool before = !until_text.empty() && until_text < t.text(0);
          const bool after = !t.text(1).empty() && t.text(1) < from_text;
          if (!before && !after) return Error::field("start_minute", "field.overlaps");
        }
        const std::string id = core::new_id();
        const std::int64_t now = env_.clock.now();
        c.execute(
            "INSERT INTO availability_templates (id, doctor_id, service_id, weekday, "
            "start_minute, end_minute, valid_from, valid_until, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {id, doctor_id, in.service_id, in.weekday, in.start_minute, in.end_minute, from_text,
             until_text, now, now});
        return id;
      });
}

core::Result<Object> Availability::remove_template(const identity::Principal& who,
                                                   const std::string& template_id,
                                                   const identity::ClientInfo& client) {
  return remove_service_entry(env_, who, "availability_templates", template_id, client,
                              "schedule.template_removed");
}

core::Result<Object> Availability::add_exception(const identity::Principal& who,
                                                 const std::string& doctor_id,
                                                 const ExceptionInput& in,
                                                 const identity::ClientInfo& client) {
  if (in.ends_at <= in.starts_at || in.ends_at - in.starts_at > kMaxExceptionSeconds)
    return Error::field("ends_at", "field.out_of_range");
  return change_doctor(
      env_, who, doctor_id, client, "schedule.leave_added",
      [&](store::Connection& c, const OrgScope& scope) -> core::Result<std::string> {
        const std::string org = leave_organisation(who, scope);
        const auto count = c.query_one(
            "SELECT COUNT(*) FROM availability_exceptions WHERE doctor_id = ? AND ends_at > ? "
            "AND organisation_id = ?",
            {doctor_id, env_.clock.now(), org});
        if (count->i64(0) >= kMaxFutureEntriesPerDoctor)
          return Error::field("starts_at", "field.out_of_range");
        const std::string id = core::new_id();
        c.execute(
            "INSERT INTO availability_exceptions (id, doctor_id, starts_at, ends_at, reason, "
            "created_by, created_at, organisation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {id, doctor_id, in.starts_at, in.ends_at, in.reason, who.account_id, env_.clock.now(),
             org});
        return id;
      });
}

core::Result<Object> Availability::remove_exception(const identity::Principal& who,
                                                    const std::string& exception_id,
                                                    const identity::ClientInfo& client) {
  const auto doctor = owner_of(env_, "availability_exceptions", exception_id);
  if (!doctor) return Error::of(Errc::not_found);
  return change_doctor(
      env_, who, *doctor, client, "schedule.leave_removed",
      [&](store::Connection& c, const OrgScope& scope) -> core::Result<std::string> {
        // Leave for all of the doctor's organisations is the platform admin's.
        store::Params params{exception_id, *doctor, leave_organisation(who, scope)};
        const std::string orgs = in_list(scope.orgs, params);
        if (c.execute("DELETE FROM availability_exceptions WHERE id = ? AND "
                      "doctor_id = ? AND (organisation_id = ? OR "
                      "organisation_id IN " +
                          orgs + ")",
                      params) == 0)
          return Error::of(Errc::not_found);
        return exception_id;
      });
}

core::Result<Object> Availability::add_session(const identity::Principal& who,
                                               const std::string& doctor_id, const SessionInput& in,
                                               const identity::ClientInfo& client) {
  if (in.ends_at <= in.starts_at || in.ends_at - in.starts_at > kMaxSessionSeconds)
    return Error::field("ends_at", "field.out_of_range");
  if (in.starts_at <= env_.clock.now()) return Error::field("starts_at", "field.out_of_range");
  return change_doctor(
      env_, who, doctor_id, client, "schedule.session_added",
      [&](store::Connection& c, const OrgScope& scope) -> core::Result<std::string> {
        const auto org = service_of(c, in.service_id, scope);
        if (!org) return Error::field("service_id", "field.invalid");
        const auto count = c.query_one(
            "SELECT COUNT(*) FROM one_off_sessions x JOIN services s ON s.id = x.service_id "
            "WHERE x.doctor_id = ? AND x.ends_at > ? AND s.organisation_id = ?",
            {doctor_id, env_.clock.now(), *org});
        if (count->i64(0) >= kMaxFutureEntriesPerDoctor)
          return Error::field("starts_at", "field.out_of_range");
        const std::string id = core::new_id();
        c.execute(
            "INSERT INTO one_off_sessions (id, doctor_id, service_id, starts_at, ends_at, "
            "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            {id, doctor_id, in.service_id, in.starts_at, in.ends_at, who.account_id,
             env_.clock.now()});
        return id;
      });
}

core::Result<Object> Availability::remove_session(const identity::Principal& who,
                                                  const std::string& session_id,
                                                  const identity::ClientInfo& client) {
  return remove_service_entry(env_, who, "one_off_sessions", session_id, client,
                              "schedule.session_removed");
}

void Availability::roles_changed(const std::string& account_id) {
  MaterialiseResult slots;
  env_.db.write([&](store::Connection& c) {
    slots = {};
    materialise_doctor(c, env_.clock, account_id, env_.horizon_days, env_.public_url, slots);
  });
  env_.notifier.push(slots.told);
}

core::Result<std::vector<Object>> Availability::holidays(const std::string& organisation_id) {
  if (!core::looks_like_id(organisation_id)) return Error::of(Errc::not_found);
  return env_.db.read([&](store::Connection& c) -> core::Result<std::vector<Object>> {
    const auto organisation = identity::organisation(c, organisation_id);
    if (!organisation || !organisation->active) return Error::of(Errc::not_found);
    std::vector<Object> out;
    for (const auto& r :
         c.query("SELECT day, name_en, name_zh_hant, name_zh_hans FROM public_holidays "
                 "WHERE organisation_id = ? ORDER BY day",
                 {organisation_id}))
      out.push_back(Object{{"day", r.text(0)}, {"name", names_at(r, 1)}});
    return out;
  });
}

// Runs change(c) on an organisation the caller administers, then re-materialises its doctors.
template <class F>
core::Result<Object> change_holidays(Env& env, const identity::Principal& who,
                                     const std::string& organisation_id, const std::string& day,
                                     const identity::ClientInfo& client, const std::string& action,
                                     F&& change) {
  if (!core::looks_like_id(organisation_id) || !administers(who, organisation_id))
    return Error::of(Errc::not_found);
  if (!core::parse_day(day)) return Error::of(Errc::not_found);
  MaterialiseResult slots;
  auto r = env.db.write([&](store::Connection& c) -> core::Result<Object> {
    slots = {};
    if (!identity::organisation(c, organisation_id)) return Error::of(Errc::not_found);
    // Seed first, so that a first edit does not later get the whole Hong Kong list added on top.
    seed_holidays_once(c, env.clock, organisation_id);
    if (auto done = change(c); !done) return done.error();
    for (const auto& doctor : doctors_of_organisation(c, organisation_id))
      materialise_doctor(c, env.clock, doctor, env.horizon_days, env.public_url, slots);
    auto e = event_by(who, client, action, "organisation", organisation_id);
    e.detail = day;
    audit::record(c, env.clock, e);
    return Object{{"day", day}, {"slots", slot_summary(slots)}};
  });
  if (r) env.notifier.push(slots.told);
  return r;
}

core::Result<Object> Availability::put_holiday(const identity::Principal& who,
                                               const std::string& organisation_id,
                                               const std::string& day,
                                               const core::LocalisedText& name,
                                               const identity::ClientInfo& client) {
  return change_holidays(
      env_, who, organisation_id, day, client, "schedule.holiday_set",
      [&](store::Connection& c) -> core::Result<void> {
        c.execute("DELETE FROM public_holidays WHERE organisation_id = ? AND day = ?",
                  {organisation_id, day});
        c.execute(
            "INSERT INTO public_holidays (organisation_id, day, name_en, name_zh_hant, "
            "name_zh_hans) VALUES (?, ?, ?, ?, ?)",
            {organisation_id, day, name.en, name.zh_hant, name.zh_hans});
        return {};
      });
}

core::Result<Object> Availability::remove_holiday(const identity::Principal& who,
                                                  const std::string& organisation_id,
                                                  const std::string& day,
                                                  const identity::ClientInfo& client) {
  return change_holidays(env_, who, organisation_id, day, client, "schedule.holiday_removed",
                         [&](store::Connection& c) -> core::Result<void> {
                           if (c.execute("DELETE FROM public_holidays WHERE organisation_id = ? "
                                         "AND day = ?",
                                         {organisation_id, day}) == 0)
                             return core::Error::of(core::Errc::not_found);
                           return {};
                         });
}

}  // namespace yq::scheduling
