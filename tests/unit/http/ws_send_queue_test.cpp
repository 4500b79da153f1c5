// The per-socket send queue: bounded, and keyed snapshots replace each other instead of piling up
// (a patient whose phone reads slowly while the queue moves must keep their socket, and see the
// newest place when it reads again).
#include "http/ws_send_queue.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace yq::http {
namespace {

std::vector<std::string> drain(WsSendQueue& q) {
  std::vector<std::string> out;
  while (auto m = q.take()) out.push_back(*m);
  return out;
}

TEST(WsSendQueue, KeepsOrderAndRefusesPastItsCapacity) {
  WsSendQueue q(3);
  EXPECT_EQ(q.add("a"), WsSendQueue::Added::queued);
  EXPECT_EQ(q.add("b"), WsSendQueue::Added::queued);
  EXPECT_EQ(q.add("c"), WsSendQueue::Added::queued);
  EXPECT_EQ(q.add("d"), WsSendQueue::Added::full);
  EXPECT_EQ(drain(q), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(q.empty());
}

TEST(WsSendQueue, AKeyedMessageReplacesTheQueuedOneWithItsKeyInPlace) {
  WsSendQueue q(3);
  q.add("hello");
  q.add("place 5", "queue.position:e1");
  q.add("notice");
  // A thousand updates of two entries while the reader is stalled: the queue stays at 4 items at
  // most and never reports full.
  for (int i = 4; i < 1000; ++i) {
    EXPECT_NE(q.add("place " + std::to_string(i), "queue.position:e1"), WsSendQueue::Added::full);
    if (i == 4) {
      EXPECT_EQ(q.add("other " + std::to_string(i), "queue.position:e2"), WsSendQueue::Added::full)
          << "a new key still counts against the capacity";
    }
  }
  EXPECT_EQ(q.size(), 3u);
  EXPECT_EQ(drain(q), (std::vector<std::string>{"hello", "place 999", "notice"}));
}

TEST(WsSendQueue, AMessageAlreadyTakenForWritingIsNotReplaced) {
  WsSendQueue q(4);
  q.add("place 3", "queue.position:e1");
  EXPECT_EQ(q.take(), "place 3");
  EXPECT_EQ(q.add("place 2", "queue.position:e1"), WsSendQueue::Added::queued);
  EXPECT_EQ(q.add("place 1", "queue.position:e1"), WsSendQueue::Added::replaced);
  EXPECT_EQ(drain(q), (std::vector<std::string>{"place 1"}));
}

TEST(WsSendQueue, UnkeyedMessagesNeverReplaceEachOther) {
  WsSendQueue q(4);
  q.add("pong");
  q.add("pong");
  EXPECT_EQ(q.size(), 2u);
}

}  // namespace
}  // namespace yq::http
