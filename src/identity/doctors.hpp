#pragma once
// What other modules may read about doctors: a doctor's public profile (with the account's name
// and status, and the specialties and languages listed on it), and the organisation where the
// profile is and the doctor holds the doctor role. The one way another module reads identity's
// doctor_profiles, doctor_specialties and doctor_languages tables (docs/architecture.md, "Module
// map"). The batch form answers a list in a fixed number of queries, for pages of many doctors.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/database.hpp"

namespace yq::identity {

struct DoctorProfile {
  std::string account_id;
  std::string display_name;     // the account's
  bool account_active = false;  // the account's status is 'active'
  std::string organisation_id;  // where the profile is
  std::string title;            // e.g. "Dr"
  std::string name_zh;          // the doctor's Chinese name
  std::int64_t fee_cents = 0;
  std::string currency;
  bool has_photo = false;
  std::vector<std::string> specialties;  // in order
  std::vector<std::string> languages;    // in order
};

std::optional<DoctorProfile> doctor_profile(store::Connection& c, const std::string& account_id);
// The profiles of `account_ids` that exist, by id, in three queries whatever the list's length.
std::unordered_map<std::string, DoctorProfile> doctor_profiles(
    store::Connection& c, const std::vector<std::string>& account_ids);

// The organisation of the doctor's profile, when they hold the doctor role there.
std::optional<std::string> doctor_organisation(store::Connection& c, const std::string& account_id);

}  // namespace yq::identity
