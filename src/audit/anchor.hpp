#pragma once
// Checkpoints of the audit chain kept outside the database. Someone with write access to the
// database can rewrite events and re-hash the chain so that verify() passes; they cannot re-sign
// the checkpoints. The server signs (Ed25519, a key file outside the database) the chain head
// (seq, hash, time) every audit_anchor_seconds and at shutdown, one JSON line per checkpoint
// appended to a file; verify(db, anchor) then needs every checkpointed seq to exist with the same
// hash. Each line also carries the SHA-256 of the line before it, so lines cannot be dropped or
// reordered inside the file unnoticed. The threat model is in docs/operations.md.
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/crypto.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace yq::audit {

struct Checkpoint {
  std::int64_t seq = 0;
  std::string hash;
  std::int64_t at = 0;
  std::string prev;  // SHA-256 (hex) of the previous line of the file; "" on the first
  std::string sig;   // base64 Ed25519 signature of signed_text()
  int line = 0;      // 1-based line in the file it was read from
};

// The exact bytes that are signed.
std::string signed_text(const Checkpoint& c);
std::string checkpoint_line(const Checkpoint& c);  // one JSON object, no newline

// The key file holds the base64 seed on one line. Missing: a new key is written, mode 0600.
// A key file others may read is refused (the key is what makes the checkpoints trustworthy).
core::SigningKey load_or_create_anchor_key(const std::filesystem::path& file);
core::SigningKey load_anchor_key(const std::filesystem::path& file);
std::string public_key_text(const core::SigningKey& key);  // base64, what `audit anchor-key` prints
// A public key given as its base64 text or as a file holding it; nullopt when neither.
std::optional<std::string> parse_public_key(const std::string& text_or_file);

// Reads and checks an anchor file against a public key: every line parses and is signed by the
// key, lines chain (prev), seq strictly increases and time does not go back. Empty `problem` when
// all is well.
struct AnchorFile {
  std::vector<Checkpoint> checkpoints;
  std::string problem;
};
AnchorFile read_anchor_file(const std::filesystem::path& file, const std::string& public_key);

// Appends a signed checkpoint of the current head, unless the head is the one last written.
class AnchorWriter {
 public:
  AnchorWriter(store::Database& db, const core::Clock& clock, std::filesystem::path file,
               core::SigningKey key);
  // True when a line was written. Safe to call from several threads.
  bool checkpoint();

 private:
  store::Database& db_;
  const core::Clock& clock_;
  std::filesystem::path file_;
  core::SigningKey key_;
  std::mutex mutex_;
  bool loaded_ = false;
  std::string last_line_;
  std::int64_t last_seq_ = -1;
  std::int64_t last_at_ = 0;
};

// The chain check of verify(db) plus: every checkpoint's seq is in the chain with the checkpoint's
// hash, and the chain reaches the last checkpoint.
struct AnchoredReport {
  VerifyReport chain;
  std::int64_t checkpoints = 0;
  std::int64_t last_checkpoint_seq = 0;
};
AnchoredReport verify_anchored(store::Database& db, const std::vector<Checkpoint>& checkpoints);

}  // namespace yq::audit
