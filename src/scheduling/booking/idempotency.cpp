#include "scheduling/booking/idempotency.hpp"

namespace yq::scheduling {

bool valid_idempotency_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxIdempotencyKey) return false;
  for (const char ch : key)
    if (ch < 0x21 || ch > 0x7e) return false;
  return true;
}

std::optional<StoredAnswer> find_answer(store::Connection& c, const std::string& account_id,
                                        std::string_view scope, const std::string& key) {
  const auto row = c.query_one(
      "SELECT request_hash, status, response_body FROM idempotency_keys "
      "WHERE account_id = ? AND scope = ? AND key = ?",
      {account_id, scope, key});
  if (!row) return std::nullopt;
  return StoredAnswer{row->text(0), static_cast<int>(row->i64(1)), row->text(2)};
}

void remember_answer(store::Connection& c, const std::string& account_id, std::string_view scope,
                     const std::string& key, const StoredAnswer& answer, std::int64_t now) {
  c.execute(
      "INSERT INTO idempotency_keys (account_id, scope, key, request_hash, status, "
      "response_body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {account_id, scope, key, answer.request_hash, answer.status, answer.body, now});
}

std::int64_t forget_old_answers(store::Connection& c, std::int64_t now) {
  return c.execute("DELETE FROM idempotency_keys WHERE created_at < ?",
                   {now - kIdempotencyKeepSeconds});
}

}  // namespace yq::scheduling
