#pragma once
// Text for the doctor directory's free-text search. Names are stored in whatever script their
// owner typed (陳 or 陈, 醫 or 医); a search in either script must find both. Both the stored key
// and the query go through the same normalisation: OpenCC's Hong Kong/Traditional → Simplified
// conversion (hk2s, which also folds Hong Kong variant characters), then ASCII lower-casing, then
// runs of white space collapsed. OpenCC is fenced in this one file pair.
#include <string>
#include <string_view>

namespace yq::scheduling {

std::string normalise_search_text(std::string_view text);

// A LIKE pattern that matches `normalised` anywhere, with %, _ and \ escaped (use ESCAPE '\').
std::string contains_pattern(std::string_view normalised);

}  // namespace yq::scheduling
