#pragma once
// The calibration's defaults, apart from calibration.h so that callers whose headers keep
// LibTorch out (the assist pipeline's options) can share them.

namespace pixmark::ml {

/// Share of the accepted prelabels that must be right on the held-out labels.
inline constexpr double kDefaultTargetPrecision = 0.95;

/// How sure the held-out labels must make us that the target precision is reached: a one-sided
/// confidence for the lower bound on the measured precision (see CalibrationOptions::confidence).
inline constexpr double kDefaultCalibrationConfidence = 0.8;

} // namespace pixmark::ml
