// Arbitrary finite numbers: a curve is refused or simulates to finite, non-negative users.
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "fuzz_numbers.h"
#include "growth.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  retention::fuzzing::NumberStream numbers(bytes, size);
  const auto form = numbers.count(1) ? retention::CurveForm::different_events
                                     : retention::CurveForm::same_event;
  const double a = numbers.next(), b = numbers.next(), c = numbers.next(), d = numbers.next();
  const auto curve = retention::make_power_curve(a, b, c, d, form);
  if (!curve) return 0;
  const retention::GrowthOptions options{numbers.next(), static_cast<int>(numbers.count(200))};
  const auto growth = retention::simulate_growth(curve.value(), options);
  if (!growth) return 0;
  for (const double users : growth->active_users) {
    if (!(users >= 0) || !std::isfinite(users)) std::abort();
  }
  for (const double value : growth->curve) {
    if (!(value >= 0 && value <= 1)) std::abort();
  }
  return 0;
}
