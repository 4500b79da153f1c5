#include "scheduling/services/catalog.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <tuple>
#include <utility>
#include <vector>

#include "core/ids.hpp"
#include "core/localised_text.hpp"
#include "identity/people.hpp"
#include "scheduling/availability/hk_holidays.hpp"
#include "scheduling/availability/slot_materialiser.hpp"
#include "scheduling/scope.hpp"

namespace yq::scheduling {

namespace {

using core::Errc;
using core::Error;

constexpr std::string_view kColumns =
    "SELECT s.id, s.organisation_id, s.name_en, s.name_zh_hant, s.name_zh_hans, s.specialty, "
    "s.consultation_type, s.slot_minutes, s.fee_cents, s.currency, s.queue_enabled, "
    "s.queue_hours, s.active FROM services s ";

boost::json::value queue_hours_json(const std::string& stored) {
  if (stored.empty()) return nullptr;  // open around the clock
  boost::system::error_code ec;
  auto v = boost::json::parse(stored, ec);
  return ec ? boost::json::value(nullptr) : v;
}

// `organisation` is the service's (which always exists: services reference it).
boost::json::object to_json(store::Connection& c, const store::Row& r,
                            const identity::Organisation& organisation) {
  std::vector<std::string> ids;
  for (const auto& d : c.query("SELECT doctor_id FROM availability_templates WHERE service_id = ? "
                               "UNION SELECT doctor_id FROM one_off_sessions WHERE service_id = ?",
                               {r.text(0), r.text(0)}))
    ids.push_back(d.text(0));
  std::vector<identity::Person> people;
  for (auto& [id, p] : identity::people(c, ids)) people.push_back(std::move(p));
  std::sort(people.begin(), people.end(), [](const auto& a, const auto& b) {
    return std::tie(a.display_name, a.id) < std::tie(b.display_name, b.id);
  });
  boost::json::array doctors;
  for (const auto& p : people)
    doctors.push_back(boost::json::object{{"id", p.id},
                                          {"display_name", p.display_name},
                                          {"title", p.title},
                                          {"name_zh", p.name_zh}});
  return {{"id", r.text(0)},
          {"organisation_id", r.text(1)},
          {"name", names_at(r, 2)},
          {"specialty", r.text(5)},
          {"consultation_type", r.text(6)},
          {"slot_minutes", r.i64(7)},
          {"fee_cents", r.i64(8)},
          {"currency", r.text(9)},
          {"queue_enabled", r.boolean(10)},
          {"queue_hours", queue_hours_json(r.text(11))},
          {"active", r.boolean(12)},
          {"organisation_name", organisation.name.to_json()},
          {"doctors", std::move(doctors)}};
}

// The service row with its organisation, if both exist.
std::optional<std::pair<store::Row, identity::Organisation>> load_service(
    store::Connection& c, const std::string& service_id) {
  auto row = c.query_one(std::string(kColumns) + "WHERE s.id = ?", {service_id});
  if (!row) return std::nullopt;
  auto organisation = identity::organisation(c, row->text(1));
  if (!organisation) return std::nullopt;
  return std::pair{std::move(*row), std::move(*organisation)};
}

// Slots follow the service's length and active flag: re-materialise everyone who provides it.
MaterialiseResult rematerialise_service(store::Connection& c, Env& env,
                                        const std::string& service_id) {
  MaterialiseResult out;
  for (const auto& doctor : doctors_of_service(c, service_id))
    materialise_doctor(c, env.clock, doctor, env.horizon_days, env.public_url, out);
  return out;
}

}  // namespace

boost::json::object load_service_json(store::Connection& c, const std::string& service_id) {
  const auto found = load_service(c, service_id);
  return found ? to_json(c, found->first, found->second) : boost::json::object{};
}

core::Result<std::vector<boost::json::object>> ServiceCatalog::list(
    const std::optional<identity::Principal>& who, const std::string& organisation_id,
    bool include_retired) {
  if (!core::looks_like_id(organisation_id)) return Error::of(Errc::not_found);
  const bool retired_too = include_retired && who && administers(*who, organisation_id);
  return env_.db.read([&](store::Connection& c) -> core::Result<std::vector<boost::json::object>> {
    const auto organisation = identity::organisation(c, organisation_id);
    if (!organisation || !organisation->active) return Error::of(Errc::not_found);
    std::vector<boost::json::object> out;
    for (const auto& r :
         c.query(std::string(kColumns) + "WHERE s.organisation_id = ? AND (s.active = 1 OR ? = 1) "
                                         "ORDER BY s.active DESC, s.name_en, s.id",
                 {organisation_id, std::int64_t{retired_too ? 1 : 0}}))
      out.push_back(to_json(c, r, *organisation));
    return out;
  });
}

core::Result<boost::json::object> ServiceCatalog::get(const std::optional<identity::Principal>& who,
                                                      const std::string& service_id) {
  if (!core::looks_like_id(service_id)) return Error::of(Errc::not_found);
  return env_.db.read([&](store::Connection& c) -> core::Result<boost::json::object> {
    const auto found = load_service(c, service_id);
    if (!found) return Error::of(Errc::not_found);
    const auto& [row, organisation] = *found;
    const bool visible = row.boolean(12) || (who && administers(*who, row.text(1)));
    if (!visible) return Error::of(Errc::not_found);
    return to_json(c, row, organisation);
  });
}

core::Result<boost::json::object> ServiceCatalog::create(const identity::Principal& who,
                                                         const std::string& organisation_id,
                                                         const ServiceInput& in,
                                                         const identity::ClientInfo& client) {
  if (!core::looks_like_id(organisation_id) || !administers(who, organisation_id))
    return Error::of(Errc::not_found);
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    const auto org = identity::organisation(c, organisation_id);
    if (!org) return Error::of(Errc::not_found);
    // A pharmacy sees no patients by appointment.
    if (org->kind == "pharmacy") return Error::field("organisation", "field.invalid");
    const std::string id = core::new_id();
    const std::int64_t now = env_.clock.now();
    c.execute(
        "INSERT INTO services (id, organisation_id, name_en, name_zh_hant, name_zh_hans, "
        "specialty, consultation_type, slot_minutes, fee_cents, currency, queue_enabled, "
        "queue_hours, active, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
        {id, organisation_id, in.name->en, in.name->zh_hant, in.name->zh_hans, *in.specialty,
         *in.consultation_type, *in.slot_minutes, in.fee_cents.value_or(0),
         in.currency.value_or("HKD"), in.queue_enabled.value_or(false), in.queue_hours.value_or(""),
         now, now});
    seed_holidays_once(c, env_.clock, organisation_id);
    audit::record(c, env_.clock, event_by(who, client, "service.created", "service", id));
    return load_service_json(c, id);
  });
}

