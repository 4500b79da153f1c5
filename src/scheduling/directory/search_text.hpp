#pragma once
// Text for the doctor directory's free-text search. Names are stored in whatever script their
// owner typed (陳 or 陈, 醫 or 医); a search in either script must find both. Both the stored key
// and the query go through the same normalisation: OpenCC's Hong Kong/Traditional → Simplified
// conversion (hk2s, which also folds Hong Kong variant characters), then ASCII lower-casing, then
// runs of white space collapsed. OpenCC is fenced in this one file pair.
#include <string>
#include <string_view>
#include <vector>

namespace yq::scheduling {

std::string normalise_search_text(std::string_view text);

// The directory indexes names by token so a search is an index lookup, not a scan of every name.
// A name's tokens: every prefix of each Latin word, and every run of characters inside a word in
// Chinese script (names have no spaces there), each at most kMaxTokenChars characters. A query
// word then finds a name when it begins one of its Latin words or appears inside a Chinese one.
inline constexpr std::size_t kMaxTokenChars = 12;
std::vector<std::string> name_tokens(std::string_view normalised);
// The query's words, distinct, each cut to kMaxTokenChars characters: a name matches a query
// when it has every one of them as a token.
std::vector<std::string> query_tokens(std::string_view normalised);

}  // namespace yq::scheduling
