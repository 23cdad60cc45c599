#include "interned_strings.h"

#include <cstring>
#include <limits>

namespace retention {
namespace {

constexpr std::size_t initial_slots = 1024;
constexpr std::size_t longest_inline = 8;

// MurmurHash3's finaliser fmix64 (A. Appleby, public domain): every input bit moves the
// low bits, which pick the slot.
std::uint64_t mix(std::uint64_t value) {
  value ^= value >> 33;
  value *= 0xFF51AFD7ED558CCDull;
  value ^= value >> 33;
  value *= 0xC4CEB9FE1A85EC53ull;
  value ^= value >> 33;
  return value;
}

std::uint32_t load32(const char* bytes) {
  std::uint32_t word;
  std::memcpy(&word, bytes, 4);
  return word;
}

// The bytes of a string of at most 8 as one number; with the length it names the string
// exactly. 4 to 8 bytes are read as the first four and the last four (which overlap below
// 8); 1 to 3 as the first, middle and last byte, as wyhash does.
std::uint64_t inline_key(std::string_view text) {
  const char* const bytes = text.data();
  const std::size_t length = text.size();
  if (length >= 4) {
    return load32(bytes) | (std::uint64_t{load32(bytes + length - 4)} << 32);
  }
  if (length == 0) return 0;
  const auto byte = [&](std::size_t i) {
    return std::uint64_t{static_cast<unsigned char>(bytes[i])};
  };
  return byte(0) | (byte(length / 2) << 8) | (byte(length - 1) << 16);
}

// A hash of a longer string, eight bytes at a time.
std::uint64_t hash_bytes(std::string_view text) {
  constexpr std::uint64_t multiplier = 0x9E3779B97F4A7C15ull;
  std::uint64_t hash = text.size() * multiplier;
  const char* at = text.data();
  std::size_t left = text.size();
  for (; left >= 8; left -= 8, at += 8) {
    std::uint64_t word;
    std::memcpy(&word, at, 8);
    hash = (hash ^ word) * multiplier;
    hash ^= hash >> 32;
  }
  if (left > 0) {
    std::uint64_t word = 0;
    std::memcpy(&word, at, left);
    hash = (hash ^ word) * multiplier;
  }
  return mix(hash);
}

std::uint64_t key_of(std::string_view text) {
  return text.size() <= longest_inline ? inline_key(text) : hash_bytes(text);
}

// Where the probe for a key starts, before masking to the table size.
std::uint64_t home_of(std::uint64_t key, std::uint32_t length) {
  return length <= longest_inline ? mix(key ^ (std::uint64_t{length} << 56)) : key;
}

}  // namespace

std::size_t InternedStrings::slot_of(std::string_view text, std::uint64_t key) const {
  const std::size_t mask = slots_.size() - 1;
  const auto length = static_cast<std::uint32_t>(text.size());
  for (std::size_t at = home_of(key, length) & mask;; at = (at + 1) & mask) {
    const Slot& slot = slots_[at];
    if (slot.id == 0) return at;
    if (slot.key == key && slot.length == length &&
        (length <= longest_inline ||
         std::memcmp(text_.data() + copies_[slot.id - 1].start, text.data(), length) == 0)) {
      return at;
    }
  }
}

void InternedStrings::prefetch(std::string_view text) const {
  if (slots_.empty()) return;
  const std::size_t home =
      home_of(key_of(text), static_cast<std::uint32_t>(text.size())) & (slots_.size() - 1);
  __builtin_prefetch(&slots_[home]);
}

std::uint64_t InternedStrings::touch(std::string_view text) const {
  if (slots_.empty()) return 0;
  const std::size_t home =
      home_of(key_of(text), static_cast<std::uint32_t>(text.size())) & (slots_.size() - 1);
  return slots_[home].key;
}

std::int32_t InternedStrings::find(std::string_view text) const {
  if (slots_.empty()) return -1;
  return static_cast<std::int32_t>(slots_[slot_of(text, key_of(text))].id) - 1;
}

std::int32_t InternedStrings::intern(std::string_view text) {
  std::uint64_t* tag = nullptr;
  return intern(text, tag);
}

std::int32_t InternedStrings::intern(std::string_view text, std::uint64_t*& tag) {
  if (slots_.empty()) slots_.resize(initial_slots);
  const std::uint64_t key = key_of(text);
  std::size_t at = slot_of(text, key);
  if (slots_[at].id != 0) {
    tag = &slots_[at].tag;
    return static_cast<std::int32_t>(slots_[at].id - 1);
  }

  // A new string: copy it, then keep the table at most half full.
  if (copies_.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()) ||
      text_.size() + text.size() > std::numeric_limits<std::uint32_t>::max()) {
    return -1;
  }
  const auto id = static_cast<std::uint32_t>(copies_.size());
  copies_.push_back({static_cast<std::uint32_t>(text_.size()),
                     static_cast<std::uint32_t>(text.size())});
  text_.append(text);
  slots_[at] = {key, id + 1, static_cast<std::uint32_t>(text.size()), 0};
  if (2 * copies_.size() > slots_.size()) at = grow(at);
  tag = &slots_[at].tag;
  return static_cast<std::int32_t>(id);
}

std::string_view InternedStrings::text(std::int32_t id) const {
  const Copy& copy = copies_[static_cast<std::size_t>(id)];
  return std::string_view(text_).substr(copy.start, copy.length);
}

std::size_t InternedStrings::memory_bytes() const {
  return slots_.capacity() * sizeof(Slot) + copies_.capacity() * sizeof(Copy) +
         text_.capacity();
}

std::size_t InternedStrings::grow(std::size_t followed) {
  std::vector<Slot> slots(slots_.size() * 2);
  const std::size_t mask = slots.size() - 1;
  std::size_t moved_to = 0;
  for (std::size_t from = 0; from < slots_.size(); ++from) {
    const Slot& slot = slots_[from];
    if (slot.id == 0) continue;
    std::size_t at = home_of(slot.key, slot.length) & mask;
    while (slots[at].id != 0) at = (at + 1) & mask;
    slots[at] = slot;
    if (from == followed) moved_to = at;
  }
  slots_.swap(slots);
  return moved_to;
}

}  // namespace retention
