// The service catalogue on each engine: an organisation's admin creates, changes and retires its
// services; anyone lists an active organisation's active services with the doctors on their
// schedules; a pharmacy gets none, and another organisation's admin is told nothing.
#include <gtest/gtest.h>

#include "scheduling/services/catalog.hpp"
#include "unit/scheduling/fixture.hpp"

namespace yq::scheduling {
namespace {

using core::Errc;
using testing::SchedulingTest;

class ServiceCatalogTest : public SchedulingTest {
 protected:
  void SetUp() override {
    SchedulingTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_->write([&](store::Connection& c) {
      clinic_ = add_org(c, "Harbour Clinic");
      pharmacy_ = add_org(c, "Corner Pharmacy", "pharmacy");
      admin_ = add_account(c, "Clinic Admin");
      wong_ = add_doctor(c, "Wong Siu Ming", clinic_, "王小明", {"general_practice"}, {"en"});
      chan_ = add_doctor(c, "Chan Tai Man", clinic_, "陳大文", {"general_practice"}, {"yue"});
    });
    catalog_ = std::make_unique<ServiceCatalog>(*env_);
  }

  static ServiceInput gp() {
    ServiceInput in;
    in.name = core::LocalisedText{"General practice", "普通科", "普通科"};
    in.specialty = "general_practice";
    in.consultation_type = "video";
    in.slot_minutes = 15;
    in.fee_cents = 38000;
    return in;
  }
  identity::Principal admin_of(const std::string& org) const {
    return as(admin_, "org_admin", org);
  }
  void schedule(const std::string& doctor, const std::string& service) {
    db_->write([&](store::Connection& c) {
      c.execute(
          "INSERT INTO availability_templates (id, doctor_id, service_id, weekday, start_minute, "
          "end_minute, valid_from, valid_until, created_at, updated_at) VALUES (?, ?, ?, 1, 540, "
          "600, '2026-01-01', '', 0, 0)",
          {core::new_id(), doctor, service});
    });
  }
  std::vector<std::string> listed(const std::optional<identity::Principal>& who,
                                  bool retired = false) {
    const auto r = catalog_->list(who, clinic_, retired);
    EXPECT_TRUE(r);
    std::vector<std::string> out;
    if (r)
      for (const auto& s : *r) out.emplace_back(s.at("name").at("en").as_string());
    return out;
  }

  std::unique_ptr<ServiceCatalog> catalog_;
  std::string admin_, clinic_, pharmacy_, wong_, chan_;
};

using Names = std::vector<std::string>;

TEST_P(ServiceCatalogTest, AnAdminCreatesAServiceAnyoneSees) {
  const auto made = catalog_->create(admin_of(clinic_), clinic_, gp(), client_);
  ASSERT_TRUE(made);
  const std::string id(made->at("id").as_string());
  EXPECT_EQ(made->at("organisation_id").as_string(), clinic_);
  EXPECT_EQ(made->at("organisation_name").at("en").as_string(), "Harbour Clinic");
  EXPECT_EQ(made->at("organisation_name").at("zh-Hans").as_string(), "诊所");
  EXPECT_EQ(made->at("name").at("zh-Hant").as_string(), "普通科");
  EXPECT_EQ(made->at("slot_minutes").as_int64(), 15);
  EXPECT_EQ(made->at("fee_cents").as_int64(), 38000);
  EXPECT_EQ(made->at("currency").as_string(), "HKD");
  EXPECT_TRUE(made->at("queue_hours").is_null());
  EXPECT_TRUE(made->at("active").as_bool());
  EXPECT_TRUE(made->at("doctors").as_array().empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM holiday_seeds WHERE organisation_id = ?", {clinic_}), 1)
      << "the organisation's first service seeds Hong Kong's holidays";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE action = 'service.created' AND "
                  "target_id = ?",
                  {id}),
            1);
  EXPECT_EQ(listed(std::nullopt), Names{"General practice"});

