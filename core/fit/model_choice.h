// Compares every model on the same observations: each fit's quality and information
// criteria, plus a backtest that fits on the earlier periods only and scores the forecast of
// the held-out later ones by mean absolute percentage error (MAPE). The model recommended
// is the one with the lowest backtest error, or the lowest AIC when no backtest is possible.
#pragma once

#include <string>
#include <vector>

#include "fit/model_fit.h"

namespace retention {

struct ModelComparisonRow {
  std::string model;
  /// The model's name for people, also when it could not be fitted.
  std::string title;
  /// Empty when the model could be fitted; the reason otherwise (and `fit` is unset).
  std::string error;
  ModelFit fit;
  /// Backtest error in percent; NaN when this model had too few training periods.
  double backtest_mape = 0;
};

struct ModelComparison {
  std::vector<ModelComparisonRow> rows;
  /// Index into rows of the recommended model; -1 when no model could be fitted.
  int recommended = -1;
  /// A sentence saying why that model is recommended, with the numbers.
  std::string reason;
  /// The backtest fits on periods <= backtest_cutoff and scores the later ones; 0 when the
  /// data are too short for any backtest.
  double backtest_cutoff = 0;
};

/// Fits each model of model_names() with `options` (its `model` is ignored). With
/// `fit_through` set, the backtest holds out the last of the periods up to it.
Result<ModelComparison> compare_models(const Observations& observations,
                                       const ModelFitOptions& options);

}  // namespace retention
