// A cassette's file: {"version": 1, "interactions": [{"request": ..., "response": ...}]},
// pretty-printed JSON a person can read and edit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "interaction.h"

namespace instructor::cassette {

struct LoadedCassette {
  std::vector<Interaction> interactions;
  std::string error;  // set when the file could not be read or is not a cassette
};

LoadedCassette parse_cassette(std::string_view text, std::string_view name);
LoadedCassette read_cassette(const std::string& path);

std::string cassette_text(const std::vector<Interaction>& interactions);
// Writes the file whole (through a temporary file and a rename); an error text, or empty.
std::string write_cassette(const std::string& path, const std::vector<Interaction>& interactions);

}  // namespace instructor::cassette
