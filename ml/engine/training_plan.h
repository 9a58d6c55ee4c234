#pragma once
// How the engine trains when the caller does not tune it: the settings the assist
// pipeline uses and the Fashion-MNIST benchmark measures (RECIPE=product), so that what is
// measured is what ships (docs/ml-engine.md, "Training plans").

#include "ml/engine/trainer.h"

#include <cstddef>

namespace pixmark::ml {

/// Epochs for a training on `trainingSamples` images that sees about `imagesToSee` images in
/// all: fewer epochs as the labels grow (each sees more variety), so that a retraining on a
/// growing project takes about as long as the first; never fewer than min(minEpochs, maxEpochs)
/// nor more than maxEpochs.
int plannedEpochs(std::size_t trainingSamples, double imagesToSee, int minEpochs, int maxEpochs);

/// Which training: a classifier on the labels, a self-training student (a classifier on the
/// labels and a teacher's accepted prelabels), or a detector or segmenter on the labels.
enum class TrainingRole { Classifier, Student, DenseModel };

/// The trainer's settings for a training of `role` on `trainingSamples` images (after the
/// held-out part is taken out), at most maxEpochs epochs (0: the plan's own limit). The caller
/// adds the device, the seed, the held-out samples and the checkpoint.
TrainerOptions plannedTraining(std::size_t trainingSamples, TrainingRole role, int maxEpochs = 0);

} // namespace pixmark::ml
