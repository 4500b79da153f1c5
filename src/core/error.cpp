#include "core/error.hpp"

#include <array>
#include <stdexcept>

namespace yq::core {

namespace {

constexpr std::array kCatalogue{
    ErrorInfo{Errc::bad_request, "bad_request", 400, "error.bad_request"},
    ErrorInfo{Errc::invalid_json, "invalid_json", 400, "error.invalid_json"},
    ErrorInfo{Errc::validation, "validation", 422, "error.validation"},
    ErrorInfo{Errc::unauthenticated, "unauthenticated", 401, "error.unauthenticated"},
    ErrorInfo{Errc::invalid_credentials, "invalid_credentials", 401, "error.invalid_credentials"},
    ErrorInfo{Errc::mfa_required, "mfa_required", 401, "error.mfa_required"},
    ErrorInfo{Errc::mfa_enrolment_required, "mfa_enrolment_required", 403,
              "error.mfa_enrolment_required"},
    ErrorInfo{Errc::mfa_code_invalid, "mfa_code_invalid", 401, "error.mfa_code_invalid"},
    ErrorInfo{Errc::too_many_attempts, "too_many_attempts", 429, "error.too_many_attempts"},
    ErrorInfo{Errc::forbidden, "forbidden", 403, "error.forbidden"},
    ErrorInfo{Errc::not_found, "not_found", 404, "error.not_found"},
    ErrorInfo{Errc::route_not_found, "route_not_found", 404, "error.route_not_found"},
    ErrorInfo{Errc::method_not_allowed, "method_not_allowed", 405, "error.method_not_allowed"},
    ErrorInfo{Errc::conflict, "conflict", 409, "error.conflict"},
    ErrorInfo{Errc::email_taken, "email_taken", 409, "error.email_taken"},
    ErrorInfo{Errc::payload_too_large, "payload_too_large", 413, "error.payload_too_large"},
    ErrorInfo{Errc::unsupported_media_type, "unsupported_media_type", 415,
              "error.unsupported_media_type"},
    ErrorInfo{Errc::token_invalid, "token_invalid", 400, "error.token_invalid"},
    ErrorInfo{Errc::csrf_rejected, "csrf_rejected", 403, "error.csrf_rejected"},
    ErrorInfo{Errc::unavailable, "unavailable", 503, "error.unavailable"},
    ErrorInfo{Errc::internal, "internal", 500, "error.internal"},
    ErrorInfo{Errc::slot_taken, "slot_taken", 409, "error.slot_taken"},
    ErrorInfo{Errc::slot_unavailable, "slot_unavailable", 409, "error.slot_unavailable"},
    ErrorInfo{Errc::change_window_closed, "change_window_closed", 409,
              "error.change_window_closed"},
    ErrorInfo{Errc::invalid_transition, "invalid_transition", 409, "error.invalid_transition"},
    ErrorInfo{Errc::idempotency_mismatch, "idempotency_mismatch", 422,
              "error.idempotency_mismatch"},
    ErrorInfo{Errc::queue_closed, "queue_closed", 409, "error.queue_closed"},
    ErrorInfo{Errc::already_queued, "already_queued", 409, "error.already_queued"},
    ErrorInfo{Errc::too_many_children, "too_many_children", 409, "error.too_many_children"},
    ErrorInfo{Errc::too_many_requests_open, "too_many_requests_open", 409,
              "error.too_many_requests_open"},
    ErrorInfo{Errc::too_many_bookings, "too_many_bookings", 409, "error.too_many_bookings"},
    ErrorInfo{Errc::email_not_verified, "email_not_verified", 403, "error.email_not_verified"},
    ErrorInfo{Errc::emergency_advice, "emergency_advice", 422, "error.emergency_advice"},
    ErrorInfo{Errc::doctor_busy, "doctor_busy", 409, "error.doctor_busy"},
    ErrorInfo{Errc::queue_empty, "queue_empty", 409, "error.queue_empty"},
    ErrorInfo{Errc::not_on_duty, "not_on_duty", 409, "error.not_on_duty"},
    ErrorInfo{Errc::room_closed, "room_closed", 409, "error.room_closed"},
    ErrorInfo{Errc::not_online, "not_online", 409, "error.not_online"},
    ErrorInfo{Errc::room_full, "room_full", 409, "error.room_full"},
    ErrorInfo{Errc::consultation_ended, "consultation_ended", 409, "error.consultation_ended"},
    ErrorInfo{Errc::note_signed, "note_signed", 409, "error.note_signed"},
    ErrorInfo{Errc::note_not_signed, "note_not_signed", 409, "error.note_not_signed"},
    ErrorInfo{Errc::follow_up_closed, "follow_up_closed", 409, "error.follow_up_closed"},
    ErrorInfo{Errc::version_conflict, "version_conflict", 409, "error.version_conflict"},
    ErrorInfo{Errc::sharing_not_joined, "sharing_not_joined", 409, "error.sharing_not_joined"},
    ErrorInfo{Errc::already_consented, "already_consented", 409, "error.already_consented"},
    ErrorInfo{Errc::choose_organisation, "choose_organisation", 409, "error.choose_organisation"},
    ErrorInfo{Errc::too_many_restrictions, "too_many_restrictions", 409,
              "error.too_many_restrictions"},
    ErrorInfo{Errc::request_paused, "request_paused", 429, "error.request_paused"},
    ErrorInfo{Errc::invalid_encoding, "invalid_encoding", 400, "error.invalid_encoding"},
    ErrorInfo{Errc::headers_too_large, "headers_too_large", 431, "error.headers_too_large"},
    ErrorInfo{Errc::http_version_not_supported, "http_version_not_supported", 505,
              "error.http_version_not_supported"},
    ErrorInfo{Errc::too_many_connections, "too_many_connections", 503,
              "error.too_many_connections"},
};

constexpr std::array kWsCatalogue{
    WsErrorInfo{WsErrc::invalid_json, "invalid_json", "ws.invalid_json"},
    WsErrorInfo{WsErrc::unknown_type, "unknown_type", "ws.unknown_type"},
    WsErrorInfo{WsErrc::rate_limited, "rate_limited", "ws.rate_limited"},
    WsErrorInfo{WsErrc::too_many_sockets, "too_many_sockets", "ws.too_many_sockets"},
    WsErrorInfo{WsErrc::invalid_message, "invalid_message", "ws.invalid_message"},
    WsErrorInfo{WsErrc::token_invalid, "token_invalid", "ws.token_invalid"},
    WsErrorInfo{WsErrc::room_full, "room_full", "ws.room_full"},
    WsErrorInfo{WsErrc::peer_taken, "peer_taken", "ws.peer_taken"},
    WsErrorInfo{WsErrc::not_in_room, "not_in_room", "ws.not_in_room"},
};

}  // namespace

const WsErrorInfo& ws_error_info(WsErrc code) {
  for (const auto& info : kWsCatalogue) {
    if (info.code == code) return info;
  }
  return kWsCatalogue.front();
}

std::vector<WsErrorInfo> all_ws_errors() {
  return {kWsCatalogue.begin(), kWsCatalogue.end()};
}

const ErrorInfo& error_info(Errc code) {
  for (const auto& info : kCatalogue) {
    if (info.code == code) return info;
  }
  return kCatalogue.back();
}

std::vector<ErrorInfo> all_errors() {
  return {kCatalogue.begin(), kCatalogue.end()};
}

void throw_exception_from_error(const Error& e, const boost::source_location&) {
  throw std::logic_error("value() called on an error result: " +
                         std::string(error_info(e.code).slug));
}

}  // namespace yq::core
