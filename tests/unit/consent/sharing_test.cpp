// Sharing the record between organisations, on each engine: joining, consent per organisation,
// restrictions, a clinician's request, emergency access, and what record_scope lets a reader see.
#include "consent/sharing.hpp"

#include <gtest/gtest.h>

#include "consent/relationships.hpp"
#include "core/ids.hpp"
#include "unit/notify/notify_fixture.hpp"

namespace yq::consent {
namespace {

using notify::testrows::NotifyTest;

class Sharing : public NotifyTest {
 protected:
  void SetUp() override {
    NotifyTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_->write([&](store::Connection& c) {
      other_org_ = core::new_id();
      c.execute(
          "INSERT INTO organisations (id, kind, name_en, name_zh_hant, name_zh_hans, region, "
          "address, created_at, updated_at) VALUES (?, 'public_hospital', 'Kowloon East', "
          "'九龍東', '九龙东', 'hong_kong', '1 Road', 0, 0)",
          {other_org_});
    });
  }
  template <class F>
  auto write(F f) {
    return db_->write([&](store::Connection& c) { return f(c); });
  }
  RecordScope scope(const RecordReader& reader, const std::string& patient) {
    return db_->read(
        [&](store::Connection& c) { return record_scope(c, clock_.now(), reader, patient); });
  }
  // The clinic's doctor reading the patient as the clinic, with a care relationship now.
  RecordReader clinic_doctor(bool care = true) { return {people_.doctor, people_.org, care}; }
  std::string other_org_;
};

TEST_P(Sharing, ThePatientSideSeesEverythingAndStrangersNothing) {
  const auto self = scope({people_.patient, "", false}, people_.patient);
  EXPECT_TRUE(self.allowed);
  EXPECT_EQ(self.basis, "self");
  EXPECT_TRUE(self.visible(other_org_, "conditions", "mental_health", "x"));
  const auto parent = scope({people_.parent, "", false}, people_.child);
  EXPECT_TRUE(parent.allowed);
  EXPECT_EQ(parent.basis, "parent");
  const auto stranger = scope({people_.parent, "", false}, people_.patient);
  EXPECT_FALSE(stranger.allowed);
  EXPECT_FALSE(stranger.visible(other_org_, "allergies", "", "x"));
}

TEST_P(Sharing, AClinicianWithoutACareRelationshipSeesNothingEvenWithConsent) {
  write([&](store::Connection& c) {
    join_sharing(c, clock_.now(), people_.patient, people_.patient);
    give_consent(c, clock_.now(), people_.patient, people_.org, people_.patient);
  });
  const auto s = scope(clinic_doctor(false), people_.patient);
  EXPECT_FALSE(s.allowed);
  EXPECT_EQ(s.basis, "no care relationship");
  EXPECT_FALSE(s.visible(people_.org, "allergies", "", "x"));
}

TEST_P(Sharing, WithoutConsentAClinicianSeesOnlyTheirOwnOrganisationsEntries) {
  auto s = scope(clinic_doctor(), people_.patient);
  ASSERT_TRUE(s.allowed);
  EXPECT_EQ(s.basis, "own organisation");
  EXPECT_EQ(s.sharing, SharingState::not_joined);
  EXPECT_TRUE(s.visible(people_.org, "allergies", "", "x"));
  EXPECT_FALSE(s.visible(other_org_, "allergies", "", "x"));

  // Joining alone shares nothing: consent is per organisation.
  write([&](store::Connection& c) {
    return join_sharing(c, clock_.now(), people_.patient, people_.patient);
  });
  s = scope(clinic_doctor(), people_.patient);
  EXPECT_EQ(s.sharing, SharingState::no_consent);
  EXPECT_FALSE(s.visible(other_org_, "allergies", "", "x"));
}

TEST_P(Sharing, ConsentToOneOrganisationNeverReachesAnother) {
  write([&](store::Connection& c) {
    join_sharing(c, clock_.now(), people_.patient, people_.patient);
    EXPECT_EQ(give_consent(c, clock_.now(), people_.patient, other_org_, people_.patient),
              GiveOutcome::given);
  });
  // The same doctor reading as the clinic (no consent) sees only the clinic's entries.
  const auto s = scope(clinic_doctor(), people_.patient);
  EXPECT_EQ(s.basis, "own organisation");
  EXPECT_FALSE(s.visible(other_org_, "labs", "", "x"));
}

TEST_P(Sharing, ConsentSharesOtherOrganisationsEntriesMinusRestrictionsUntilRevoked) {
  std::string entry_restriction, category_restriction;
  write([&](store::Connection& c) {
    EXPECT_EQ(give_consent(c, clock_.now(), people_.patient, people_.org, people_.patient),
              GiveOutcome::not_joined);
    EXPECT_TRUE(join_sharing(c, clock_.now(), people_.patient, people_.patient));
    EXPECT_FALSE(join_sharing(c, clock_.now(), people_.patient, people_.patient));
    EXPECT_EQ(give_consent(c, clock_.now(), people_.patient, people_.org, people_.patient),
              GiveOutcome::given);
    EXPECT_EQ(give_consent(c, clock_.now(), people_.patient, people_.org, people_.patient),
              GiveOutcome::already);
    EXPECT_EQ(add_restriction(c, clock_.now(), people_.patient, "entry", "E1", people_.patient,
                              entry_restriction),
              RestrictOutcome::added);
    EXPECT_EQ(add_restriction(c, clock_.now(), people_.patient, "category", "mental_health",
                              people_.patient, category_restriction),
              RestrictOutcome::added);
  });
  auto s = scope(clinic_doctor(), people_.patient);
  EXPECT_EQ(s.basis, "sharing consent");
  EXPECT_EQ(s.sharing, SharingState::consented);
  EXPECT_TRUE(s.visible(other_org_, "allergies", "", "E2"));
  EXPECT_FALSE(s.visible(other_org_, "allergies", "", "E1"));
  EXPECT_FALSE(s.visible(other_org_, "conditions", "mental_health", "E3"));
  // Restrictions keep entries from other organisations; the clinic still sees what it wrote.
  EXPECT_TRUE(s.visible(people_.org, "conditions", "mental_health", "E4"));

  // Lifting one restriction shows that entry again on the next request.
  write([&](store::Connection& c) {
    EXPECT_TRUE(lift_restriction(c, clock_.now(), people_.patient, entry_restriction));
    EXPECT_FALSE(lift_restriction(c, clock_.now(), people_.patient, entry_restriction));
  });
  EXPECT_TRUE(scope(clinic_doctor(), people_.patient).visible(other_org_, "allergies", "", "E1"));

  write([&](store::Connection& c) {
    EXPECT_TRUE(revoke_consent(c, clock_.now(), people_.patient, people_.org, people_.patient));
    EXPECT_FALSE(revoke_consent(c, clock_.now(), people_.patient, people_.org, people_.patient));
  });
  s = scope(clinic_doctor(), people_.patient);
  EXPECT_EQ(s.basis, "own organisation");
  EXPECT_FALSE(s.visible(other_org_, "allergies", "", "E2"));
}

TEST_P(Sharing, WithdrawingEndsEveryConsentAndRejoiningBringsNoneBack) {
  write([&](store::Connection& c) {
    join_sharing(c, clock_.now(), people_.patient, people_.patient);
    give_consent(c, clock_.now(), people_.patient, people_.org, people_.patient);
    give_consent(c, clock_.now(), people_.patient, other_org_, people_.patient);
    EXPECT_TRUE(withdraw_sharing(c, clock_.now(), people_.patient, people_.patient));
    EXPECT_TRUE(join_sharing(c, clock_.now(), people_.patient, people_.patient));
  });
  const auto consents =
      db_->read([&](store::Connection& c) { return organisation_consents(c, people_.patient); });
  ASSERT_EQ(consents.size(), 2u);
  for (const auto& k : consents) EXPECT_FALSE(k.active);
  EXPECT_EQ(scope(clinic_doctor(), people_.patient).sharing, SharingState::no_consent);
}

TEST_P(Sharing, RestrictionsAreCappedAndNotDuplicated) {
  write([&](store::Connection& c) {
    std::string id, again;
    EXPECT_EQ(
        add_restriction(c, clock_.now(), people_.patient, "category", "labs", people_.patient, id),
        RestrictOutcome::added);
    EXPECT_EQ(add_restriction(c, clock_.now(), people_.patient, "category", "labs", people_.patient,
                              again),
              RestrictOutcome::already);
    EXPECT_EQ(id, again);
    for (int i = 1; i < kMaxRestrictions; ++i)
      ASSERT_EQ(add_restriction(c, clock_.now(), people_.patient, "entry", "E" + std::to_string(i),
                                people_.patient, id),
                RestrictOutcome::added);
    EXPECT_EQ(
        add_restriction(c, clock_.now(), people_.patient, "entry", "one-more", people_.patient, id),
        RestrictOutcome::too_many);
    // Another patient cannot lift this patient's restriction.
    EXPECT_FALSE(lift_restriction(c, clock_.now(), people_.parent, again));
  });
  write([&](store::Connection& c) {
    std::string id;
    for (const auto& [kind, target] :
         std::vector<std::pair<std::string, std::string>>{{"category", "Mental_health"},
                                                          {"category", "mental_health "},
                                                          {"category", ""},
                                                          {"entry", ""},
                                                          {"everything", "labs"}})
      EXPECT_EQ(add_restriction(c, clock_.now(), people_.child, kind, target, people_.parent, id),
                RestrictOutcome::invalid)
          << kind << " " << target;
  });
  EXPECT_TRUE(restrictable_category("mental_health"));
  EXPECT_TRUE(restrictable_category("conditions"));
  EXPECT_FALSE(restrictable_category("everything"));
}

TEST_P(Sharing, ApprovingAClinicianRequestJoinsAndConsentsOnce) {
  std::string id, again;
  write([&](store::Connection& c) {
    EXPECT_EQ(request_consent(c, clock_.now(), people_.doctor, people_.org, people_.patient, id),
              AskOutcome::made);
    EXPECT_EQ(request_consent(c, clock_.now(), people_.doctor, people_.org, people_.patient, again),
              AskOutcome::renewed);
  });
  EXPECT_EQ(id, again);
  write([&](store::Connection& c) {
    // Only the patient it was sent to can answer it.
    EXPECT_FALSE(answer_request(c, clock_.now(), people_.parent, id, true, people_.parent));
    const auto answered =
        answer_request(c, clock_.now(), people_.patient, id, true, people_.patient);
    ASSERT_TRUE(answered);
    EXPECT_EQ(answered->organisation_id, people_.org);
    EXPECT_FALSE(answer_request(c, clock_.now(), people_.patient, id, false, people_.patient));
    std::string third;
    EXPECT_EQ(request_consent(c, clock_.now(), people_.doctor, people_.org, people_.patient, third),
              AskOutcome::already_consented);
  });
  EXPECT_EQ(scope(clinic_doctor(), people_.patient).basis, "sharing consent");
}

TEST_P(Sharing, AnExpiredRequestCannotBeApproved) {
  std::string id;
  write([&](store::Connection& c) {
    return request_consent(c, clock_.now(), people_.doctor, people_.org, people_.patient, id);
  });
  clock_.advance(kSharingRequestSeconds + 1);
  write([&](store::Connection& c) {
    EXPECT_TRUE(open_requests(c, clock_.now(), people_.patient).empty());
    EXPECT_FALSE(answer_request(c, clock_.now(), people_.patient, id, true, people_.patient));
  });
  EXPECT_EQ(scope(clinic_doctor(), people_.patient).sharing, SharingState::not_joined);
}

TEST_P(Sharing, EmergencyAccessShowsEverythingForFourHoursToThatReaderOnly) {
  write([&](store::Connection& c) {
    join_sharing(c, clock_.now(), people_.patient, people_.patient);
    std::string id;
    add_restriction(c, clock_.now(), people_.patient, "category", "conditions", people_.patient,
                    id);
  });
  const auto started = write([&](store::Connection& c) {
    EXPECT_FALSE(start_emergency_access(c, clock_.now(), people_.doctor, people_.org,
                                        people_.patient, "short"));
    EXPECT_FALSE(start_emergency_access(c, clock_.now(), people_.doctor, people_.org,
                                        people_.patient, std::string(501, 'x')));
    return *start_emergency_access(c, clock_.now(), people_.doctor, people_.org, people_.patient,
                                   "Unconscious in A&E");
  });
  EXPECT_EQ(started.expires_at, clock_.now() + kEmergencyAccessSeconds);
  auto s = scope(clinic_doctor(), people_.patient);
  EXPECT_EQ(s.basis, "emergency");
  EXPECT_EQ(s.emergency_access_id, started.id);
  EXPECT_TRUE(s.visible(other_org_, "conditions", "", "E1"));
  // Starting again while it runs is the same access, not a longer one.
  const auto again = write([&](store::Connection& c) {
    return *start_emergency_access(c, clock_.now(), people_.doctor, people_.org, people_.patient,
                                   "Still unconscious");
  });
  EXPECT_EQ(again.id, started.id);
  // Another reader of the same organisation has no emergency access of their own.
  EXPECT_EQ(scope({people_.parent, people_.org, true}, people_.patient).basis, "own organisation");
  // Nor does the care relationship's end leave the emergency open.
  EXPECT_FALSE(scope(clinic_doctor(false), people_.patient).allowed);

  clock_.advance(kEmergencyAccessSeconds);
  s = scope(clinic_doctor(), people_.patient);
  EXPECT_EQ(s.basis, "own organisation");
  EXPECT_FALSE(s.visible(other_org_, "conditions", "", "E1"));
}

TEST_P(Sharing, AnOrganisationReviewsOnlyItsOwnEmergencyAccesses) {
  const auto a = write([&](store::Connection& c) {
    return *start_emergency_access(c, clock_.now(), people_.doctor, people_.org, people_.patient,
                                   "Collapsed at the clinic");
  });
  write([&](store::Connection& c) {
    EXPECT_FALSE(review_emergency_access(c, clock_.now(), other_org_, a.id, people_.parent, "x"));
    EXPECT_EQ(emergency_accesses_by_organisation(c, people_.org, true, 10).size(), 1u);
    EXPECT_TRUE(emergency_accesses_by_organisation(c, other_org_, false, 10).empty());
    EXPECT_TRUE(
        review_emergency_access(c, clock_.now(), people_.org, a.id, people_.parent, "Justified"));
    EXPECT_FALSE(
        review_emergency_access(c, clock_.now(), people_.org, a.id, people_.parent, "Again"));
    EXPECT_TRUE(emergency_accesses_by_organisation(c, people_.org, true, 10).empty());
    const auto all = emergency_accesses_by_organisation(c, people_.org, false, 10);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].review_note, "Justified");
    const auto about = emergency_accesses_about(c, people_.patient, 10);
    ASSERT_EQ(about.size(), 1u);
    EXPECT_EQ(about[0].reason, "Collapsed at the clinic");
  });
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(Sharing);

}  // namespace
}  // namespace yq::consent
