// The typed rule set that applies to one value (a singular field, a list item,
// a map key or a map value), whichever option message it was written in.
#pragma once

#include "instructor/options.pb.h"

namespace instructor::compiler {

struct ValueRules {
  const StringRules* string = nullptr;
  const IntegerRules* integer = nullptr;
  const NumberRules* number = nullptr;
  const BytesRules* bytes = nullptr;
  const EnumRules* enumeration = nullptr;

  bool empty() const { return !string && !integer && !number && !bytes && !enumeration; }
};

// Works for FieldOptions and ElementRules, which share the five typed cases.
template <typename RulesHolder>
ValueRules ValueRulesOf(const RulesHolder& holder) {
  ValueRules rules;
  if (holder.has_string()) rules.string = &holder.string();
  if (holder.has_integer()) rules.integer = &holder.integer();
  if (holder.has_number()) rules.number = &holder.number();
  if (holder.has_bytes()) rules.bytes = &holder.bytes();
  if (holder.has_enum_()) rules.enumeration = &holder.enum_();
  return rules;
}

}  // namespace instructor::compiler
