#include "identity/photo.hpp"

#include <gtest/gtest.h>

namespace yq::identity {
namespace {

std::string png_of(unsigned w, unsigned h) {
  std::string b("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
  for (unsigned v : {w, h}) {
    for (int shift = 24; shift >= 0; shift -= 8) b.push_back(static_cast<char>((v >> shift) & 0xff));
  }
  return b + std::string("\x08\x02\0\0\0", 5);
}

std::string jpeg_of(unsigned w, unsigned h) {
  std::string b("\xFF\xD8\xFF\xE0\x00\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 20);  // SOI + APP0
  b += std::string("\xFF\xC0\x00\x11\x08", 5);                                       // SOF0, 8-bit
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

}  // namespace
}  // namespace yq::identity
