#pragma once
// Idempotency-Key for client-facing creates: a retried request (same account, route and key) gets
// the answer the first one got, so a booking retried after a lost response never books twice. The
// same key with a different body is refused (idempotency_mismatch). The remembered answer is
// written in the transaction that made the change, so it exists exactly when the change does.
// Refusals are not remembered: a retry is evaluated again (and is refused again while the reason
// holds). Keys are kept for kIdempotencyKeepSeconds.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace yq::scheduling {

inline constexpr std::size_t kMaxIdempotencyKey = 128;
inline constexpr std::int64_t kIdempotencyKeepSeconds = 24 * 3600;

// 1..128 visible ASCII characters.
bool valid_idempotency_key(std::string_view key);

struct StoredAnswer {
  std::string request_hash;
  int status = 0;
  std::string body;
};

std::optional<StoredAnswer> find_answer(store::Connection& c, const std::string& account_id,
                                        std::string_view scope, const std::string& key);
void remember_answer(store::Connection& c, const std::string& account_id, std::string_view scope,
                     const std::string& key, const StoredAnswer& answer, std::int64_t now);
// Drops keys older than kIdempotencyKeepSeconds (the horizon job).
std::int64_t forget_old_answers(store::Connection& c, std::int64_t now);

}  // namespace yq::scheduling
