#pragma once
// Serves the built web app (web/dist): files are read once at start-up into memory (the app is a
// few hundred KB), hashed assets are cached for a year, other paths fall back to index.html so the
// single-page app's own routes work on reload.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/context.hpp"

namespace yq::http {

class StaticFiles {
 public:
  // Loads every file under root (at most max_total_bytes). A missing root serves a plain notice.
  explicit StaticFiles(const std::string& root, std::size_t max_total_bytes = 64 * 1024 * 1024);
  // nullopt when the path is not the web app's (the caller answers 404).
  std::optional<Reply> serve(std::string_view path, bool wants_html) const;
  std::size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
  };
  std::map<std::string, File, std::less<>> files_;
};

std::string content_type_for(std::string_view path);

}  // namespace yq::http