  // The doctors on its schedule, by name, with their titles and Chinese names.
  schedule(wong_, id);
  schedule(chan_, id);
  const auto got = catalog_->get(std::nullopt, id);
  ASSERT_TRUE(got);
  const auto& doctors = got->at("doctors").as_array();
  ASSERT_EQ(doctors.size(), 2u);
  EXPECT_EQ(doctors[0].at("id").as_string(), chan_);
  EXPECT_EQ(doctors[0].at("display_name").as_string(), "Chan Tai Man");
  EXPECT_EQ(doctors[0].at("title").as_string(), "Dr");
  EXPECT_EQ(doctors[0].at("name_zh").as_string(), "陳大文");
  EXPECT_EQ(doctors[1].at("id").as_string(), wong_);
}

TEST_P(ServiceCatalogTest, AnAdminUpdatesAndRetiresIt) {
  const auto made = catalog_->create(admin_of(clinic_), clinic_, gp(), client_);
  ASSERT_TRUE(made);
  const std::string id(made->at("id").as_string());
  ServiceInput change;
  change.name = core::LocalisedText{"Family medicine", "家庭醫學", "家庭医学"};
  change.slot_minutes = 20;
  const auto changed = catalog_->update(admin_of(clinic_), id, change, client_);
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->at("name").at("en").as_string(), "Family medicine");
  EXPECT_EQ(changed->at("slot_minutes").as_int64(), 20);
  EXPECT_EQ(changed->at("fee_cents").as_int64(), 38000) << "left as it was";
  EXPECT_EQ(changed->at("organisation_name").at("en").as_string(), "Harbour Clinic");
  EXPECT_TRUE(changed->contains("slots"));

  ServiceInput retire;
  retire.active = false;
  ASSERT_TRUE(catalog_->update(admin_of(clinic_), id, retire, client_));
  EXPECT_EQ(listed(std::nullopt), Names{});
  EXPECT_EQ(listed(std::nullopt, true), Names{}) << "retired ones are the admins' business";
  EXPECT_EQ(listed(admin_of(clinic_), true), Names{"Family medicine"});
  EXPECT_EQ(catalog_->get(std::nullopt, id).error().code, Errc::not_found);
  EXPECT_TRUE(catalog_->get(admin_of(clinic_), id));
}

TEST_P(ServiceCatalogTest, APharmacyGetsNoServicesAndOthersAreToldNothing) {
  const auto refused = catalog_->create(admin_of(pharmacy_), pharmacy_, gp(), client_);
  ASSERT_FALSE(refused);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "organisation");
  EXPECT_EQ(count("SELECT COUNT(*) FROM services"), 0);

  EXPECT_EQ(catalog_->create(admin_of(pharmacy_), clinic_, gp(), client_).error().code,
            Errc::not_found);
  const auto made = catalog_->create(admin_of(clinic_), clinic_, gp(), client_);
  ASSERT_TRUE(made);
  ServiceInput change;
  change.fee_cents = 1;
  EXPECT_EQ(
      catalog_
          ->update(admin_of(pharmacy_), std::string(made->at("id").as_string()), change, client_)
          .error()
          .code,
      Errc::not_found);
  EXPECT_EQ(catalog_->create(admin_of(clinic_), core::new_id(), gp(), client_).error().code,
            Errc::not_found);
}

TEST_P(ServiceCatalogTest, AClosedOrganisationListsNothing) {
  ASSERT_TRUE(catalog_->create(admin_of(clinic_), clinic_, gp(), client_));
  db_->write([&](store::Connection& c) {
    c.execute("UPDATE organisations SET active = 0 WHERE id = ?", {clinic_});
  });
  EXPECT_EQ(catalog_->list(std::nullopt, clinic_).error().code, Errc::not_found);
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(ServiceCatalogTest);

}  // namespace
}  // namespace yq::scheduling
