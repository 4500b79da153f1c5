#include "records/entry_forms.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "core/hk_calendar.hpp"
#include "core/json_input.hpp"
#include "core/time.hpp"
#include "identity/people.hpp"
#include "identity/roles.hpp"
#include "records/codes.hpp"

namespace yq::records {

namespace {

namespace json = boost::json;
using core::Errc;
using core::Error;

constexpr std::string_view kLoinc = "http://loinc.org";
constexpr std::string_view kUcum = "http://unitsofmeasure.org";
constexpr std::string_view kTerminology = "http://terminology.hl7.org/CodeSystem/";
constexpr std::string_view kBloodPressurePanel = "85354-9";

json::object reference(std::string_view type, const std::string& id) {
  return {{"reference", std::string(type) + "/" + id}};
}

json::object concept_of(std::string_view system, std::string_view code, std::string_view display) {
  return {{"coding", json::array{{{"system", system}, {"code", code}, {"display", display}}}},
          {"text", display}};
}

json::object concept_of(const Coding& k) {
  return concept_of(k.system, k.code, k.name.en);
}

json::object hl7_concept(std::string_view code_system, std::string_view code) {
  return {{"coding", json::array{{{"system", std::string(kTerminology) + std::string(code_system)},
                                  {"code", code}}}}};
}

json::object quantity(double value, const std::string& unit) {
  return {{"value", value}, {"unit", unit}, {"system", kUcum}, {"code", unit}};
}

bool is_mental_health_code(std::string_view icd10) {
  return !icd10.empty() && icd10[0] == 'F';
}

// The escaped text of a narrative section.
std::string xhtml_div(std::string_view text) {
  std::string out = "<div xmlns=\"http://www.w3.org/1999/xhtml\">";
  for (const char ch : text) {
    switch (ch) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\n':
        out += "<br/>";
        break;
      default:
        out += ch;
    }
  }
  return out + "</div>";
}

// The fields every form shares and the resource's common elements.
class Form {
 public:
  Form(store::Connection& c, const json::object& body, const Author& a)
      : c_(c), body_(body), r_(body), a_(a) {}

  core::JsonReader& reader() { return r_; }
  store::Connection& db() { return c_; }
  const Author& author() const { return a_; }

  // `date` (YYYY-MM-DD, default today in Hong Kong, never in the future) and an optional `time`
  // (HH:MM); the instant it names.
  std::int64_t effective() {
    const core::DayNumber today = core::hk_day_of(a_.now);
    core::DayNumber day = today;
    if (const auto d = r_.text("date", 10, false); d && !d->empty()) {
      const auto parsed = core::parse_day(*d);
      if (!parsed) {
        r_.fail("date", "field.invalid");
      } else if (*parsed > today) {
        r_.fail("date", "field.in_future");
      } else {
        day = *parsed;
      }
    }
    int minute = 12 * 60;
    if (const auto t = r_.text("time", 5, false); t && !t->empty()) {
      const auto digit = [&](std::size_t i) { return (*t)[i] >= '0' && (*t)[i] <= '9'; };
      const bool shaped =
          t->size() == 5 && (*t)[2] == ':' && digit(0) && digit(1) && digit(3) && digit(4);
      const int hh = shaped ? ((*t)[0] - '0') * 10 + ((*t)[1] - '0') : 99;
      const int mm = shaped ? ((*t)[3] - '0') * 10 + ((*t)[4] - '0') : 99;
      if (hh > 23 || mm > 59)
        r_.fail("time", "field.invalid");
      else
        minute = hh * 60 + mm;
    }
    const std::int64_t at = core::hk_instant(day, minute);
    if (at > a_.now + 60 && day == today) {
      r_.fail("time", "field.in_future");
    }
    return std::min(at, a_.now);
  }

  std::optional<Coding> code(std::string_view field, std::string_view set, bool required) {
    const auto text = r_.text(field, 64, required);
    if (!text || text->empty()) return std::nullopt;
    auto k = find_code(c_, set, *text);
    if (!k) r_.fail(field, "field.unknown_code");
    return k;
  }

  std::optional<double> number(std::string_view field, double min, double max, bool required) {
    const auto* v = body_.if_contains(field);
    if (!v || v->is_null()) {
      if (required) r_.fail(field, "field.required");
      return std::nullopt;
    }
    if (!v->is_number()) {
      r_.fail(field, "field.not_a_number");
      return std::nullopt;
    }
    const double x = v->to_number<double>();
    if (!std::isfinite(x) || x < min || x > max) {
      r_.fail(field, "field.out_of_range");
      return std::nullopt;
    }
    return x;
  }

