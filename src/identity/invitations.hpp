#pragma once
// Staff invitations: adding staff e-mails a link to the address; the roles attach only when the
// holder of that mailbox accepts, either through the link (signed in with an account of that
// address, or registering through it) or, without the link, signed in with an account whose
// address is verified and equal to the invitation's. An account that merely registered the address
// first gets nothing. The link's token is stored only as a SHA-256 hash, is single-use, expires,
// and is replaced when the invitation is sent again.
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "identity/principal.hpp"
#include "store/database.hpp"

namespace yq::identity {

struct InvitationInput {
  std::string email;
  std::string display_name;
  std::vector<std::string> roles;
  std::string preferred_lang = "en";
};

// A pending invitation as the acceptance code needs it.
struct PendingInvitation {
  std::string id;
  std::string organisation_id;
  std::string email;
  std::string display_name;
  std::vector<std::string> roles;
};

inline constexpr std::int64_t kInvitationValidSeconds = 7 * 24 * 3600;
// E-mails an invitation may send in an hour (the first and re-sends), and an organisation in all.
inline constexpr int kSendsPerInvitationHour = 5;
inline constexpr int kSendsPerOrganisationHour = 200;

// The pending, unexpired, not withdrawn invitation whose link carries this token.
std::optional<PendingInvitation> invitation_by_token(store::Connection& c, const std::string& token,
                                                     std::int64_t now);
// Gives the account the invitation's roles and marks the invitation accepted and the account's
// address verified (whoever accepts has shown control of the mailbox). False when the invitation
// was accepted, withdrawn or re-sent meanwhile (then nothing changed). The caller has checked the
// account's address equals the invitation's.
bool attach_invitation(store::Connection& c, const core::Clock& clock, const PendingInvitation& inv,
                       const std::string& account_id, const identity::ClientInfo& client);

class InvitationService {
 public:
  InvitationService(store::Database& db, const core::Clock& clock, std::string public_url)
      : db_(db), clock_(clock), public_url_(std::move(public_url)) {}

  // The answer is the same whether or not an account holds the address (nothing about it is
  // shown); only an address already on this organisation's staff is refused (the admin sees their
  // staff anyway). A pending invitation to the same address is replaced.
  core::Result<boost::json::object> invite(const identity::Principal& by, const std::string& org,
                                           const InvitationInput& in,
                                           const identity::ClientInfo& client);
  core::Result<std::vector<boost::json::object>> list(const identity::Principal& by,
                                                      const std::string& org);
  core::Result<void> withdraw(const identity::Principal& by, const std::string& org,
                              const std::string& id, const identity::ClientInfo& client);
  // A new link (the old one stops working) and a new expiry.
  core::Result<boost::json::object> resend(const identity::Principal& by, const std::string& org,
                                           const std::string& id,
                                           const identity::ClientInfo& client);

  // What the link offers (organisation, roles, address), for the accept page.
  core::Result<boost::json::object> preview(const std::string& token);
  core::Result<boost::json::object> accept_with_token(const identity::Principal& who,
                                                      const std::string& token,
                                                      const identity::ClientInfo& client);
  // Pending invitations to the caller's address, when that address is verified.
  std::vector<boost::json::object> for_account(const identity::Principal& who);
  core::Result<boost::json::object> accept_by_id(const identity::Principal& who,
                                                 const std::string& id,
                                                 const identity::ClientInfo& client);

 private:
  bool may_administer(const identity::Principal& by, const std::string& org) const;
  // An error (429 with retry_after) when the invitation or the organisation sent too many e-mails
  // in the last hour.
  std::optional<core::Error> over_send_budget(store::Connection& c, const std::string& id,
                                              const std::string& org);
  // Writes a new token and e-mails the link (in the caller's transaction).
  void send(store::Connection& c, const std::string& id, const std::string& org,
            const std::string& email, const std::string& lang);
  core::Result<boost::json::object> accept(store::Connection& c, const identity::Principal& who,
                                           const PendingInvitation& inv,
                                           const identity::ClientInfo& client);

  store::Database& db_;
  const core::Clock& clock_;
  std::string public_url_;
};

}  // namespace yq::identity
