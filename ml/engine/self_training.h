#pragma once
// Self-training with a new model, a "student": the teacher's calibrated prelabels of unlabeled
// images join the human labels as targets, and a new classifier trains on both from scratch,
// holding out the same labeled images as the teacher did, so that the student is calibrated on
// human labels only. With few labels and many unlabeled images this is what lifts a classifier
// most (Fashion-MNIST at 1,000 labels: see docs/benchmarks.md).

#include "ml/engine/calibration.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace pixmark::ml {

/// What a student trains on.
struct StudentSet {
    /// The labeled records first, in the order given, then the pseudo-labeled ones; a labeled
    /// record keeps its sample number, so the teacher's held-out samples can be held out again.
    std::vector<std::int64_t> records;
    at::Tensor targets; ///< int64 [records.size()]
    std::int64_t pseudoLabeled = 0; ///< records taken from the teacher's prelabels
};

/// The labeled records with their class targets (int64 [N]), then up to `maxPseudoLabels` of
/// the unlabeled records (0: all) whose teacher prediction `calibration` accepts, each with the
/// teacher's top class; taken in the order given, so a shuffled order gives a random draw.
/// teacherProbabilities: float [unlabeledRecords.size(), classes]. Multi-class only. Throws
/// InvalidInputError for multi-label targets, mismatched sizes, or a record both labeled and not.
StudentSet studentTrainingSet(const std::vector<std::int64_t>& labeledRecords, const at::Tensor& labeledTargets,
                              const std::vector<std::int64_t>& unlabeledRecords, const at::Tensor& teacherProbabilities,
                              const Calibration& calibration, std::int64_t maxPseudoLabels = 0);

} // namespace pixmark::ml
