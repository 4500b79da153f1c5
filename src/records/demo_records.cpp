#include "records/demo_records.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "audit/audit_log.hpp"
#include "consent/relationships.hpp"
#include "consent/sharing.hpp"
#include "core/hk_calendar.hpp"
#include "core/log.hpp"
#include "identity/demo_data.hpp"
#include "records/entries.hpp"
#include "records/entry_forms.hpp"

namespace yq::records {

namespace {

namespace json = boost::json;
using core::DayNumber;

// The demo people and organisations (identity's demo data).
struct Cast {
  std::string harbour, kowloon, bayarea;
  std::string gp, nurse, psychiatrist, cardiologist;  // Harbour, Harbour, Kowloon East, Greater Bay
  std::string chan, amy, zhang;
};

std::optional<Cast> cast_of(store::Connection& c) {
  Cast k;
  const auto org = [&](const char* name, std::string& out) {
    const auto id = identity::demo_organisation_id(c, name);
    if (id) out = *id;
    return id.has_value();
  };
  const auto account = [&](const char* email, std::string& out) {
    const auto id = identity::demo_account_id(c, email);
    if (id) out = *id;
    return id.has_value();
  };
  if (!org("Harbour Health Clinic", k.harbour) || !org("Kowloon East Hospital", k.kowloon) ||
      !org("Greater Bay Private Hospital", k.bayarea) || !account("doctor@demo.yiqiao.hk", k.gp) ||
      !account("nurse@demo.yiqiao.hk", k.nurse) ||
      !account("doctor2@demo.yiqiao.hk", k.psychiatrist) ||
      !account("doctor3@demo.yiqiao.hk", k.cardiologist) ||
      !account("patient@demo.yiqiao.hk", k.chan) || !account("patient2@demo.yiqiao.hk", k.amy) ||
      !account("patient3@demo.yiqiao.hk", k.zhang))
    return std::nullopt;
  return k;
}

std::string hh_mm(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

// One patient's chart: entries written as the clinicians' forms would have made them on the day
// (the form's date and time, and the author's clock a little after), so every date in the record
// is where it would be.
class Chart {
 public:
  Chart(store::Connection& c, std::int64_t now, std::string patient)
      : c_(c), now_(now), today_(core::hk_day_of(now)), patient_(std::move(patient)) {}

  DayNumber ago(int days) const { return today_ - days; }
  DayNumber today() const { return today_; }
  int written() const { return written_; }

  // An entry of `org` by `by` on `day` at `minute` (local time).
  std::string add(const std::string& org, const std::string& by, DayNumber day, int minute,
                  json::object form) {
    const std::int64_t at = recorded_at(day, minute);
    form["date"] = core::format_day(day);
    form["time"] = hh_mm(minute);
    auto built = build_from_form(c_, form, {patient_, org, by, at});
    if (!built) throw std::logic_error("demo record: " + problem(built.error(), form));
    ++written_;
    return create_entry(c_, at, patient_, org, by, built->index, built->details,
                        std::move(built->resource));
  }

  // A second version of the entry, from the corrected form of what happened on `day` at
  // `minute`, written on `on` at `on_minute` with `reason`.
  void correct(const std::string& id, const std::string& by, DayNumber day, int minute,
               DayNumber on, int on_minute, json::object form, const std::string& reason) {
    const auto old = load_entry(c_, id);
    if (!old) throw std::logic_error("demo record: no entry to correct");
    const std::int64_t at = recorded_at(on, on_minute);
    form["date"] = core::format_day(day);
    form["time"] = hh_mm(minute);
    auto built =
        build_from_form(c_, form, {patient_, old->organisation_id, by, at}, form_type(*old));
    if (!built) throw std::logic_error("demo record: " + problem(built.error(), form));
    if (!correct_entry(c_, at, id, old->version, by, built->index, built->details,
                       std::move(built->resource), reason))
      throw std::logic_error("demo record: correction refused");
  }

  void entered_in_error(const std::string& id, const std::string& by, DayNumber day, int minute,
                        const std::string& reason) {
    if (!mark_entered_in_error(c_, recorded_at(day, minute), id, by, reason))
      throw std::logic_error("demo record: entered-in-error refused");
  }

  // A PDF already in the blob store as a DocumentReference.
  void document(const std::string& org, const std::string& by, DayNumber day, int minute,
                const std::string& title, const std::string& kind, const std::string& sha256,
                std::size_t size) {
    const std::int64_t at = recorded_at(day, minute);
    auto built =
        build_document({patient_, org, by, at}, title, kind, core::format_day(day), sha256, size);
    if (!built)
      throw std::logic_error("demo record: the document's " + built.error().fields[0].field);
    ++written_;
    create_entry(c_, at, patient_, org, by, built->index, built->details,
                 std::move(built->resource));
  }

 private:
  // Written a little after the moment it records, never after the load.
  std::int64_t recorded_at(DayNumber day, int minute) const {
    const std::int64_t at = core::hk_instant(day, minute) + 20 * 60;
    if (at > now_) throw std::logic_error("demo record: an entry after the load");
    return at;
  }
  static std::string problem(const core::Error& e, const json::object& form) {
    std::string out = std::string(form.at("type").as_string()) + " of " +
                      std::string(form.at("date").as_string()) + " " +
                      std::string(form.at("time").as_string());
    for (const auto& f : e.fields) out += " " + f.field + ":" + f.message_key;
    return out;
  }

  store::Connection& c_;
  std::int64_t now_;
  DayNumber today_;
  std::string patient_;
  int written_ = 0;
};

json::object lab(const char* code, double value, const char* note = nullptr) {
  json::object f{{"type", "lab_result"}, {"code", code}, {"value", value}};
  if (note) f["note"] = note;
  return f;
}
json::object blood_pressure(int systolic, int diastolic, const char* note = nullptr) {
  json::object f{
      {"type", "vital"}, {"code", "85354-9"}, {"systolic", systolic}, {"diastolic", diastolic}};
  if (note) f["note"] = note;
  return f;
}
json::object vital(const char* code, double value) {
  return {{"type", "vital"}, {"code", code}, {"value", value}};
}
json::object condition(const char* code, const char* status, const char* note) {
  return {{"type", "condition"}, {"code", code}, {"clinical_status", status}, {"note", note}};
}
json::object medication(const char* code, const char* dosage, const char* status = "active") {
  return {{"type", "medication"}, {"code", code}, {"dosage", dosage}, {"status", status}};
}
json::object vaccine(const char* code, int dose, const char* lot, const char* site) {
  return {{"type", "immunisation"},
          {"code", code},
          {"dose_number", dose},
          {"lot", lot},
          {"site", site}};
}
json::object procedure(const char* code, const char* outcome) {
  return {{"type", "procedure"}, {"code", code}, {"outcome", outcome}};
}
json::object report(const char* title, const char* kind, const char* conclusion) {
  return {{"type", "report"}, {"title", title}, {"kind", kind}, {"conclusion", conclusion}};
}

// ---- a one-page PDF with real text (Helvetica, WinAnsi), made here so the demo needs no file ----

std::string pdf_text(const std::string& s) {
  std::string out;
  for (const char ch : s) {
    if (ch == '(' || ch == ')' || ch == '\\') out += '\\';
    out += ch;
  }
  return out;
}

struct PdfLine {
  bool bold = false;
  int size = 10;
  std::string text;
  int gap = 0;  // extra points of space above
};

std::string one_page_pdf(const std::string& title, const std::vector<PdfLine>& lines) {
  std::string content = "BT\n";
  int y = 800;
  for (const auto& l : lines) {
    y -= l.size + 4 + l.gap;
    content += std::string(l.bold ? "/F2 " : "/F1 ") + std::to_string(l.size) + " Tf 1 0 0 1 50 " +
               std::to_string(y) + " Tm (" + pdf_text(l.text) + ") Tj\n";
  }
  content += "ET\n";
  const std::vector<std::string> objects{
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R "
      "/F2 5 0 R >> >> /Contents 6 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
      "<< /Title (" + pdf_text(title) + ") /Producer (Yiqiao demo data) >>"};
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const auto o : offsets) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", o);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R /Info 7 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::string english_date(DayNumber day) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto t = core::hk_local(core::hk_instant(day, 12 * 60));
  return std::to_string(t.day) + " " + kMonths[t.month - 1] + " " + std::to_string(t.year);
}

// Chan Tai Man's admission for chest pain: Hong Kong public hospitals write discharge summaries in
// English.
constexpr int kAdmittedDaysAgo = 452;
constexpr int kDischargedDaysAgo = 450;

std::string discharge_summary(DayNumber admitted, DayNumber discharged) {
  const std::vector<PdfLine> lines{
      {true, 14, "KOWLOON EAST HOSPITAL"},
      {false, 9, "2 Lam Tin Road, Kwun Tong, Kowloon  |  Department of Medicine"},
      {true, 13, "DISCHARGE SUMMARY", 10},
      {false, 10, "Patient: CHAN Tai Man    Sex: M", 8},
      {false, 10,
       "Admitted: " + english_date(admitted) +
           " (via Accident & Emergency)    Discharged: " + english_date(discharged)},
      {true, 11, "Principal diagnosis", 10},
      {false, 10, "Chest pain (R07.4); acute coronary syndrome excluded."},
      {true, 11, "Other diagnoses", 8},
      {false, 10, "Type 2 diabetes mellitus; essential hypertension; hyperlipidaemia."},
      {true, 11, "History", 8},
      {false, 10, "Two hours of central chest tightness after climbing stairs, relieved by rest."},
      {false, 10, "No syncope. Non-smoker. Followed up by his family doctor for diabetes."},
      {true, 11, "Investigations", 8},
      {false, 10, "ECG: sinus rhythm 78/min, no acute ST-T changes."},
      {false, 10, "hs-Troponin T 8 ng/L on arrival and 9 ng/L at 3 hours (normal below 14)."},
      {false, 10, "Chest X-ray: clear lungs, normal heart size. HbA1c 7.4%."},
      {true, 11, "Progress", 8},
      {false, 10, "Observed on telemetry for 48 hours: no arrhythmia, no recurrence of pain."},
      {false, 10, "Aspirin started pending outpatient assessment of coronary disease."},
      {true, 11, "Drug allergy", 8},
      {false, 10, "Penicillin (urticaria)."},
      {true, 11, "Medications on discharge", 8},
      {false, 10, "Metformin 500 mg twice daily; amlodipine 5 mg daily; atorvastatin 20 mg at"},
      {false, 10, "night; aspirin 80 mg daily (new)."},
      {true, 11, "Follow-up", 8},
      {false, 10, "Family doctor in 1 week: referral to cardiology for echocardiogram and"},
      {false, 10, "exercise testing. Return to A&E if chest pain recurs or lasts over 15 minutes."},
      {false, 9, "Electronically signed: Medical Officer, Department of Medicine", 16},
  };
  return one_page_pdf("Discharge summary - CHAN Tai Man", lines);
}

// ---- the three patients ----

// Chan Tai Man (繁體中文): diabetes, hypertension and hyperlipidaemia followed by his family doctor
// for three years, an admission for chest pain, a cardiology work-up across the border, and a
// depressive episode treated at Kowloon East that he keeps from the other organisations.
void chan_tai_man(store::Connection& c, std::int64_t now, const Cast& k, const std::string& pdf_sha,
                  std::size_t pdf_size, int& written) {
  Chart r(c, now, k.chan);
  const auto& H = k.harbour;
  const auto& K = k.kowloon;
  const auto& B = k.bayarea;

  r.add(H, k.gp, r.ago(1080), 10 * 60,
        {{"type", "allergy"},
         {"substance", "764146007"},
         {"allergy_category", "medication"},
         {"reaction", "全身出現蕁麻疹（風疹塊）及皮膚痕癢"},
         {"severity", "moderate"},
         {"certainty", "confirmed"},
         {"criticality", "low"},
         {"note", "病人自述童年服用盤尼西林後出現；須避免所有青黴素類藥物。"}});
  r.add(H, k.gp, r.ago(1080), 10 * 60 + 10,
        condition("E11.9", "active", "體檢發現空腹血糖及糖化血紅素偏高；先飲食控制及開始服藥。"));
  r.add(H, k.gp, r.ago(1075), 10 * 60, medication("A10BA02", "500毫克 每日兩次 餐後服"));
  r.add(H, k.gp, r.ago(990), 10 * 60 + 30,
        condition("I10", "active", "三次覆診血壓均高於140/90，開始服用降血壓藥。"));
  const std::string amlodipine =
      r.add(H, k.gp, r.ago(990), 10 * 60 + 40, medication("C08CA01", "10毫克 每日一次"));
  r.correct(amlodipine, k.gp, r.ago(990), 10 * 60 + 40, r.ago(989), 9 * 60 + 15,
            medication("C08CA01", "5毫克 每日一次（早上）"),
            "劑量輸入錯誤：處方為每日一次5毫克，已與病人核對藥袋。");
  r.add(H, k.gp, r.ago(900), 11 * 60,
        condition("E78.5", "active", "低密度膽固醇持續偏高，合併糖尿病，開始服用他汀類藥物。"));
  r.add(H, k.gp, r.ago(895), 11 * 60, medication("C10AA05", "20毫克 每晚一次"));

  // HbA1c every quarter, coming down with treatment; kidney function and lipids yearly or so.
  const double hba1c[] = {8.9, 8.4, 7.9, 7.6, 7.4, 7.3, 7.1, 6.9, 6.8, 6.6, 6.5, 6.4};
  for (int i = 0; i < 12; ++i) {
    const int days = 1082 - i * 91;
    r.add(H, k.nurse, r.ago(days), 9 * 60,
          lab("4548-4", hba1c[i],
              i == 0    ? "新診斷糖尿病。"
              : i == 11 ? "控制理想，維持現有藥物。"
                        : nullptr));
  }
  // The same result typed in twice, the second marked entered-in-error.
  const auto duplicate = r.add(H, k.nurse, r.ago(1082 - 10 * 91), 9 * 60 + 5, lab("4548-4", 6.5));
  r.entered_in_error(duplicate, k.nurse, r.ago(1082 - 10 * 91 - 1), 10 * 60,
                     "重複輸入：同一份化驗報告已於同日記錄。");
  const int yearly[] = {1082, 718, 354, 81};
  const double creatinine[] = {88, 98, 104, 109};
  const double egfr[] = {84, 74, 69, 64};
  for (int i = 0; i < 4; ++i) {
    r.add(H, k.nurse, r.ago(yearly[i]), 9 * 60 + 1, lab("14682-9", creatinine[i]));
    r.add(H, k.nurse, r.ago(yearly[i]), 9 * 60 + 2,
          lab("62238-1", egfr[i], i == 3 ? "腎功能輕度下降，每年檢查尿微量白蛋白。" : nullptr));
  }
  const int lipid_days[] = {1082, 900, 718, 536, 354, 81};
  const double ldl[] = {4.4, 4.6, 3.1, 2.7, 2.5, 2.3};
  for (int i = 0; i < 6; ++i)
    r.add(H, k.nurse, r.ago(lipid_days[i]), 9 * 60 + 3, lab("22748-8", ldl[i]));

  // Blood pressure, weight and BMI at his reviews (height 172 cm).
  r.add(H, k.nurse, r.ago(1080), 9 * 60 + 40, vital("8302-2", 172));
  const int visit_days[] = {1080, 990, 900, 720, 540, 360, 180, 79};
  const int systolic[] = {158, 150, 146, 138, 134, 132, 128, 126};
  const int diastolic[] = {98, 94, 92, 88, 86, 84, 82, 80};
  const double weight[] = {79.5, 78.8, 78.0, 77.1, 76.0, 75.2, 74.6, 74.0};
  for (int i = 0; i < 8; ++i) {
    r.add(H, k.nurse, r.ago(visit_days[i]), 9 * 60 + 45,
          blood_pressure(systolic[i], diastolic[i],
                         i == 0 ? "休息十分鐘後再量，仍然偏高。" : nullptr));
    r.add(H, k.nurse, r.ago(visit_days[i]), 9 * 60 + 46, vital("29463-7", weight[i]));
    const double bmi = static_cast<int>(weight[i] / (1.72 * 1.72) * 10 + 0.5) / 10.0;
    r.add(H, k.nurse, r.ago(visit_days[i]), 9 * 60 + 47, vital("39156-5", bmi));
  }

  // Vaccines at the clinic.
  r.add(H, k.nurse, r.ago(1010), 15 * 60, vaccine("158", 1, "FLU-2331A", "left_arm"));
  r.add(H, k.nurse, r.ago(800), 15 * 60, vaccine("309", 4, "CMT-HB4471", "left_arm"));
  r.add(H, k.nurse, r.ago(645), 15 * 60, vaccine("158", 1, "FLU-2442C", "left_arm"));
  r.add(H, k.nurse, r.ago(280), 15 * 60, vaccine("150", 1, "FLU-2517B", "right_arm"));

  // Chest pain: Kowloon East Hospital by way of its A&E; two nights; the discharge summary.
  const DayNumber admitted = r.ago(kAdmittedDaysAgo);
  r.add(K, k.psychiatrist, admitted, 21 * 60,
        condition("R07.4", "resolved",
                  "勞力後胸口翳悶約兩小時；心電圖及兩次肌鈣蛋白正常，已排除急性冠狀動脈綜合症。"));
  r.add(K, k.psychiatrist, admitted, 21 * 60 + 30,
        blood_pressure(162, 96, "急症室到達時量度，胸口不適中。"));
  r.add(K, k.psychiatrist, admitted, 22 * 60, lab("67151-1", 8));
  r.add(K, k.psychiatrist, admitted + 1, 1 * 60, lab("67151-1", 9, "三小時後覆驗，沒有上升。"));
  r.add(K, k.psychiatrist, admitted + 1, 8 * 60, lab("4548-4", 7.4));
  r.add(K, k.psychiatrist, admitted + 1, 9 * 60,
        report("胸部X光（正面）", "radiology", "雙肺清晰，心臟大小正常，沒有胸膜積液。"));
  r.add(K, k.psychiatrist, r.ago(kDischargedDaysAgo), 11 * 60,
        medication("B01AC06", "80毫克 每日一次（早餐後）"));
  r.document(K, k.psychiatrist, r.ago(kDischargedDaysAgo), 12 * 60,
             "出院摘要：胸痛（已排除急性冠狀動脈綜合症）", "discharge_summary", pdf_sha, pdf_size);

  // The family doctor refers him to the cardiologist in Shenzhen; the work-up is done.
  r.add(H, k.gp, r.ago(444), 16 * 60,
        {{"type", "referral"},
         {"to_organisation", B},
         {"specialty", "心臟科"},
         {"referral_reason",
          "九龍東醫院出院後跟進：勞力性胸口翳悶，已排除急性冠狀動脈綜合症。請安排心臟超聲波及運動"
          "心電圖評估冠心病風險。"},
         {"status", "completed"},
         {"note", "病人選擇到深圳求診，方便家人陪同。"}});
  r.add(B, k.cardiologist, r.ago(430), 10 * 60, blood_pressure(136, 84));
  r.add(B, k.cardiologist, r.ago(430), 10 * 60 + 20,
        procedure("40701008", "左心室收縮功能正常，輕度向心性肥厚。"));
  r.add(B, k.cardiologist, r.ago(430), 11 * 60,
        report("經胸心臟超聲波檢查", "cardiology",
               "左心室大小正常，收縮功能良好（射血分數約62%）；輕度左心室向心性肥厚，符合高血壓性"
               "心臟改變；各瓣膜未見明顯異常，沒有心包積液。"));
  r.add(B, k.cardiologist, r.ago(430), 11 * 60 + 30,
        procedure("29303009", "運動心電圖：完成Bruce方案第三級，無胸痛，無缺血性ST段改變。"));
  r.add(B, k.cardiologist, r.ago(430), 11 * 60 + 40, lab("33762-6", 68));

  // A depressive episode, treated at Kowloon East; he restricts mental health (below).
  r.add(K, k.psychiatrist, r.ago(300), 14 * 60 + 30,
        condition(
            "F32.1", "active",
            "出院後情緒持續低落、失眠及食慾下降約三個月，PHQ-9 16分；沒有自殺念頭。開始藥物治療，"
            "每四至六星期精神科門診覆診。"));
  r.add(K, k.psychiatrist, r.ago(300), 14 * 60 + 45, medication("N06AB06", "50毫克 每日早上一次"));
  written += r.written();
}

// Amy Ho (English): hyperlipidaemia with a family history, an appendicectomy at Kowloon East, and
// palpitations now being assessed at Greater Bay on an open referral.
void amy_ho(store::Connection& c, std::int64_t now, const Cast& k, int& written) {
  Chart r(c, now, k.amy);
  const auto& H = k.harbour;
  const auto& K = k.kowloon;
  const auto& B = k.bayarea;

  r.add(H, k.gp, r.ago(1000), 15 * 60,
        {{"type", "allergy"},
         {"substance", "735029006"},
         {"allergy_category", "food"},
         {"reaction", "Lip swelling and hives within 30 minutes of eating prawns"},
         {"severity", "moderate"},
         {"certainty", "confirmed"},
         {"criticality", "high"},
         {"note", "Carries an adrenaline auto-injector."}});
  r.add(H, k.gp, r.ago(1000), 15 * 60 + 10,
        condition("E78.5", "active",
                  "LDL 5.1 mmol/L at a routine check. Father had a heart attack at 52. Lifestyle "
                  "advice first, then a statin."));
  r.add(H, k.gp, r.ago(905), 15 * 60, medication("C10AA05", "10 mg once daily at night"));
  r.add(H, k.nurse, r.ago(1000), 14 * 60 + 40, vital("8302-2", 162));
  const int lipid_days[] = {1002, 906, 720, 540, 360, 180, 30};
  const double ldl[] = {5.1, 4.6, 3.2, 2.9, 2.6, 2.8, 2.6};
  for (int i = 0; i < 7; ++i)
    r.add(H, k.nurse, r.ago(lipid_days[i]), 9 * 60,
          lab("22748-8", ldl[i], i == 2 ? "Good response to atorvastatin." : nullptr));
  r.add(H, k.nurse, r.ago(720), 9 * 60 + 1, lab("1742-6", 28, "Liver function normal on statin."));
  const int visit_days[] = {1000, 720, 360, 30};
  const int systolic[] = {118, 122, 116, 124};
  const int diastolic[] = {76, 78, 74, 80};
  const double weight[] = {58.4, 58.0, 57.6, 58.1};
  for (int i = 0; i < 4; ++i) {
    r.add(H, k.nurse, r.ago(visit_days[i]), 14 * 60 + 45,
          blood_pressure(systolic[i], diastolic[i]));
    r.add(H, k.nurse, r.ago(visit_days[i]), 14 * 60 + 46, vital("29463-7", weight[i]));
    const double bmi = static_cast<int>(weight[i] / (1.62 * 1.62) * 10 + 0.5) / 10.0;
    r.add(H, k.nurse, r.ago(visit_days[i]), 14 * 60 + 47, vital("39156-5", bmi));
  }
  r.add(H, k.nurse, r.ago(1030), 16 * 60, vaccine("208", 3, "FP8412", "left_arm"));
  r.add(H, k.nurse, r.ago(1000), 16 * 60, vaccine("150", 1, "FLU-2318D", "left_arm"));
  r.add(H, k.nurse, r.ago(640), 16 * 60, vaccine("150", 1, "FLU-2425A", "left_arm"));
  r.add(H, k.nurse, r.ago(275), 16 * 60, vaccine("150", 1, "FLU-2519C", "right_arm"));

  // Appendicitis: Kowloon East Hospital.
  r.add(K, k.psychiatrist, r.ago(702), 23 * 60, vital("8310-5", 38.2));
  r.add(K, k.psychiatrist, r.ago(702), 23 * 60 + 10, lab("6690-2", 14.2));
  r.add(K, k.psychiatrist, r.ago(702), 23 * 60 + 11, lab("1988-5", 86));
  r.add(K, k.psychiatrist, r.ago(702), 23 * 60 + 30,
        condition("K35.8", "resolved",
                  "Right iliac fossa pain for 18 hours with fever; ultrasound showed an inflamed "
                  "appendix."));
  r.add(K, k.psychiatrist, r.ago(701), 10 * 60,
        procedure("80146002",
                  "Laparoscopic appendicectomy; non-perforated appendix. Uneventful recovery, home "
                  "on day 2."));
  r.add(K, k.psychiatrist, r.ago(700), 11 * 60,
        medication("N02BE01", "1 g four times a day when needed, for 5 days", "completed"));

  // Palpitations: the family doctor refers her to cardiology in Shenzhen (open: she is under its
  // care now), where the work-up has started.
  r.add(H, k.gp, r.ago(14), 15 * 60,
        condition("R00.2", "active",
                  "Intermittent palpitations for two months, worse at night. No syncope. Clinic "
                  "ECG: sinus rhythm 92/min."));
  r.add(H, k.gp, r.ago(14), 15 * 60 + 20,
        {{"type", "referral"},
         {"to_organisation", B},
         {"specialty", "Cardiology"},
         {"referral_reason",
          "Intermittent palpitations for two months; family history of premature coronary "
          "disease. Please assess for arrhythmia (Holter monitoring) and arrange an "
          "echocardiogram."},
         {"status", "active"}});
  r.add(B, k.cardiologist, r.ago(5), 9 * 60 + 30, blood_pressure(122, 78));
  r.add(B, k.cardiologist, r.ago(5), 9 * 60 + 31, vital("8867-4", 88));
  r.add(B, k.cardiologist, r.ago(5), 9 * 60 + 40,
        procedure("29303009", "Sinus rhythm 84/min with occasional atrial ectopic beats."));
  r.add(B, k.cardiologist, r.ago(5), 10 * 60, lab("3016-3", 2.1));
  r.add(B, k.cardiologist, r.ago(5), 10 * 60 + 1,
        lab("2823-3", 3.3,
            "Mild hypokalaemia, which may add to the ectopic beats. Dietary advice; recheck in two "
            "weeks."));
  r.add(B, k.cardiologist, r.ago(5), 10 * 60 + 30,
        report("Chest X-ray (PA view)", "radiology",
               "Heart size normal. Lungs clear. No pleural effusion. No acute cardiopulmonary "
               "abnormality."));
  written += r.written();
}

// 张伟 (简体中文): lives in Shenzhen; coronary heart disease treated at Greater Bay, seen in Hong
// Kong when there on business. Not in the sharing: each organisation sees only its own entries.
void zhang_wei(store::Connection& c, std::int64_t now, const Cast& k, int& written) {
  Chart r(c, now, k.zhang);
  const auto& H = k.harbour;
  const auto& K = k.kowloon;
  const auto& B = k.bayarea;

  r.add(B, k.cardiologist, r.ago(1060), 10 * 60,
        {{"type", "allergy"},
         {"substance", "372687004"},
         {"allergy_category", "medication"},
         {"reaction", "服药第三天全身出现红色斑丘疹，伴瘙痒"},
         {"severity", "mild"},
         {"certainty", "presumed"},
         {"criticality", "low"}});
  r.add(B, k.cardiologist, r.ago(1060), 10 * 60 + 10,
        condition("I10", "active", "高血压病史约五年，自行间断服药，血压控制欠佳。"));
  r.add(B, k.cardiologist, r.ago(1060), 10 * 60 + 20, medication("C09CA01", "50毫克 每日一次"));
  r.add(B, k.cardiologist, r.ago(760), 16 * 60,
        condition("I25.1", "active", "活动后胸闷三个月，冠状动脉造影示前降支近段狭窄约85%。"));
  r.add(B, k.cardiologist, r.ago(760), 16 * 60 + 30,
        procedure("415070008", "前降支近段植入药物洗脱支架一枚，术后血流TIMI 3级，无并发症。"));
  r.add(B, k.cardiologist, r.ago(759), 9 * 60, medication("B01AC06", "100毫克 每日一次"));
  r.add(B, k.cardiologist, r.ago(759), 9 * 60 + 5, medication("C10AA05", "40毫克 每晚一次"));
  const int lab_days[] = {1062, 760, 580, 400, 220, 40};
  const double ldl[] = {3.9, 3.6, 2.1, 1.8, 1.7, 1.6};
  const double creatinine[] = {101, 108, 112, 110, 115, 113};
  const double egfr[] = {68, 63, 60, 61, 58, 59};
  for (int i = 0; i < 6; ++i) {
    r.add(B, k.cardiologist, r.ago(lab_days[i]), 8 * 60 + 30,
          lab("22748-8", ldl[i], i == 5 ? "低密度脂蛋白胆固醇已达标（<1.8）。" : nullptr));
    r.add(B, k.cardiologist, r.ago(lab_days[i]), 8 * 60 + 31, lab("14682-9", creatinine[i]));
    r.add(B, k.cardiologist, r.ago(lab_days[i]), 8 * 60 + 32, lab("62238-1", egfr[i]));
  }
  const int visit_days[] = {1060, 760, 400, 40};
  const int systolic[] = {162, 148, 134, 130};
  const int diastolic[] = {100, 92, 84, 82};
  for (int i = 0; i < 4; ++i)
    r.add(B, k.cardiologist, r.ago(visit_days[i]), 9 * 60 + 50,
          blood_pressure(systolic[i], diastolic[i]));
  r.add(B, k.cardiologist, r.ago(40), 10 * 60 + 20,
        report("胸部正位片", "radiology",
               "双肺纹理清晰，未见实质性病变；心影大小正常；主动脉迂曲；双侧肋膈角锐利。"));
  r.add(B, k.cardiologist, r.ago(1000), 11 * 60, vaccine("510", 3, "202304B118", "left_arm"));

  // A stomach upset in Hong Kong: Kowloon East's A&E.
  r.add(K, k.psychiatrist, r.ago(610), 20 * 60, vital("8310-5", 37.9));
  r.add(K, k.psychiatrist, r.ago(610), 20 * 60 + 15, lab("2823-3", 3.3));
  r.add(K, k.psychiatrist, r.ago(610), 20 * 60 + 16, lab("14682-9", 131, "脱水所致，补液后复查。"));
  r.add(K, k.psychiatrist, r.ago(610), 20 * 60 + 30,
        condition("A09.9", "resolved", "进食海鲜后呕吐、腹泻一天；静脉补液后好转出院。"));

  // A cold on a business trip: the family doctor in Central.
  r.add(H, k.gp, r.ago(200), 11 * 60,
        condition("J06.9", "resolved", "咽痛、流涕三天，无发热；对症治疗。"));
  r.add(H, k.gp, r.ago(200), 11 * 60 + 5,
        medication("N02BE01", "500毫克 需要时每六小时一次，每日最多四次", "completed"));
  r.add(H, k.gp, r.ago(200), 10 * 60 + 50,
        blood_pressure(148, 92, "在港出差期间血压偏高，建议返深圳后到心内科复诊。"));
  written += r.written();
}

// Chan Siu Bo, Chan Tai Man's son: born at Kowloon East, his childhood vaccines at the clinic.
void chan_siu_bo(store::Connection& c, std::int64_t now, const Cast& k, const std::string& child,
                 DayNumber born, int& written) {
  Chart r(c, now, child);
  const auto& H = k.harbour;
  const auto& K = k.kowloon;
  if (born >= r.today()) return;
  r.add(K, k.psychiatrist, born, 6 * 60 + 40,
        {{"type", "birth"},
         {"birth_weight_g", 3250},
         {"gestational_weeks", 39},
         {"apgar_1", 8},
         {"apgar_5", 9},
         {"head_circumference_cm", 34},
         {"note", "足月經陰道分娩，母嬰情況良好。"}});
  struct Dose {
    int age_days;
    const char* org;
    const char* code;
    int dose;
    const char* lot;
    const char* site;
  };
  const Dose doses[] = {
      {1, "kowloon", "19", 1, "BCG-1907", "left_arm"},
      {1, "kowloon", "08", 1, "HB-19A22", "right_thigh"},
      {31, "harbour", "08", 2, "HB-19B05", "right_thigh"},
      {61, "harbour", "120", 1, "PX-1903", "left_thigh"},
      {61, "harbour", "133", 1, "PV-1911", "right_thigh"},
      {122, "harbour", "120", 2, "PX-1907", "left_thigh"},
      {122, "harbour", "133", 2, "PV-1918", "right_thigh"},
      {183, "harbour", "120", 3, "PX-1911", "left_thigh"},
      {183, "harbour", "08", 3, "HB-19K14", "right_thigh"},
      {366, "harbour", "03", 1, "MMR-2005", "left_arm"},
      {366, "harbour", "133", 3, "PV-2004", "right_thigh"},
      {366, "harbour", "21", 1, "VZ-2006", "right_arm"},
      {548, "harbour", "120", 4, "PX-2011", "left_thigh"},
      {2322, "harbour", "94", 2, "MRV-2508", "left_arm"},
  };
  for (const auto& d : doses) {
    const DayNumber day = born + d.age_days;
    if (day >= r.today()) continue;
    const std::string org = std::string(d.org) == "kowloon" ? K : H;
    r.add(org, std::string(d.org) == "kowloon" ? k.psychiatrist : k.nurse, day, 10 * 60,
          vaccine(d.code, d.dose, d.lot, d.site));
  }
  if (born + 2322 < r.today()) {
    r.add(H, k.nurse, born + 2322, 9 * 60 + 50, vital("8302-2", 117));
    r.add(H, k.nurse, born + 2322, 9 * 60 + 51, vital("29463-7", 21.4));
  }
  written += r.written();
}

// Who shares with whom: Chan Tai Man joined and consented to Harbour and Kowloon East (not
// Greater Bay) and restricted mental health; Amy Ho consented to Greater Bay only; 张伟 has not
// joined.
void sharing(store::Connection& c, std::int64_t now, const Cast& k) {
  const DayNumber today = core::hk_day_of(now);
  const auto at = [&](int days_ago) { return core::hk_instant(today - days_ago, 10 * 60); };
  consent::join_sharing(c, at(1085), k.chan, k.chan);
  consent::give_consent(c, at(1085), k.chan, k.harbour, k.chan);
  consent::give_consent(c, at(kAdmittedDaysAgo), k.chan, k.kowloon, k.chan);
  std::string restriction;
  if (consent::add_restriction(c, at(299), k.chan, "category", "mental_health", k.chan,
                               restriction) != consent::RestrictOutcome::added)
    throw std::logic_error("demo record: the restriction was refused");
  consent::join_sharing(c, at(14), k.amy, k.amy);
  consent::give_consent(c, at(14), k.amy, k.bayarea, k.amy);
}

}  // namespace

bool load_demo_records(store::Database& db, store::BlobStore& blobs, const core::Clock& clock,
                       const BirthDateOf& born) {
  const std::int64_t now = clock.now();
  const DayNumber today = core::hk_day_of(now);
  const std::string pdf = discharge_summary(today - kAdmittedDaysAgo, today - kDischargedDaysAgo);
  const std::string pdf_sha = blobs.put(pdf);
  int written = 0;
  const bool loaded = db.write([&](store::Connection& c) {
    written = 0;
    if (c.query_one("SELECT 1 FROM record_entries LIMIT 1")) return false;
    const auto k = cast_of(c);
    if (!k) return false;
    chan_tai_man(c, now, *k, pdf_sha, pdf.size(), written);
    amy_ho(c, now, *k, written);
    zhang_wei(c, now, *k, written);
    for (const auto& d : consent::dependants_of(c, k->chan)) {
      if (d.relationship != "child") continue;
      const auto dob = born ? born(c, d.patient_id) : std::nullopt;
      const auto day = dob ? core::parse_day(*dob) : std::nullopt;
      if (day) chan_siu_bo(c, now, *k, d.patient_id, *day, written);
    }
    sharing(c, now, *k);
    audit::Event e;
    e.action = "system.demo_records_loaded";
    e.detail = std::to_string(written) + " record entries";
    audit::record(c, clock, e);
    return true;
  });
  if (loaded) core::log::info("demo_records_loaded", {{"entries", written}});
  return loaded;
}

}  // namespace yq::records
