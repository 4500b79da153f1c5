#include "scheduling/directory/index.hpp"

#include <algorithm>
#include <atomic>
#include <utility>
#include <vector>

#include "core/log.hpp"
#include "scheduling/directory/search_text.hpp"

namespace yq::scheduling {

namespace {

// Past this many marks a search leaves the backlog to the keeper rather than wait for it: a
// rebuild is a few statements per doctor, and after a mass edit a search must not pay for
// hundreds of them.
constexpr std::size_t kSmallBacklog = 20;
// The keeper logs a rebuild at least this large.
constexpr std::size_t kLoggedBacklog = 500;
// One search rebuilds at a time; the others read the rows as they are (at most a few seconds
// behind) instead of queueing for the writer behind it.
std::atomic<bool> search_rebuilding{false};

// The name tokens of a doctor, each with the sort name, so a name search reads its page in
// order from the (token, sort_name) index.
void write_name_tokens(store::Connection& c, const std::string& id, const std::string& key,
                       const std::string& sort_name) {
  c.execute("DELETE FROM doctor_name_tokens WHERE account_id = ?", {id});
  const auto tokens = name_tokens(key);
  if (tokens.empty()) return;
  std::string sql = "INSERT INTO doctor_name_tokens (token, account_id, sort_name) VALUES ";
  store::Params params;
  for (const auto& t : tokens) {
    sql += params.empty() ? "(?, ?, ?)" : ", (?, ?, ?)";
    params.emplace_back(t);
    params.emplace_back(id);
    params.emplace_back(sort_name);
  }
  c.execute(sql, params);
}

void rebuild_row(store::Connection& c, const std::string& id, std::int64_t now) {
  const auto p = c.query_one(
      "SELECT a.display_name, p.name_zh, p.organisation_id, o.region, "
      "CASE WHEN a.status = 'active' AND o.active = 1 AND EXISTS (SELECT 1 FROM account_roles r "
      "WHERE r.account_id = p.account_id AND r.role = 'doctor' AND r.organisation_id = "
      "p.organisation_id) THEN 1 ELSE 0 END FROM doctor_profiles p "
      "JOIN accounts a ON a.id = p.account_id JOIN organisations o ON o.id = p.organisation_id "
      "WHERE p.account_id = ?",
      {id});
  if (!p) {
    c.execute("DELETE FROM doctor_name_tokens WHERE account_id = ?", {id});
    c.execute("DELETE FROM doctor_directory_specialties WHERE account_id = ?", {id});
    c.execute("DELETE FROM doctor_directory WHERE account_id = ?", {id});
    return;
  }
  // Which consultation types a doctor offers follows from their schedule.
  bool video = false, voice = false, in_person = false;
  for (const auto& r :
       c.query("SELECT DISTINCT v.consultation_type FROM services v WHERE v.active = 1 AND v.id IN "
               "(SELECT t.service_id FROM availability_templates t WHERE t.doctor_id = ? UNION "
               "SELECT x.service_id FROM one_off_sessions x WHERE x.doctor_id = ?)",
               {id, id})) {
    const std::string type = r.text(0);
    video = video || type == "video";
    voice = voice || type == "voice";
    in_person = in_person || type == "in_person";
  }
  const std::string name = p->text(0);
  const std::string key = normalise_search_text(name + " " + p->text(1));
  const std::int64_t next_free = next_free_slot(c, id, now).value_or(kNoFreeSlot);
  // Most rebuilds are schedule changes: the name tokens stay as they are.
  const auto before =
      c.query_one("SELECT search_key, sort_name FROM doctor_directory WHERE account_id = ?", {id});
  if (!before || before->text(0) != key || before->text(1) != name)
    write_name_tokens(c, id, key, name);
  c.execute("DELETE FROM doctor_directory_specialties WHERE account_id = ?", {id});
  c.execute(
      "INSERT INTO doctor_directory_specialties (specialty, account_id, sort_name, next_free_at) "
      "SELECT specialty, account_id, ?, ? FROM doctor_specialties WHERE account_id = ?",
      {name, next_free, id});
  c.execute(
      "INSERT INTO doctor_directory (account_id, listed, organisation_id, region, sort_name, "
      "search_key, offers_video, offers_voice, offers_in_person, next_free_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET "
      "listed = excluded.listed, organisation_id = excluded.organisation_id, "
      "region = excluded.region, sort_name = excluded.sort_name, "
      "search_key = excluded.search_key, offers_video = excluded.offers_video, "
      "offers_voice = excluded.offers_voice, offers_in_person = excluded.offers_in_person, "
      "next_free_at = excluded.next_free_at",
      {id, p->i64(4), p->text(2), p->text(3), name, key, video, voice, in_person, next_free});
}

// A rebuild deletes a doctor's token and specialty rows and inserts them again. Two rebuilds of
// one doctor at once (the keeper's and a search's, or two nodes') would both delete, and under
// PostgreSQL's READ COMMITTED the second one's delete cannot see the rows the first inserted, so
// its insert hit their primary key (doctor_name_tokens_pkey): the search answered 500. So each
// rebuild first takes a per-doctor lock held to its commit; the second then reads what the first
// wrote and rebuilds on top of it. Locks are taken in id order, so two batches cannot deadlock.
// SQLite has one writer at a time and needs none.
// The first key of pg_advisory_xact_lock(int, int), naming this lock among the application's.
constexpr std::int64_t kDirectoryLockClass = 0x59510044;

void lock_doctors(store::Database& db, store::Connection& c,
                  std::vector<std::pair<std::string, std::int64_t>>& rows) {
  if (db.dialect() != store::Dialect::postgresql) return;
  std::sort(rows.begin(), rows.end());
  for (const auto& row : rows)
    c.query("SELECT pg_advisory_xact_lock(CAST(? AS INTEGER), hashtext(?))",
            {kDirectoryLockClass, row.first});
}

// Rebuilds rows `pick` names, `batch` per transaction, until it names none or `limit` are done.
// `pick` returns (account id, mark version or -1 when the row was not marked).
template <class Pick>
std::size_t rebuild_until_done(store::Database& db, std::int64_t now, std::size_t limit,
                               std::size_t batch, Pick pick) {
  std::size_t done = 0;
  while (done < limit) {
    const std::size_t want = std::min(batch, limit - done);
    const std::size_t n = db.write([&](store::Connection& c) {
      auto rows = pick(c, want);
      lock_doctors(db, c, rows);
      for (const auto& [id, version] : rows) {
        rebuild_row(c, id, now);
        if (version >= 0)
          c.execute("DELETE FROM doctor_directory_marks WHERE account_id = ? AND version = ?",
                    {id, version});
      }
      return rows.size();
    });
    done += n;
    if (n < want) break;
  }
  return done;
}

}  // namespace

std::optional<std::int64_t> next_free_slot(store::Connection& c, const std::string& doctor_id,
                                           std::int64_t now) {
  const auto r = c.query_one(
      "SELECT MIN(s.starts_at) FROM slots s WHERE s.doctor_id = ? AND " + std::string(kFreeSlotSql),
      {doctor_id, now});
  return r ? r->opt_i64(0) : std::nullopt;
}

std::size_t rebuild_marked(store::Database& db, std::int64_t now, std::size_t limit,
                           std::size_t batch) {
  return rebuild_until_done(db, now, limit, batch, [](store::Connection& c, std::size_t want) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& r : c.query("SELECT account_id, version FROM doctor_directory_marks "
                                 "ORDER BY account_id LIMIT ?",
                                 {want}))
      out.emplace_back(r.text(0), r.i64(1));
    return out;
  });
}

