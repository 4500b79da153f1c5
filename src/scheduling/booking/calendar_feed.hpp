#pragma once
// Appointments as iCalendar: one appointment's event, and a per-account feed behind a secret URL
// that calendar apps (which cannot sign in) poll. The URL's token is the credential: only its
// SHA-256 is stored, it is shown once, and making a new one or deleting it ends the old one.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/i18n.hpp"
#include "core/time.hpp"
#include "identity/principal.hpp"
#include "notify/ical.hpp"
#include "store/database.hpp"

namespace yq::scheduling {

using notify::IcsEvent;

// The event of one appointment, its texts in `lang`, with a link to it in the web app; nullopt when
// there is no such appointment. The caller has checked that the reader may see it.
std::optional<IcsEvent> appointment_event(store::Connection& c, const std::string& appointment_id,
                                          core::Lang lang, std::string_view public_url);

class CalendarFeeds {
 public:
  // Inside the transaction that ended every session of the account (a password change or reset,
  // sign-out everywhere, disabling): the feed URL stops working too; a new one can be made.
  static void end_for(store::Connection& c, const std::string& account_id);

  CalendarFeeds(store::Database& db, const core::Clock& clock, std::string public_url);

  // Makes (or replaces) the caller's feed; returns its URL, the only time it is shown.
  std::string create(const identity::Principal& who, const identity::ClientInfo& client);
  // Ends the caller's feed; false when there was none.
  bool remove(const identity::Principal& who, const identity::ClientInfo& client);
  // The feed for a token: the owner's and their active dependants' appointments from 30 days ago
  // to 180 days ahead (cancelled ones only from today on, so apps drop them). nullopt for a token
  // that is not a feed's. Every read is audited for each patient whose appointments it shows.
  std::optional<std::string> render(std::string_view token, const identity::ClientInfo& client);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  std::string public_url_;
};

}  // namespace yq::scheduling
