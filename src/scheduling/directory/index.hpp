#pragma once
// Keeps doctor_directory (store/migrations/004_directory.sql) in step with what its rows are made
// of. Triggers mark a doctor whenever their name, status, role, organisation, specialties,
// languages or schedule change; this rebuilds marked rows (bookings, cancellations and slot changes
// move the next free time in their own triggers instead: migration 005). Time also moves a row:
// once a doctor's earliest free slot has started, their next free time is the one after, so rows
// whose next_free_at has passed are rebuilt too. Searches rebuild a small backlog first (an edit
// shows at once); the keeper thread clears large ones (a migration, a mass import) and the rows
// time has passed.
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "core/periodic.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace yq::scheduling {

// next_free_at of a doctor with no free slot: sorts after every real time on both engines.
inline constexpr std::int64_t kNoFreeSlot = std::numeric_limits<std::int64_t>::max();

// A slot nobody holds; binds one parameter, the time it must start after (alias s for slots).
inline constexpr std::string_view kFreeSlotSql =
    "s.status = 'open' AND s.starts_at > ? AND NOT EXISTS (SELECT 1 FROM appointments a "
    "WHERE a.slot_id = s.id AND a.status <> 'cancelled')";

// Start of a doctor's earliest free slot after `now`, if any.
std::optional<std::int64_t> next_free_slot(store::Connection& c, const std::string& doctor_id,
                                           std::int64_t now);

// Rebuilds up to `limit` marked rows, `batch` per transaction; returns how many it rebuilt. Small
// transactions keep the writer free for bookings between them (a batch of 500 held it for long
// enough to push booking p99 past half a second: bench/README.md).
std::size_t rebuild_marked(store::Database& db, std::int64_t now, std::size_t limit,
                           std::size_t batch = 20);
// Rebuilds up to `limit` rows whose next free slot started at or before `now`.
std::size_t rebuild_lapsed(store::Database& db, std::int64_t now, std::size_t limit,
                           std::size_t batch = 20);
// How many doctors are marked, counting at most `cap` (a cheap "is the backlog small?").
std::size_t count_marked(store::Connection& c, std::size_t cap);
// What a search calls first: rebuilds the marked rows when there are few (someone's edit) and no
// other search is rebuilding, so the answer reflects them; a large backlog is the
// keeper's.
void rebuild_small_backlog(store::Database& db, std::int64_t now);

// A thread that rebuilds every marked and lapsed row every few seconds.
class DirectoryKeeper {
 public:
  DirectoryKeeper(store::Database& db, const core::Clock& clock, std::chrono::seconds interval);

  void start() { periodic_.start(); }
  void stop() { periodic_.stop(); }

 private:
  core::Periodic periodic_;
};

}  // namespace yq::scheduling
