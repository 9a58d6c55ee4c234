#pragma once
// Calibration of prelabel confidence on held-out labels: precision and coverage against the
// confidence threshold, and the lowest threshold whose precision reaches a target, per class
// where the held-out data allows and globally otherwise.

#include "ml/engine/calibration_defaults.h"
#include "ml/engine/classifier.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace pixmark::ml {

/// Precision and coverage of the decisions whose confidence is at least `threshold`.
struct CurvePoint {
    float threshold = 0;
    double precision = 0; ///< correct / accepted
    double coverage = 0;  ///< accepted / all
    std::int64_t accepted = 0;
    std::int64_t correct = 0;
};

/// The threshold picked for one class (or for all), with what it gives on the held-out data.
struct ThresholdChoice {
    float threshold = 0;  ///< +infinity when the target cannot be reached: nothing is prelabeled
    double precision = 0; ///< on the held-out decisions at this threshold (0 when unreached)
    double coverage = 0;  ///< share of those decisions accepted
    /// The precision the held-out data vouches for at the asked confidence (see
    /// CalibrationOptions::confidence): at most `precision`, equal to it when no confidence is asked.
    double precisionLowerBound = 0;
    std::int64_t support = 0; ///< held-out decisions it was chosen from
    bool reached = false;
    bool perClass = false; ///< chosen from this class's own decisions, not the global fallback
};

struct CalibrationOptions {
    double targetPrecision = kDefaultTargetPrecision;
    /// Held-out decisions a class needs for its own threshold; fewer use the global one. A
    /// class's own threshold must earn its bound on its decisions alone: from 30, with 500 to
    /// 1,000 held-out Fashion-MNIST labels, those bounds cost 10-20 points of coverage against one
    /// threshold and kept the promise far beyond the asked confidence (docs/benchmarks.md,
    /// "Calibration over many held-out draws").
    std::int64_t minPerClass = 100;
    /// How sure the held-out data must make us that the precision reaches the target: the
    /// threshold is the lowest whose one-sided Wilson lower bound on the precision, at this
    /// confidence, reaches the target. A few hundred held-out labels measure precision to a
    /// point or two, and the lowest threshold whose measured precision reaches the target
    /// picks the luckiest point of the curve; the bound pays for both with a little coverage.
    /// 0: the measured precision as it is.
    double confidence = kDefaultCalibrationConfidence;
};

/// The outcome: one threshold per class and the overall precision/coverage they give.
struct Calibration {
    double targetPrecision = kDefaultTargetPrecision;
    double confidence = 0; ///< as asked in CalibrationOptions
    /// The threshold of the classes without their own, chosen on their decisions pooled (on
    /// every decision when all classes or none have their own), so that each group of
    /// decisions, and therefore all of them together, reaches the target on the held-out data.
    ThresholdChoice global;
    std::vector<ThresholdChoice> classes; ///< what each class uses
    double precision = 0; ///< held-out precision with the per-class thresholds
    double coverage = 0;  ///< held-out coverage with the per-class thresholds
};

/// The curve for decisions with these confidences and correctness, one point per distinct
/// confidence, thresholds descending (coverage ascending).
std::vector<CurvePoint> precisionCoverageCurve(const std::vector<float>& confidence, const std::vector<bool>& correct);

/// The one-sided Wilson score lower bound on a proportion of `right` in `total` at `confidence`
/// (in [0, 1); 0 gives the proportion itself). 0 when `total` is 0.
double wilsonLowerBound(std::int64_t right, std::int64_t total, double confidence);

/// The lowest threshold whose precision is at least `target`, from precisionCoverageCurve();
/// with `confidenceLevel` above 0, the lowest whose Wilson lower bound on it is.
ThresholdChoice chooseThreshold(const std::vector<float>& confidence, const std::vector<bool>& correct, double target,
                                double confidenceLevel = 0);

/// Calibrates from held-out probabilities [N, K] (float) and targets (int64 [N] for
/// multi-class, 0/1 [N, K] for multi-label). A multi-class decision is the top class with its
/// probability as confidence; a multi-label decision is one class of one image, "present" at
/// p >= 0.5 with confidence max(p, 1 - p). Throws InvalidInputError on mismatched shapes.
Calibration calibrate(const at::Tensor& probabilities, const at::Tensor& targets, LabelMode mode,
                      const CalibrationOptions& options = {});

/// Which decisions become prelabels under the calibration: bool [N] for multi-class (the top
/// class is accepted), bool [N, K] for multi-label (the present/absent decision is accepted).
at::Tensor acceptedDecisions(const Calibration& calibration, const at::Tensor& probabilities, LabelMode mode);

} // namespace pixmark::ml
