// The parts of the consult module that need no database: TURN credentials as coturn checks them,
// the room hub's rules (only admitted pages exchange signaling, four pages at most, a page id
// belongs to one account), and attachment checks.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "consult/chat.hpp"
#include "consult/room_hub.hpp"
#include "consult/turn.hpp"
#include "core/crypto.hpp"

namespace yq::consult {
namespace {

class Page final : public http::WsConnection {
 public:
  explicit Page(std::string account) { principal_.account_id = std::move(account); }
  void send(std::string text) override {
    std::lock_guard lock(mutex_);
    sent_.push_back(boost::json::parse(text).as_object());
  }
  void send_latest(std::string, std::string text) override { send(std::move(text)); }
  void close(http::WsClose) override {}
  const identity::Principal& principal() const override { return principal_; }
  std::vector<boost::json::object> of_type(std::string_view type) const {
    std::lock_guard lock(mutex_);
    std::vector<boost::json::object> out;
    for (const auto& m : sent_)
      if (m.at("type").as_string() == type) out.push_back(m);
    return out;
  }

 private:
  identity::Principal principal_;
  mutable std::mutex mutex_;
  std::vector<boost::json::object> sent_;
};

PeerInfo peer(std::string id, std::string account, std::string seat, bool admitted) {
  return PeerInfo{std::move(id), std::move(account), std::move(seat), {}, admitted, false};
}

TEST(Turn, CredentialIsCoturnsRestScheme) {
  core::crypto_init();
  const auto c = turn_credential("s3cret", "abc", 1700000000 - 3600, 3600);
  EXPECT_EQ(c.username, "1700000000:abc");
  // echo -n "1700000000:abc" | openssl dgst -sha1 -hmac "s3cret" -binary | base64
  EXPECT_EQ(c.credential, "7fjbb9kXxh7Rto8MZNnWJnSP8uE=");
  EXPECT_EQ(c.expires_at, 1700000000);
}

TEST(Turn, IceServersOfferTurnOnlyWithASecret) {
  core::crypto_init();
  TurnSettings s;
  s.stun_urls = split_urls(" stun:a:3478 ,, ");
  s.turn_urls = split_urls("turn:b:3478?transport=udp,turns:b:5349");
  EXPECT_EQ(s.turn_urls.size(), 2u);
  EXPECT_EQ(ice_servers(s, "x", 0).size(), 1u);  // no secret: STUN only
  s.secret = "k";
  const auto all = ice_servers(s, "x", 0);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].as_object().at("username").as_string(), "3600:x");
}

TEST(RoomHub, OnlyAdmittedPagesExchangeSignaling) {
  RoomHub hub;
  auto doctor = std::make_shared<Page>("doc");
  auto patient = std::make_shared<Page>("pat");
  ASSERT_EQ(hub.enter("r", peer("doctor-page", "doc", "doctor", true), doctor),
            RoomHub::Entered::ok);
  ASSERT_EQ(hub.enter("r", peer("patient-page", "pat", "patient", false), patient),
            RoomHub::Entered::ok);
  // The doctor sees the patient waiting; the patient cannot reach the doctor yet.
  ASSERT_FALSE(doctor->of_type("room.lobby").empty());
  EXPECT_EQ(doctor->of_type("room.lobby").back().at("waiting").as_array().size(), 1u);
  EXPECT_EQ(hub.relay(patient.get(), "r", "doctor-page", 1, {{"description", "x"}}),
            RoomHub::Relayed::not_in_room);
  EXPECT_EQ(hub.relay(doctor.get(), "r", "patient-page", 2, {{"description", "x"}}),
            RoomHub::Relayed::not_in_room);
  hub.admit("r", "pat");
  EXPECT_EQ(hub.relay(patient.get(), "r", "doctor-page", 1, {{"description", "x"}}),
            RoomHub::Relayed::sent);
  // Meant for an earlier entry of the doctor's page: dropped, not applied to the new one.
  EXPECT_EQ(hub.relay(patient.get(), "r", "doctor-page", 7, {{"description", "old"}}),
            RoomHub::Relayed::stale);
  const auto got = doctor->of_type("rtc.signal");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].at("from").as_string(), "patient-page");
  EXPECT_EQ(got[0].at("from_epoch").as_int64(), 2);
  // A page of another room, or no room, reaches nobody.
  auto stranger = std::make_shared<Page>("str");
  EXPECT_EQ(hub.relay(stranger.get(), "r", "doctor-page", 1, {{"description", "x"}}),
            RoomHub::Relayed::not_in_room);
  hub.leave(patient.get());
  EXPECT_EQ(doctor->of_type("room.peer_left").size(), 1u);
  EXPECT_EQ(hub.admitted_count("r"), 1u);
}

