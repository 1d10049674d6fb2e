// A table from message address to a small record, for Presence and
// Completeness: records live in fixed-size chunks (their addresses stay put
// while the table grows, so the mapper may hold on to one), found through an
// open-addressing index of their positions. No allocation per record, and
// none at all while the table is empty.
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
    for (const auto& chunk : other.chunks_) {
      chunks_.push_back(std::make_unique<Entry[]>(kChunk));
      std::copy(chunk.get(), chunk.get() + kChunk, chunks_.back().get());
    }
  }
  RecordsByMessage& operator=(const RecordsByMessage& other) {
    if (this != &other) *this = RecordsByMessage(other);
    return *this;
  }

  const Record* find(const google::protobuf::Message* message) const {
    const Slot* slot = slot_of(message);
    return slot == nullptr ? nullptr : &entry_at(slot->position).record;
  }
  Record* find(const google::protobuf::Message* message) {
    const Slot* slot = slot_of(message);
    return slot == nullptr ? nullptr : &entry_at(slot->position).record;
  }

  // The record of `message`, added empty when missing.
  Record& operator[](const google::protobuf::Message* message) {
    if (index_.empty() || (live_ + 1) * 2 > index_.size()) grow();
    std::size_t at = home_of(message);
    for (; index_[at].message != nullptr; at = (at + 1) & mask()) {
      if (index_[at].message == message) return entry_at(index_[at].position).record;
    }
    if (size_ % kChunk == 0) chunks_.push_back(std::make_unique<Entry[]>(kChunk));
    index_[at] = Slot{message, static_cast<std::uint32_t>(size_)};
    Entry& added = entry_at(size_++);
    added.message = message;
    ++live_;
    return added.record;
  }

  // Forgets `message`'s record; returns it (empty when there was none).
  Record erase(const google::protobuf::Message* message) {
    Slot* slot = const_cast<Slot*>(slot_of(message));
    if (slot == nullptr) return Record{};
    Entry& entry = entry_at(slot->position);
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
  // The key sits in the index itself, so a probe reads one cache line.
  struct Slot {
    const google::protobuf::Message* message = nullptr;  // null: empty
    std::uint32_t position = 0;                          // of the entry, in the chunks
  };

  std::size_t mask() const { return index_.size() - 1; }
  std::size_t home_of(const google::protobuf::Message* message) const {
    const auto bits = reinterpret_cast<std::uintptr_t>(message) >> 3;
    return static_cast<std::size_t>((bits * 0x9E3779B97F4A7C15ull) >> 32) & mask();
  }

  const Slot* slot_of(const google::protobuf::Message* message) const {
    if (index_.empty()) return nullptr;
    for (std::size_t at = home_of(message);; at = (at + 1) & mask()) {
      if (index_[at].message == message) return &index_[at];
      if (index_[at].message == nullptr) return nullptr;
    }
  }

  // Linear probing's deletion: moves later members of the probe run back into the gap.
  void close_gap(std::size_t gap) {
    index_[gap] = Slot{};
    for (std::size_t at = (gap + 1) & mask(); index_[at].message != nullptr; at = (at + 1) & mask()) {
      const std::size_t home = home_of(index_[at].message);
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
      if (slot.message == nullptr) continue;
      std::size_t at = home_of(slot.message);
      while (index_[at].message != nullptr) at = (at + 1) & mask();
      index_[at] = slot;
    }
  }

  static constexpr std::size_t kChunk = 8;
  Entry& entry_at(std::size_t position) { return chunks_[position / kChunk][position % kChunk]; }
  const Entry& entry_at(std::size_t position) const { return chunks_[position / kChunk][position % kChunk]; }

  std::vector<std::unique_ptr<Entry[]>> chunks_;
  std::vector<Slot> index_;
  std::size_t size_ = 0;  // entries used, forgotten ones included
  std::size_t live_ = 0;
};

}  // namespace instructor::detail