  // {"low": n?, "high": n?}: nullopt when absent (a field error when malformed).
  std::optional<std::pair<std::optional<double>, std::optional<double>>> range(
      std::string_view field) {
    const auto* v = body_.if_contains(field);
    if (!v || v->is_null()) return std::nullopt;
    const auto* o = v->if_object();
    if (!o || o->size() > 2) {
      r_.fail(field, "field.invalid");
      return std::nullopt;
    }
    std::pair<std::optional<double>, std::optional<double>> out;
    for (const auto& [key, x] : *o) {
      if ((key != "low" && key != "high") || !(x.is_number() || x.is_null()) ||
          (x.is_number() && !std::isfinite(x.to_number<double>()))) {
        r_.fail(field, "field.invalid");
        return std::nullopt;
      }
      if (x.is_number()) (key == "low" ? out.first : out.second) = x.to_number<double>();
    }
    if (out.first && out.second && *out.first > *out.second) {
      r_.fail(field, "field.out_of_range");
      return std::nullopt;
    }
    return out;
  }

  // The resource's elements every clinician-made entry carries.
  json::object base(std::string_view resource_type) const {
    return {{"resourceType", resource_type}};
  }
  json::object patient() const { return reference("Patient", a_.patient_id); }
  json::object practitioner() const { return reference("Practitioner", a_.account_id); }
  json::object organisation() const { return reference("Organization", a_.organisation_id); }

  void add_note(json::object& resource, json::object& details) {
    const auto note = r_.text("note", kMaxEntryNote, false);
    if (note && !note->empty()) {
      resource["note"] = json::array{{{"text", *note}}};
      details["note"] = *note;
    }
  }