TEST(RoomHub, APageFloodingItsRoomMatesIsHeldBack) {
  RoomHub hub;
  auto a = std::make_shared<Page>("a");
  auto b = std::make_shared<Page>("b");
  ASSERT_EQ(hub.enter("r", peer("page-aaaa", "a", "doctor", true), a), RoomHub::Entered::ok);
  ASSERT_EQ(hub.enter("r", peer("page-bbbb", "b", "patient", true), b), RoomHub::Entered::ok);
  int sent = 0;
  for (int i = 0; i < 1000; ++i)
    if (hub.relay(a.get(), "r", "page-bbbb", 2, {{"candidate", nullptr}}) == RoomHub::Relayed::sent)
      ++sent;
  // The burst goes through (a negotiation never needs more), the rest is refused.
  EXPECT_GE(sent, static_cast<int>(kSignalBurst));
  EXPECT_LT(sent, static_cast<int>(kSignalBurst) + 50);
  EXPECT_EQ(b->of_type("rtc.signal").size(), static_cast<std::size_t>(sent));
}

TEST(RoomHub, FourPagesAtMostAndAPageIdBelongsToOneAccount) {
  RoomHub hub;
  std::vector<std::shared_ptr<Page>> pages;
  for (int i = 0; i < 5; ++i) pages.push_back(std::make_shared<Page>("a" + std::to_string(i)));
  for (int i = 0; i < 4; ++i)
    ASSERT_EQ(
        hub.enter("r",
                  peer("page-000" + std::to_string(i), "a" + std::to_string(i), "invitee", true),
                  pages[i]),
        RoomHub::Entered::ok);
  EXPECT_EQ(hub.enter("r", peer("page-0004", "a4", "invitee", true), pages[4]),
            RoomHub::Entered::full);
  // Someone else's page id is not taken over...
  EXPECT_EQ(hub.enter("r", peer("page-0001", "a4", "invitee", false), pages[4]),
            RoomHub::Entered::peer_taken);
  // ...but the same account reconnecting with its page id replaces its old socket.
  auto again = std::make_shared<Page>("a1");
  EXPECT_EQ(hub.enter("r", peer("page-0001", "a1", "invitee", true), again), RoomHub::Entered::ok);
  EXPECT_EQ(hub.admitted_count("r"), 4u);
  hub.end("r");
  EXPECT_EQ(again->of_type("room.ended").size(), 1u);
  EXPECT_EQ(hub.rooms(), 0u);
}

TEST(Attachments, TypeComesFromTheBytesAndNamesAreCleaned) {
  EXPECT_EQ(sniff_attachment("\xFF\xD8\xFF\xE0rest"), "image/jpeg");
  EXPECT_EQ(sniff_attachment(std::string("\x89PNG\r\n\x1A\n", 8) + "x"), "image/png");
  EXPECT_EQ(sniff_attachment("%PDF-1.7"), "application/pdf");
  EXPECT_FALSE(sniff_attachment("<html>").has_value());
  EXPECT_EQ(clean_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(clean_file_name("C:\\x\\化驗報告.pdf"), "化驗報告.pdf");
  EXPECT_EQ(clean_file_name("a\"b;\r\n.png"), "ab.png");
  EXPECT_EQ(clean_file_name("\xFF\xFE"), "attachment");
  EXPECT_EQ(clean_file_name("photo\u202Egpj.exe"), "photogpj.exe");  // no right-to-left override
  EXPECT_EQ(clean_file_name(""), "attachment");
  EXPECT_LE(clean_file_name(std::string(300, 'x')).size(), 120u);
}

}  // namespace
}  // namespace yq::consult
