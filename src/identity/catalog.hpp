#pragma once
// Codes the platform accepts for organisation kinds, regions, roles, specialties and spoken
// languages. The web app names them in three languages; the server stores and validates codes.
#include <string_view>
#include <vector>

namespace yq::identity {

const std::vector<std::string_view>& organisation_kinds();
const std::vector<std::string_view>& regions();
const std::vector<std::string_view>& staff_roles();
const std::vector<std::string_view>& specialties();
const std::vector<std::string_view>& spoken_languages();
const std::vector<std::string_view>& ui_languages();  // en, zh-Hant, zh-Hans

// Roles an organisation of this kind may give its staff.
std::vector<std::string_view> roles_for_kind(std::string_view kind);

}  // namespace yq::identity
