#pragma once
// The people and organisations appointments name (patient, doctor, organisation), read through
// identity (identity/people.hpp) in one query each however many appointments a page shows.
#include <boost/json/object.hpp>

#include <string>
#include <unordered_map>
#include <vector>

#include "identity/people.hpp"
#include "store/database.hpp"

namespace yq::scheduling {

struct Parties {
  std::unordered_map<std::string, identity::Person> people;
  std::unordered_map<std::string, identity::Organisation> organisations;

  // An unknown id answers an empty person or organisation (empty names).
  const identity::Person& person(const std::string& id) const;
  const identity::Organisation& organisation(const std::string& id) const;
};

Parties parties_of(store::Connection& c, const std::vector<std::string>& account_ids,
                   const std::vector<std::string>& organisation_ids);

// The doctor's name in each language (the {doctor} placeholder: notify::doctor_names).
boost::json::object doctor_names(const identity::Person& doctor);

}  // namespace yq::scheduling