 private:
  store::Connection& c_;
  const json::object& body_;
  core::JsonReader r_;
  const Author& a_;
};

BuiltEntry allergy(Form& f) {
  auto& r = f.reader();
  BuiltEntry b;
  const auto substance = f.code("substance", "allergen", false);
  const auto substance_text = r.text("substance_text", 200, false);
  if (!substance && (!substance_text || substance_text->empty()) && !r.has("substance"))
    r.fail("substance", "field.required");
  const auto category =
      r.choice("allergy_category", {"food", "medication", "environment", "biologic"}, true);
  const auto reaction = r.text("reaction", 200, false).value_or("");
  const auto severity = r.choice("severity", {"mild", "moderate", "severe"}, false);
  const auto certainty =
      r.choice("certainty", {"unconfirmed", "presumed", "confirmed", "refuted"}, false)
          .value_or("confirmed");
  const auto criticality =
      r.choice("criticality", {"low", "high", "unable-to-assess"}, false).value_or("");
  if (severity && reaction.empty()) r.fail("reaction", "field.required");
  const std::int64_t at = f.effective();
  auto res = f.base("AllergyIntolerance");
  res["clinicalStatus"] = hl7_concept("allergyintolerance-clinical", "active");
  res["verificationStatus"] = hl7_concept("allergyintolerance-verification", certainty);
  if (category) res["category"] = json::array{json::value(*category)};
  if (!criticality.empty()) res["criticality"] = criticality;
  if (substance)
    res["code"] = concept_of(*substance);
  else
    res["code"] = json::object{{"text", substance_text.value_or("")}};
  res["patient"] = f.patient();
  res["onsetDateTime"] = core::format_day(core::hk_day_of(at));
  res["recordedDate"] = core::iso8601_utc(f.author().now);
  res["recorder"] = f.practitioner();
  if (!reaction.empty()) {
    json::object rx{{"manifestation", json::array{{{"text", reaction}}}}};
    if (severity) rx["severity"] = *severity;
    res["reaction"] = json::array{std::move(rx)};
  }
  b.details = {{"allergy_category", category.value_or("")},
               {"reaction", reaction},
               {"severity", severity.value_or("")},
               {"certainty", certainty},
               {"criticality", criticality}};
  if (!substance) b.details["substance_text"] = substance_text.value_or("");
  f.add_note(res, b.details);
  b.index = {"AllergyIntolerance",
             "allergies",
             "",
             substance ? substance->system : "",
             substance ? substance->code : "",
             "active",
             at};
  b.resource = std::move(res);
  return b;
}

BuiltEntry condition(Form& f) {
  auto& r = f.reader();
  BuiltEntry b;
  const auto code = f.code("code", "diagnosis", true);
  const auto status =
      r.choice("clinical_status",
               {"active", "recurrence", "relapse", "inactive", "remission", "resolved"}, false)
          .value_or("active");
  const std::int64_t at = f.effective();
  auto res = f.base("Condition");
  res["clinicalStatus"] = hl7_concept("condition-clinical", status);
  res["verificationStatus"] = hl7_concept("condition-ver-status", "confirmed");
  res["category"] = json::array{hl7_concept("condition-category", "problem-list-item")};
  if (code) res["code"] = concept_of(*code);
  res["subject"] = f.patient();
  res["onsetDateTime"] = core::format_day(core::hk_day_of(at));
  res["recordedDate"] = core::iso8601_utc(f.author().now);
  res["recorder"] = f.practitioner();
  b.details = {{"clinical_status", status}};
  f.add_note(res, b.details);
  const std::string c = code ? code->code : "";
  b.index = {"Condition",
             "conditions",
             is_mental_health_code(c) ? "mental_health" : "",
             std::string(kIcd10System),
             c,
             status,
             at};
  b.resource = std::move(res);
  return b;
}

BuiltEntry procedure(Form& f) {
  auto& r = f.reader();
  BuiltEntry b;
  const auto code = f.code("code", "procedure", true);
  const auto outcome = r.text("outcome", 500, false).value_or("");
  const std::int64_t at = f.effective();
  auto res = f.base("Procedure");
  res["status"] = "completed";
  if (code) res["code"] = concept_of(*code);
  res["subject"] = f.patient();
  res["performedDateTime"] = core::format_day(core::hk_day_of(at));
  res["recorder"] = f.practitioner();
  if (!outcome.empty()) res["outcome"] = json::object{{"text", outcome}};
  b.details = {{"outcome", outcome}};
  f.add_note(res, b.details);
  b.index = {
      "Procedure", "procedures", "", code ? code->system : "", code ? code->code : "", "completed",
      at};
  b.resource = std::move(res);
  return b;
}

BuiltEntry medication(Form& f) {
  auto& r = f.reader();
  BuiltEntry b;
  const auto code = f.code("code", "medication", true);
  const auto dosage = r.text("dosage", 200, false).value_or("");
  const auto status =
      r.choice("status", {"active", "completed", "stopped", "on-hold"}, false).value_or("active");
  std::string end_date;
  if (const auto e = r.text("end_date", 10, false); e && !e->empty()) {
    if (!core::parse_day(*e))
      r.fail("end_date", "field.invalid");
    else
      end_date = *e;
  }
  const std::int64_t at = f.effective();
  auto res = f.base("MedicationStatement");
  res["status"] = status;
  if (code) res["medicationCodeableConcept"] = concept_of(*code);
  res["subject"] = f.patient();
  json::object period{{"start", core::format_day(core::hk_day_of(at))}};
  if (!end_date.empty()) period["end"] = end_date;
  res["effectivePeriod"] = std::move(period);
  res["dateAsserted"] = core::iso8601_utc(f.author().now);
  res["informationSource"] = f.practitioner();
  if (!dosage.empty()) res["dosage"] = json::array{{{"text", dosage}}};
  b.details = {{"dosage", dosage}, {"end_date", end_date}};
  f.add_note(res, b.details);
  b.index = {"MedicationStatement",  "medications", "", code ? code->system : "",
             code ? code->code : "", status,        at};
  b.resource = std::move(res);
  return b;
}

struct Site {
  std::string_view name, code, display;
};
constexpr Site kSites[] = {{"left_arm", "LA", "left arm"},
                           {"right_arm", "RA", "right arm"},
                           {"left_thigh", "LT", "left thigh"},
                           {"right_thigh", "RT", "right thigh"},
                           {"oral", "", "oral"},
                           {"nasal", "", "nasal"}};

BuiltEntry immunisation(Form& f) {
  auto& r = f.reader();
  BuiltEntry b;
  const auto code = f.code("code", "vaccine", true);
  const auto dose = r.integer("dose_number", 1, 20, false);
  const auto lot = r.text("lot", 40, false).value_or("");
  const auto site = r.choice(
      "site", {"left_arm", "right_arm", "left_thigh", "right_thigh", "oral", "nasal"}, false);
  const std::int64_t at = f.effective();
  auto res = f.base("Immunization");
  res["status"] = "completed";
  if (code) res["vaccineCode"] = concept_of(*code);
  res["patient"] = f.patient();
  res["occurrenceDateTime"] = core::format_day(core::hk_day_of(at));
  res["recorded"] = core::iso8601_utc(f.author().now);
  res["performer"] = json::array{{{"actor", f.practitioner()}}};
  if (!lot.empty()) res["lotNumber"] = lot;
  if (site) {
    for (const auto& s : kSites) {
      if (s.name != *site) continue;
      if (s.code.empty())
        res["route"] = json::object{{"text", s.display}};
      else
        res["site"] = concept_of(std::string(kTerminology) + "v3-ActSite", s.code, s.display);
    }
  }
  if (dose) res["protocolApplied"] = json::array{{{"doseNumberPositiveInt", *dose}}};
  b.details = {{"dose_number", dose ? json::value(*dose) : json::value(nullptr)},
               {"lot", lot},
               {"site", site.value_or("")}};
  f.add_note(res, b.details);
  b.index = {"Immunization",         "immunisations", "", code ? code->system : "",
             code ? code->code : "", "completed",     at};
  b.resource = std::move(res);
  return b;
}

json::object observation_base(Form& f, std::string_view category, std::int64_t at) {
  auto res = f.base("Observation");
  res["status"] = "final";
  res["category"] = json::array{hl7_concept("observation-category", category)};
  res["subject"] = f.patient();
  res["effectiveDateTime"] = core::iso8601_utc(at);
  res["issued"] = core::iso8601_utc(f.author().now);
  res["performer"] = json::array{f.practitioner(), f.organisation()};
  return res;
}

BuiltEntry vital(Form& f) {
  BuiltEntry b;
  const auto code = f.code("code", "vital", true);
  const bool panel = code && code->code == kBloodPressurePanel;
  std::optional<double> value, systolic, diastolic;
  if (panel) {
    systolic = f.number("systolic", 20, 300, true);
    diastolic = f.number("diastolic", 10, 250, true);
  } else {
    value = f.number("value", -1000, 100000, true);
  }
  const std::int64_t at = f.effective();
  auto res = observation_base(f, "vital-signs", at);
  const std::string unit = code ? code->unit : "";
  if (code) res["code"] = concept_of(*code);
  if (panel && systolic && diastolic) {
    res["component"] =
        json::array{{{"code", concept_of(kLoinc, "8480-6", "Systolic blood pressure")},
                     {"valueQuantity", quantity(*systolic, "mm[Hg]")}},
                    {{"code", concept_of(kLoinc, "8462-4", "Diastolic blood pressure")},
                     {"valueQuantity", quantity(*diastolic, "mm[Hg]")}}};
    b.details = {{"systolic", *systolic}, {"diastolic", *diastolic}, {"unit", "mm[Hg]"}};
  } else if (value) {
    res["valueQuantity"] = quantity(*value, unit);
    b.details = {{"value", *value}, {"unit", unit}};
  }
  f.add_note(res, b.details);
  b.index = {"Observation",          "vitals", "", code ? code->system : "",
             code ? code->code : "", "final",  at};
  b.index.value_num = panel ? systolic : value;
  b.index.value_num2 = diastolic;
  b.resource = std::move(res);
  return b;
}

BuiltEntry lab_result(Form& f) {
  auto& r = f.reader();
  BuiltEntry b;
  const auto code = f.code("code", "lab", true);
  const auto value = f.number("value", -1e9, 1e9, true);
  std::string unit = r.text("unit", 30, false).value_or("");
  if (unit.empty() && code) unit = code->unit;
  std::optional<double> low = code ? code->ref_low : std::nullopt;
  std::optional<double> high = code ? code->ref_high : std::nullopt;
  // A laboratory's own range overrides the code's adult range.
  if (const auto range = f.range("reference_range")) {
    low = range->first;
    high = range->second;
  }
  const std::int64_t at = f.effective();
  auto res = observation_base(f, "laboratory", at);
  if (code) res["code"] = concept_of(*code);
  std::string flag;
  if (value) {
    res["valueQuantity"] = quantity(*value, unit);
    if (low || high) {
      flag = (low && *value < *low) ? "L" : (high && *value > *high) ? "H" : "N";
      json::object rr;
      if (low) rr["low"] = quantity(*low, unit);
      if (high) rr["high"] = quantity(*high, unit);
      res["referenceRange"] = json::array{std::move(rr)};
      res["interpretation"] =
          json::array{concept_of(std::string(kTerminology) + "v3-ObservationInterpretation", flag,
                                 flag == "H"   ? "High"
                                 : flag == "L" ? "Low"
                                               : "Normal")};
    }
  }
  b.details = {{"value", value ? json::value(*value) : json::value(nullptr)},
               {"unit", unit},
               {"reference_range",
                {{"low", low ? json::value(*low) : json::value(nullptr)},
                 {"high", high ? json::value(*high) : json::value(nullptr)}}},
               {"flag", flag}};
  f.add_note(res, b.details);
  b.index = {"Observation",          "labs",  "", code ? code->system : "",
             code ? code->code : "", "final", at};
  b.index.value_num = value;
  b.resource = std::move(res);
  return b;
}

BuiltEntry report(Form& f) {
  auto& r = f.reader();
  BuiltEntry b;
  const auto title = r.text("title", 200, true, 1);
  const auto kind =
      r.choice("kind", {"radiology", "pathology", "cardiology", "other"}, false).value_or("other");
  const auto conclusion = r.text("conclusion", 10000, true, 1);
  const std::int64_t at = f.effective();
  auto res = f.base("DiagnosticReport");
  res["status"] = "final";
  static constexpr std::string_view kSections[][2] = {
      {"radiology", "RAD"}, {"pathology", "PAT"}, {"cardiology", "CUS"}, {"other", "OTH"}};
  for (const auto& s : kSections)
    if (s[0] == kind) res["category"] = json::array{hl7_concept("v2-0074", s[1])};
  res["code"] = json::object{{"text", title.value_or("")}};
  res["subject"] = f.patient();
  res["effectiveDateTime"] = core::iso8601_utc(at);
  res["issued"] = core::iso8601_utc(f.author().now);
  res["performer"] = json::array{f.organisation()};
  res["resultsInterpreter"] = json::array{f.practitioner()};
  res["conclusion"] = conclusion.value_or("");
  b.details = {
      {"title", title.value_or("")}, {"kind", kind}, {"conclusion", conclusion.value_or("")}};
  f.add_note(res, b.details);
  b.index = {"DiagnosticReport", "reports", "", "", "", "final", at};
  b.resource = std::move(res);
  return b;
}

BuiltEntry referral(Form& f) {
  auto& r = f.reader();
  BuiltEntry b;
  const auto to = r.text("to_organisation", 64, true, 1);
  std::optional<identity::Organisation> org;
  if (to && !to->empty()) {
    org = identity::organisation(f.db(), *to);
    // A referral is a care relationship of the organisation it goes to: one to itself, or to
    // another organisation the clinician works for, would let them give themselves one.
    const auto& a = f.author();
    const bool own = org && (org->id == a.organisation_id ||
                             identity::holds_role(f.db(), a.account_id, "doctor", org->id) ||
                             identity::holds_role(f.db(), a.account_id, "nurse", org->id) ||
                             identity::holds_role(f.db(), a.account_id, "org_admin", org->id));
    if (!org || !org->active || org->kind == "pharmacy" || own)
      r.fail("to_organisation", "field.unknown");
  }
  const auto specialty = r.text("specialty", 100, false).value_or("");
  // Not "reason": a correction's body names why it corrects with that word.
  const auto reason = r.text("referral_reason", 1000, true, 1);
  const auto status =
      r.choice("status", {"active", "completed", "revoked"}, false).value_or("active");
  const std::int64_t at = f.effective();
  auto res = f.base("ServiceRequest");
  res["status"] = status;
  res["intent"] = "order";
  res["category"] =
      json::array{concept_of("http://snomed.info/sct", "3457005", "Patient referral")};
  if (!specialty.empty()) res["code"] = json::object{{"text", specialty}};
  res["subject"] = f.patient();
  res["authoredOn"] = core::iso8601_utc(at);
  res["requester"] = f.practitioner();
  if (org)
    res["performer"] =
        json::array{{{"reference", "Organization/" + org->id}, {"display", org->name.en}}};
  res["reasonCode"] = json::array{{{"text", reason.value_or("")}}};
  b.details = {{"specialty", specialty}, {"referral_reason", reason.value_or("")}};
  if (org) b.details["to_organisation"] = {{"id", org->id}, {"name", org->name.to_json()}};
  f.add_note(res, b.details);
  // The index names the receiving organisation: an open referral is a care relationship of it.
  b.index = {"ServiceRequest", "referrals", "", "organisation", org ? org->id : "", status, at};
  b.resource = std::move(res);
  return b;
}

BuiltEntry birth(Form& f) {
  BuiltEntry b;
  const auto weight = f.number("birth_weight_g", 300, 7000, true);
  const auto weeks = f.number("gestational_weeks", 20, 45, false);
  const auto apgar1 = f.number("apgar_1", 0, 10, false);
  const auto apgar5 = f.number("apgar_5", 0, 10, false);
  const auto head = f.number("head_circumference_cm", 20, 45, false);
  const std::int64_t at = f.effective();
  auto res = observation_base(f, "exam", at);
  res["code"] = concept_of(kLoinc, "8339-4", "Birth weight Measured");
  if (weight) res["valueQuantity"] = quantity(*weight, "g");
  json::array components;
  const auto add = [&](const std::optional<double>& v, std::string_view code,
                       std::string_view display, const std::string& unit) {
    if (v)
      components.push_back(
          {{"code", concept_of(kLoinc, code, display)}, {"valueQuantity", quantity(*v, unit)}});
  };
  add(weeks, "76516-4", "Gestational age at birth", "wk");
  add(apgar1, "9272-6", "1 minute Apgar Score", "{score}");
  add(apgar5, "9274-2", "5 minute Apgar Score", "{score}");
  add(head, "8287-5", "Head Occipital-frontal circumference by Tape measure", "cm");
  if (!components.empty()) res["component"] = std::move(components);
  const auto opt = [](const std::optional<double>& v) {
    return v ? json::value(*v) : json::value(nullptr);
  };
  b.details = {{"birth_weight_g", opt(weight)},
               {"gestational_weeks", opt(weeks)},
               {"apgar_1", opt(apgar1)},
               {"apgar_5", opt(apgar5)},
               {"head_circumference_cm", opt(head)}};
  f.add_note(res, b.details);
  b.index = {"Observation", "birth", "", std::string(kLoinc), "8339-4", "final", at};
  b.index.value_num = weight;
  b.resource = std::move(res);
  return b;
}

using Builder = BuiltEntry (*)(Form&);
struct FormKind {
  std::string_view type;
  Builder build;
  std::string_view category;
};
constexpr FormKind kForms[] = {
    {"allergy", allergy, "allergies"},
    {"condition", condition, "conditions"},
    {"procedure", procedure, "procedures"},
    {"medication", medication, "medications"},
    {"immunisation", immunisation, "immunisations"},
    {"vital", vital, "vitals"},
    {"lab_result", lab_result, "labs"},
    {"report", report, "reports"},
    {"referral", referral, "referrals"},
    {"birth", birth, "birth"},
};

}  // namespace

