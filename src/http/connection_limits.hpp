#pragma once
// Open connections, counted in all and per client address, so that one address cannot take every
// socket the process may hold and a flood is refused before it costs more than an accept.
// Thread-safe: connections open and close on every I/O thread.
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace yq::http {

class ConnectionLimits {
 public:
  ConnectionLimits(std::size_t max_total, std::size_t max_per_address)
      : max_total_(max_total), max_per_address_(max_per_address) {}
  ConnectionLimits(const ConnectionLimits&) = delete;
  ConnectionLimits& operator=(const ConnectionLimits&) = delete;

  // One admitted connection; gives its place back when destroyed.
  class Slot {
   public:
    Slot() = default;
    Slot(Slot&& other) noexcept;
    Slot& operator=(Slot&& other) noexcept;
    ~Slot();
    // Counts the connection under another address (the client a trusted proxy names). False, and
    // nothing changes, when that address is at its cap.
    bool move_to(const std::string& address);

   private:
    friend class ConnectionLimits;
    Slot(ConnectionLimits* owner, std::string address)
        : owner_(owner), address_(std::move(address)) {}
    ConnectionLimits* owner_ = nullptr;
    std::string address_;  // empty: counted only in the total (a trusted proxy's own address)
  };

  // A slot, or nullopt when the total or this address is at its cap. An empty address counts only
  // toward the total.
  std::optional<Slot> admit(const std::string& address);
  std::size_t total() const;
  std::size_t of_address(const std::string& address) const;

  // Refused connections still get a short answer (503) unless too many are being refused at once;
  // then they are closed at once. begin_refusal() is false in that case; end_refusal() after each
  // true one.
  bool begin_refusal();
  void end_refusal();

 private:
  void release(const std::string& address);

  const std::size_t max_total_;
  const std::size_t max_per_address_;
  mutable std::mutex mutex_;
  std::size_t total_ = 0;
  std::size_t refusing_ = 0;
  std::unordered_map<std::string, std::size_t> per_address_;
};

}  // namespace yq::http
