#pragma once
// Telling people things: in-app notifications (stored, listed, pushed live over the WebSocket) and
// e-mail through the outbox. A service records a notice inside its own transaction, so the notice
// exists exactly when the change it announces does, and pushes after the commit.
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "store/database.hpp"

namespace yq::http {
class WsHub;
}

namespace yq::notify {

struct Notice {
  std::string account_id;      // who is told
  std::string kind;            // message key prefix, e.g. "appointment.booked": the catalogue holds
                               // "notice.<kind>.title" and "notice.<kind>.body" in three languages
  boost::json::object params;  // values for the {placeholders} of the message
  std::string link;            // a path in the web app, e.g. "/appointments/ID"
  bool email = false;          // also send an e-mail (in the account's language) through the outbox
  // The patient the notice is about (empty: about nobody but the reader). Consent is asked when
  // the notice is recorded, and, when the reader hears of the patient as parent or carer, again
  // when it is listed and when its e-mail is delivered.
  std::string about_patient;
  bool treating = false;  // the reader is the patient's clinician in this episode (caller's word)
};

// A notice as stored, for the list in the app (rendered in the reader's language by the route).
struct StoredNotice {
  std::string id;
  std::string kind;
  boost::json::object params;
  std::string link;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> read_at;
};

class Notifier {
 public:
  Notifier(store::Database& db, const core::Clock& clock, http::WsHub* hub);

  // Inside the caller's transaction: stores the notice (and queues the e-mail). Returns its id, or
  // an empty string when consent refuses to tell the reader about the patient (nothing is
  // stored). With public_url the e-mail ends with the full link (public_url + notice.link).
  static std::string record(store::Connection& c, const core::Clock& clock, const Notice& notice,
                            std::string_view public_url = {});

  static std::int64_t unread_count(store::Connection& c, const std::string& account_id);
  // The account's notices, newest first, starting after `before` (a notice id of this account)
  // when given; nullopt when `before` is not one of the account's notices.
  static std::optional<std::vector<StoredNotice>> list(store::Connection& c,
                                                       const std::string& account_id,
                                                       const std::optional<std::string>& before,
                                                       int limit);
  // False when the notice is not the account's (the caller answers 404 either way).
  static bool mark_read(store::Connection& c, const std::string& account_id,
                        const std::string& notice_id, std::int64_t now);
  static std::int64_t mark_all_read(store::Connection& c, const std::string& account_id,
                                    std::int64_t now);

  // After the commit: each account's open WebSockets get {"type":"notifications","unread":N}.
  void push(const std::vector<std::string>& account_ids);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  http::WsHub* hub_;
};

}  // namespace yq::notify
