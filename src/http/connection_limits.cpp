#include "http/connection_limits.hpp"

namespace yq::http {

namespace {
// Refusals answered at once: each holds a socket for up to a second while its answer drains.
constexpr std::size_t kMaxRefusing = 64;
}  // namespace

ConnectionLimits::Slot::Slot(Slot&& other) noexcept
    : owner_(other.owner_), address_(std::move(other.address_)) {
  other.owner_ = nullptr;
}

ConnectionLimits::Slot& ConnectionLimits::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    if (owner_) owner_->release(address_);
    owner_ = other.owner_;
    address_ = std::move(other.address_);
    other.owner_ = nullptr;
  }
  return *this;
}

ConnectionLimits::Slot::~Slot() {
  if (owner_) owner_->release(address_);
}

bool ConnectionLimits::Slot::move_to(const std::string& address) {
  if (!owner_ || address == address_) return true;
  std::lock_guard lock(owner_->mutex_);
  if (!address.empty()) {
    auto& n = owner_->per_address_[address];
    if (n >= owner_->max_per_address_) return false;
    ++n;
  }
  if (!address_.empty()) {
    const auto it = owner_->per_address_.find(address_);
    if (it != owner_->per_address_.end() && --it->second == 0) owner_->per_address_.erase(it);
  }
  address_ = address;
  return true;
}

std::optional<ConnectionLimits::Slot> ConnectionLimits::admit(const std::string& address) {
  std::lock_guard lock(mutex_);
  if (total_ >= max_total_) return std::nullopt;
  if (!address.empty()) {
    auto& n = per_address_[address];
    if (n >= max_per_address_) return std::nullopt;
    ++n;
  }
  ++total_;
  return Slot(this, address);
}

void ConnectionLimits::release(const std::string& address) {
  std::lock_guard lock(mutex_);
  --total_;
  if (address.empty()) return;
  const auto it = per_address_.find(address);
  if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
}

std::size_t ConnectionLimits::total() const {
  std::lock_guard lock(mutex_);
  return total_;
}

std::size_t ConnectionLimits::of_address(const std::string& address) const {
  std::lock_guard lock(mutex_);
  const auto it = per_address_.find(address);
  return it == per_address_.end() ? 0 : it->second;
}

bool ConnectionLimits::begin_refusal() {
  std::lock_guard lock(mutex_);
  if (refusing_ >= kMaxRefusing) return false;
  ++refusing_;
  return true;
}

void ConnectionLimits::end_refusal() {
  std::lock_guard lock(mutex_);
  --refusing_;
}

}  // namespace yq::http
