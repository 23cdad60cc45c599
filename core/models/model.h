// What every retention model offers the fitting code: named, bounded parameters and a
// survival curve S(t), the share of a cohort still retained t periods after it started.
//
// Fitting happens in an unbounded space: each parameter has a scale that maps an unbounded
// u to its allowed range (see Scale), so optimisers never leave the bounds and never see an
// infinite or NaN value.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace retention {

/// How a parameter's unbounded coordinate u maps onto its range.
enum class Scale {
  /// x = exp(u), for parameters that are > 0 and may span orders of magnitude (alpha, beta).
  /// u is kept in [-log_limit, log_limit], so x stays within [1e-8, 1e8].
  log,
  /// x = lower + (upper - lower)(sin u + 1) / 2, for a parameter between two bounds.
  interval,
  /// x = lower - 1 + sqrt(u^2 + 1), for a parameter >= lower that may sit on its bound.
  lower_bound,
};

/// |u| limit of log-scale parameters: ln(1e8).
inline constexpr double log_limit = 18.420680743952367;

struct ParameterSpec {
  /// The name used in the model's formula and in the JS API ("alpha", "lambda", ...).
  const char* name;
  Scale scale;
  double lower;
  double upper;
};

using Parameters = std::vector<double>;

class RetentionModel {
 public:
  virtual ~RetentionModel() = default;

  /// Short name used in the API: "power", "sbg", "bdw", "exponential".
  virtual const char* name() const = 0;
  /// Name for people: "shifted-beta-geometric".
  virtual const char* title() const = 0;
  virtual const std::vector<ParameterSpec>& parameters() const = 0;

  /// S(t) for t >= 0.
  virtual double survival(const Parameters& theta, double t) const = 0;
  /// ln S(t); models built on log-beta functions override it to stay exact where S(t)
  /// underflows.
  virtual double log_survival(const Parameters& theta, double t) const;
  /// dS(t)/dtheta, one value per parameter, for a model whose derivatives have a closed form;
  /// false (and `gradient` untouched) for the others, whose callers take differences of S.
  virtual bool survival_gradient(const Parameters& theta, double t, double* gradient) const;

  /// Deterministic starting points for a fit, from a rough curve of the data (periods > 0 and
  /// their retention, in (0, 1]).
  virtual std::vector<Parameters> starting_points(const std::vector<double>& periods,
                                                  const std::vector<double>& retention) const = 0;

  /// Expected periods a new member stays, sum over t >= 0 of S(t); infinite where the sum
  /// diverges (a floor above 0, or a tail too heavy). The default sums numerically; see
  /// sum_of_survival.
  virtual double expected_lifetime(const Parameters& theta) const;

 protected:
  /// Sum of S(t) over t >= 0 for a curve that falls to 0: the first tail_start terms, then
  /// the tail as a power law t^-k fitted to S(T/2) and S(T), whose sum from T is about
  /// S(T) T / (k - 1). Infinite when k <= 1, where the sum diverges.
  double sum_of_survival(const Parameters& theta) const;
};

/// The models by API name; nullptr for an unknown name.
std::unique_ptr<RetentionModel> make_model(const std::string& name);

/// The API names of every model, in the order a comparison lists them.
const std::vector<std::string>& model_names();

/// Maps between a parameter and its unbounded coordinate.
double to_parameter(const ParameterSpec& spec, double u);
double to_unbounded(const ParameterSpec& spec, double x);
/// d to_parameter / du; 0 where a log-scale coordinate is clamped at its limit.
double parameter_slope(const ParameterSpec& spec, double u);

}  // namespace retention