std::string form_type(const Entry& entry) {
  if (entry.index.source_ref) return "";  // made by the platform
  for (const auto& k : kForms)
    if (k.category == entry.index.category) return std::string(k.type);
  return "";
}

core::Result<BuiltEntry> build_from_form(store::Connection& c, const json::object& body,
                                         const Author& author, std::string_view type) {
  std::string wanted(type);
  if (const auto* t = body.if_contains("type")) {
    if (!t->is_string()) return Error::field("type", "field.unknown_choice");
    if (!wanted.empty() && t->as_string() != wanted) return Error::field("type", "field.invalid");
    wanted = std::string(t->as_string());
  }
  if (wanted.empty()) return Error::field("type", "field.required");
  for (const auto& k : kForms) {
    if (k.type != wanted) continue;
    Form form(c, body, author);
    auto built = k.build(form);
    if (!form.reader().ok()) return form.reader().error();
    return built;
  }
  return Error::field("type", "field.unknown_choice");
}

bool looks_like_pdf(std::string_view bytes) {
  if (bytes.size() < 16 || bytes.substr(0, 5) != "%PDF-") return false;
  const std::size_t tail = std::min<std::size_t>(bytes.size(), 1024);
  return bytes.substr(bytes.size() - tail).find("%%EOF") != std::string_view::npos;
}

