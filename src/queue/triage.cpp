#include "queue/triage.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>

#include "core/json_input.hpp"

namespace yq::queue {

namespace {

using L = SymptomLevel;

std::vector<std::string_view> codes() {
  std::vector<std::string_view> out;
  for (const auto& s : triage_checklist()) out.push_back(s.code);
  return out;
}

std::optional<SymptomLevel> level_of(std::string_view code) {
  for (const auto& s : triage_checklist()) {
    if (s.code == code) return s.level;
  }
  return std::nullopt;
}

}  // namespace

const std::vector<Symptom>& triage_checklist() {
  // Emergency: the signs Hong Kong's Hospital Authority lists as reasons to call 999 rather than
  // wait (heart attack, stroke, airway, major bleeding, collapse, fits, anaphylaxis) and, for any
  // service, a risk to the patient's own life.
  static const std::vector<Symptom> list{
      {"chest_pain", L::emergency},
      {"breathing_difficulty", L::emergency},
      {"severe_bleeding", L::emergency},
      {"stroke_signs", L::emergency},
      {"loss_of_consciousness", L::emergency},
      {"seizure", L::emergency},
      {"severe_allergic_reaction", L::emergency},
      {"suicidal_thoughts", L::emergency},
      {"self_harm", L::emergency},
      {"high_fever", L::urgent},
      {"persistent_vomiting", L::urgent},
      {"severe_pain", L::urgent},
      {"dehydration", L::urgent},
      {"pregnant", L::urgent},
      {"fever", L::routine},
      {"cough", L::routine},
      {"sore_throat", L::routine},
      {"runny_nose", L::routine},
      {"headache", L::routine},
      {"body_aches", L::routine},
      {"fatigue", L::routine},
      {"loss_of_taste_or_smell", L::routine},
      {"diarrhoea", L::routine},
      {"nausea", L::routine},
      {"rash", L::routine},
      {"ear_pain", L::routine},
      {"urinary_symptoms", L::routine},
      {"anxiety", L::routine},
      {"low_mood", L::routine},
      {"sleep_problems", L::routine},
      {"stress", L::routine},
      {"medication_question", L::routine},
      {"other", L::routine},
  };
  return list;
}

core::Result<Triage> read_triage(const boost::json::object& body) {
  core::JsonReader r(body);
  auto symptoms = r.choices("symptoms", codes(), kMaxSymptoms, false);
  auto details = r.text("details", kMaxTriageDetails, false);
  if (!r.ok()) return r.error();
  Triage t{symptoms.value_or(std::vector<std::string>{}), details.value_or("")};
  if (t.symptoms.empty() && t.details.empty())
    return core::Error::field("symptoms", "field.required");
  return t;
}

std::vector<std::string> red_flags(const Triage& triage) {
  std::vector<std::string> out;
  for (const auto& s : triage_checklist()) {
    if (s.level == L::emergency &&
        std::find(triage.symptoms.begin(), triage.symptoms.end(), s.code) != triage.symptoms.end())
      out.emplace_back(s.code);
  }
  return out;
}

core::Error emergency_advice(const std::vector<std::string>& flags) {
  core::Error e = core::Error::of(core::Errc::emergency_advice);
  for (const auto& f : flags) e.fields.push_back({"symptoms." + f, "field.red_flag"});
  return e;
}

int priority_band(const Triage& triage, std::optional<int> age_years) {
  for (const auto& s : triage.symptoms) {
    if (level_of(s) == L::urgent) return kPriorityUrgent;
  }
  if (age_years && *age_years >= kElderlyAge) return kPriorityElderly;
  return kPriorityRoutine;
}

boost::json::object triage_json(const Triage& triage) {
  boost::json::array symptoms;
  for (const auto& s : triage.symptoms) symptoms.emplace_back(s);
  return {{"symptoms", std::move(symptoms)}, {"details", triage.details}};
}

Triage triage_from_json(std::string_view stored) {
  boost::system::error_code ec;
  const auto v = boost::json::parse(stored, ec);
  Triage t;
  if (ec || !v.is_object()) return t;
  const auto& o = v.get_object();
  if (const auto* s = o.if_contains("symptoms"); s && s->is_array()) {
    for (const auto& x : s->get_array()) {
      if (x.is_string()) t.symptoms.emplace_back(x.get_string());
    }
  }
  if (const auto* d = o.if_contains("details"); d && d->is_string()) t.details = d->get_string();
  return t;
}

boost::json::object checklist_json() {
  boost::json::array emergency, urgent, routine;
  for (const auto& s : triage_checklist()) {
    (s.level == L::emergency ? emergency
     : s.level == L::urgent  ? urgent
                             : routine)
        .emplace_back(s.code);
  }
  return {{"emergency", std::move(emergency)},
          {"urgent", std::move(urgent)},
          {"routine", std::move(routine)}};
}

}  // namespace yq::queue
