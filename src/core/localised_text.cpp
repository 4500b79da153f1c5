#include "core/localised_text.hpp"

namespace yq::core {

boost::json::object LocalisedText::to_json() const {
  return {{lang_tag(Lang::en), en},
          {lang_tag(Lang::zh_hant), zh_hant},
          {lang_tag(Lang::zh_hans), zh_hans}};
}

const std::string& LocalisedText::pick(Lang lang) const {
  switch (lang) {
    case Lang::zh_hant:
      return zh_hant;
    case Lang::zh_hans:
      return zh_hans;
    case Lang::en:
      break;
  }
  return en;
}

}  // namespace yq::core
