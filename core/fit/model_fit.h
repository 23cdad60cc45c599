// Fits any retention model to observations and reports what an analyst needs: parameters
// with standard errors, fit quality, information criteria, and a forecast with a band.
//
// Counts are fitted by maximum likelihood (likelihood.h), a curve without counts by weighted
// least squares (Eigen's Levenberg-Marquardt; the power curve through power_fit.h). Every
// fit starts from each of the model's deterministic starting points and keeps the best.
#pragma once

#include <string>
#include <vector>

#include "fit/minimize.h"
#include "fit/observations.h"
#include "fit_status.h"
#include "power_curve.h"
#include "power_fit.h"
#include "status.h"

namespace retention {

struct ModelFitOptions {
  /// API name of the model: "power", "sbg", "bdw" or "exponential".
  std::string model = "power";
  /// Form of the power curve; the different-events form needs a curve, not counts.
  CurveForm form = CurveForm::same_event;
  /// Last period of the forecast (it also covers every observed period).
  int horizon = default_forecast_horizon;
  /// Two-sided coverage of the forecast band.
  double band_level = 0.9;
  /// Fit only periods up to this one (the later ones stay on the chart as held out);
  /// negative fits everything.
  double fit_through = -1;
  /// Least-squares fits stop after this many evaluations of the residuals per start.
  int max_evaluations = 2000;
  /// Stopping rules of the likelihood fits.
  MinimizeOptions likelihood;
};

struct Forecast {
  std::vector<double> periods;
  std::vector<double> retention;
  std::vector<double> lower;
  std::vector<double> upper;
};

struct ModelFit {
  std::string model;
  std::string title;
  FitStatus status = FitStatus::failed;
  /// One sentence on how the fit went, with its numbers.
  std::string message;
  /// Sentences on how the data were taken, e.g. active users rather than survivors.
  std::vector<std::string> notes;

  /// Parameter names as in the model's formula, their values and standard errors (NaN where
  /// unknown, e.g. on a bound; `uncertainty_note` then says why).
  std::vector<std::string> names;
  std::vector<double> values;
  std::vector<double> standard_errors;
  std::string uncertainty_note;
  /// Quantities that follow from the parameters, such as b = 1 / (1 - a) of the same-event
  /// power curve.
  std::vector<std::string> derived_names;
  std::vector<double> derived_values;

  /// True for a maximum-likelihood fit of counts; log_likelihood is NaN otherwise.
  bool by_likelihood = false;
  double log_likelihood = 0;
  /// Against the observed (or pooled) curve, weighted: root mean squared error and R².
  double rmse = 0;
  double r_squared = 0;
  /// Akaike and Bayesian information criteria; from the likelihood for counts, from the
  /// Gaussian least-squares likelihood n ln(SSE / n) otherwise.
  double aic = 0;
  double bic = 0;
  /// Observations behind the BIC: cohort members for counts, points for a curve.
  double observations = 0;
  int iterations = 0;
  int evaluations = 0;

  /// Sum over t >= 0 of S(t) in periods; infinite when the curve keeps a floor.
  double expected_lifetime = 0;
  /// Every observed point, or for counts the pooled curve, including points after
  /// `fit_through`; `in_fit` says which ones the fit used.
  ObservedCurve observed;
  std::vector<bool> in_fit;
  /// Observed minus fitted at each observed point.
  std::vector<double> residuals;
  Forecast forecast;
  /// r_t = S(t) / S(t - 1) at each forecast period from 1 on.
  std::vector<double> retention_rates;
  /// How the band was made, for the page to state.
  std::string band_method;
};

/// Fits one model. Input no fit can use gives an Error; a fit that ends on a bound, at a
/// limit or without standard errors says so in its status and message.
Result<ModelFit> fit_model(const Observations& observations, const ModelFitOptions& options);

}  // namespace retention