core::Result<BuiltEntry> build_document(const Author& author, const std::string& title,
                                        const std::string& kind, const std::string& date,
                                        const std::string& sha256, std::size_t size) {
  std::vector<core::FieldError> errors;
  if (title.find_first_not_of(" \t") == std::string::npos)
    errors.push_back({"title", "field.required"});
  else if (core::utf8_length(title) > 200)
    errors.push_back({"title", "field.too_long"});
  static constexpr std::string_view kKinds[][2] = {{"discharge_summary", "18842-5"},
                                                   {"letter", "34140-4"},
                                                   {"report", "11502-2"},
                                                   {"other", "34133-9"}};
  std::string_view loinc;
  for (const auto& k : kKinds)
    if (k[0] == kind) loinc = k[1];
  if (loinc.empty()) errors.push_back({"kind", "field.unknown_choice"});
  const core::DayNumber today = core::hk_day_of(author.now);
  core::DayNumber day = today;
  if (!date.empty()) {
    const auto d = core::parse_day(date);
    if (!d)
      errors.push_back({"date", "field.invalid"});
    else if (*d > today)
      errors.push_back({"date", "field.in_future"});
    else
      day = *d;
  }
  if (!errors.empty()) return Error{Errc::validation, errors, 0};
  const std::int64_t at = std::min(core::hk_instant(day, 12 * 60), author.now);
  BuiltEntry b;
  json::object res{{"resourceType", "DocumentReference"},
                   {"status", "current"},
                   {"type", concept_of(kLoinc, loinc, title)},
                   {"subject", reference("Patient", author.patient_id)},
                   {"date", core::iso8601_utc(author.now)},
                   {"author", json::array{reference("Practitioner", author.account_id),
                                          reference("Organization", author.organisation_id)}},
                   {"description", title},
                   {"content", json::array{{{"attachment",
                                             {{"contentType", "application/pdf"},
                                              {"size", static_cast<std::int64_t>(size)},
                                              {"title", title},
                                              {"creation", core::format_day(day)}}}}}}};
  b.details = {{"title", title}, {"kind", kind}, {"size", static_cast<std::int64_t>(size)}};
  b.index = {"DocumentReference", "documents", "", std::string(kLoinc),
             std::string(loinc),  "current",   at};
  b.index.document_sha256 = sha256;
  b.resource = std::move(res);
  return b;
}

