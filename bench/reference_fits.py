"""The Python reference for bench/run.mjs: the same fits as core_bench.cpp, written the way an
analyst would write them with scipy, on the same data (bench/fixtures.json).

- Power curve r(t) = a + 1 / (b + c t^d), b = 1 / (1 - a), by scipy.optimize.curve_fit with the
  bounds 0 <= a < 1, c >= 0, d >= 0 (the trust-region reflective method, which bounds need);
  unbounded Levenberg-Marquardt (method "lm", MINPACK) is timed too, for comparison.
- Shifted-beta-geometric and beta-discrete-Weibull by maximum likelihood on counts with
  scipy.optimize.minimize (L-BFGS-B on alpha, beta, c > 0), the likelihood of Fader and Hardie
  (2007), eq. (6): members lost in each period plus the survivors still active at the end,
      LL = sum_t (n_{t-1} - n_t) ln[S(t-1) - S(t)] + n_T ln S(T),
  with S(t) = B(alpha, beta + t^c) / B(alpha, beta) through scipy.special.betaln (c = 1: sBG).

Usage: python3 reference_fits.py FIXTURES.json  → one JSON object on stdout: per fit the median
wall-clock and CPU seconds over the timed repetitions, how many, and the parameters found.
"""

import json
import statistics
import sys
import time
import warnings

import numpy as np
import scipy
from scipy.optimize import curve_fit, minimize
from scipy.special import betaln

# Timing: a few untimed calls first, then repetitions until both floors below are reached.
WARMUP_CALLS = 5
MIN_REPETITIONS = 30
MIN_SECONDS = 1.5
MAX_REPETITIONS = 2000


def power_curve(t, a, c, d):
    return a + 1.0 / (1.0 / (1.0 - a) + c * np.power(t, d))


def fit_power_bounded(periods, retention):
    values, _ = curve_fit(power_curve, periods, retention, p0=(0.1, 1.0, 1.0),
                          bounds=([0.0, 0.0, 0.0], [1.0, np.inf, np.inf]))
    return dict(zip(("a", "c", "d"), values))


def fit_power_unbounded(periods, retention):
    values, _ = curve_fit(power_curve, periods, retention, p0=(0.1, 1.0, 1.0), method="lm")
    return dict(zip(("a", "c", "d"), values))


def counts_likelihood(cohorts):
    """Negative LL of the BdW (or sBG with c fixed at 1) over cohorts [(size, active...)],
    flattened once so that each evaluation is a few vector operations."""
    previous_t, t, lost, last_t, last_n = [], [], [], [], []
    for cohort in cohorts:
        counts = np.asarray(cohort, dtype=float)
        periods = np.arange(1, len(counts), dtype=float)
        previous_t.append(periods - 1)
        t.append(periods)
        lost.append(counts[:-1] - counts[1:])
        last_t.append(periods[-1])
        last_n.append(counts[-1])
    previous_t, t, lost = (np.concatenate(x) for x in (previous_t, t, lost))
    last_t, last_n = np.asarray(last_t), np.asarray(last_n)

    def negative_ll(alpha, beta, c=1.0):
        base = betaln(alpha, beta)
        survival_before = np.exp(betaln(alpha, beta + previous_t ** c) - base)
        survival_after = np.exp(betaln(alpha, beta + t ** c) - base)
        churn = np.maximum(survival_before - survival_after, 1e-300)
        censored = betaln(alpha, beta + last_t ** c) - base
        return -(np.dot(lost, np.log(churn)) + np.dot(last_n, censored))

    return negative_ll


def fit_sbg(cohorts):
    negative_ll = counts_likelihood(cohorts)
    result = minimize(lambda x: negative_ll(x[0], x[1]), x0=(1.0, 1.0), method="L-BFGS-B",
                      bounds=[(1e-8, 1e8)] * 2)
    return {"alpha": result.x[0], "beta": result.x[1]}


def fit_bdw(cohorts):
    negative_ll = counts_likelihood(cohorts)
    result = minimize(lambda x: negative_ll(x[0], x[1], x[2]), x0=(1.0, 1.0, 1.0),
                      method="L-BFGS-B", bounds=[(1e-8, 1e8)] * 3)
    return {"alpha": result.x[0], "beta": result.x[1], "c": result.x[2]}


def timed(fit, *data):
    """Median seconds of fit(*data) and the parameters it found."""
    for _ in range(WARMUP_CALLS):
        parameters = fit(*data)
    seconds, cpu_seconds = [], []
    started = time.perf_counter()
    while len(seconds) < MAX_REPETITIONS and (
            len(seconds) < MIN_REPETITIONS or time.perf_counter() - started < MIN_SECONDS):
        before, cpu_before = time.perf_counter(), time.process_time()
        fit(*data)
        seconds.append(time.perf_counter() - before)
        cpu_seconds.append(time.process_time() - cpu_before)
    return {
        "seconds": statistics.median(seconds),
        "cpuSeconds": statistics.median(cpu_seconds),
        "p95Seconds": float(np.percentile(seconds, 95)),
        "repetitions": len(seconds),
        "warmup": WARMUP_CALLS,
        "parameters": {name: float(value) for name, value in parameters.items()},
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        fixtures = json.load(file)
    power = fixtures["power"]
    points = {size: (np.asarray(power[f"points{size}"]["periods"], dtype=float),
                     np.asarray(power[f"points{size}"]["retention"], dtype=float))
              for size in (5, 180)}
    fader_hardie = fixtures["faderHardie"]
    regular = [[fader_hardie["cohortSize"], *fader_hardie["active"]]]
    triangle = [cohort["active"] for cohort in fixtures["triangle"]["cohorts"]]

    # The power curve's t^d at t = 0 with d near 0, and exp() of large likelihood steps, warn
    # on the way; the answers are checked against the core's instead.
    warnings.simplefilter("ignore")
    results = {
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__,
                     "scipy": scipy.__version__},
        "fits": {
            "power5": timed(fit_power_bounded, *points[5]),
            "power180": timed(fit_power_bounded, *points[180]),
            "power5Unbounded": timed(fit_power_unbounded, *points[5]),
            "power180Unbounded": timed(fit_power_unbounded, *points[180]),
            "sbg13": timed(fit_sbg, regular),
            "bdw13": timed(fit_bdw, regular),
            "sbgTriangle": timed(fit_sbg, triangle),
        },
    }
    json.dump(results, sys.stdout)
    print()


if __name__ == "__main__":
    main()
