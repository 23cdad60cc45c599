// Arbitrary finite numbers for the harnesses of the fits: raw doubles from the fuzzer's
// bytes, with NaN and infinity mapped to values at the edges, so every finite double, huge
// or tiny, can reach the code.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace retention::fuzzing {

class NumberStream {
 public:
  NumberStream(const std::uint8_t* bytes, std::size_t size) : bytes_(bytes), size_(size) {}

  bool empty() const { return offset_ + sizeof(double) > size_; }

  double next() {
    double value = 0;
    if (!empty()) std::memcpy(&value, bytes_ + offset_, sizeof value);
    offset_ += sizeof value;
    if (std::isnan(value)) return 0;
    if (std::isinf(value)) return value > 0 ? 1e300 : -1e300;
    return value;
  }

  /// A small count taken from one byte.
  std::size_t count(std::size_t limit) {
    if (offset_ >= size_) return 0;
    return bytes_[offset_++] % (limit + 1);
  }

 private:
  const std::uint8_t* bytes_;
  std::size_t size_;
  std::size_t offset_ = 0;
};

}  // namespace retention::fuzzing
