#pragma once
// LIKE patterns from user text. '%' and '_' typed by a user are text, not wildcards: every LIKE on
// user input goes through like_contains() and is written `column LIKE ? ESCAPE '\'` (kLikeEscape),
// which both SQLite (no default escape character) and PostgreSQL read the same way.
#include <string>
#include <string_view>

namespace yq::store {

// The ESCAPE clause to write after every `LIKE ?` whose pattern comes from here.
inline constexpr const char* kLikeEscape = " ESCAPE '\\'";

// text with '\', '%' and '_' escaped by '\'.
std::string like_escape(std::string_view text);
// A pattern matching any value that contains text literally.
std::string like_contains(std::string_view text);

}  // namespace yq::store
