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
  return outcome;
}

std::string Outcome::describe() const {
  std::string text;
  google::protobuf::TextFormat::PrintToString(*message, &text);
  text += "repairs: " + instructor::to_string(repairs) + "\n";
  for (const auto& v : violations) {
    text += "violation: " + v.path + " " + v.rule + " " + v.message + " @" + std::to_string(v.offset) + "\n";
  }
  if (!ok) text += "error: " + error + "\n";
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
