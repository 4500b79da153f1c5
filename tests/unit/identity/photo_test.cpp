#include "identity/photo.hpp"

#include <gtest/gtest.h>

namespace yq::identity {
namespace {

std::string png_of(unsigned w, unsigned h) {
  std::string b("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
  for (unsigned v : {w, h}) {
    for (int shift = 24; shift >= 0; shift -= 8)
      b.push_back(static_cast<char>((v >> shift) & 0xff));
  }
  return b + std::string("\x08\x02\0\0\0", 5);
}

std::string jpeg_of(unsigned w, unsigned h) {
  std::string b("\xFF\xD8\xFF\xE0\x00\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 20);  // SOI + APP0
  b += std::string("\xFF\xC0\x00\x11\x08", 5);                                    // SOF0, 8-bit
  b.push_back(static_cast<char>(h >> 8));
  b.push_back(static_cast<char>(h & 0xff));
  b.push_back(static_cast<char>(w >> 8));
  b.push_back(static_cast<char>(w & 0xff));
  return b + std::string(12, '\x01');
}

TEST(Photo, AcceptsRealHeadersAndReadsTheSize) {
  auto p = inspect_photo(png_of(640, 480));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->content_type, "image/png");
  EXPECT_EQ(p->width, 640);
  auto j = inspect_photo(jpeg_of(800, 600));
  ASSERT_TRUE(j);
  EXPECT_EQ(j->content_type, "image/jpeg");
  EXPECT_EQ(j->height, 600);
}

TEST(Photo, RefusesOtherContentAndDeclaredGiants) {
  EXPECT_FALSE(inspect_photo("GIF89a..."));
  EXPECT_FALSE(inspect_photo("<svg xmlns='http://www.w3.org/2000/svg'/>"));
  EXPECT_FALSE(inspect_photo(png_of(100000, 100000)));  // a decompression bomb for the viewer
  EXPECT_FALSE(inspect_photo(jpeg_of(65000, 10)));
  EXPECT_FALSE(inspect_photo(png_of(0, 10)));
  EXPECT_FALSE(inspect_photo(std::string("\xFF\xD8\xFF\xE0\x00\x01", 6)));  // bad segment length
  EXPECT_FALSE(inspect_photo(png_of(10, 10) + std::string(kMaxPhotoBytes, '\0')));
}

// Finding: photos kept their EXIF (the GPS position where a doctor took their portrait, the
// camera, the time), XMP, comments and text chunks. They are stripped before the photo is stored.
constexpr std::string_view kGps = "GPS 22.2783N 114.1747E";

std::string segment(unsigned marker, const std::string& payload) {
  const std::size_t n = payload.size() + 2;
  return std::string{'\xFF', static_cast<char>(marker), static_cast<char>(n >> 8),
                     static_cast<char>(n & 0xff)} +
         payload;
}

// A TIFF block (big-endian or little-endian) with the orientation and a GPS-looking string.
std::string exif_payload(bool little, unsigned orientation) {
  const auto u16 = [&](unsigned v) {
    return little ? std::string{static_cast<char>(v & 0xff), static_cast<char>(v >> 8)}
                  : std::string{static_cast<char>(v >> 8), static_cast<char>(v & 0xff)};
  };
  const auto u32 = [&](unsigned long v) {
    return little ? u16(v & 0xffff) + u16(v >> 16) : u16(v >> 16) + u16(v & 0xffff);
  };
  std::string tiff = (little ? "II" : "MM") + u16(42) + u32(8);
  tiff += u16(2);                                             // two entries
  tiff += u16(0x010F) + u16(2) + u32(kGps.size()) + u32(38);  // Make, ASCII, at 38
  tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + u16(0);
  tiff += u32(0);  // no next IFD
  tiff += std::string(kGps);
  return std::string("Exif\0\0", 6) + tiff;
}

std::string jfif_with_thumbnail() {
  std::string p("JFIF\0\x01\x02\x01\x00\x48\x00\x48\x01\x01", 14);  // 72 dpi, 1x1 thumbnail
  return p + "\x10\x20\x30";                                        // its one RGB pixel
}

// The segments a decoder needs, in order, as a baseline JPEG of w x h carries them.
std::string decoding_part(unsigned w, unsigned h) {
  std::string sof("\x08", 1);
  for (unsigned v : {h, w}) {
    sof.push_back(static_cast<char>(v >> 8));
    sof.push_back(static_cast<char>(v & 0xff));
  }
  sof += std::string("\x01\x01\x11\x00", 4);
  return segment(0xDB, std::string("\x00", 1) + std::string(64, '\x01')) + segment(0xC0, sof) +
         segment(0xC4, std::string("\x00\x01", 2) + std::string(15, '\0') + "\x05") +
         segment(0xDD, std::string("\x00\x04", 2)) +
         segment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6)) +
         // Entropy-coded data with a stuffed 0xFF and a restart marker inside.
         std::string("\x12\xFF\x00\x34\xFF\xD0\x56\x78", 8);
}

TEST(Photo, PhotosLoseExifGpsCommentsAndXmpFromJpeg) {
  const std::string icc = std::string("ICC_PROFILE\0\x01\x01", 14) + "colour profile";
  const std::string adobe = std::string("Adobe\x00\x64\x00\x00\x00\x00\x01", 12);
  const std::string jpeg =
      std::string("\xFF\xD8", 2) + segment(0xE0, jfif_with_thumbnail()) +
      segment(0xE1, exif_payload(false, 6)) +
      segment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>" + std::string(kGps) + "</x>") +
      segment(0xE2, icc) + segment(0xED, "Photoshop 3.0\0IPTC " + std::string(kGps)) +
      segment(0xEE, adobe) + segment(0xFE, "comment: " + std::string(kGps)) +
      decoding_part(640, 480) + segment(0xFE, "between scans " + std::string(kGps)) +
      std::string("\xFF\xD9", 2) + "trailer after the image " + std::string(kGps);
  ASSERT_TRUE(inspect_photo(jpeg));

  const std::string clean = without_metadata(jpeg);
  EXPECT_EQ(clean.find(kGps), std::string::npos);
  EXPECT_EQ(clean.find("xmpmeta"), std::string::npos);
  EXPECT_EQ(clean.find("Photoshop"), std::string::npos);
  EXPECT_EQ(clean.find("comment"), std::string::npos);
  EXPECT_EQ(clean.find("trailer"), std::string::npos);
  EXPECT_EQ(clean.find("\x10\x20\x30"), std::string::npos) << "the JFIF thumbnail";
  // What decoding and colour need stays, byte for byte and in order; the orientation stays too, in
  // an Exif block of its own.
  const std::string orientation6 = std::string(
      "\xFF\xE1\x00\x22"
      "Exif\0\0MM\x00\x2A\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00"
      "\x00\x00\x00\x00",
      36);
  EXPECT_EQ(clean, std::string("\xFF\xD8", 2) +
                       segment(0xE0, jfif_with_thumbnail().substr(0, 12) + std::string(2, '\0')) +
                       orientation6 + segment(0xE2, icc) + segment(0xEE, adobe) +
                       decoding_part(640, 480) + std::string("\xFF\xD9", 2));
  const auto info = inspect_photo(clean);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->width, 640);
  EXPECT_EQ(info->height, 480);
  EXPECT_EQ(without_metadata(clean), clean) << "a clean photo stays as it is";

