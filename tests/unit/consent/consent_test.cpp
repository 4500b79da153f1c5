// The access authority on each engine: who may act for, read and be told about a patient, and
// why; carer requests as typed; and the two places that ask again at the moment of sending (the
// notice itself and its e-mail's delivery).
#include "consent/consent.hpp"

#include <gtest/gtest.h>

#include "consent/relationships.hpp"
#include "mail/outbox.hpp"
#include "notify/notifier.hpp"
#include "unit/notify/notify_fixture.hpp"

namespace yq::consent {
namespace {

using notify::testrows::NotifyTest;

class Consent : public NotifyTest {
 protected:
  Decision ask(const std::string& actor, const std::string& patient, Purpose p,
               CareContext care = {}) {
    return db_->read([&](store::Connection& c) { return decide(c, actor, patient, p, care); });
  }
  // people_.parent asks to care for people_.patient, who accepts.
  void make_carer() {
    db_->write([&](store::Connection& c) {
      std::string id;
      ASSERT_EQ(request_care(c, clock_.now(), people_.parent, "pat@example.hk", people_.patient,
                             "relative", id),
                RequestOutcome::made);
      ASSERT_TRUE(answer_request(c, clock_.now(), people_.patient, people_.parent, true));
    });
  }
};

TEST_P(Consent, ThePatientAndTheParentOfAChildMayDoEverything) {
  for (const auto p : {Purpose::act_for, Purpose::read_clinical, Purpose::be_notified}) {
    EXPECT_EQ(ask(people_.patient, people_.patient, p).reason(), "self");
    const auto parent = ask(people_.parent, people_.child, p);
    EXPECT_TRUE(parent);
    EXPECT_EQ(parent.reason(), "parent");
  }
  // Not the other way round, and not a stranger.
  EXPECT_FALSE(ask(people_.child, people_.parent, Purpose::act_for));
  EXPECT_EQ(ask(people_.parent, people_.patient, Purpose::be_notified).reason(), "no relationship");
}

TEST_P(Consent, ACarerIsAllowedFromAcceptanceUntilRevocationAndTheReasonSaysWhy) {
  db_->write([&](store::Connection& c) {
    std::string id;
    request_care(c, clock_.now(), people_.parent, "pat@example.hk", people_.patient, "relative",
                 id);
  });
  EXPECT_EQ(ask(people_.parent, people_.patient, Purpose::act_for).reason(),
            "carer request pending");
  db_->write([&](store::Connection& c) {
    ASSERT_TRUE(answer_request(c, clock_.now(), people_.patient, people_.parent, true));
  });
  EXPECT_EQ(ask(people_.parent, people_.patient, Purpose::be_notified).reason(), "carer");
  db_->write([&](store::Connection& c) {
    ASSERT_TRUE(revoke(c, clock_.now(), people_.patient, people_.parent));
  });
  for (const auto p : {Purpose::act_for, Purpose::read_clinical, Purpose::be_notified})
    EXPECT_EQ(ask(people_.parent, people_.patient, p).reason(), "carer access revoked");
  const auto family =
      db_->read([&](store::Connection& c) { return patients_in_care_of(c, people_.parent); });
  EXPECT_EQ(family, (std::vector<std::string>{people_.parent, people_.child}));
}

TEST_P(Consent, ATreatingClinicianReadsAndIsToldButNeverActsForThePatient) {
  const CareContext treating{.treating_clinician = true};
  EXPECT_EQ(ask(people_.doctor, people_.patient, Purpose::read_clinical, treating).reason(),
            "treating");
  EXPECT_TRUE(ask(people_.doctor, people_.patient, Purpose::be_notified, treating));
  EXPECT_FALSE(ask(people_.doctor, people_.patient, Purpose::act_for, treating));
  EXPECT_FALSE(ask(people_.doctor, people_.patient, Purpose::read_clinical));
}

TEST_P(Consent, RequestsAreKeptAsTypedRenewedAndCapped) {
  db_->write([&](store::Connection& c) {
    std::string first, again;
    EXPECT_EQ(request_care(c, clock_.now(), people_.parent, "nobody@example.hk", std::nullopt,
                           "other", first),
              RequestOutcome::made);
    EXPECT_EQ(request_care(c, clock_.now(), people_.parent, "nobody@example.hk", std::nullopt,
                           "other", again),
              RequestOutcome::renewed);
    EXPECT_EQ(first, again);
    const auto mine = requests_by(c, clock_.now(), people_.parent);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].email, "nobody@example.hk");
    for (int i = 1; i < kMaxOpenRequestsPerCarer; ++i) {
      std::string id;
      EXPECT_EQ(request_care(c, clock_.now(), people_.parent,
                             "n" + std::to_string(i) + "@example.hk", std::nullopt, "other", id),
                RequestOutcome::made);
    }
    std::string over;
    EXPECT_EQ(request_care(c, clock_.now(), people_.parent, "one-more@example.hk", std::nullopt,
                           "other", over),
              RequestOutcome::too_many);
    // Expired requests no longer count or show.
    EXPECT_TRUE(requests_by(c, clock_.now() + kRequestLifetimeSeconds, people_.parent).empty());
  });
}

TEST_P(Consent, ARevokedCarerIsToldNothingAndTheirQueuedMailIsWithheld) {
  make_carer();
  const auto appointment = db_->write([&](store::Connection& c) {
    return notify::testrows::add_appointment(c, people_, people_.patient, people_.parent,
                                             clock_.now() + 86400);
  });
  db_->write([&](store::Connection& c) {
    EXPECT_FALSE(notify::Notifier::record(c, clock_,
                                          {people_.parent, "appointment.booked",
                                           notify::testrows::appointment_params(c, appointment),
                                           "/appointments/" + appointment, true, people_.patient})
                     .empty());
  });
  auto mail = db_->read([](store::Connection& c) { return mail::latest(c, 10); });
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].carer_of, people_.patient);
  EXPECT_TRUE(db_->read([&](store::Connection& c) { return mail::still_allowed(c, mail[0]); }));

  db_->write(
      [&](store::Connection& c) { revoke(c, clock_.now(), people_.patient, people_.parent); });
  // The e-mail written before the revocation is withheld when its turn to be sent comes.
  EXPECT_FALSE(db_->read([&](store::Connection& c) { return mail::still_allowed(c, mail[0]); }));
  // The notice is no longer listed or counted, and a new one is not written at all.
  db_->write([&](store::Connection& c) {
    EXPECT_EQ(notify::Notifier::unread_count(c, people_.parent), 0);
    EXPECT_TRUE(notify::Notifier::list(c, people_.parent, std::nullopt, 10)->empty());
    EXPECT_TRUE(notify::Notifier::record(c, clock_,
                                         {people_.parent,
                                          "appointment.cancelled",
                                          {},
                                          "/appointments/" + appointment,
                                          true,
                                          people_.patient})
                    .empty());
  });
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE account_id = ?", {people_.parent}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 1);
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(Consent);

}  // namespace
}  // namespace yq::consent