namespace {

json::array diagnoses_json(store::Connection& c, const std::vector<std::string>& codes) {
  std::vector<std::string> keys;
  for (const auto& d : codes) keys.push_back(std::string(kIcd10System) + "|" + d);
  const auto names = codings(c, keys);
  json::array out;
  for (const auto& d : codes) {
    const auto it = names.find(std::string(kIcd10System) + "|" + d);
    out.push_back({{"code", d},
                   {"name", it == names.end() ? core::LocalisedText{d, d, d}.to_json()
                                              : it->second.name.to_json()}});
  }
  return out;
}

bool any_mental_health(const std::vector<std::string>& codes) {
  return std::any_of(codes.begin(), codes.end(), is_mental_health_code);
}

}  // namespace

BuiltEntry build_encounter(store::Connection& c, const Author& a, const ConsultationFacts& k) {
  BuiltEntry b;
  json::object period{{"start", core::iso8601_utc(k.started_at)}};
  if (k.ended_at) period["end"] = core::iso8601_utc(k.ended_at);
  json::array diagnosis;
  for (const auto& d : k.diagnoses)
    diagnosis.push_back(json::object{
        {"condition",
         json::object{{"display", d},
                      {"identifier", json::object{{"system", kIcd10System}, {"value", d}}}}}});
  json::object res{
      {"resourceType", "Encounter"},
      {"status", k.ended_at ? "finished" : "in-progress"},
      {"class",
       {{"system", "http://terminology.hl7.org/CodeSystem/v3-ActCode"},
        {"code", "VR"},
        {"display", "virtual"}}},
      {"subject", reference("Patient", a.patient_id)},
      {"participant", json::array{{{"individual", reference("Practitioner", k.doctor_id)}}}},
      {"period", std::move(period)},
      {"serviceProvider", reference("Organization", a.organisation_id)},
      {"identifier",
       json::array{{{"system", "urn:yiqiao:consultation"}, {"value", k.consultation_id}}}}};
  if (!k.service.en.empty()) res["serviceType"] = json::object{{"text", k.service.en}};
  if (!diagnosis.empty()) res["diagnosis"] = std::move(diagnosis);
  b.details = {{"consultation_id", k.consultation_id},
               {"service", k.service.to_json()},
               {"doctor", k.doctor_id},
               {"diagnoses", diagnoses_json(c, k.diagnoses)},
               {"follow_up_until",
                k.follow_up_until ? json::value(*k.follow_up_until) : json::value(nullptr)}};
  b.index = {"Encounter", "encounters", any_mental_health(k.diagnoses) ? "mental_health" : "",
             "",          "",           k.ended_at ? "finished" : "in-progress",
             k.started_at};
  b.index.source_ref = "consultation:" + k.consultation_id;
  b.index.care_until = k.follow_up_until;
  b.resource = std::move(res);
  return b;
}