  // A little-endian Exif block keeps its orientation too; orientation 1 (as taken) needs no block.
  const std::string little = std::string("\xFF\xD8", 2) + segment(0xE1, exif_payload(true, 8)) +
                             decoding_part(10, 10) + std::string("\xFF\xD9", 2);
  const std::string little_clean = without_metadata(little);
  EXPECT_EQ(little_clean.find(kGps), std::string::npos);
  EXPECT_EQ(little_clean.substr(2, 36)[29], '\x08');
  const std::string upright = std::string("\xFF\xD8", 2) + segment(0xE1, exif_payload(true, 1)) +
                              decoding_part(10, 10) + std::string("\xFF\xD9", 2);
  EXPECT_EQ(without_metadata(upright),
            std::string("\xFF\xD8", 2) + decoding_part(10, 10) + std::string("\xFF\xD9", 2));
}

std::string chunk(const std::string& type, const std::string& data) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((data.size() >> shift) & 0xff));
  return out + type + data + "CRC!";  // the walk never reads the CRC; decoders do
}

TEST(Photo, PhotosLoseTextExifAndTimeChunksFromPng) {
  const std::string sig("\x89PNG\r\n\x1a\n", 8);
  const std::string ihdr = chunk("IHDR", std::string("\0\0\x01\0\0\0\0\xC8\x08\x03\0\0\0", 13));
  const std::string colour =
      chunk("sRGB", std::string("\0", 1)) + chunk("gAMA", std::string("\0\0\xB1\x8F", 4)) +
      chunk("iCCP", std::string("icc\0\0profile", 12)) + chunk("pHYs", std::string(9, '\x01'));
  const std::string palette = chunk("PLTE", "\x01\x02\x03") + chunk("tRNS", std::string("\0", 1));
  const std::string pixels = chunk("IDAT", "compressed-1") + chunk("IDAT", "compressed-2");
  const std::string png = sig + ihdr + chunk("tEXt", "Comment\0" + std::string(kGps)) + colour +
                          chunk("eXIf", exif_payload(false, 6).substr(6)) +
                          chunk("zTXt", "Location\0\0" + std::string(kGps)) +
                          chunk("iTXt", "XML:com.adobe.xmp\0\0\0\0\0" + std::string(kGps)) +
                          palette + chunk("tIME", "\x07\xEA\x0B\x17\x08\x00\x00") +
                          chunk("prVt", std::string(kGps)) + pixels + chunk("IEND", "") +
                          "after the end " + std::string(kGps);
  ASSERT_TRUE(inspect_photo(png));

  const std::string clean = without_metadata(png);
  EXPECT_EQ(clean.find(kGps), std::string::npos);
  EXPECT_EQ(clean, sig + ihdr + colour + palette + pixels + chunk("IEND", ""));
  const auto info = inspect_photo(clean);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->width, 256);
  EXPECT_EQ(info->height, 200);
  EXPECT_EQ(without_metadata(clean), clean);
}

