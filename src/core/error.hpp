#pragma once
// The one error catalogue: every expected failure the platform reports, with its HTTP status and
// the message key a person reads. src/http turns an Error into application/problem+json; later the
// FHIR surface turns the same Error into an OperationOutcome.
#include <boost/system/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace yq::core {

enum class Errc {
  bad_request,
  invalid_json,
  validation,
  unauthenticated,
  invalid_credentials,
  mfa_required,
  mfa_enrolment_required,
  mfa_code_invalid,
  too_many_attempts,
  forbidden,
  not_found,
  route_not_found,
  method_not_allowed,
  conflict,
  email_taken,
  payload_too_large,
  unsupported_media_type,
  token_invalid,
  csrf_rejected,
  unavailable,
  internal,
  // scheduling and queues
  slot_taken,
  slot_unavailable,
  change_window_closed,
  invalid_transition,
  idempotency_mismatch,
  queue_closed,
  already_queued,
  emergency_advice,
  doctor_busy,
  queue_empty,
  not_on_duty,
  // consultations
  room_closed,
  not_online,
  room_full,
  consultation_ended,
  note_signed,
  note_not_signed,
  follow_up_closed,
  // the shared health record
  version_conflict,
  sharing_not_joined,
  already_consented,
  choose_organisation,
  too_many_restrictions,
  request_paused,
  // limits a clinic sets on one account
  too_many_children,
  too_many_requests_open,
  too_many_bookings,
  email_not_verified,
  // the network edge (malformed or hostile requests)
  invalid_encoding,
  headers_too_large,
  http_version_not_supported,
  too_many_connections,
};

struct ErrorInfo {
  Errc code;
  std::string_view slug;  // stable machine-readable code, part of the API
  int http_status;
  std::string_view message;  // key into the message catalogue
};

const ErrorInfo& error_info(Errc code);
std::vector<ErrorInfo> all_errors();

// One field of a request body that failed validation.
struct FieldError {
  std::string field;
  std::string message_key;
};

struct Error {
  Errc code = Errc::internal;
  std::vector<FieldError> fields;  // for Errc::validation
  int retry_after_seconds = 0;     // for Errc::too_many_attempts, too_many_connections

  static Error of(Errc code) { return Error{code, {}, 0}; }
  static Error field(std::string name, std::string message_key) {
    return Error{Errc::validation, {FieldError{std::move(name), std::move(message_key)}}, 0};
  }
};

// Expected failures are values: Result<T> is either a T or an Error.
template <class T>
using Result = boost::system::result<T, Error>;

// The codes WebSocket messages carry: {"type":"error","code":...} on /ws and
// {"type":"room.error","code":...} in a consultation room. Stable and part of the API like the HTTP
// slugs, each with a message in three languages. A message its type's policy refuses carries that
// policy's HTTP code instead (forbidden, unauthenticated, mfa_enrolment_required: see ErrorInfo).
enum class WsErrc {
  invalid_json,      // not a JSON object with a string "type"
  unknown_type,      // no such message type
  rate_limited,      // over the type's rate: dropped
  too_many_sockets,  // the account holds ws_max_sockets_per_account sockets already
  // consultation rooms
  invalid_message,  // a field missing or of the wrong shape
  token_invalid,    // the room token is unknown, expired, someone else's, or the seat is gone
  room_full,
  peer_taken,   // another socket is in the room as this page (peer id)
  not_in_room,  // not admitted, or the target is not
};

struct WsErrorInfo {
  WsErrc code;
  std::string_view slug;     // the "code" on the wire
  std::string_view message;  // key into the message catalogue
};

const WsErrorInfo& ws_error_info(WsErrc code);
std::vector<WsErrorInfo> all_ws_errors();

// Found by ADL when result<T, Error>::value() is called on an error: that is a programmer error.
[[noreturn]] void throw_exception_from_error(const Error& e, const boost::source_location& loc);

}  // namespace yq::core
