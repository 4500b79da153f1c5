#pragma once
#include <string>

namespace yq::core {
// A fresh identifier for any stored entity: 128 random bits as 26 lower-case base32 characters.
// Random, never sequential, so an id in a URL tells nothing about others and cannot be guessed.
std::string new_id();
// A request id for logs and the X-Request-Id header: 16 hex digits, unique within the process and
// random across restarts, but not secret (a random prefix and a counter: no system call per
// request).
std::string new_request_id();
// True when s has the shape new_id() produces (used to reject junk path parameters early).
bool looks_like_id(std::string_view s);
}  // namespace yq::core