core::Result<boost::json::object> ServiceCatalog::update(const identity::Principal& who,
                                                         const std::string& service_id,
                                                         const ServiceInput& in,
                                                         const identity::ClientInfo& client) {
  if (!core::looks_like_id(service_id)) return Error::of(Errc::not_found);
  MaterialiseResult changed;
  auto result = env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    changed = {};
    const auto row = c.query_one(
        "SELECT organisation_id, slot_minutes, active FROM services WHERE id = ?", {service_id});
    if (!row || !administers(who, row->text(0))) return Error::of(Errc::not_found);
    const std::int64_t now = env_.clock.now();
    auto set = [&](std::string_view column, const store::Param& value) {
      c.execute("UPDATE services SET " + std::string(column) + " = ?, updated_at = ? WHERE id = ?",
                {value, now, service_id});
    };
    if (in.name) {
      set("name_en", in.name->en);
      set("name_zh_hant", in.name->zh_hant);
      set("name_zh_hans", in.name->zh_hans);
    }
    if (in.specialty) set("specialty", *in.specialty);
    if (in.consultation_type) set("consultation_type", *in.consultation_type);
    if (in.slot_minutes) set("slot_minutes", *in.slot_minutes);
    if (in.fee_cents) set("fee_cents", *in.fee_cents);
    if (in.currency) set("currency", *in.currency);
    if (in.queue_enabled) set("queue_enabled", *in.queue_enabled);
    if (in.queue_hours) set("queue_hours", *in.queue_hours);
    if (in.active) set("active", *in.active);
    const bool reshaped = (in.slot_minutes && *in.slot_minutes != row->i64(1)) ||
                          (in.active && *in.active != row->boolean(2));
    if (reshaped) changed = rematerialise_service(c, env_, service_id);
    auto e = event_by(who, client, "service.updated", "service", service_id);
    if (reshaped)
      e.detail = "slots +" + std::to_string(changed.added) + " -" +
                 std::to_string(changed.withdrawn) + ", to rebook " +
                 std::to_string(changed.needs_rebooking);
    audit::record(c, env_.clock, e);
    auto out = load_service_json(c, service_id);
    out["slots"] = slot_summary(changed);
    return out;
  });
  if (result) env_.notifier.push(changed.told);
  return result;
}

}  // namespace yq::scheduling
