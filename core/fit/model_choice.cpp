#include "fit/model_choice.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "format.h"
#include "models/model.h"

namespace retention {
namespace {

// The last third of the observed periods after 0 (at least one) is held out, provided at
// least two remain to train on, the fewest parameters of any model.
double backtest_cutoff(const Observations& observations) {
  std::set<double> periods;
  for (const double period : observations.curve.periods) {
    if (period > 0) periods.insert(period);
  }
  const std::size_t held_out = std::max<std::size_t>(1, periods.size() / 3);
  if (periods.size() < held_out + 2) return 0;
  return *std::next(periods.begin(), static_cast<long>(periods.size() - held_out - 1));
}

// MAPE in percent of a fit on the held-out points of the observed curve.
double held_out_error(const ModelFit& fit, const ObservedCurve& curve, double cutoff) {
  double total = 0;
  int count = 0;
  for (std::size_t i = 0; i < curve.periods.size(); ++i) {
    const double period = curve.periods[i];
    if (period <= cutoff || curve.retention[i] <= 0) continue;
    const auto index = static_cast<std::size_t>(period);
    if (index >= fit.forecast.retention.size()) continue;
    total += std::abs(fit.forecast.retention[index] - curve.retention[i]) / curve.retention[i];
    ++count;
  }
  return count > 0 ? 100 * total / count : NAN;
}

bool usable(const ModelComparisonRow& row) {
  return row.error.empty() &&
         (row.fit.status == FitStatus::converged || row.fit.status == FitStatus::hit_bound);
}

// What the person should weigh against the recommendation: a parameter of the recommended
// model the data hardly determine (a standard error above its value), and a model that the
// information criterion prefers.
std::string caveats(const ModelComparison& comparison) {
  const ModelComparisonRow& best = comparison.rows[std::size_t(comparison.recommended)];
  std::string text;
  for (std::size_t i = 0; i < best.fit.names.size(); ++i) {
    const double value = best.fit.values[i];
    const double error = best.fit.standard_errors[i];
    if (!(error > std::abs(value))) continue;
    text += "; its " + best.fit.names[i] + " (" + format_number(value, 3) + " ± " +
            format_number(error, 3) + ") is hardly determined by these data, so its forecast "
            "far ahead is uncertain";
    break;
  }
  const ModelComparisonRow* lowest_aic = nullptr;
  for (const ModelComparisonRow& row : comparison.rows) {
    if (!usable(row) || !std::isfinite(row.fit.aic)) continue;
    if (!lowest_aic || row.fit.aic < lowest_aic->fit.aic) lowest_aic = &row;
  }
  if (lowest_aic && lowest_aic != &best && !std::isnan(best.backtest_mape)) {
    text += "; by AIC, the " + lowest_aic->fit.title + " fits the observed periods best (" +
            format_number(lowest_aic->fit.aic, 4) + ")";
  }
  return text;
}

}  // namespace

Result<ModelComparison> compare_models(const Observations& observations,
                                       const ModelFitOptions& options) {
  // The backtest stays inside the periods the person chose to fit.
  const Observations fitted = options.fit_through >= 0
                                  ? truncated(observations, options.fit_through)
                                  : observations;
  ModelComparison comparison;
  comparison.backtest_cutoff = backtest_cutoff(fitted);
  const Observations training = truncated(fitted, comparison.backtest_cutoff);
  const double last_period = last_observed_period(fitted);

  // Each model on all the data, then on the training periods only.
  for (const std::string& name : model_names()) {
    ModelFitOptions model_options = options;
    model_options.model = name;
    ModelComparisonRow row;
    row.model = name;
    row.title = make_model(name)->title();
    auto full = fit_model(observations, model_options);
    if (!full) {
      row.error = full.error().message;
      row.backtest_mape = NAN;
      comparison.rows.push_back(row);
      continue;
    }
    row.fit = full.value();
    row.backtest_mape = NAN;
    if (comparison.backtest_cutoff > 0) {
      model_options.horizon = static_cast<int>(last_period);
      model_options.fit_through = -1;
      auto backtest = fit_model(training, model_options);
      if (backtest) {
        row.backtest_mape =
            held_out_error(backtest.value(), fitted.curve, comparison.backtest_cutoff);
      }
    }
    comparison.rows.push_back(row);
  }

  // The recommendation: lowest backtest error where there is one, else lowest AIC.
  const auto better_backtest = [](const ModelComparisonRow& x, const ModelComparisonRow& y) {
    if (std::isnan(y.backtest_mape)) return !std::isnan(x.backtest_mape);
    if (std::isnan(x.backtest_mape)) return false;
    return x.backtest_mape < y.backtest_mape;
  };
  for (std::size_t i = 0; i < comparison.rows.size(); ++i) {
    const ModelComparisonRow& row = comparison.rows[i];
    if (!usable(row)) continue;
    if (comparison.recommended < 0) {
      comparison.recommended = static_cast<int>(i);
      continue;
    }
    const ModelComparisonRow& best = comparison.rows[std::size_t(comparison.recommended)];
    const bool tie = !better_backtest(row, best) && !better_backtest(best, row);
    if (better_backtest(row, best) || (tie && row.fit.aic < best.fit.aic)) {
      comparison.recommended = static_cast<int>(i);
    }
  }
  if (comparison.recommended < 0) {
    comparison.reason = "no model could be fitted to these data";
    return comparison;
  }

  const ModelComparisonRow& best = comparison.rows[std::size_t(comparison.recommended)];
  if (!std::isnan(best.backtest_mape)) {
    comparison.reason = best.fit.title + " forecasts best: fitted on periods up to " +
                        format_number(comparison.backtest_cutoff) + ", it misses the later ones "
                        "by " + format_number(best.backtest_mape, 3) + "% on average (MAPE), the "
                        "lowest of the models";
  } else if (std::isfinite(best.fit.aic)) {
    comparison.reason = best.fit.title + " has the lowest AIC (" + format_number(best.fit.aic) +
                        "); there are too few periods to hold some out for a backtest";
  } else {
    comparison.reason = best.fit.title + " is the first model that could be fitted: there are "
                        "too few periods to hold some out for a backtest or to compare AIC";
  }
  comparison.reason += caveats(comparison);
  return comparison;
}

}  // namespace retention
