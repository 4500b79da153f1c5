#include "scheduling/services/service_reads.hpp"

namespace yq::scheduling {

namespace {

constexpr std::string_view kColumns =
    "SELECT id, organisation_id, name_en, name_zh_hant, name_zh_hans, specialty, "
    "consultation_type, slot_minutes, queue_enabled, queue_hours, active FROM services ";

ServiceRecord record_from(const store::Row& r) {
  return ServiceRecord{r.text(0),    r.text(1), {r.text(2), r.text(3), r.text(4)},
                       r.text(5),    r.text(6), r.i64(7),
                       r.boolean(8), r.text(9), r.boolean(10)};
}

}  // namespace

std::optional<ServiceRecord> find_service(store::Connection& c, const std::string& service_id) {
  const auto r = c.query_one(std::string(kColumns) + "WHERE id = ?", {service_id});
  if (!r) return std::nullopt;
  return record_from(*r);
}

std::vector<ServiceRecord> queue_services(store::Connection& c,
                                          const std::optional<std::string>& organisation_id) {
  std::string sql = std::string(kColumns) + "WHERE queue_enabled = 1 AND active = 1";
  store::Params params;
  if (organisation_id) {
    sql += " AND organisation_id = ?";
    params.emplace_back(*organisation_id);
  }
  std::vector<ServiceRecord> out;
  for (const auto& r : c.query(sql, params)) out.push_back(record_from(r));
  return out;
}

void take_turns_on_service(store::Connection& c, store::Dialect dialect,
                           const std::string& service_id) {
  if (dialect == store::Dialect::postgresql)
    c.query("SELECT id FROM services WHERE id = ? FOR NO KEY UPDATE", {service_id});
}

}  // namespace yq::scheduling
