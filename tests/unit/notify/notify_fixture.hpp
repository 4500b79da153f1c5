#pragma once
// A migrated database on each engine (unit/store's BackendTest: a second pool on the same database
// plays a second node or a restarted server) with the people of scheduling_rows.hpp.
#include "core/crypto.hpp"
#include "core/time.hpp"
#include "store/migrations.hpp"
#include "unit/notify/scheduling_rows.hpp"
#include "unit/store/backend_fixture.hpp"

namespace yq::notify::testrows {

class NotifyTest : public store::testkit::BackendTest {
 protected:
  void SetUp() override {
    core::crypto_init();
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store::migrate(*db_);
    people_ = add_people(*db_);
  }

  std::int64_t count(const std::string& sql, const store::Params& params = {}) {
    return db_->read([&](store::Connection& c) { return c.query_one(sql, params)->i64(0); });
  }

  core::ManualClock clock_{1'800'000'000};
  People people_;
};

}  // namespace yq::notify::testrows
