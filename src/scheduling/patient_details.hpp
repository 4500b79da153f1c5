#pragma once
// What other modules may read of a patient's details (the queue: the age for its priority band).
#include <optional>
#include <string>

#include "store/database.hpp"

namespace yq::scheduling {

// The patient's date of birth as stored ('YYYY-MM-DD', or '' when not given); nullopt when they
// have no details at all.
std::optional<std::string> date_of_birth(store::Connection& c, const std::string& patient_id);

}  // namespace yq::scheduling
