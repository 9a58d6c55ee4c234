// The engine's training plans: how long a training runs as the labels grow, and what a
// classifier, a self-training student and a detector or segmenter train with.

#include "ml/engine/training_plan.h"

#include <catch2/catch.hpp>

using namespace pixmark;

TEST_CASE("A planned training sees about its budget of images, within its epoch limits", "[ml][plan]")
{
    CHECK(ml::plannedEpochs(750, 30000, 10, 40) == 40);
    CHECK(ml::plannedEpochs(1000, 30000, 10, 40) == 30);
    CHECK(ml::plannedEpochs(7, 100, 10, 40) == 15); // rounded up: at least the budget
    CHECK(ml::plannedEpochs(100000, 30000, 10, 40) == 10);
    CHECK(ml::plannedEpochs(100000, 30000, 10, 4) == 4); // a lower limit than the minimum wins
    CHECK(ml::plannedEpochs(0, 30000, 10, 40) == 40);    // nothing to train on is no division by zero
}

TEST_CASE("A classifier's plan sees 112,500 images and keeps its last weights; a detector's stays short", "[ml][plan]")
{
    const auto classifier = ml::plannedTraining(750, ml::TrainingRole::Classifier);
    CHECK(classifier.maxEpochs == 150);
    CHECK(classifier.keepLastWeights);
    CHECK(classifier.augmentOptions.erasing > 0);
    // More labels, fewer epochs: a retraining takes about as long as the first training.
    CHECK(ml::plannedTraining(3750, ml::TrainingRole::Classifier).maxEpochs == 30);
    CHECK(ml::plannedTraining(1000000, ml::TrainingRole::Classifier).maxEpochs == 10);
    // The caller's limit wins over the plan's.
    CHECK(ml::plannedTraining(750, ml::TrainingRole::Classifier, 20).maxEpochs == 20);

    const auto student = ml::plannedTraining(6750, ml::TrainingRole::Student);
    CHECK(student.keepLastWeights);
    CHECK(student.augmentOptions.erasing > 0);
    CHECK(student.maxEpochs * 6750 >= 112500);

    const auto detector = ml::plannedTraining(750, ml::TrainingRole::DenseModel);
    CHECK(detector.maxEpochs == 40);
    CHECK_FALSE(detector.keepLastWeights); // early stopping on the held-out loss
    CHECK(ml::plannedTraining(110, ml::TrainingRole::DenseModel, 12).maxEpochs == 12);
}
