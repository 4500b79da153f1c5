#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/log.hpp"

namespace yq::http {

namespace fs = std::filesystem;

std::string content_type_for(std::string_view path) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  for (const auto& [ext, type] : kTypes) {
    if (path.ends_with(ext)) return std::string(type);
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(const std::string& root, std::size_t max_total_bytes) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    core::log::warn("web_root_missing", {{"web_root", root}});
    return;
  }
  std::size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const auto size = it->file_size();
    if (total + size > max_total_bytes) {
      core::log::warn("web_root_too_large", {{"web_root", root}});
      break;
    }
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    const std::string rel = "/" + fs::relative(it->path(), root).generic_string();
    files_[rel] = File{content_type_for(rel), buf.str()};
    total += size;
  }
}

std::optional<Reply> StaticFiles::serve(std::string_view path, bool wants_html) const {
  if (path == "/") path = "/index.html";
  if (auto it = files_.find(path); it != files_.end()) {
    Reply r{200, it->second.content_type, it->second.body, {}};
    // Vite names assets by content hash: they never change under one name.
    r.headers.emplace_back("Cache-Control", path.starts_with("/assets/")
                                                ? "public, max-age=31536000, immutable"
                                                : "no-cache");
    return r;
  }
  // Single-page-app fallback: a page path (no file extension) the browser navigates to.
  const auto last_slash = path.rfind('/');
  const bool has_extension = path.find('.', last_slash) != std::string_view::npos;
  if (wants_html && !has_extension) {
    if (auto it = files_.find("/index.html"); it != files_.end()) {
      Reply r{200, it->second.content_type, it->second.body, {}};
      r.headers.emplace_back("Cache-Control", "no-cache");
      return r;
    }
  }
  return std::nullopt;
}

}  // namespace yq::http
