#include "notify/notifier.hpp"

#include <gtest/gtest.h>

#include "mail/outbox.hpp"
#include "notify/notice_text.hpp"
#include "unit/notify/notify_fixture.hpp"

namespace yq::notify {
namespace {

using testrows::NotifyTest;

class Notifications : public NotifyTest {};

TEST_P(Notifications, ARecordedNoticeIsStoredAndMailedInTheAccountsLanguage) {
  const std::int64_t starts = clock_.now() + 3 * 86400;
  std::string appointment;
  db_->write([&](store::Connection& c) {
    appointment = testrows::add_appointment(c, people_, people_.patient, people_.patient, starts);
    Notifier::record(
        c, clock_,
        Notice{people_.patient, "appointment.booked", testrows::appointment_params(c, appointment),
               "/appointments/" + appointment, true},
        "https://yiqiao.test");
  });
  const auto mail = db_->read([](store::Connection& c) { return mail::latest(c, 10); });
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].subject, "預約已確認");
  EXPECT_NE(mail[0].body.find("陳大文醫生"), std::string::npos) << mail[0].body;
  EXPECT_NE(mail[0].body.find("普通科"), std::string::npos);
  EXPECT_NE(mail[0].body.find(format_hk_time(starts, core::Lang::zh_hant)), std::string::npos);
  EXPECT_NE(mail[0].body.find("https://yiqiao.test/appointments/" + appointment),
            std::string::npos);

  const auto page = db_->read(
      [&](store::Connection& c) { return Notifier::list(c, people_.patient, std::nullopt, 10); });
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].kind, "appointment.booked");
  EXPECT_EQ((*page)[0].params.at("when").as_int64(), starts);
}

TEST_P(Notifications, ChildrenWithoutAMailboxGetNoEmail) {
  db_->write([&](store::Connection& c) {
    Notifier::record(c, clock_, Notice{people_.child, "carer.accepted", {{"name", "x"}}, "", true});
    Notifier::record(c, clock_,
                     Notice{people_.parent, "carer.accepted", {{"name", "x"}}, "", false});
  });
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 0);
}

TEST_P(Notifications, PagesAreNewestFirstAndReadingIsOwnOnly) {
  std::vector<std::string> ids;
  db_->write([&](store::Connection& c) {
    for (int i = 0; i < 5; ++i) {
      clock_.advance(1);
      ids.push_back(
          Notifier::record(c, clock_, Notice{people_.parent, "queue.dropped", {}, "", false}));
    }
    Notifier::record(c, clock_, Notice{people_.patient, "queue.dropped", {}, "", false});
  });
  db_->write([&](store::Connection& c) {
    const auto first = Notifier::list(c, people_.parent, std::nullopt, 2).value();
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].id, ids[4]);
    EXPECT_EQ(first[1].id, ids[3]);
    const auto second = Notifier::list(c, people_.parent, first[1].id, 10).value();
    ASSERT_EQ(second.size(), 3u);
    EXPECT_EQ(second[0].id, ids[2]);
    // Another account's notice is no cursor and cannot be marked.
    const auto theirs = Notifier::list(c, people_.patient, std::nullopt, 1).value().at(0).id;
    EXPECT_FALSE(Notifier::list(c, people_.parent, theirs, 10));
    EXPECT_FALSE(Notifier::mark_read(c, people_.parent, theirs, clock_.now()));
    EXPECT_EQ(Notifier::unread_count(c, people_.patient), 1);

    EXPECT_EQ(Notifier::unread_count(c, people_.parent), 5);
    EXPECT_TRUE(Notifier::mark_read(c, people_.parent, ids[0], clock_.now()));
    EXPECT_TRUE(Notifier::mark_read(c, people_.parent, ids[0], clock_.now()));  // again: fine
    EXPECT_EQ(Notifier::unread_count(c, people_.parent), 4);
    EXPECT_EQ(Notifier::mark_all_read(c, people_.parent, clock_.now()), 4);
    EXPECT_EQ(Notifier::unread_count(c, people_.parent), 0);
    EXPECT_EQ(Notifier::unread_count(c, people_.patient), 1);
  });
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(Notifications);

}  // namespace
}  // namespace yq::notify
