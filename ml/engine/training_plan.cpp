#include "ml/engine/training_plan.h"

#include <algorithm>
#include <cmath>

namespace pixmark::ml {

namespace {

// Images seen per training: 40 epochs of 1,000 labels' training part.
constexpr double kImagesPerTraining = 30000;
constexpr int kMinEpochs = 10;
constexpr int kMaxEpochs = 40;
constexpr double kClassifierImagesPerTraining = 112500;
constexpr int kClassifierMaxEpochs = 300;
constexpr double kStudentImagesPerTraining = 405000;

} // namespace

int plannedEpochs(std::size_t trainingSamples, double imagesToSee, int minEpochs, int maxEpochs)
{
    const auto byBudget =
        static_cast<int>(std::ceil(imagesToSee / static_cast<double>(std::max<std::size_t>(trainingSamples, 1))));
    return std::clamp(byBudget, std::min(minEpochs, maxEpochs), maxEpochs);
}

TrainerOptions plannedTraining(std::size_t trainingSamples, TrainingRole role, int maxEpochs)
{
    TrainerOptions options;
    if (role == TrainingRole::DenseModel) {
        options.maxEpochs =
            plannedEpochs(trainingSamples, kImagesPerTraining, kMinEpochs, maxEpochs > 0 ? maxEpochs : kMaxEpochs);
        return options;
    }
    options.batchSize = 32;
    options.learningRate = 3e-3;
    options.weightDecay = 0.05;
    options.augmentOptions.erasing = 0.5;
    options.keepLastWeights = true;
    options.maxEpochs = plannedEpochs(
        trainingSamples, role == TrainingRole::Student ? kStudentImagesPerTraining : kClassifierImagesPerTraining,
        kMinEpochs, maxEpochs > 0 ? maxEpochs : kClassifierMaxEpochs);
    return options;
}

} // namespace pixmark::ml
