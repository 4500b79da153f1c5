#pragma once
// Telling people things: in-app notifications (stored, listed, pushed live over the WebSocket) and
// e-mail through the outbox. A service records a notice inside its own transaction, so the notice
// exists exactly when the change it announces does, and pushes after the commit.
#include <boost/json/object.hpp>

#include <string>
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
};

class Notifier {
 public:
  Notifier(store::Database& db, const core::Clock& clock, http::WsHub* hub);

  // Inside the caller's transaction: stores the notice (and queues the e-mail). Returns its id.
  static std::string record(store::Connection& c, const core::Clock& clock, const Notice& notice);

  // After the commit: each account's open WebSockets get {"type":"notifications","unread":N}.
  void push(const std::vector<std::string>& account_ids);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  http::WsHub* hub_;
};

}  // namespace yq::notify
