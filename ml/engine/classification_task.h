#pragma once
// The classifier as a training task: cross-entropy over softmax for multi-class targets,
// binary cross-entropy over sigmoids for multi-label targets; accuracy as the metric.

#include "ml/engine/classifier.h"
#include "ml/engine/task.h"

namespace pixmark::ml {

/// Trains `classifier` (not owned; must outlive the task) on the caller's targets.
class ClassificationTask : public Task {
public:
    /// targets: int64 [N] class indices for multi-class, or float/bool [N, classes] of 0/1
    /// for multi-label; sample i is the i-th image the trainer is given. Throws
    /// InvalidInputError when they do not fit the classifier.
    ClassificationTask(Classifier& classifier, const at::Tensor& targets);

    Classifier& classifier() { return mClassifier; }

    std::int64_t sampleCount() const override;
    std::int64_t stratum(std::int64_t sample) const override;
    std::vector<at::Tensor> parameters() override;
    std::vector<std::pair<std::string, at::Tensor>> state() override;
    std::string describe() const override;
    void setTraining(bool training) override;
    void to(c10::Device device, bool channelsLast) override;
    at::Tensor forward(const at::Tensor& images) override;
    at::Tensor loss(const at::Tensor& outputs, const at::Tensor& samples) override;
    std::string metricName() const override;
    double metricSum(const at::Tensor& outputs, const at::Tensor& samples) override;
    bool learnsFromUnlabeled() const override { return true; }
    /// Multi-class: the weak view's top class where its probability reaches the threshold.
    /// Multi-label: each class where its probability is at least the threshold or at most one
    /// minus it; an image counts as accepted when every class is sure.
    at::Tensor consistencyLoss(const at::Tensor& weakOutputs, const at::Tensor& strongOutputs, double threshold,
                               at::Tensor& accepted) override;

private:
    at::Tensor targetsOf(const at::Tensor& samples, c10::Device device) const;

    Classifier& mClassifier;
    at::Tensor mTargets;    ///< on the CPU, as given (multi-label as float)
    at::Tensor mDeviceTargets; ///< a copy on the training device
};

} // namespace pixmark::ml
