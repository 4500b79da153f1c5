#include "identity/photo.hpp"

#include <array>
#include <cstdint>

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

// without_metadata: what a photo file says about where and when it was taken stays on the
// uploader's device. Both walks copy only what they recognise as needed to show the picture;
// anything they cannot read is dropped, never passed through unread.
namespace {

unsigned byte(std::string_view b, std::size_t i) {
  return static_cast<unsigned char>(b[i]);
}

constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);

// Critical chunks and the ones that change how pixels look; text, eXIf, tIME and the rest go.
bool png_chunk_kept(std::string_view type) {
  static constexpr std::array<std::string_view, 12> kKept{"IHDR", "PLTE", "IDAT", "IEND",
                                                          "tRNS", "gAMA", "cHRM", "sRGB",
                                                          "iCCP", "sBIT", "cICP", "pHYs"};
  for (auto k : kKept)
    if (k == type) return true;
  return false;
}

std::string png_without_metadata(std::string_view b) {
  std::string out(kPngSignature);
  std::size_t i = kPngSignature.size();
  while (i + 8 <= b.size()) {
    const std::uint64_t length = be32(b, i);
    const std::string_view type = b.substr(i + 4, 4);
    for (char ch : type) {
      const bool letter = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
      if (!letter) return out;  // not a chunk: the rest of the file is unreadable
    }
    const std::uint64_t end = i + 12 + length;
    const bool truncated = end > b.size();
    if (png_chunk_kept(type)) out += b.substr(i, truncated ? std::string_view::npos : end - i);
    if (truncated || type == "IEND") return out;  // nothing after the end of the image
    i = static_cast<std::size_t>(end);
  }
  return out;
}

// The EXIF orientation (1..8) of an APP1 Exif payload, 0 when it has none we can read. Phones
// store pictures as the sensor saw them and say in this tag how to turn them; without it a
// portrait shows sideways.
unsigned exif_orientation(std::string_view p) {
  if (p.size() < 6 || p.substr(0, 6) != std::string_view("Exif\0\0", 6)) return 0;
  const std::string_view tiff = p.substr(6);
  if (tiff.size() < 8) return 0;
  const bool little = tiff.substr(0, 2) == "II";
  if (!little && tiff.substr(0, 2) != "MM") return 0;
  const auto u16 = [&](std::size_t i) {
    return little ? byte(tiff, i) | (byte(tiff, i + 1) << 8) : be16(tiff, i);
  };
  const auto u32 = [&](std::size_t i) -> std::uint64_t {
    return little ? u16(i) | (static_cast<std::uint64_t>(u16(i + 2)) << 16)
                  : (static_cast<std::uint64_t>(u16(i)) << 16) | u16(i + 2);
  };
  if (u16(2) != 42) return 0;
  const std::uint64_t ifd = u32(4);
  if (ifd + 2 > tiff.size()) return 0;
  const unsigned entries = u16(static_cast<std::size_t>(ifd));
  for (unsigned k = 0; k < entries; ++k) {
    const std::uint64_t e = ifd + 2 + 12ull * k;
    if (e + 12 > tiff.size()) return 0;
    const auto at = static_cast<std::size_t>(e);
    if (u16(at) == 0x0112 && u16(at + 2) == 3 && u32(at + 4) == 1) {
      const unsigned v = u16(at + 8);
      return v >= 1 && v <= 8 ? v : 0;
    }
  }
  return 0;
}

// An APP1 segment holding nothing but the orientation.
std::string orientation_segment(unsigned orientation) {
  std::string s(
      "\xFF\xE1\x00\x22"
      "Exif\0\0"
      "MM\x00\x2A\x00\x00\x00\x08"                        // big-endian TIFF, IFD0 at 8
      "\x00\x01"                                          // one entry
      "\x01\x12\x00\x03\x00\x00\x00\x01\x00\x00\x00\x00"  // Orientation, SHORT, 1
      "\x00\x00\x00\x00",                                 // no next IFD
      36);
  s[29] = static_cast<char>(orientation);  // the low byte of the entry's big-endian value
  return s;
}

// What a JPEG decoder needs of the segment with this marker and payload, "" for nothing.
std::string jpeg_segment_kept(unsigned marker, std::string_view segment) {
  const std::string_view payload = segment.substr(4);
  const bool frame_or_tables = (marker >= 0xC0 && marker <= 0xCF && marker != 0xC8) ||
                               (marker >= 0xDA && marker <= 0xDF);  // SOS DQT DNL DRI DHP EXP
  if (frame_or_tables) return std::string(segment);
  if (marker == 0xE0 && payload.size() >= 14 &&
      payload.substr(0, 5) == std::string_view("JFIF\0", 5))
    return std::string("\xFF\xE0\x00\x10", 4) + std::string(payload.substr(0, 12)) +
           std::string("\0\0", 2);  // JFIF with its thumbnail (a copy of the picture) cut
  if (marker == 0xE1) {
    const unsigned orientation = exif_orientation(payload);
    return orientation > 1 ? orientation_segment(orientation) : std::string();
  }
  if (marker == 0xE2 && payload.substr(0, 12) == std::string_view("ICC_PROFILE\0", 12))
    return std::string(segment);
  if (marker == 0xEE && payload.substr(0, 5) == "Adobe") return std::string(segment);
  return {};  // COM, XMP, IPTC, maker notes, MPF's other pictures, anything unknown
}

std::string jpeg_without_metadata(std::string_view b) {
  std::string out("\xFF\xD8", 2);
  std::size_t i = 2;
  while (i + 1 < b.size()) {
    if (byte(b, i) != 0xFF) return out;
    const unsigned marker = byte(b, i + 1);
    if (marker == 0xFF) {  // fill byte before a marker
      ++i;
      continue;
    }
    if (marker == 0xD9) return out + "\xFF\xD9";  // what follows the end of the image is dropped
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      i += 2;  // standalone markers outside a scan carry nothing
      continue;
    }
    if (i + 4 > b.size()) return out;
    const std::size_t length = be16(b, i + 2);
    if (length < 2) return out;
    const std::size_t end = i + 2 + length;
    const bool truncated = end > b.size();
    out += jpeg_segment_kept(marker, b.substr(i, truncated ? std::string_view::npos : end - i));
    if (truncated) return out;
    i = end;
    if (marker == 0xDA) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF nor a restart.
      std::size_t j = i;
      while (j < b.size()) {
        if (byte(b, j) == 0xFF && j + 1 < b.size()) {
          const unsigned next = byte(b, j + 1);
          if (next != 0x00 && (next < 0xD0 || next > 0xD7)) break;
          j += 2;
          continue;
        }
        ++j;
      }
      out += b.substr(i, j - i);
      i = j;
    }
  }
  return out;
}

}  // namespace

std::string without_metadata(std::string_view bytes) {
  if (bytes.substr(0, kPngSignature.size()) == kPngSignature) return png_without_metadata(bytes);
  if (bytes.size() >= 2 && byte(bytes, 0) == 0xFF && byte(bytes, 1) == 0xD8)
    return jpeg_without_metadata(bytes);
  return {};
}

}  // namespace yq::identity
