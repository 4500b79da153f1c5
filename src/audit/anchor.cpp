#include "audit/anchor.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/log.hpp"
#include "core/time.hpp"

namespace yq::audit {

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  const auto b = s.find_first_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b);
}

std::runtime_error file_error(const std::string& what, const std::filesystem::path& file) {
  return std::runtime_error(what + " " + file.string() + ": " + std::strerror(errno));
}

// Writes all of data and flushes it to the disk: a checkpoint that is not on the disk does not
// exist after a power cut.
void write_all(int fd, const std::string& data, const std::filesystem::path& file) {
  std::size_t done = 0;
  while (done < data.size()) {
    const auto n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw file_error("cannot write", file);
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) throw file_error("cannot sync", file);
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::optional<Checkpoint> parse_line(const std::string& line) {
  boost::system::error_code ec;
  const auto v = boost::json::parse(line, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.as_object();
  const auto* seq = o.if_contains("seq");
  const auto* hash = o.if_contains("hash");
  const auto* at = o.if_contains("at");
  const auto* prev = o.if_contains("prev");
  const auto* sig = o.if_contains("sig");
  if (!seq || !seq->is_int64() || !hash || !hash->is_string() || !at || !at->is_int64() || !prev ||
      !prev->is_string() || !sig || !sig->is_string()) {
    return std::nullopt;
  }
  return Checkpoint{seq->as_int64(),
                    std::string(hash->as_string()),
                    at->as_int64(),
                    std::string(prev->as_string()),
                    std::string(sig->as_string()),
                    0};
}

}  // namespace

std::string signed_text(const Checkpoint& c) {
  // A fixed prefix: a signature made for anything else cannot pass as a checkpoint.
  return "yiqiao audit checkpoint v1\n" + std::to_string(c.seq) + "\n" + c.hash + "\n" +
         std::to_string(c.at) + "\n" + c.prev;
}

std::string checkpoint_line(const Checkpoint& c) {
  return boost::json::serialize(boost::json::object{
      {"seq", c.seq}, {"hash", c.hash}, {"at", c.at}, {"prev", c.prev}, {"sig", c.sig}});
}

core::SigningKey load_anchor_key(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) throw file_error("cannot read the audit anchor key", file);
  if ((st.st_mode & 077) != 0) {
    throw std::runtime_error("the audit anchor key " + file.string() +
                             " may be read by others: chmod 600 it");
  }
  const auto seed = core::base64_decode(trim(read_text(file)));
  if (!seed || seed->size() != core::kSigningSeedBytes)
    throw std::runtime_error("the audit anchor key " + file.string() + " is not a key");
  return core::signing_key_from_seed(*seed);
}

core::SigningKey load_or_create_anchor_key(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) {
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    // O_EXCL: of two processes starting at once, one makes the key and the other reads it.
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      try {
        write_all(fd, core::base64_encode(core::random_bytes(core::kSigningSeedBytes)) + "\n",
                  file);
      } catch (...) {
        ::close(fd);
        throw;
      }
      ::close(fd);
    } else if (errno != EEXIST) {
      throw file_error("cannot create the audit anchor key", file);
    }
  }
  return load_anchor_key(file);
}

std::string public_key_text(const core::SigningKey& key) {
  return core::base64_encode(key.public_key);
}

std::optional<std::string> parse_public_key(const std::string& text_or_file) {
  auto as_key = [](const std::string& text) -> std::optional<std::string> {
    auto raw = core::base64_decode(trim(text));
    if (!raw || raw->size() != core::kSigningPublicKeyBytes) return std::nullopt;
    return raw;
  };
  if (auto k = as_key(text_or_file)) return k;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(text_or_file, ec) ||
      std::filesystem::file_size(text_or_file, ec) > 1024) {
    return std::nullopt;
  }
  return as_key(read_text(text_or_file));
}

