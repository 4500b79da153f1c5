#include "scheduling/services/service_facts.hpp"

namespace yq::scheduling {

std::optional<ServiceFacts> service_facts(store::Connection& c, const std::string& service_id) {
  const auto r = c.query_one(
      "SELECT id, organisation_id, name_en, name_zh_hant, name_zh_hans, specialty, "
      "consultation_type, active FROM services WHERE id = ?",
      {service_id});
  if (!r) return std::nullopt;
  return ServiceFacts{r->text(0), r->text(1), {r->text(2), r->text(3), r->text(4)},
                      r->text(5), r->text(6), r->boolean(7)};
}

}  // namespace yq::scheduling
