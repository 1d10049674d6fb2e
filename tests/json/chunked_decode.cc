#include "chunked_decode.h"

#include <stdexcept>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/text_format.h>

#include "jsontest/models.pb.h"

namespace jsontest {

const google::protobuf::Message& prototype(const std::string& type_name) {
  // Asking a generated type for its pool keeps models.pb.cc (and its descriptors) linked.
  const auto* descriptor = User::descriptor()->file()->pool()->FindMessageTypeByName("jsontest." + type_name);
  if (descriptor == nullptr) throw std::runtime_error("no message jsontest." + type_name);
  return *google::protobuf::MessageFactory::generated_factory()->GetPrototype(descriptor);
}

Outcome decode_in_chunks(const std::string& type_name, std::string_view input, std::size_t chunk,
                         instructor::DecodeOptions options, Instance instance) {
  // Never destroyed: its prototypes must outlive every message made from them.
  static auto* dynamic_factory = new google::protobuf::DynamicMessageFactory;
  Outcome outcome;
  const google::protobuf::Message& generated = prototype(type_name);
  outcome.message.reset(instance == Instance::generated
                            ? generated.New()
                            : dynamic_factory->GetPrototype(generated.GetDescriptor())->New());
  instructor::MessageDecoder decoder(*outcome.message, std::move(options));
  bool ok = true;
  if (chunk == 0) {
    ok = decoder.feed(input);
  } else {
    for (std::size_t at = 0; ok && at < input.size(); at += chunk) ok = decoder.feed(input.substr(at, chunk));
  }
  ok = ok && decoder.finish();
  outcome.ok = ok;
  if (!ok) outcome.error = decoder.error()->to_string();
  outcome.repairs = decoder.repairs();
  outcome.violations = decoder.violations();
  outcome.records = describe_records(*outcome.message, decoder.presence(), decoder.completeness());
  return outcome;
}

namespace {

void describe_message_records(const google::protobuf::Message& message, const std::string& path,
                              const instructor::Presence& presence, const instructor::Completeness& completeness,
                              std::string& out) {
  const auto* descriptor = message.GetDescriptor();
  const auto* reflection = message.GetReflection();
  out += (path.empty() ? "." : path) + (completeness.message_complete(message) ? " complete:" : ":");
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const auto* field = descriptor->field(i);
    const int number = field->number();
    std::string marks;
    if (presence.supplied(message, number)) marks += "s";
    if (presence.refused(message, number)) marks += "r";
    if (completeness.field_complete(message, number)) marks += "c";
    if (field->is_repeated() && completeness.complete_items(message, number) > 0) {
      marks += std::to_string(completeness.complete_items(message, number));
    }
    if (!marks.empty()) out += " " + field->name() + "=" + marks;
  }
  out += "\n";
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const auto* field = descriptor->field(i);
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    const std::string inner = path + (path.empty() ? "" : ".") + field->name();
    if (!field->is_repeated()) {
      if (reflection->HasField(message, field)) {
        describe_message_records(reflection->GetMessage(message, field), inner, presence, completeness, out);
      }
      continue;
    }
    const bool message_values = !field->is_map() || field->message_type()->map_value()->cpp_type() ==
                                                        google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE;
    if (!message_values) continue;
    for (int item = 0; item < reflection->FieldSize(message, field); ++item) {
      const auto& child = reflection->GetRepeatedMessage(message, field, item);
      if (!field->is_map()) {
        describe_message_records(child, inner + "[" + std::to_string(item) + "]", presence, completeness, out);
        continue;
      }
      // A map's entries come in its own order: name each value by its key.
      const auto* entry = child.GetDescriptor();
      std::string key;
      google::protobuf::TextFormat::PrintFieldValueToString(child, entry->map_key(), -1, &key);
      describe_message_records(child.GetReflection()->GetMessage(child, entry->map_value()), inner + "[" + key + "]",
                               presence, completeness, out);
    }
  }
}

}  // namespace

std::string describe_records(const google::protobuf::Message& message, const instructor::Presence& presence,
                             const instructor::Completeness& completeness) {
  std::string out;
  describe_message_records(message, "", presence, completeness, out);
  return out;
}

std::string Outcome::describe() const {
  std::string text;
  google::protobuf::TextFormat::PrintToString(*message, &text);
  text += "repairs: " + instructor::to_string(repairs) + "\n";
  for (const auto& v : violations) {
    text += "violation: " + v.path + " " + v.rule + " " + v.message + " @" + std::to_string(v.offset) + "\n";
  }
  if (!ok) text += "error: " + error + "\n";
  text += "records:\n" + records;
  return text;
}

std::vector<std::string> repair_names(const instructor::Repairs& repairs, bool with_offsets) {
  std::vector<std::string> names;
  for (const auto& r : repairs) {
    std::string name(instructor::repair_name(r.kind));
    if (with_offsets) name += "@" + std::to_string(r.offset);
    names.push_back(name);
  }
  return names;
}

}  // namespace jsontest
