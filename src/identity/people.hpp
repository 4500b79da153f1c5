#pragma once
// What other modules may read about people and organisations: names to show, an address to write
// to, whether an account or organisation is active. The one way another module reads identity's
// accounts, doctor_profiles and organisations tables (docs/architecture.md, "Module map"). Batch
// forms take a list and answer with one query, for pages that name many people at once.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/localised_text.hpp"
#include "store/database.hpp"

namespace yq::identity {

struct Person {
  std::string id;
  std::string display_name;
  std::string email;
  std::string preferred_lang;  // en | zh-Hant | zh-Hans
  bool active = false;
  // From the doctor profile, when the account has one (empty otherwise).
  bool has_doctor_profile = false;
  std::string title;    // e.g. "Dr"
  std::string name_zh;  // the doctor's Chinese name
  std::string profile_organisation_id;
};

std::optional<Person> person(store::Connection& c, const std::string& account_id);
// The people of `account_ids` that exist, by id (duplicates and unknown ids are fine).
std::unordered_map<std::string, Person> people(store::Connection& c,
                                               const std::vector<std::string>& account_ids);

// The active account someone signs in to with this address (a password is set), as a doctor
// invites a guest into a call by address.
std::optional<std::string> active_account_by_email(store::Connection& c, const std::string& email);

struct Organisation {
  std::string id;
  std::string kind;  // public_hospital | private_hospital | clinic | pharmacy
  core::LocalisedText name;
  std::string region;
  std::string address;
  std::string phone;
  bool active = false;
};

std::optional<Organisation> organisation(store::Connection& c, const std::string& id);
std::unordered_map<std::string, Organisation> organisations(store::Connection& c,
                                                            const std::vector<std::string>& ids);
// Every organisation that sees patients (all but pharmacies), in id order.
std::vector<std::string> organisations_seeing_patients(store::Connection& c);

}  // namespace yq::identity
