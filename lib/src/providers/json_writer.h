// The JSON writer adapters build request bodies with (RapidJSON, compact).
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace instructor::providers {

class JsonWriter {
 public:
  JsonWriter() : writer_(buffer_) {}

  JsonWriter& key(std::string_view k) {
    writer_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    return *this;
  }
  JsonWriter& string(std::string_view v) {
    writer_.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    return *this;
  }
  JsonWriter& integer(std::int64_t v) {
    writer_.Int64(v);
    return *this;
  }
  JsonWriter& number(double v) {
    writer_.Double(v);
    return *this;
  }
  JsonWriter& boolean(bool v) {
    writer_.Bool(v);
    return *this;
  }
  JsonWriter& null() {
    writer_.Null();
    return *this;
  }
  // Already-serialized JSON (a schema), written as it is.
  JsonWriter& raw(std::string_view json) {
    writer_.RawValue(json.data(), json.size(), rapidjson::kObjectType);
    return *this;
  }
  JsonWriter& begin_object() {
    writer_.StartObject();
    return *this;
  }
  JsonWriter& end_object() {
    writer_.EndObject();
    return *this;
  }
  JsonWriter& begin_array() {
    writer_.StartArray();
    return *this;
  }
  JsonWriter& end_array() {
    writer_.EndArray();
    return *this;
  }

  // Already-serialized JSON that must be an object (a tool call's arguments
  // echoed back as one); anything else, e.g. the arguments of a cut answer,
  // is written as {} (the re-ask's tool result says what was wrong).
  JsonWriter& object_or_empty(std::string_view json) {
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError() || !doc.IsObject()) return begin_object().end_object();
    return raw(json);
  }

  std::string take() { return std::string(buffer_.GetString(), buffer_.GetSize()); }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace instructor::providers