BuiltEntry build_note(store::Connection& c, const Author& a, const std::string& encounter_id,
                      const ConsultationFacts& k, const SignedNote& n) {
  BuiltEntry b;
  json::array sections;
  const auto section = [&](std::string_view title, std::string_view loinc, const std::string& t) {
    if (t.empty()) return;
    sections.push_back({{"title", title},
                        {"code", concept_of(kLoinc, loinc, title)},
                        {"text", {{"status", "generated"}, {"div", xhtml_div(t)}}}});
  };
  section("Subjective", "61150-9", n.subjective);
  section("Objective", "61149-1", n.objective);
  section("Assessment", "51848-0", n.assessment);
  section("Plan", "18776-5", n.plan);
  json::object res{{"resourceType", "Composition"},
                   {"status", n.version > 1 ? "amended" : "final"},
                   {"type", concept_of(kLoinc, "11488-4", "Consult note")},
                   {"subject", reference("Patient", a.patient_id)},
                   {"encounter", reference("Encounter", encounter_id)},
                   {"date", core::iso8601_utc(n.signed_at)},
                   {"author", json::array{reference("Practitioner", a.account_id)}},
                   {"custodian", reference("Organization", a.organisation_id)},
                   {"title", "Consultation note"},
                   {"section", std::move(sections)}};
  b.details = {{"subjective", n.subjective},
               {"objective", n.objective},
               {"assessment", n.assessment},
               {"plan", n.plan},
               {"diagnoses", diagnoses_json(c, n.diagnoses)},
               {"note_version", n.version}};
  b.index = {"Composition",       "notes",   any_mental_health(n.diagnoses) ? "mental_health" : "",
             std::string(kLoinc), "11488-4", n.version > 1 ? "amended" : "final",
             k.started_at};
  b.index.parent_id = encounter_id;
  b.index.source_ref = "consultation:" + k.consultation_id;
  b.resource = std::move(res);
  return b;
}

