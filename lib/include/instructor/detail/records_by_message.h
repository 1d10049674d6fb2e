// A table from message address to a small record, for Presence and
// Completeness: records live in chunks that double in size (their addresses
// stay put while the table grows, so the mapper may hold on to one), found
// through an open-addressing index of their positions. No allocation per
// record, and none at all while the table is empty.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace google::protobuf {
class Message;
}

namespace instructor::detail {

template <typename Record>
class RecordsByMessage {
 public:
  struct Entry {
    const google::protobuf::Message* message = nullptr;  // null once forgotten
    Record record;
  };

  RecordsByMessage() = default;
  RecordsByMessage(RecordsByMessage&&) noexcept = default;
  RecordsByMessage& operator=(RecordsByMessage&&) noexcept = default;
  RecordsByMessage(const RecordsByMessage& other) : index_(other.index_), size_(other.size_), live_(other.live_) {
    for (std::size_t i = 0; i < other.chunks_.size(); ++i) {
      chunks_.push_back(std::make_unique<Entry[]>(chunk_size(i)));
      std::copy(other.chunks_[i].get(), other.chunks_[i].get() + chunk_size(i), chunks_.back().get());
    }
  }
  RecordsByMessage& operator=(const RecordsByMessage& other) {
    if (this != &other) *this = RecordsByMessage(other);
    return *this;
  }

  const Record* find(const google::protobuf::Message* message) const {
    const Slot* slot = slot_of(message);
    return slot == nullptr ? nullptr : &entry_at(slot->position()).record;
  }
  Record* find(const google::protobuf::Message* message) {
    const Slot* slot = slot_of(message);
    return slot == nullptr ? nullptr : &entry_at(slot->position()).record;
  }

  // The record of `message`, added empty when missing.
  Record& operator[](const google::protobuf::Message* message) {
    if (index_.empty() || (live_ + 1) * 2 > index_.size()) grow();
    const std::uint32_t hash = hash_of(message);
    std::size_t at = hash & mask();
    for (; !index_[at].empty(); at = (at + 1) & mask()) {
      if (index_[at].hash == hash && entry_at(index_[at].position()).message == message) {
        return entry_at(index_[at].position()).record;
      }
    }
    if (size_ == capacity()) chunks_.push_back(std::make_unique<Entry[]>(chunk_size(chunks_.size())));
    index_[at] = Slot{hash, static_cast<std::uint32_t>(size_ + 1)};
    Entry& added = entry_at(size_++);
    added.message = message;
    ++live_;
    return added.record;
  }

  // Forgets `message`'s record; returns it (empty when there was none).
  Record erase(const google::protobuf::Message* message) {
    Slot* slot = const_cast<Slot*>(slot_of(message));
    if (slot == nullptr) return Record{};
    Entry& entry = entry_at(slot->position());
    Record taken = std::move(entry.record);
    entry.message = nullptr;
    entry.record = Record{};
    --live_;
    close_gap(static_cast<std::size_t>(slot - index_.data()));
    return taken;
  }

  // Moves `from`'s record to `to`, replacing any record `to` had.
  void rekey(const google::protobuf::Message* from, const google::protobuf::Message* to) {
    if (find(from) == nullptr) return;
    Record moved = erase(from);
    erase(to);
    (*this)[to] = std::move(moved);
  }

  void clear() {
    chunks_.clear();
    index_.clear();
    size_ = 0;
    live_ = 0;
  }
  std::size_t size() const { return live_; }
  bool contains(const google::protobuf::Message* message) const { return slot_of(message) != nullptr; }

  // Calls `visit(record)` for every record still held.
  template <typename Visit>
  void for_each(Visit visit) const {
    for (std::size_t i = 0; i < size_; ++i) {
      const Entry& entry = entry_at(i);
      if (entry.message != nullptr) visit(entry.record);
    }
  }

 private:
  // Eight bytes, so that the index of a big answer's thousands of messages
  // stays small enough for the cache: the key's hash (its low bits are the
  // home slot), and where its entry is. Equal hashes are told apart by the
  // entry's own key.
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t position_plus_one = 0;  // 0: empty
    bool empty() const { return position_plus_one == 0; }
    std::size_t position() const { return position_plus_one - 1; }
  };

  std::size_t mask() const { return index_.size() - 1; }
  static std::uint32_t hash_of(const google::protobuf::Message* message) {
    const auto bits = reinterpret_cast<std::uintptr_t>(message) >> 3;
    return static_cast<std::uint32_t>((bits * 0x9E3779B97F4A7C15ull) >> 32);
  }

  const Slot* slot_of(const google::protobuf::Message* message) const {
    if (index_.empty()) return nullptr;
    const std::uint32_t hash = hash_of(message);
    for (std::size_t at = hash & mask();; at = (at + 1) & mask()) {
      if (index_[at].empty()) return nullptr;
      if (index_[at].hash == hash && entry_at(index_[at].position()).message == message) return &index_[at];
    }
  }

  // Linear probing's deletion: moves later members of the probe run back into the gap.
  void close_gap(std::size_t gap) {
    index_[gap] = Slot{};
    for (std::size_t at = (gap + 1) & mask(); !index_[at].empty(); at = (at + 1) & mask()) {
      const std::size_t home = index_[at].hash & mask();
      // Whether `home` lies cyclically in (gap, at]: then the entry stays.
      const bool stays = gap <= at ? (gap < home && home <= at) : (gap < home || home <= at);
      if (stays) continue;
      index_[gap] = index_[at];
      index_[at] = Slot{};
      gap = at;
    }
  }

  // Quadruples the index. Forgotten records stay in their chunk until clear(),
  // so that no record the mapper holds ever moves.
  void grow() {
    std::vector<Slot> old = std::move(index_);
    index_.assign(std::bit_ceil(std::max<std::size_t>(16, (live_ + 1) * 4)), Slot{});
    for (const Slot& slot : old) {
      if (slot.empty()) continue;
      std::size_t at = slot.hash & mask();
      while (!index_[at].empty()) at = (at + 1) & mask();
      index_[at] = slot;
    }
  }

  // Chunk i holds 8 << i entries: few allocations for a big answer, a small one for a short answer.
  static constexpr std::size_t kFirstChunk = 8;
  static std::size_t chunk_size(std::size_t chunk) { return kFirstChunk << chunk; }
  std::size_t capacity() const { return kFirstChunk * ((std::size_t{1} << chunks_.size()) - 1); }
  Entry& entry_at(std::size_t position) { return const_cast<Entry&>(std::as_const(*this).entry_at(position)); }
  const Entry& entry_at(std::size_t position) const {
    // Chunk c starts at position 8 * (2^c - 1).
    const std::size_t chunk = static_cast<std::size_t>(std::bit_width(position / kFirstChunk + 1)) - 1;
    return chunks_[chunk][position - kFirstChunk * ((std::size_t{1} << chunk) - 1)];
  }

  std::vector<std::unique_ptr<Entry[]>> chunks_;
  std::vector<Slot> index_;
  std::size_t size_ = 0;  // entries used, forgotten ones included
  std::size_t live_ = 0;
};

}  // namespace instructor::detail
