// Every rule and format of options.proto: values that pass, values that fail,
// and the exact rule id and path each failure reports.
#include <cmath>
#include <limits>

#include "validation/cases.instructor.h"
#include "validation_test_support.h"

using validation_test::Case;
using validation_test::RunCases;

namespace {

vt::Strings ValidStrings() {
  vt::Strings m;
  m.set_min3("abc");
  m.set_max5("abcde");
  m.set_len2("ab");
  m.set_pattern("abc-12");
  m.set_prefix("abx");
  m.set_suffix("xyz");
  m.set_contains("amidb");
  m.set_not_contains("good");
  m.set_in("red");
  m.set_not_in("user");
  m.set_const_("fixed");
  m.set_email("ann@example.com");
  m.set_hostname("api.example.com");
  m.set_uri("https://example.com/a?b=c#d");
  m.set_uuid("123e4567-e89b-12d3-a456-426614174000");
  m.set_ipv4("192.168.0.1");
  m.set_ipv6("2001:db8::1");
  m.set_date("2024-02-29");
  m.set_date_time("2024-05-01T12:30:00Z");
  m.set_time("12:30:00");
  m.set_plain("x");
  return m;
}

// A case that sets the string field `field` to `value`; a failure is reported at that field.
Case<vt::Strings> S(std::string name, std::string field, std::string value, std::string rule = "") {
  auto change = [field, value](vt::Strings& m) {
    m.GetReflection()->SetString(&m, m.GetDescriptor()->FindFieldByName(field), value);
  };
  std::string path = rule.empty() ? "" : field;
  return {std::move(name), change, std::move(rule), std::move(path)};
}

}  // namespace

TEST_CASE("string lengths count Unicode code points, not bytes") {
  RunCases(ValidStrings(), std::vector<Case<vt::Strings>>{
      S("3 code points in 9 bytes pass min_len 3", "min3", "日本語"),
      S("2 characters fail min_len 3", "min3", "ab", "string.min_len"),
      S("an empty string fails min_len 3", "min3", "", "string.min_len"),
      S("5 code points in 15 bytes pass max_len 5", "max5", "日本語です"),
      S("6 characters fail max_len 5", "max5", "abcdef", "string.max_len"),
      S("2 code points pass len 2", "len2", "日本"),
      S("3 characters fail len 2", "len2", "abc", "string.len"),
      S("1 character fails len 2", "len2", "a", "string.len"),
  });
}

TEST_CASE("string pattern, affixes, sets and const") {
  RunCases(ValidStrings(), std::vector<Case<vt::Strings>>{
      S("pattern match", "pattern", "abc-123"),
      S("pattern mismatch (upper case)", "pattern", "ABC-1", "string.pattern"),
      S("pattern mismatch (missing digits)", "pattern", "abc-", "string.pattern"),
      S("prefix present", "prefix", "abc"),
      S("prefix absent", "prefix", "xab", "string.prefix"),
      S("suffix present", "suffix", "ayz"),
      S("suffix absent", "suffix", "yza", "string.suffix"),
      S("contains", "contains", "mid"),
      S("does not contain", "contains", "mi d", "string.contains"),
      S("not_contains respected", "not_contains", "ba d"),
      S("not_contains broken", "not_contains", "too bad", "string.not_contains"),
      S("in: listed", "in", "green"),
      S("in: not listed (case matters)", "in", "Red", "string.in"),
      S("not_in: refused", "not_in", "root", "string.not_in"),
      S("not_in: similar but allowed", "not_in", "roots"),
      S("const: equal", "const", "fixed"),
      S("const: different", "const", "Fixed", "string.const"),
  });
}

