// Distinct strings, each numbered 0, 1, 2, ... in the order first seen. Only the first copy
// of each string is kept, in one block of text, so memory grows with the number of distinct
// strings (user ids of a large log), not with the number of times they appear.
//
// The table is open addressing with linear probing (D. E. Knuth, The Art of Computer
// Programming, vol. 3, section 6.4, algorithm L), kept at most half full. A string of up to
// 8 bytes is held in its slot itself, so that finding it touches one cache line; a longer
// one is held as its hash and compared with the kept copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace retention {

class InternedStrings {
 public:
  /// The id of a string, numbering it if it is new; -1 when the table holds 2^31 strings or
  /// 4 GiB of text already.
  std::int32_t intern(std::string_view text);

  /// As intern, and points `tag` at a number the caller keeps with the string (0 when it is
  /// new). The tag lives in the string's slot, so reaching it costs no further memory access;
  /// the pointer is valid until the next intern.
  std::int32_t intern(std::string_view text, std::uint64_t*& tag);

  /// Asks the processor to fetch the slot where `text` would be found, so that an intern a
  /// little later does not wait for memory. Only a hint.
  void prefetch(std::string_view text) const;

  /// Loads the home slot of `text` and returns a word of it: a real load where prefetch is
  /// only a hint that compiles to nothing (WebAssembly).
  std::uint64_t touch(std::string_view text) const;

  /// The id of a string seen before, or -1.
  std::int32_t find(std::string_view text) const;

  /// The string numbered `id`; valid until the next intern.
  std::string_view text(std::int32_t id) const;

  /// How many distinct strings there are.
  std::int32_t size() const { return static_cast<std::int32_t>(copies_.size()); }

  /// Bytes held by the table and the text.
  std::size_t memory_bytes() const;

 private:
  struct Slot {
    // The string's bytes when it has at most 8 (see key_of), else its hash.
    std::uint64_t key = 0;
    // Id + 1; 0 marks an empty slot.
    std::uint32_t id = 0;
    std::uint32_t length = 0;
    std::uint64_t tag = 0;
  };
  struct Copy {
    std::uint32_t start = 0;
    std::uint32_t length = 0;
  };

  std::size_t slot_of(std::string_view text, std::uint64_t key) const;
  // Doubles the table; returns where the slot at `followed` went.
  std::size_t grow(std::size_t followed);

  std::vector<Slot> slots_;
  std::vector<Copy> copies_;
  std::string text_;
};

}  // namespace retention
