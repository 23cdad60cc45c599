// Log-likelihood of survivor counts under a retention model. For a cohort of n_0 members
// observed at periods t_1 < ... < t_k with n_1 >= ... >= n_k still active,
//
//   LL = sum_i (n_{i-1} - n_i) ln[S(t_{i-1}) - S(t_i)] + n_k ln S(t_k),   t_0 = 0,
//
// the members lost in each interval, plus the survivors still active at the end: they are
// right-censored, and leaving their term out is the classic mistake. Cohorts add up.
// Reference: Fader and Hardie (2007), equation (6), extended to intervals that skip periods.
#pragma once

#include "fit/observations.h"
#include "models/model.h"

namespace retention {

/// LL of the counts; -infinity where the model gives an observed loss zero probability.
double log_likelihood(const RetentionModel& model, const Parameters& theta,
                      const std::vector<CohortCounts>& cohorts);

}  // namespace retention