json::array entries_json(store::Connection& c, const std::vector<Entry>& list,
                         const PatientSideMarks* marks) {
  std::vector<std::string> people, orgs, codes;
  for (const auto& e : list) {
    people.push_back(e.recorded_by);
    people.push_back(e.updated_by);
    if (e.error) people.push_back(e.error->by);
    if (const auto* d = e.details.if_contains("doctor"); d && d->is_string())
      people.emplace_back(d->as_string());
    orgs.push_back(e.organisation_id);
    if (!e.index.code.empty() && e.index.code_system != "organisation")
      codes.push_back(e.index.code_system + "|" + e.index.code);
  }
  const auto names = identity::people(c, people);
  const auto organisations = identity::organisations(c, orgs);
  const auto coded = codings(c, codes);
  const auto person = [&](const std::string& id) -> json::value {
    const auto it = names.find(id);
    if (it == names.end()) return json::object{{"id", id}, {"name", ""}};
    const auto& p = it->second;
    return json::object{
        {"id", id}, {"name", p.display_name}, {"name_zh", p.name_zh}, {"title", p.title}};
  };
  const auto named = [](const std::vector<std::string>& v, const std::string& x) {
    return !x.empty() && std::find(v.begin(), v.end(), x) != v.end();
  };
  json::array out;
  for (const auto& e : list) {
    json::value org = json::object{{"id", e.organisation_id}, {"name", nullptr}};
    if (const auto it = organisations.find(e.organisation_id); it != organisations.end())
      org = json::object{{"id", e.organisation_id},
                         {"name", it->second.name.to_json()},
                         {"kind", it->second.kind}};
    json::value code = nullptr;
    if (const auto it = coded.find(e.index.code_system + "|" + e.index.code); it != coded.end())
      code = it->second.to_json();
    json::object details = e.details;
    if (const auto* d = details.if_contains("doctor"); d && d->is_string())
      details["doctor"] = person(std::string(d->as_string()));
    json::object o{{"id", e.id},
                   {"type", e.index.resource_type},
                   {"category", e.index.category},
                   {"sensitivity", e.index.sensitivity},
                   {"status", e.index.status},
                   {"effective_at", e.index.effective_at},
                   {"recorded_at", e.recorded_at},
                   {"updated_at", e.updated_at},
                   {"version", e.version},
                   {"organisation", std::move(org)},
                   {"recorded_by", person(e.recorded_by)},
                   {"updated_by", person(e.updated_by)},
                   {"code", std::move(code)},
                   {"details", std::move(details)},
                   {"form", form_type(e)},
                   {"resource", e.resource}};
    o["entered_in_error"] =
        e.error
            ? json::value(json::object{
                  {"reason", e.error->reason}, {"at", e.error->at}, {"by", person(e.error->by)}})
            : json::value(nullptr);
    if (e.index.document_sha256)
      o["document"] = "/api/v1/patients/" + e.patient_id + "/record/entries/" + e.id + "/document";
    if (marks)
      o["restricted"] = named(marks->entries, e.id) ||
                        (e.index.parent_id && named(marks->entries, *e.index.parent_id)) ||
                        named(marks->categories, e.index.category) ||
                        named(marks->categories, e.index.sensitivity);
    out.push_back(std::move(o));
  }
  return out;
}

json::object entry_json(store::Connection& c, const Entry& entry, const PatientSideMarks* marks) {
  auto list = entries_json(c, {entry}, marks);
  return std::move(list.front().as_object());
}

}  // namespace yq::records
