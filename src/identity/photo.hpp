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

// The photo without what its file says about where and when it was taken: a JPEG keeps only
// what decoding needs (frame, tables, scans, JFIF without its thumbnail, the Adobe colour
// transform, the ICC colour profile) and loses EXIF with its GPS position, XMP, comments and every
// other application segment; a PNG keeps its critical and colour chunks and loses text, eXIf,
// tIME and every other chunk. What follows the end of the image, and any part the walk cannot
// read, is dropped rather than kept unread. For bytes inspect_photo accepts, inspect_photo accepts
// the result and reads the same size.
std::string without_metadata(std::string_view bytes);

}  // namespace yq::identity
