// The field access protoc-gen-instructor writes for each message
// (instructor/detail/field_access.h): registered by type name, one entry per
// field in the descriptor's order, each calling the generated accessor of
// its field; maps of messages and skipped fields are left to reflection.
#include <doctest/doctest.h>

#include <string>

#include "instructor/detail/field_access.h"
#include "jsontest/models.instructor.h"

namespace jsontest {
namespace {

using instructor::detail::FieldAccess;
using instructor::detail::FieldValue;

const FieldAccess& access_of(const google::protobuf::Descriptor* type, int number) {
  const auto* access = instructor::detail::find_field_access(type->full_name());
  REQUIRE(access != nullptr);
  REQUIRE(access->field_count == type->field_count());
  CHECK(&access->prototype() == google::protobuf::MessageFactory::generated_factory()->GetPrototype(type));
  return access->fields[type->FindFieldByNumber(number)->index()];
}

TEST_CASE("generated field access sets, adds, opens and counts each field of a generated class") {
  User user;
  std::string name = "Ann";
  access_of(User::descriptor(), User::kNameFieldNumber).put(user, {.text = &name});
  access_of(User::descriptor(), User::kAgeFieldNumber).put(user, {.int64 = -31});
  access_of(User::descriptor(), User::kLevelFieldNumber).put(user, {.uint64 = 4000000000u});
  access_of(User::descriptor(), User::kBigFieldNumber).put(user, {.int64 = -(std::int64_t{1} << 40)});
  access_of(User::descriptor(), User::kHugeFieldNumber).put(user, {.uint64 = ~std::uint64_t{0}});
  access_of(User::descriptor(), User::kScoreFieldNumber).put(user, {.real = 2.5});
  access_of(User::descriptor(), User::kRatioFieldNumber).put(user, {.real = 0.25});
  access_of(User::descriptor(), User::kActiveFieldNumber).put(user, {.boolean = true});
  access_of(User::descriptor(), User::kPriorityFieldNumber).put(user, {.enum_number = PRIORITY_HIGH});
  CHECK(user.name() == "Ann");
  CHECK(user.age() == -31);
  CHECK(user.level() == 4000000000u);
  CHECK(user.big() == -(std::int64_t{1} << 40));
  CHECK(user.huge() == ~std::uint64_t{0});
  CHECK(user.score() == 2.5);
  CHECK(user.ratio() == 0.25f);
  CHECK(user.active());
  CHECK(user.priority() == PRIORITY_HIGH);

  const FieldAccess& tags = access_of(User::descriptor(), User::kTagsFieldNumber);
  std::string first = "a", second = "b";
  tags.put(user, {.text = &first});
  tags.put(user, {.text = &second});
  CHECK(tags.size(user) == 2);
  CHECK(user.tags(1) == "b");

  const FieldAccess& addresses = access_of(User::descriptor(), User::kAddressesFieldNumber);
  google::protobuf::Message* address = addresses.open(user);
  CHECK(address == &user.addresses(0));
  CHECK(addresses.size(user) == 1);
  google::protobuf::Message* home = access_of(User::descriptor(), User::kHomeFieldNumber).open(user);
  CHECK(home == &user.home());
  CHECK(user.has_home());
  const bool home_has_no_size = access_of(User::descriptor(), User::kHomeFieldNumber).size == nullptr;
  CHECK(home_has_no_size);
}

TEST_CASE("a map of scalars puts its pairs through generated field access, and says when a key was there") {
  User user;
  const FieldAccess& counts = access_of(User::descriptor(), User::kCountsFieldNumber);
  std::string key = "a";
  CHECK_FALSE(counts.put_pair(user, {.text = &key}, {.int64 = 1}));
  key = "a";
  CHECK(counts.put_pair(user, {.text = &key}, {.int64 = 2}));
  CHECK(counts.size(user) == 1);
  CHECK(user.counts().at("a") == 2);
  Event event;
  std::string text = "seven";
  CHECK_FALSE(access_of(Event::descriptor(), Event::kByNumberFieldNumber).put_pair(event, {.int64 = 7}, {.text = &text}));
  CHECK(event.by_number().at(7) == "seven");
}

TEST_CASE("generated key look-up finds a field by its name or json_name, never a skipped one") {
  const auto* access = instructor::detail::find_field_access("jsontest.Address");
  REQUIRE(access != nullptr);
  const auto* address = Address::descriptor();
  CHECK(access->field_of_key("zip_code") == address->FindFieldByName("zip_code")->index());
  CHECK(access->field_of_key("zipCode") == address->FindFieldByName("zip_code")->index());
  CHECK(access->field_of_key("city") == address->FindFieldByName("city")->index());
  CHECK(access->field_of_key("City") == -1);  // loose matches are the mapper's, not exact ones
  CHECK(access->field_of_key("") == -1);
  const auto* user = instructor::detail::find_field_access("jsontest.User");
  REQUIRE(user != nullptr);
  CHECK(user->field_of_key("secret") == -1);
  CHECK(user->field_of_key("mainTag") == User::descriptor()->FindFieldByName("main_tag")->index());
}

TEST_CASE("maps of messages and skipped fields have no generated field access: the mapper keeps to reflection") {
  for (const FieldAccess* field : {&access_of(User::descriptor(), User::kSecretFieldNumber),
                                   &access_of(Event::descriptor(), Event::kPlacesFieldNumber)}) {
    const bool none = field->put == nullptr && field->open == nullptr && field->put_pair == nullptr &&
                      field->size == nullptr;
    CHECK(none);
  }
  CHECK(instructor::detail::find_field_access("jsontest.NoSuchMessage") == nullptr);
}

}  // namespace
}  // namespace jsontest