AnchorFile read_anchor_file(const std::filesystem::path& file, const std::string& public_key) {
  AnchorFile out;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    out.problem = "cannot read the anchor file " + file.string();
    return out;
  }
  std::string line, previous_line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string where = "anchor line " + std::to_string(number);
    auto c = parse_line(line);
    if (!c) {
      out.problem = where + " is not a checkpoint";
      return out;
    }
    c->line = number;
    const auto sig = core::base64_decode(c->sig);
    if (!sig || !core::signature_valid(public_key, signed_text(*c), *sig)) {
      out.problem = where + " is not signed by this key";
      return out;
    }
    const std::string expected_prev = number == 1 ? "" : core::sha256_hex(previous_line);
    if (c->prev != expected_prev) {
      out.problem = where + " does not follow the line before it: lines were removed or reordered";
      return out;
    }
    if (!out.checkpoints.empty() &&
        (c->seq <= out.checkpoints.back().seq || c->at < out.checkpoints.back().at)) {
      out.problem = where + " is out of order";
      return out;
    }
    out.checkpoints.push_back(std::move(*c));
    previous_line = line;
  }
  return out;
}

AnchorWriter::AnchorWriter(store::Database& db, const core::Clock& clock,
                           std::filesystem::path file, core::SigningKey key)
    : db_(db), clock_(clock), file_(std::move(file)), key_(std::move(key)) {}

bool AnchorWriter::checkpoint() {
  std::lock_guard lock(mutex_);
  if (!loaded_) {
    // Continue the file where it ends (the last line is what the next one chains to).
    std::ifstream in(file_, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      last_line_ = line;
    }
    if (!last_line_.empty()) {
      const auto c = parse_line(last_line_);
      if (!c)
        throw std::runtime_error("the last line of " + file_.string() + " is not a checkpoint");
      last_seq_ = c->seq;
      last_at_ = c->at;
    }
    loaded_ = true;
  }
  auto head = db_.read([](store::Connection& c) {
    return c.query_one("SELECT seq, hash FROM audit_head WHERE id = 1");
  });
  if (!head) throw std::runtime_error("audit_head row is missing");
  // Nothing to pin before the first event, nor when nothing happened since the last line.
  if (head->i64(0) == 0 || head->i64(0) == last_seq_) return false;
  if (head->i64(0) < last_seq_) {
    // Written anyway: verify then reports this line as out of order, which is what happened.
    core::log::error("audit_chain_behind_checkpoint",
                     {{"head_seq", head->i64(0)}, {"checkpoint_seq", last_seq_}});
  }
  Checkpoint c;
  c.seq = head->i64(0);
  c.hash = head->text(1);
  c.at = std::max(clock_.now(), last_at_);  // never back in time, even if the clock steps back
  c.prev = last_line_.empty() ? "" : core::sha256_hex(last_line_);
  c.sig = core::base64_encode(core::sign(key_, signed_text(c)));
  const std::string line = checkpoint_line(c);

  if (file_.has_parent_path()) std::filesystem::create_directories(file_.parent_path());
  const int fd = ::open(file_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw file_error("cannot open the audit anchor file", file_);
  try {
    write_all(fd, line + "\n", file_);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  last_line_ = line;
  last_seq_ = c.seq;
  last_at_ = c.at;
  return true;
}

AnchoredReport verify_anchored(store::Database& db, const std::vector<Checkpoint>& checkpoints) {
  std::map<std::int64_t, Pin> pins;
  for (const auto& c : checkpoints) {
    pins[c.seq] = Pin{c.hash, "the checkpoint of " + core::iso8601_utc(c.at) + " (anchor line " +
                                  std::to_string(c.line) + ")"};
  }
  AnchoredReport r;
  r.chain = verify(db, pins);
  r.checkpoints = static_cast<std::int64_t>(checkpoints.size());
  r.last_checkpoint_seq = checkpoints.empty() ? 0 : checkpoints.back().seq;
  return r;
}

}  // namespace yq::audit