TEST_CASE("string formats: email, hostname, uri, uuid") {
  RunCases(ValidStrings(), std::vector<Case<vt::Strings>>{
      S("email with dots and plus", "email", "first.last+tag@sub.example.org"),
      S("email without domain", "email", "ann@", "string.email"),
      S("email without local part", "email", "@example.com", "string.email"),
      S("email with two @", "email", "ann@@example.com", "string.email"),
      S("email with a space", "email", "ann smith@example.com", "string.email"),
      S("email with consecutive dots", "email", "ann..b@example.com", "string.email"),
      S("email whose domain starts with a hyphen", "email", "ann@-example.com", "string.email"),
      S("single-label hostname", "hostname", "localhost"),
      S("hostname with hyphen", "hostname", "a-b.c"),
      S("hostname label starting with hyphen", "hostname", "-a.com", "string.hostname"),
      S("hostname with underscore", "hostname", "a_b.com", "string.hostname"),
      S("hostname with empty label", "hostname", "a..b", "string.hostname"),
      S("hostname label of 64 characters", "hostname", std::string(64, 'a') + ".com", "string.hostname"),
      S("empty hostname", "hostname", "", "string.hostname"),
      S("urn", "uri", "urn:isbn:0451450523"),
      S("mailto", "uri", "mailto:a@b.c"),
      S("uri with IPv6 host and port", "uri", "http://[::1]:80/x"),
      S("uri without scheme", "uri", "example.com/path", "string.uri"),
      S("uri with a space", "uri", "http://exa mple.com", "string.uri"),
      S("scheme starting with a digit", "uri", "1http://x", "string.uri"),
      S("bad percent escape", "uri", "http://x/%zz", "string.uri"),
      S("upper-case uuid", "uuid", "123E4567-E89B-12D3-A456-426614174000"),
      S("uuid without hyphens", "uuid", "123e4567e89b12d3a456426614174000", "string.uuid"),
      S("uuid with a non-hex digit", "uuid", "123e4567-e89b-12d3-a456-42661417400g", "string.uuid"),
  });
}

TEST_CASE("string formats: ipv4, ipv6") {
  RunCases(ValidStrings(), std::vector<Case<vt::Strings>>{
      S("all zeros", "ipv4", "0.0.0.0"),
      S("all 255", "ipv4", "255.255.255.255"),
      S("octet above 255", "ipv4", "256.1.1.1", "string.ipv4"),
      S("three octets", "ipv4", "1.2.3", "string.ipv4"),
      S("leading zero", "ipv4", "01.2.3.4", "string.ipv4"),
      S("five octets", "ipv4", "1.2.3.4.5", "string.ipv4"),
      S("trailing space", "ipv4", "1.2.3.4 ", "string.ipv4"),
      S("unspecified ipv6", "ipv6", "::"),
      S("ipv4-mapped ipv6", "ipv6", "::ffff:192.0.2.1"),
      S("link-local ipv6", "ipv6", "fe80::1"),
      S("triple colon", "ipv6", "2001:db8:::1", "string.ipv6"),
      S("group of five digits", "ipv6", "12345::", "string.ipv6"),
      S("an ipv4 address is no ipv6 address", "ipv6", "1.2.3.4", "string.ipv6"),
  });
}

TEST_CASE("string formats: date, date_time, time follow the calendar and RFC 3339") {
  RunCases(ValidStrings(), std::vector<Case<vt::Strings>>{
      S("leap day of a year divisible by 400", "date", "2000-02-29"),
      S("leap day of a common year", "date", "2023-02-29", "string.date"),
      S("leap day of a year divisible by 100", "date", "1900-02-29", "string.date"),
      S("month 13", "date", "2024-13-01", "string.date"),
      S("April 31", "date", "2024-04-31", "string.date"),
      S("two-digit year", "date", "24-01-01", "string.date"),
      S("one-digit month", "date", "2024-1-01", "string.date"),
      S("fraction and offset", "date_time", "2024-05-01T12:30:00.123+02:00"),
      S("lower-case t and z", "date_time", "2024-05-01t12:30:00z"),
      S("space instead of T", "date_time", "2024-05-01 12:30:00Z", "string.date_time"),
      S("no offset", "date_time", "2024-05-01T12:30:00", "string.date_time"),
      S("hour 24", "date_time", "2024-05-01T24:00:00Z", "string.date_time"),
      S("February 30", "date_time", "2024-02-30T00:00:00Z", "string.date_time"),
      S("leap second", "time", "23:59:60"),
      S("time with offset", "time", "08:15:00+01:00"),
      S("time with fraction", "time", "08:15:00.5"),
      S("hour 24", "time", "24:00:00", "string.time"),
      S("one-digit hour", "time", "8:15:00", "string.time"),
      S("minute 60", "time", "08:60:00", "string.time"),
  });
}

