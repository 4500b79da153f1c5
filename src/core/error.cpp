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
};

}  // namespace

const ErrorInfo& error_info(Errc code) {
  for (const auto& info : kCatalogue) {
    if (info.code == code) return info;
  }
  return kCatalogue.back();
}

std::vector<ErrorInfo> all_errors() { return {kCatalogue.begin(), kCatalogue.end()}; }

void throw_exception_from_error(const Error& e, const boost::source_location&) {
  throw std::logic_error("value() called on an error result: " +
                         std::string(error_info(e.code).slug));
}

}  // namespace yq::core
