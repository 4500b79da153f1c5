// Finding: a database administrator could rewrite the audit chain, re-hash it and pass `audit
// verify`. Signed checkpoints kept outside the database (audit/anchor.hpp) catch it.
#include "audit/anchor.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "core/crypto.hpp"
#include "support/test_databases.hpp"

namespace yq::audit {
namespace {

using yq::testing::Backend;
namespace fs = std::filesystem;

class Anchor : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    core::crypto_init();
    std::string skip;
    db_ = yq::testing::fresh_database(GetParam(), skip, 4);
    if (!db_) GTEST_SKIP() << skip;
    dir_ = fs::temp_directory_path() / ("yq-anchor-" + core::hex_encode(core::random_bytes(6)));
    fs::create_directories(dir_);
    key_ = load_or_create_anchor_key(dir_ / "anchor.key");
    writer_ = std::make_unique<AnchorWriter>(*db_, clock_, file(), key_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path file() const { return dir_ / "anchor.jsonl"; }
  void add(int n) {
    for (int i = 0; i < n; ++i) {
      db_->write([&](store::Connection& c) {
        Event e;
        e.actor_id = "acct";
        e.action = "record.read";
        record(c, clock_, e);
      });
      clock_.advance(1);
    }
  }
  void no_triggers() {
    db_->write([&](store::Connection& c) {
      if (GetParam() == Backend::sqlite)
        c.execute_script(
            "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");
      else
        c.execute_script("ALTER TABLE audit_events DISABLE TRIGGER USER;");
    });
  }
  // What a DBA who knows the scheme does: change event `seq`, then re-hash every event after it
  // and the head, so that the chain is consistent again.
  void rewrite_and_rehash(std::int64_t seq) {
    no_triggers();
    db_->write([&](store::Connection& c) {
      c.execute("UPDATE audit_events SET actor_id = 'nobody' WHERE seq = ?", {seq});
      rehash_from(c, seq);
    });
  }
  static void rehash_from(store::Connection& c, std::int64_t seq) {
    std::string prev =
        seq == 1 ? kGenesisHash
                 : c.query_one("SELECT hash FROM audit_events WHERE seq = ?", {seq - 1})->text(0);
    std::int64_t last = seq - 1;
    auto events = list(c, 0, 100000);
    std::reverse(events.begin(), events.end());
    for (auto& s : events) {
      if (s.seq < seq) continue;
      const auto h = chain_hash(prev, s.seq, s.at, s.event);
      c.execute("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?", {prev, h, s.seq});
      prev = h;
      last = s.seq;
    }
    c.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", {last, prev});
  }
  AnchoredReport check() {
    const auto f = read_anchor_file(file(), key_.public_key);
    EXPECT_EQ(f.problem, "");
    return verify_anchored(*db_, f.checkpoints);
  }

  core::ManualClock clock_{1'800'000'000};
  std::unique_ptr<store::Database> db_;
  fs::path dir_;
  core::SigningKey key_;
  std::unique_ptr<AnchorWriter> writer_;
};

TEST_P(Anchor, AnIntactChainMatchesItsCheckpoints) {
  EXPECT_FALSE(writer_->checkpoint()) << "nothing to pin before the first event";
  add(3);
  EXPECT_TRUE(writer_->checkpoint());
  EXPECT_FALSE(writer_->checkpoint()) << "an unchanged head writes no second line";
  add(4);
  EXPECT_TRUE(writer_->checkpoint());
  add(2);  // after the last checkpoint: verified by the chain alone
  const auto r = check();
  EXPECT_TRUE(r.chain.ok) << r.chain.problem;
  EXPECT_EQ(r.chain.events, 9);
  EXPECT_EQ(r.checkpoints, 2);
  EXPECT_EQ(r.last_checkpoint_seq, 7);
}

TEST_P(Anchor, ARewrittenAndRehashedChainPassesAloneButNotAgainstTheAnchor) {
  add(5);
  writer_->checkpoint();
  add(2);
  rewrite_and_rehash(3);
  EXPECT_TRUE(verify(*db_).ok) << "the hash chain alone cannot tell";
  const auto r = check();
  EXPECT_FALSE(r.chain.ok);
  EXPECT_EQ(r.chain.first_bad_seq, 5);
  EXPECT_NE(r.chain.problem.find("anchor line 1"), std::string::npos) << r.chain.problem;
}

TEST_P(Anchor, DeletingTheTailAndMovingTheHeadBackIsFound) {
  add(6);
  writer_->checkpoint();
  no_triggers();
  db_->write([](store::Connection& c) {
    c.execute("DELETE FROM audit_events WHERE seq > 3");
    c.execute(
        "UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_events WHERE seq = 3)");
  });
  EXPECT_TRUE(verify(*db_).ok);
  const auto r = check();
  EXPECT_FALSE(r.chain.ok);
  EXPECT_EQ(r.chain.first_bad_seq, 4);
  EXPECT_NE(r.chain.problem.find("events were removed"), std::string::npos) << r.chain.problem;
}

TEST_P(Anchor, EmptyingTheTrailIsFound) {
  add(4);
  writer_->checkpoint();
  no_triggers();
  db_->write([](store::Connection& c) {
    c.execute("DELETE FROM audit_events");
    c.execute("UPDATE audit_head SET seq = 0, hash = ?", {kGenesisHash});
  });
  EXPECT_TRUE(verify(*db_).ok);
  EXPECT_FALSE(check().chain.ok);
}

TEST_P(Anchor, AnEditedDroppedOrForeignLineOfTheAnchorFileIsRefused) {
  add(2);
  writer_->checkpoint();
  add(2);
  writer_->checkpoint();
  add(2);
  writer_->checkpoint();
  std::vector<std::string> lines;
  {
    std::ifstream in(file());
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  ASSERT_EQ(lines.size(), 3u);
  const auto write_lines = [&](const std::vector<std::string>& ls) {
    std::ofstream out(file(), std::ios::trunc);
    for (const auto& l : ls) out << l << "\n";
  };
  const auto problem = [&] { return read_anchor_file(file(), key_.public_key).problem; };

  auto edited = lines;
  edited[1].replace(edited[1].find("\"seq\":4"), 7, "\"seq\":3");
  write_lines(edited);
  EXPECT_EQ(problem(), "anchor line 2 is not signed by this key");

  write_lines({lines[0], lines[2]});
  EXPECT_NE(problem().find("anchor line 2 does not follow the line before it"), std::string::npos);

  write_lines({lines[1], lines[0], lines[2]});
  EXPECT_FALSE(problem().empty());

  write_lines(lines);
  EXPECT_EQ(problem(), "");
  const auto stranger = core::signing_key_from_seed(core::random_bytes(32));
  EXPECT_EQ(read_anchor_file(file(), stranger.public_key).problem,
            "anchor line 1 is not signed by this key");
}

TEST_P(Anchor, AWriterAfterARestartContinuesTheFile) {
  add(2);
  writer_->checkpoint();
  add(1);
  AnchorWriter again(*db_, clock_, file(), load_or_create_anchor_key(dir_ / "anchor.key"));
  EXPECT_TRUE(again.checkpoint());
  const auto r = check();
  EXPECT_TRUE(r.chain.ok) << r.chain.problem;
  EXPECT_EQ(r.checkpoints, 2);
}

TEST(AnchorKey, IsMadeOnceWithMode0600AndItsPublicHalfParses) {
  core::crypto_init();
  const auto dir =
      fs::temp_directory_path() / ("yq-key-" + core::hex_encode(core::random_bytes(6)));
  const auto path = dir / "sub" / "anchor.key";
  const auto made = load_or_create_anchor_key(path);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_EQ(load_or_create_anchor_key(path).public_key, made.public_key) << "not replaced";
  EXPECT_EQ(parse_public_key(public_key_text(made)).value(), made.public_key);
  std::ofstream(dir / "pub.txt") << public_key_text(made) << "\n";
  EXPECT_EQ(parse_public_key((dir / "pub.txt").string()).value(), made.public_key);
  EXPECT_FALSE(parse_public_key("not a key"));
  ::chmod(path.c_str(), 0644);
  EXPECT_THROW(load_anchor_key(path), std::runtime_error) << "a key others can read is refused";
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, Anchor, ::testing::ValuesIn(yq::testing::backends()),
                         yq::testing::BackendName{});

}  // namespace
}  // namespace yq::audit
