// The appointment view on each engine: a page of appointments (appointments_json) answers, in the
// order asked, exactly what the single form answers for each id, with and without the clinical
// part, and asks the database the same few queries whether the page holds one appointment or many.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <random>

#include "scheduling/booking/appointment_view.hpp"
#include "unit/scheduling/fixture.hpp"

namespace yq::scheduling {
namespace {

using testing::kMonday8am;
using testing::SchedulingTest;

// Forwards to a connection and counts the statements that read.
class CountingConnection : public store::Connection {
 public:
  explicit CountingConnection(store::Connection& inner) : inner_(inner) {}
  store::Rows query(std::string_view sql, const store::Params& params) override {
    ++queries;
    return inner_.query(sql, params);
  }
  std::int64_t execute(std::string_view sql, const store::Params& params) override {
    return inner_.execute(sql, params);
  }
  void execute_script(std::string_view sql) override { inner_.execute_script(sql); }
  void begin(store::TxMode mode) override { inner_.begin(mode); }
  void commit() override { inner_.commit(); }
  void rollback() noexcept override { inner_.rollback(); }
  bool healthy() override { return inner_.healthy(); }

  int queries = 0;

 private:
  store::Connection& inner_;
};

class AppointmentViewTest : public SchedulingTest {
 protected:
  void SetUp() override {
    SchedulingTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_->write([&](store::Connection& c) {
      const std::string harbour = add_org(c, "Harbour Clinic");
      const std::string peak = add_org(c, "Peak Hospital", "private_hospital");
      c.execute("UPDATE organisations SET address = '1 Harbour Road' WHERE id = ?", {harbour});
      const std::vector<std::pair<std::string, std::string>> doctors{
          {add_doctor(c, "Wong Siu Ming", harbour, "王小明", {"general_practice"}, {"en"}),
           harbour},
          {add_doctor(c, "Chan Tai Man", harbour, "陳大文", {"general_practice"}, {"yue"}),
           harbour},
          {add_doctor(c, "Li Wei", peak, "李偉", {"cardiology"}, {"cmn"}), peak}};
      std::vector<std::string> patients;
      for (const auto* name : {"Ho Ka Yan", "Lam Chi Wai", "Cheung Mei Ling", "Ng Wing"})
        patients.push_back(add_account(c, name));
      std::vector<std::string> services;
      for (const auto& [doctor, org] : doctors) {
        services.push_back(core::new_id());
        c.execute(
            "INSERT INTO services (id, organisation_id, name_en, name_zh_hant, name_zh_hans, "
            "specialty, consultation_type, slot_minutes, created_at, updated_at) VALUES (?, ?, ?, "
            "'普通科', '普通科', 'general_practice', ?, 15, 0, 0)",
            {services.back(), org, "Service of " + doctor,
             services.size() == 2 ? "in_person" : "video"});
      }
      const std::vector<std::string> statuses{"booked",    "checked_in", "in_consultation",
                                              "completed", "cancelled",  "no_show"};
      for (int i = 0; i < 36; ++i) {
        const auto& [doctor, org] = doctors[i % doctors.size()];
        const auto& service = services[i % services.size()];
        const auto& patient = patients[i % patients.size()];
        const std::int64_t starts = kMonday8am + i * 900;
        const std::string slot = core::new_id(), id = core::new_id();
        c.execute(
            "INSERT INTO slots (id, doctor_id, service_id, organisation_id, starts_at, ends_at, "
            "source, source_id, created_at) VALUES (?, ?, ?, ?, ?, ?, 'session', 's', 0)",
            {slot, doctor, service, org, starts, starts + 900});
        const std::string status = statuses[i % statuses.size()];
        const bool cancelled = status == "cancelled";
        c.execute(
            "INSERT INTO appointments (id, slot_id, patient_id, booked_by, doctor_id, service_id, "
            "organisation_id, starts_at, ends_at, status, reason, symptoms, known_allergies, "
            "cancelled_by, cancel_reason, cancelled_at, rescheduled_from, needs_rebooking, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?)",
            {id,
             slot,
             patient,
             patients[0],
             doctor,
             service,
             org,
             starts,
             starts + 900,
             status,
             "reason " + std::to_string(i),
             i % 2 ? "cough" : "",
             i % 3 ? "" : "penicillin",
             cancelled ? patient : "",
             cancelled ? "travelling" : "",
             cancelled ? std::optional<std::int64_t>(starts - 3600) : std::nullopt,
             i % 5 ? "" : slot,
             i % 7 == 0,
             starts - 86400,
             starts - 60});
        ids_.push_back(id);
      }
    });
    // Not in the order they were written or start, with an id twice and one nobody has.
    std::shuffle(ids_.begin(), ids_.end(), std::mt19937(7));
    ids_.push_back(ids_[3]);
    ids_.insert(ids_.begin() + 10, core::new_id());
  }

  std::vector<std::string> ids_;
};

TEST_P(AppointmentViewTest, APageAnswersWhatTheSingleFormAnswersForEachIdInOrder) {
  db_->read([&](store::Connection& c) {
    for (const bool clinical : {true, false}) {
      const auto page = appointments_json(c, ids_, clinical);
      ASSERT_EQ(page.size(), ids_.size());
      for (std::size_t i = 0; i < ids_.size(); ++i) {
        const auto one = appointment_json(c, ids_[i], clinical);
        EXPECT_EQ(boost::json::serialize(page[i]), boost::json::serialize(one)) << i;
        if (i == 10) {
          EXPECT_TRUE(page[i].empty()) << "an unknown id answers {}";
          continue;
        }
        ASSERT_FALSE(page[i].empty()) << i;
        EXPECT_EQ(page[i].at("id").as_string(), ids_[i]);
        EXPECT_FALSE(page[i].at("doctor").at("display_name").as_string().empty());
        EXPECT_FALSE(page[i].at("patient").at("display_name").as_string().empty());
        EXPECT_FALSE(page[i].at("organisation").at("name").at("en").as_string().empty());
        EXPECT_EQ(page[i].at("reason").is_null(), !clinical);
      }
    }
    EXPECT_TRUE(appointments_json(c, {}, true).empty());
  });
}

TEST_P(AppointmentViewTest, APageAsksAsFewQueriesAsOneAppointment) {
  db_->read([&](store::Connection& c) {
    CountingConnection one(c), many(c), none(c);
    appointments_json(one, {ids_[0]}, true);
    appointments_json(many, ids_, true);
    appointments_json(none, {}, true);
    // The rows, then the people and the organisations they name.
    EXPECT_EQ(one.queries, 3);
    EXPECT_EQ(many.queries, 3);
    EXPECT_EQ(none.queries, 0);
  });
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(AppointmentViewTest);

}  // namespace
}  // namespace yq::scheduling
