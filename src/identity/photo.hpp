#pragma once
// Checks an uploaded profile photo by its content (never by the name or the declared type).
#include <optional>
#include <string>
#include <string_view>

namespace yq::identity {

struct PhotoInfo {
  std::string content_type;  // image/jpeg or image/png
  int width = 0;
  int height = 0;
};

inline constexpr std::size_t kMaxPhotoBytes = 2 * 1024 * 1024;
inline constexpr int kMaxPhotoSide = 4096;

// nullopt when the bytes are not a JPEG or PNG whose header we can read, or it declares a size over
// kMaxPhotoSide (a small file can declare a huge image and exhaust the browser that decodes it).
std::optional<PhotoInfo> inspect_photo(std::string_view bytes);

}  // namespace yq::identity