TEST_CASE("invalid UTF-8 in a string field is a violation, and stops that field's other checks") {
  RunCases(ValidStrings(), std::vector<Case<vt::Strings>>{
      S("two-byte character", "plain", "é"),
      S("four-byte character", "plain", "🙂"),
      S("a stray continuation byte", "plain", "\xff", "string.utf8"),
      S("an overlong encoding", "plain", "\xC0\x80", "string.utf8"),
      S("a surrogate", "plain", "\xED\xA0\x80", "string.utf8"),
      S("a truncated sequence", "plain", "\xE6\x97", "string.utf8"),
      S("long ASCII runs then a character", "plain", "abcdefghijklmnopqrstuvwxyz0123456789é"),
      S("an invalid byte after 16 ASCII bytes", "plain", "abcdefghijklmnop\xff", "string.utf8"),
      S("an invalid byte inside the 8-byte window", "plain", "abc\xff" "defghijklmn", "string.utf8"),
      S("min_len is not checked on invalid UTF-8", "min3", "\xff", "string.utf8"),
  });
}

TEST_CASE("integer bounds, const, in and not_in, across integer kinds") {
  vt::Integers valid;
  valid.set_gt0(1);
  valid.set_gte_minus5(-5);
  valid.set_lt10(9);
  valid.set_lte_max(5);
  valid.set_const7(7);
  valid.set_in123(2);
  valid.set_not13(12);
  using M = vt::Integers;
  RunCases(valid, std::vector<Case<M>>{
      {"0 is not greater than 0", [](M& m) { m.set_gt0(0); }, "integer.gt", "gt0"},
      {"-6 is below -5", [](M& m) { m.set_gte_minus5(-6); }, "integer.gte", "gte_minus5"},
      {"10 is not below 10", [](M& m) { m.set_lt10(10); }, "integer.lt", "lt10"},
      {"uint64 at int64 max passes lte int64 max", [](M& m) { m.set_lte_max(9223372036854775807ULL); }, "", ""},
      {"uint64 above int64 max fails lte int64 max", [](M& m) { m.set_lte_max(9223372036854775808ULL); },
       "integer.lte", "lte_max"},
      {"const 7 got 8", [](M& m) { m.set_const7(8); }, "integer.const", "const7"},
      {"4 is not in 1, 2, 3", [](M& m) { m.set_in123(4); }, "integer.in", "in123"},
      {"13 is refused", [](M& m) { m.set_not13(13); }, "integer.not_in", "not13"},
  });
}

TEST_CASE("number bounds and finite, and NaN fails every bound") {
  vt::Numbers valid;
  valid.set_gt0(0.1);
  valid.set_gte_half(0.5f);
  valid.set_lt1(0.99);
  valid.set_lte10(10);
  valid.set_finite(1);
  using M = vt::Numbers;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double infinity = std::numeric_limits<double>::infinity();
  RunCases(valid, std::vector<Case<M>>{
      {"0 is not greater than 0", [](M& m) { m.set_gt0(0); }, "number.gt", "gt0"},
      {"NaN is not greater than 0", [nan](M& m) { m.set_gt0(nan); }, "number.gt", "gt0"},
      {"float 0.49 is below 0.5", [](M& m) { m.set_gte_half(0.49f); }, "number.gte", "gte_half"},
      {"float NaN is not at least 0.5", [](M& m) { m.set_gte_half(std::numeric_limits<float>::quiet_NaN()); },
       "number.gte", "gte_half"},
      {"1 is not below 1", [](M& m) { m.set_lt1(1.0); }, "number.lt", "lt1"},
      {"NaN is not below 1", [nan](M& m) { m.set_lt1(nan); }, "number.lt", "lt1"},
      {"10.0001 is above 10", [](M& m) { m.set_lte10(10.0001); }, "number.lte", "lte10"},
      {"NaN is not at most 10", [nan](M& m) { m.set_lte10(nan); }, "number.lte", "lte10"},
      {"infinity is not finite", [infinity](M& m) { m.set_finite(infinity); }, "number.finite", "finite"},
      {"NaN is not finite", [nan](M& m) { m.set_finite(nan); }, "number.finite", "finite"},
  });
}

