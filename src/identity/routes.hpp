#pragma once
#include "http/router.hpp"
#include "identity/accounts.hpp"
#include "identity/organisations.hpp"
#include "store/database.hpp"

namespace yq::identity {

// /api/v1/auth/*, /api/v1/me*: sign-in, sessions, passwords, TOTP.
void add_account_routes(http::Router& router, AccountService& accounts);
// /api/v1/organisations*, /api/v1/admin/organisations*, /api/v1/doctors/*, /api/v1/meta.
void add_organisation_routes(http::Router& router, OrganisationService& orgs);
// /api/v1/organisations/{org}/invitations*, /api/v1/invitations/*, /api/v1/me/invitations*
// (called by add_organisation_routes).
void add_invitation_routes(http::Router& router, InvitationService& invitations);
// PUT/GET /api/v1/doctors/{id}/photo.
void add_doctor_photo_routes(http::Router& router, OrganisationService& orgs);

}  // namespace yq::identity
