#pragma once
#include <string>

namespace yq::core {
// A fresh identifier for any stored entity: 128 random bits as 26 lower-case base32 characters.
// Random, never sequential, so an id in a URL tells nothing about others and cannot be guessed.
std::string new_id();
// An id of the same shape whose text sorts in creation order on this node (48-bit milliseconds, a
// counter, 64 random bits; an alphabet in ASCII order), for rows whose position matters: a chat
// message id says "read up to here". It reveals when the row was made, so use it only where that
// is no secret to whoever sees the id.
std::string new_ordered_id();
// A request id for logs and the X-Request-Id header: 16 hex digits, unique within the process and
// random across restarts, but not secret (a random prefix and a counter: no system call per
// request).
std::string new_request_id();
// True when s has the shape new_id() produces (used to reject junk path parameters early).
bool looks_like_id(std::string_view s);
}  // namespace yq::core
