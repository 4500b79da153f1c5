// Finding: on PostgreSQL the first directory searches after a start could answer 500
// (doctor_name_tokens_pkey duplicate): a search's rebuild and the keeper's rebuild of the same
// marked doctors raced, both deleting the doctor's rows and both inserting them again. Here two
// pools (the keeper and a search, or two nodes) rebuild the same marks at once, many times.
#include <gtest/gtest.h>

#include <atomic>
#include <limits>
#include <set>
#include <thread>

#include "core/ids.hpp"
#include "scheduling/directory/index.hpp"
#include "scheduling/directory/search_text.hpp"
#include "store/migrations.hpp"
#include "unit/store/backend_fixture.hpp"

namespace yq::scheduling {
namespace {

using store::testkit::BackendTest;

constexpr int kDoctors = 30;
constexpr int kRounds = 25;

class DirectoryIndex : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store::migrate(*db_);
    db_->write([&](store::Connection& c) {
      const std::string org = core::new_id();
      c.execute(
          "INSERT INTO organisations (id, kind, name_en, name_zh_hant, name_zh_hans, region, "
          "created_at, updated_at) VALUES (?, 'clinic', 'Clinic', '診所', '诊所', 'hong_kong', 0, "
          "0)",
          {org});
      for (int i = 0; i < kDoctors; ++i) {
        const std::string id = core::new_id();
        c.execute(
            "INSERT INTO accounts (id, email, display_name, password_changed_at, created_at, "
            "updated_at) VALUES (?, ?, ?, 0, 0, 0)",
            {id, id + "@example.test", name(i, 0)});
        c.execute(
            "INSERT INTO account_roles (account_id, role, organisation_id, granted_at) VALUES "
            "(?, 'doctor', ?, 0)",
            {id, org});
        c.execute(
            "INSERT INTO doctor_profiles (account_id, organisation_id, title, name_zh, "
            "updated_at) VALUES (?, ?, 'Dr.', '陳大文', 0)",
            {id, org});
        for (const char* s : {"general_practice", "paediatrics"})
          c.execute("INSERT INTO doctor_specialties (account_id, specialty) VALUES (?, ?)",
                    {id, s});
        doctors_.push_back(id);
      }
    });
  }

  static std::string name(int doctor, int round) {
    return "Doctor" + std::to_string(doctor) + " Round" + std::to_string(round);
  }

  std::vector<std::string> doctors_;
};

TEST_P(DirectoryIndex, RacingRebuildsOfTheSameMarkedDoctorsNeverCollide) {
  auto keeper = open(2);
  auto search = open(2);
  for (int round = 0; round < kRounds; ++round) {
    if (round > 0) {
      // A new name for everyone: the triggers mark them all, and their name tokens change.
      db_->write([&](store::Connection& c) {
        for (int i = 0; i < kDoctors; ++i)
          c.execute("UPDATE accounts SET display_name = ? WHERE id = ?",
                    {name(i, round), doctors_[static_cast<std::size_t>(i)]});
      });
    }
    std::atomic<int> ready{0};
    std::string failure[2];
    const auto rebuild = [&](store::Database& db, int who, std::size_t batch) {
      ++ready;
      while (ready < 2) std::this_thread::yield();
      try {
        rebuild_marked(db, 1'800'000'000, std::numeric_limits<std::size_t>::max(), batch);
      } catch (const std::exception& e) {
        failure[who] = e.what();
      }
    };
    // The keeper's batches and a search's, over the same marks in the same order.
    std::thread a(rebuild, std::ref(*keeper), 0, 20);
    std::thread b(rebuild, std::ref(*search), 1, 1);
    a.join();
    b.join();
    ASSERT_EQ(failure[0], "") << "keeper, round " << round;
    ASSERT_EQ(failure[1], "") << "search, round " << round;
  }

  // What is left is exactly each doctor's current name and specialties, nothing doubled or stale.
  db_->read([&](store::Connection& c) {
    EXPECT_EQ(count_marked(c, 1000), 0u);
    for (int i = 0; i < kDoctors; ++i) {
      const std::string& id = doctors_[static_cast<std::size_t>(i)];
      const auto key = normalise_search_text(name(i, kRounds - 1) + " 陳大文");
      const auto want = name_tokens(key);
      std::set<std::string> got;
      for (const auto& r :
           c.query("SELECT token FROM doctor_name_tokens WHERE account_id = ?", {id}))
        got.insert(r.text(0));
      EXPECT_EQ(got, std::set<std::string>(want.begin(), want.end())) << id;
      EXPECT_EQ(c.query_one(
                     "SELECT COUNT(*) FROM doctor_directory_specialties WHERE account_id = ?", {id})
                    ->i64(0),
                2);
      const auto row =
          c.query_one("SELECT sort_name, listed FROM doctor_directory WHERE account_id = ?", {id});
      ASSERT_TRUE(row);
      EXPECT_EQ(row->text(0), name(i, kRounds - 1));
      EXPECT_EQ(row->i64(1), 1);
    }
  });
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(DirectoryIndex);

}  // namespace
}  // namespace yq::scheduling
