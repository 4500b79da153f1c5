#pragma once
// The short form a patient fills in to join a "see a doctor now" queue, and what its answers mean:
// an emergency answer is refused with advice to call 999 or go to A&E (a queue is the wrong place
// for a heart attack), an urgent-but-stable answer moves the patient up, and age moves the elderly
// up next. The checklist is explicit questions; free text is passed to the doctor, never parsed,
// because a phrase like "no chest pain" must not send anyone to A&E.
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace yq::queue {

enum class SymptomLevel { emergency, urgent, routine };

struct Symptom {
  std::string_view code;
  SymptomLevel level;
};
// Every checklist item; the web app names them in three languages.
const std::vector<Symptom>& triage_checklist();

inline constexpr std::size_t kMaxSymptoms = 40;
inline constexpr std::size_t kMaxTriageDetails = 1000;  // characters of free text

struct Triage {
  std::vector<std::string> symptoms;  // checklist codes, no duplicates
  std::string details;                // free text for the doctor
};

// Reads {"symptoms": [code, ...], "details": "..."} from a join request: at least one symptom or
// some details. Fields in errors are "symptoms" and "details".
core::Result<Triage> read_triage(const boost::json::object& body);

// The emergency answers given, in checklist order (empty: may queue).
std::vector<std::string> red_flags(const Triage& triage);
// The 422 emergency_advice error naming each red flag ("symptoms.<code>", "field.red_flag").
core::Error emergency_advice(const std::vector<std::string>& flags);

// Lower is seen first: 0 urgent but stable, 1 aged 65 or over, 2 everyone else.
inline constexpr int kPriorityUrgent = 0;
inline constexpr int kPriorityElderly = 1;
inline constexpr int kPriorityRoutine = 2;
inline constexpr int kElderlyAge = 65;
int priority_band(const Triage& triage, std::optional<int> age_years);

boost::json::object triage_json(const Triage& triage);
// The stored JSON back into a Triage (an unreadable value gives an empty one).
Triage triage_from_json(std::string_view stored);

// {"emergency": [...], "urgent": [...], "routine": [...]} for the web app's form.
boost::json::object checklist_json();

}  // namespace yq::queue
