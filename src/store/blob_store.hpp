#pragma once
// Content-addressed files (photos now; DICOM instances, attachments and reports later) under
// <data_dir>/blobs/ab/cdef...: the name is the SHA-256 of the content, never anything a user sent,
// so no path can be smuggled in and identical uploads are stored once.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace yq::store {

class BlobStore {
 public:
  explicit BlobStore(std::filesystem::path root);
  // Writes the bytes (atomically: temp file, fsync, rename) and returns their SHA-256 hex.
  std::string put(std::string_view bytes);
  // nullopt when no such blob exists or the id is not a SHA-256 hex string.
  std::optional<std::string> get(std::string_view sha256_hex) const;

 private:
  std::optional<std::filesystem::path> path_for(std::string_view sha256_hex) const;
  std::filesystem::path root_;
};

}  // namespace yq::store
