// Presence and Completeness keep their records in a flat table keyed by
// message address (instructor/detail/records_by_message.h): checked here
// against std::unordered_map through random adds, forgets and re-keys.
#include <doctest/doctest.h>

#include <random>
#include <unordered_map>
#include <vector>

#include "instructor/completeness.h"
#include "instructor/detail/records_by_message.h"
#include "instructor/field_number_set.h"
#include "instructor/presence.h"
#include "jsontest/models.pb.h"

namespace {

using google::protobuf::Message;
using Table = instructor::detail::RecordsByMessage<int>;

// The table's keys are only compared, never followed: any distinct addresses do.
const Message* key(std::vector<char>& arena, int i) { return reinterpret_cast<const Message*>(&arena[i * 8]); }

TEST_CASE("the record table agrees with a hash map through adds, forgets and re-keys") {
  std::vector<char> arena(8 * 4096);
  Table table;
  std::unordered_map<const Message*, int> expected;
  std::mt19937 random(7);
  for (int step = 0; step < 40000; ++step) {
    const Message* message = key(arena, static_cast<int>(random() % 4096));
    switch (random() % 4) {
      case 0:
      case 1:
        table[message] = step;
        expected[message] = step;
        break;
      case 2:
        table.erase(message);
        expected.erase(message);
        break;
      default: {
        const Message* to = key(arena, static_cast<int>(random() % 4096));
        table.rekey(message, to);
        if (auto it = expected.find(message); it != expected.end()) {
          const int value = it->second;
          expected.erase(it);
          expected[to] = value;
        }
      }
    }
    if (step % 997 == 0) {
      REQUIRE(table.size() == expected.size());
      for (int i = 0; i < 4096; ++i) {
        const Message* probe = key(arena, i);
        const int* found = table.find(probe);
        auto it = expected.find(probe);
        REQUIRE((found != nullptr) == (it != expected.end()));
        if (found != nullptr) REQUIRE(*found == it->second);
      }
    }
  }
  table.clear();
  CHECK(table.size() == 0);
  CHECK(table.find(key(arena, 1)) == nullptr);
}

TEST_CASE("a record keeps its address while the table grows, so the mapper may hold it") {
  std::vector<char> arena(8 * 5000);
  Table table;
  int& first = table[key(arena, 0)];
  first = 42;
  for (int i = 1; i < 5000; ++i) table[key(arena, i)] = i;
  CHECK(&first == table.find(key(arena, 0)));
  CHECK(first == 42);
}

TEST_CASE("a field number set holds numbers below and above 64, and its copies are its own") {
  instructor::FieldNumberSet set;
  CHECK(set.empty());
  for (int number : {1, 64, 65, 1000, 536870911, 65}) set.insert(number);
  CHECK(set.size() == 5);
  CHECK(set.contains(64));
  CHECK(set.contains(65));
  CHECK(set.contains(536870911));
  CHECK_FALSE(set.contains(2));
  CHECK_FALSE(set.contains(66));
  instructor::FieldNumberSet copy = set;
  copy.erase(65);
  copy.erase(1);
  CHECK(set.contains(65));
  CHECK(set.contains(1));
  CHECK_FALSE(copy.contains(65));
  CHECK_FALSE(copy.contains(1));
  CHECK(copy.size() == 3);
  copy = set;
  CHECK(copy.size() == 5);
  instructor::FieldNumberSet moved = std::move(copy);
  CHECK(moved.contains(1000));
  for (int number : {1, 64, 65, 1000, 536870911}) moved.erase(number);
  CHECK(moved.empty());
  CHECK(moved.size() == 0);
}

TEST_CASE("presence and completeness copied or moved keep every record") {
  jsontest::User user;
  jsontest::Address* home = user.mutable_home();
  instructor::Presence presence;
  presence.mark_supplied(user, 1);
  presence.mark_refused(*home, 2);
  instructor::Presence copy = presence;
  instructor::Presence moved = std::move(presence);
  for (const instructor::Presence* record : {&copy, &moved}) {
    CHECK(record->kept(user, 1));
    CHECK(record->refused(*home, 2));
    CHECK(record->size() == 2);
  }
  instructor::Completeness completeness;
  for (int i = 0; i < 5; ++i) completeness.mark_item_complete(user, 3 + i % 5);  // more fields than held inline
  completeness.mark_item_complete(user, 7);
  completeness.forget_field(user, 4);
  instructor::Completeness kept = completeness;
  CHECK(kept.complete_items(user, 3) == 1);
  CHECK(kept.complete_items(user, 4) == 0);
  CHECK(kept.complete_items(user, 7) == 2);
  completeness.mark_item_complete(user, 4);
  CHECK(completeness.complete_items(user, 4) == 1);
  // The copy's out-of-line counts are its own.
  completeness.mark_item_complete(user, 7);
  CHECK(completeness.complete_items(user, 7) == 3);
  CHECK(kept.complete_items(user, 7) == 2);
}

}  // namespace
