#pragma once
// Organisations (hospitals, clinics, pharmacies), their staff and doctors' public profiles.
// Scope rule: an organisation admin acts only on their own organisation; a platform admin on any.
// A caller outside the scope gets not_found, so ids of other organisations reveal nothing.
#include <boost/json/object.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/localised_text.hpp"
#include "core/time.hpp"
#include "identity/accounts.hpp"
#include "identity/invitations.hpp"
#include "identity/principal.hpp"
#include "store/blob_store.hpp"
#include "store/database.hpp"

namespace yq::identity {

struct OrganisationInput {
  std::optional<std::string> kind;
  std::optional<core::LocalisedText> name;
  std::optional<std::string> region;
  std::optional<std::string> address;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<bool> active;
};

struct StaffInput {
  std::string email;
  std::string display_name;
  std::vector<std::string> roles;
  std::string preferred_lang = "en";
};

struct StaffChange {
  std::optional<std::string> display_name;
  std::optional<std::vector<std::string>> roles;
  std::optional<std::string> status;
};

struct DoctorProfileInput {
  std::string title, name_zh, registration_no, qualifications;
  core::LocalisedText bio;
  std::vector<std::string> specialties;
  std::vector<std::string> languages;
  std::int64_t fee_cents = 0;
};

class OrganisationService {
 public:
  OrganisationService(store::Database& db, const core::Clock& clock, AccountService& accounts,
                      store::BlobStore& blobs)
      : db_(db),
        clock_(clock),
        accounts_(accounts),
        blobs_(blobs),
        invitations_(db, clock, accounts.public_url()) {}

  std::vector<boost::json::object> list(bool include_inactive,
                                        const std::optional<std::string>& kind,
                                        const std::optional<std::string>& region);
  core::Result<boost::json::object> get(const std::string& id, bool include_inactive);
  core::Result<boost::json::object> create(const identity::Principal& by,
                                           const OrganisationInput& in,
                                           const identity::ClientInfo& client);
  core::Result<boost::json::object> update(const identity::Principal& by, const std::string& id,
                                           const OrganisationInput& in,
                                           const identity::ClientInfo& client);

  core::Result<std::vector<boost::json::object>> staff(const identity::Principal& by,
                                                       const std::string& org);
  // Sends an invitation to the address (see invitations.hpp); no role attaches until it is
  // accepted.
  core::Result<boost::json::object> add_staff(const identity::Principal& by, const std::string& org,
                                              const StaffInput& in,
                                              const identity::ClientInfo& client);
  InvitationService& invitations() { return invitations_; }
  core::Result<boost::json::object> change_staff(const identity::Principal& by,
                                                 const std::string& org, const std::string& account,
                                                 const StaffChange& in,
                                                 const identity::ClientInfo& client);

  core::Result<boost::json::object> doctor(const std::string& account_id);
  core::Result<boost::json::object> put_doctor_profile(const identity::Principal& by,
                                                       const std::string& account_id,
                                                       const DoctorProfileInput& in,
                                                       const identity::ClientInfo& client);
  // The photo must be a JPEG or PNG (checked by content) of at most 2 MiB and 4096 px a side.
  core::Result<boost::json::object> put_doctor_photo(const identity::Principal& by,
                                                     const std::string& account_id,
                                                     std::string_view bytes,
                                                     const identity::ClientInfo& client);
  // Bytes and content type of a public doctor's photo.
  core::Result<std::pair<std::string, std::string>> doctor_photo(const std::string& account_id);

  // Told (after the commit) when an organisation admin changed a staff member's roles there, so
  // what rests on a role (a doctor's bookable times, their queue duty) follows it at once. Set
  // once at wiring.
  using RolesChanged =
      std::function<void(const std::string& account_id, const std::string& organisation_id)>;
  void on_roles_changed(RolesChanged fn) { roles_changed_ = std::move(fn); }

 private:
  // The doctor's organisation when `by` may edit the doctor's profile (the doctor or their admin).
  std::optional<std::string> editable_doctor_org(store::Connection& c,
                                                 const identity::Principal& by,
                                                 const std::string& account_id) const;
  bool may_administer(const identity::Principal& by, const std::string& org) const;
  store::Database& db_;
  const core::Clock& clock_;
  AccountService& accounts_;
  store::BlobStore& blobs_;
  InvitationService invitations_;
  RolesChanged roles_changed_;
};

}  // namespace yq::identity
