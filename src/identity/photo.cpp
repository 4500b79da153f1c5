#include "identity/photo.hpp"

namespace yq::identity {

namespace {

unsigned be16(std::string_view b, std::size_t i) {
  return (static_cast<unsigned char>(b[i]) << 8) | static_cast<unsigned char>(b[i + 1]);
}
unsigned long be32(std::string_view b, std::size_t i) {
  return (static_cast<unsigned long>(be16(b, i)) << 16) | be16(b, i + 2);
}

std::optional<PhotoInfo> png(std::string_view b) {
  if (b.size() < 24 || b.substr(0, 8) != std::string_view("\x89PNG\r\n\x1a\n", 8) ||
      b.substr(12, 4) != "IHDR") {
    return std::nullopt;
  }
  const auto w = be32(b, 16), h = be32(b, 20);
  if (w == 0 || h == 0 || w > kMaxPhotoSide || h > kMaxPhotoSide) return std::nullopt;
  return PhotoInfo{"image/png", static_cast<int>(w), static_cast<int>(h)};
}

std::optional<PhotoInfo> jpeg(std::string_view b) {
  if (b.size() < 4 || static_cast<unsigned char>(b[0]) != 0xFF ||
      static_cast<unsigned char>(b[1]) != 0xD8) {
    return std::nullopt;
  }
  // Walk the marker segments to the first start-of-frame, which holds the dimensions.
  std::size_t i = 2;
  while (i + 9 < b.size()) {
    if (static_cast<unsigned char>(b[i]) != 0xFF) return std::nullopt;
    const unsigned marker = static_cast<unsigned char>(b[i + 1]);
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      i += 2;
      continue;
    }
    const unsigned length = be16(b, i + 2);
    if (length < 2) return std::nullopt;
    const bool sof =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      const unsigned h = be16(b, i + 5), w = be16(b, i + 7);
      if (w == 0 || h == 0 || w > kMaxPhotoSide || h > kMaxPhotoSide) return std::nullopt;
      return PhotoInfo{"image/jpeg", static_cast<int>(w), static_cast<int>(h)};
    }
    i += 2 + length;
  }
  return std::nullopt;
}

}  // namespace

std::optional<PhotoInfo> inspect_photo(std::string_view bytes) {
  if (bytes.size() > kMaxPhotoBytes) return std::nullopt;
  if (auto p = png(bytes)) return p;
  return jpeg(bytes);
}

}  // namespace yq::identity