std::size_t rebuild_lapsed(store::Database& db, std::int64_t now, std::size_t limit,
                           std::size_t batch) {
  return rebuild_until_done(db, now, limit, batch, [now](store::Connection& c, std::size_t want) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& r : c.query("SELECT account_id FROM doctor_directory WHERE listed = 1 AND "
                                 "next_free_at <= ? ORDER BY next_free_at LIMIT ?",
                                 {now, want}))
      out.emplace_back(r.text(0), -1);
    return out;
  });
}

std::size_t count_marked(store::Connection& c, std::size_t cap) {
  return static_cast<std::size_t>(
      c.query_one("SELECT COUNT(*) FROM (SELECT 1 FROM doctor_directory_marks LIMIT ?) m", {cap})
          ->i64(0));
}

void rebuild_small_backlog(store::Database& db, std::int64_t now) {
  const std::size_t marked =
      db.read([](store::Connection& c) { return count_marked(c, kSmallBacklog + 1); });
  if (marked == 0 || marked > kSmallBacklog) return;
  if (search_rebuilding.exchange(true)) return;
  struct Release {
    ~Release() { search_rebuilding = false; }
  } release;
  rebuild_marked(db, now, kSmallBacklog);
}

DirectoryKeeper::DirectoryKeeper(store::Database& db, const core::Clock& clock,
                                 std::chrono::seconds interval)
    : periodic_("directory_rebuild", interval, [&db, &clock] {
        const std::int64_t now = clock.now();
        const std::size_t marked = rebuild_marked(db, now, std::numeric_limits<std::size_t>::max());
        const std::size_t lapsed = rebuild_lapsed(db, now, std::numeric_limits<std::size_t>::max());
        if (marked + lapsed >= kLoggedBacklog)
          core::log::info("directory_rebuilt", {{"marked", marked}, {"lapsed", lapsed}});
      }) {}

}  // namespace yq::scheduling