TEST_CASE("bytes lengths count bytes, and bytes are not UTF-8") {
  vt::Blobs valid;
  valid.set_min2("ab");
  valid.set_max4("abcd");
  using M = vt::Blobs;
  RunCases(valid, std::vector<Case<M>>{
      {"1 byte is below 2", [](M& m) { m.set_min2("a"); }, "bytes.min_len", "min2"},
      {"5 bytes are above 4", [](M& m) { m.set_max4("abcde"); }, "bytes.max_len", "max4"},
      {"invalid UTF-8 is fine in bytes", [](M& m) { m.set_min2("\xff\xfe"); }, "", ""},
  });
}

TEST_CASE("enum values must be defined and offered, and in and not_in narrow them") {
  vt::Enums valid;
  valid.set_any(vt::COLOR_RED);
  valid.set_warm(vt::COLOR_RED);
  valid.set_not_blue(vt::COLOR_GREEN);
  using M = vt::Enums;
  RunCases(valid, std::vector<Case<M>>{
      {"the unspecified placeholder is not an answer", [](M& m) { m.set_any(vt::COLOR_UNSPECIFIED); },
       "enum.defined", "any"},
      {"an unknown number", [](M& m) { m.set_any(static_cast<vt::Color>(7)); }, "enum.defined", "any"},
      {"blue is not in red, green", [](M& m) { m.set_warm(vt::COLOR_BLUE); }, "enum.in", "warm"},
      {"green is in red, green", [](M& m) { m.set_warm(vt::COLOR_GREEN); }, "", ""},
      {"blue is refused", [](M& m) { m.set_not_blue(vt::COLOR_BLUE); }, "enum.not_in", "not_blue"},
      {"an optional enum, when set, must be defined", [](M& m) { m.set_maybe(static_cast<vt::Color>(9)); },
       "enum.defined", "maybe"},
  });
}

TEST_CASE("a violation's message names the limit and the actual value") {
  vt::Strings strings = ValidStrings();
  strings.set_min3("ab");
  auto violations = instructor::validate(strings);
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].message == "must be at least 3 characters; got \"ab\" (2 characters)");
  CHECK(violations[0].value == "\"ab\"");

  strings = ValidStrings();
  strings.set_max5("abcdefgh日本");  // 8 ASCII bytes read as one word, then 2 characters of 3 bytes
  violations = instructor::validate(strings);
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].message == "must be at most 5 characters; got \"abcdefgh日本\" (10 characters)");

  vt::Item item;
  violations = instructor::validate(item);
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].message == "must be at least 1 character; got an empty string");

  vt::Integers integers;
  integers.set_gt0(1);
  integers.set_const7(7);
  integers.set_in123(1);
  integers.set_lt10(12);
  violations = instructor::validate(integers);
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].message == "must be less than 10; got 12");
  CHECK(violations[0].value == "12");

  vt::Enums enums;
  enums.set_any(vt::COLOR_RED);
  enums.set_warm(vt::COLOR_BLUE);
  enums.set_not_blue(vt::COLOR_RED);
  violations = instructor::validate(enums);
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].message == "must be one of red, green; got \"blue\"");
}
