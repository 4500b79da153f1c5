#pragma once
// The text a request carries before any handler reads it: the target (path and query, after
// percent-decoding) and every header value. Checked once at the edge, so that no handler, database
// or log line ever receives bytes that are not UTF-8 text. Rejected rather than repaired: a header
// or address that is not UTF-8 comes from a broken or hostile client, browsers never send one, and
// a repaired value would put into the audit trail and session list something the client never sent.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "http/context.hpp"

namespace yq::http {

// Well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view s);

// At most max_bytes of s, cut at a character boundary (s is valid UTF-8).
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

// s with every byte of an invalid sequence replaced by '?', for log lines about refused requests.
std::string printable(std::string_view s);

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// The key=value pairs of a query string (without '?'), percent-decoded, '+' as a space. An error
// when an escape is malformed (bad_request) or a key or value is not UTF-8 or holds NUL
// (invalid_encoding).
core::Result<QueryParams> decode_query(std::string_view query);

// nullopt when the request line and headers are acceptable text; otherwise the error to answer.
std::optional<core::Errc> check_request_text(const BeastRequest& header);

}  // namespace yq::http
