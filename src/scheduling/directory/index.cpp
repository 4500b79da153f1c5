#include "scheduling/directory/index.hpp"

#include <algorithm>
#include <atomic>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/log.hpp"
#include "identity/doctors.hpp"
#include "identity/people.hpp"
#include "identity/roles.hpp"
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

// A doctor's rows of one of the directory's lists (specialties, languages), replaced by `values`;
// `columns` names the value's column first, then account_id and any of `extra`.
void write_list(store::Connection& c, const std::string& table, const std::string& columns,
                const std::string& id, const std::vector<std::string>& values,
                const store::Params& extra) {
  c.execute("DELETE FROM " + table + " WHERE account_id = ?", {id});
  if (values.empty()) return;
  std::string row = "(?, ?";
  for (std::size_t i = 0; i < extra.size(); ++i) row += ", ?";
  row += ")";
  std::string sql = "INSERT INTO " + table + " (" + columns + ") VALUES ";
  store::Params params;
  for (const auto& v : values) {
    sql += params.empty() ? row : ", " + row;
    params.emplace_back(v);
    params.emplace_back(id);
    params.insert(params.end(), extra.begin(), extra.end());
  }
  c.execute(sql, params);
}

// What a doctor's rows are made of, read from identity for a whole batch at once.
struct Sources {
  std::unordered_map<std::string, identity::DoctorProfile> profiles;
  std::unordered_map<std::string, identity::Organisation> organisations;
};

Sources read_sources(store::Connection& c,
                     const std::vector<std::pair<std::string, std::int64_t>>& rows) {
  std::vector<std::string> ids;
  for (const auto& row : rows) ids.push_back(row.first);
  Sources out;
  out.profiles = identity::doctor_profiles(c, ids);
  std::vector<std::string> organisations;
  for (const auto& [id, p] : out.profiles) organisations.push_back(p.organisation_id);
  out.organisations = identity::organisations(c, organisations);
  return out;
}

void rebuild_row(store::Connection& c, const Sources& sources, const std::string& id,
                 std::int64_t now) {
  const auto profile = sources.profiles.find(id);
  const auto organisation = profile == sources.profiles.end()
                                ? sources.organisations.end()
                                : sources.organisations.find(profile->second.organisation_id);
  if (organisation == sources.organisations.end()) {
    c.execute("DELETE FROM doctor_name_tokens WHERE account_id = ?", {id});
    c.execute("DELETE FROM doctor_directory_specialties WHERE account_id = ?", {id});
    c.execute("DELETE FROM doctor_directory_languages WHERE account_id = ?", {id});
    c.execute("DELETE FROM doctor_directory WHERE account_id = ?", {id});
    return;
  }
  const identity::DoctorProfile& p = profile->second;
  const identity::Organisation& o = organisation->second;
  // Listed while the account and organisation are active and the doctor holds the role where the
  // profile is.
  const bool listed =
      p.account_active && o.active && identity::holds_role(c, id, "doctor", p.organisation_id);
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
  const std::string& name = p.display_name;
  const std::string key = normalise_search_text(name + " " + p.name_zh);
  const std::int64_t next_free = next_free_slot(c, id, now).value_or(kNoFreeSlot);
  // Most rebuilds are schedule changes: the name tokens stay as they are.
  const auto before =
      c.query_one("SELECT search_key, sort_name FROM doctor_directory WHERE account_id = ?", {id});
  if (!before || before->text(0) != key || before->text(1) != name)
    write_name_tokens(c, id, key, name);
  write_list(c, "doctor_directory_specialties", "specialty, account_id, sort_name, next_free_at",
             id, p.specialties, {name, next_free});
  write_list(c, "doctor_directory_languages", "language, account_id", id, p.languages, {});
  c.execute(
      "INSERT INTO doctor_directory (account_id, listed, organisation_id, region, sort_name, "
      "search_key, offers_video, offers_voice, offers_in_person, next_free_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET "
      "listed = excluded.listed, organisation_id = excluded.organisation_id, "
      "region = excluded.region, sort_name = excluded.sort_name, "
      "search_key = excluded.search_key, offers_video = excluded.offers_video, "
      "offers_voice = excluded.offers_voice, offers_in_person = excluded.offers_in_person, "
      "next_free_at = excluded.next_free_at",
      {id, listed, p.organisation_id, o.region, name, key, video, voice, in_person, next_free});
}

// A rebuild deletes a doctor's token, specialty and language rows and inserts them again. Two
// rebuilds of one doctor at once (the keeper's and a search's, or two nodes') would both delete,
// and under PostgreSQL's READ COMMITTED the second one's delete cannot see the rows the first
// inserted, so its insert hit their primary key (doctor_name_tokens_pkey): the search answered 500.
// So each rebuild first takes a per-doctor lock held to its commit; the second then reads what the
// first wrote and rebuilds on top of it. Locks are taken in id order, so two batches cannot
// deadlock. SQLite has one writer at a time and needs none. The first key of
// pg_advisory_xact_lock(int, int), naming this lock among the application's.
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
      const Sources sources = read_sources(c, rows);
      for (const auto& [id, version] : rows) {
        rebuild_row(c, sources, id, now);
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
