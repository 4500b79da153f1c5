#include "scheduling/booking/parties.hpp"

#include "notify/notice_text.hpp"

namespace yq::scheduling {

const identity::Person& Parties::person(const std::string& id) const {
  static const identity::Person nobody;
  const auto it = people.find(id);
  return it == people.end() ? nobody : it->second;
}

const identity::Organisation& Parties::organisation(const std::string& id) const {
  static const identity::Organisation none;
  const auto it = organisations.find(id);
  return it == organisations.end() ? none : it->second;
}

Parties parties_of(store::Connection& c, const std::vector<std::string>& account_ids,
                   const std::vector<std::string>& organisation_ids) {
  return Parties{identity::people(c, account_ids), identity::organisations(c, organisation_ids)};
}

boost::json::object doctor_names(const identity::Person& doctor) {
  return notify::doctor_names(doctor.title, doctor.display_name, doctor.name_zh);
}

}  // namespace yq::scheduling