TEST(Photo, StrippingNeverPassesUnreadBytesThrough) {
  // A chunk or segment that runs past the end: a needed one is kept as far as it goes, another one
  // is dropped, and nothing after a break in the structure survives.
  const std::string sig("\x89PNG\r\n\x1a\n", 8);
  const std::string ihdr = chunk("IHDR", std::string("\0\0\0\x10\0\0\0\x10\x08\x02\0\0\0", 13));
  EXPECT_EQ(without_metadata(sig + ihdr + chunk("tEXt", std::string(kGps)).substr(0, 12)),
            sig + ihdr);
  EXPECT_EQ(without_metadata(sig + ihdr + "\0\0\0\x05\x01\x02\x03\x04" + std::string(kGps)),
            sig + ihdr);
  const std::string jpeg = std::string("\xFF\xD8", 2) + decoding_part(8, 8);
  const std::string tables = std::string("\xFF\xD8", 2) + segment(0xDB, std::string(65, '\x01'));
  EXPECT_EQ(without_metadata(tables + std::string(1, '\0') + segment(0xDB, std::string(kGps))),
            tables);
  EXPECT_EQ(without_metadata(jpeg + segment(0xE1, exif_payload(false, 3)).substr(0, 20)), jpeg);
  EXPECT_EQ(without_metadata(png_of(640, 480)), png_of(640, 480));
  EXPECT_TRUE(inspect_photo(without_metadata(jpeg_of(800, 600))));
  EXPECT_EQ(without_metadata("GIF89a"), "");
}

}  // namespace
}  // namespace yq::identity
