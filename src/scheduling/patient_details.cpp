#include "scheduling/patient_details.hpp"

namespace yq::scheduling {

std::optional<std::string> date_of_birth(store::Connection& c, const std::string& patient_id) {
  const auto r =
      c.query_one("SELECT date_of_birth FROM patient_details WHERE account_id = ?", {patient_id});
  if (!r) return std::nullopt;
  return r->text(0);
}

}  // namespace yq::scheduling
