#include "store/blob_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "core/crypto.hpp"

namespace yq::store {

BlobStore::BlobStore(std::filesystem::path root) : root_(std::move(root)) {
  std::filesystem::create_directories(root_);
}

std::optional<std::filesystem::path> BlobStore::path_for(std::string_view id) const {
  if (id.size() != 64 || !std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      })) {
    return std::nullopt;
  }
  return root_ / std::string(id.substr(0, 2)) / std::string(id.substr(2));
}

std::string BlobStore::put(std::string_view bytes) {
  const std::string id = core::sha256_hex(bytes);
  const auto path = *path_for(id);
  if (std::filesystem::exists(path)) return id;
  std::filesystem::create_directories(path.parent_path());
  const auto tmp = path.string() + ".tmp" + core::hex_encode(core::random_bytes(6));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) throw std::runtime_error("cannot create blob file");
  std::size_t written = 0;
  while (written < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      throw std::runtime_error("cannot write blob file");
    }
    written += static_cast<std::size_t>(n);
  }
  // Nothing a user saved is lost: the bytes are on disk before the database points at them.
  ::fsync(fd);
  ::close(fd);
  std::filesystem::rename(tmp, path);
  return id;
}

std::optional<std::string> BlobStore::get(std::string_view id) const {
  const auto path = path_for(id);
  if (!path) return std::nullopt;
  std::ifstream in(*path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace yq::store
