#include "ml/engine/classification_task.h"

#include "ml/engine/errors.h"

#include <torch/torch.h>

namespace pixmark::ml {

ClassificationTask::ClassificationTask(Classifier& classifier, const at::Tensor& targets) : mClassifier(classifier)
{
    const auto& spec = classifier.spec();
    const std::string classes = std::to_string(spec.classes);
    if (spec.mode == LabelMode::MultiClass) {
        if (targets.dim() != 1 || targets.is_floating_point())
            throw InvalidInputError("Multi-class targets are one class index per image.");
        mTargets = targets.to(torch::kCPU, torch::kInt64).contiguous();
        if (mTargets.numel() > 0 && (mTargets.min().item<std::int64_t>() < 0 ||
                                     mTargets.max().item<std::int64_t>() >= spec.classes))
            throw InvalidInputError("A multi-class target is outside the classifier's " + classes + " classes.");
    } else {
        if (targets.dim() != 2 || targets.size(1) != spec.classes)
            throw InvalidInputError("Multi-label targets are one row of " + classes + " zeros and ones per image.");
        mTargets = targets.to(torch::kCPU, torch::kFloat32).contiguous();
    }
    mDeviceTargets = mTargets;
}

std::int64_t ClassificationTask::sampleCount() const
{
    return mTargets.size(0);
}

std::int64_t ClassificationTask::stratum(std::int64_t sample) const
{
    if (mClassifier.spec().mode == LabelMode::MultiClass)
        return mTargets[sample].item<std::int64_t>();
    // Multi-label: group by the first positive class, which keeps rare classes in both parts.
    const auto positive = mTargets[sample].nonzero();
    return positive.numel() == 0 ? -1 : positive[0][0].item<std::int64_t>();
}

std::vector<at::Tensor> ClassificationTask::parameters()
{
    return mClassifier.parameters();
}

std::vector<std::pair<std::string, at::Tensor>> ClassificationTask::state()
{
    return mClassifier.state();
}

std::string ClassificationTask::describe() const
{
    return mClassifier.describe();
}

void ClassificationTask::setTraining(bool training)
{
    mClassifier.setTraining(training);
}

void ClassificationTask::to(c10::Device device, bool channelsLast)
{
    mClassifier.to(device, channelsLast);
    mDeviceTargets = mTargets.to(device);
}

at::Tensor ClassificationTask::forward(const at::Tensor& images)
{
    return mClassifier.logits(images);
}

at::Tensor ClassificationTask::targetsOf(const at::Tensor& samples, c10::Device device) const
{
    return mDeviceTargets.index_select(0, samples.to(mDeviceTargets.device())).to(device);
}

at::Tensor ClassificationTask::loss(const at::Tensor& outputs, const at::Tensor& samples)
{
    // Losses in float32 even under autocast: bfloat16 log-softmax loses the small differences.
    const auto logits = outputs.to(torch::kFloat32);
    const auto targets = targetsOf(samples, logits.device());
    if (mClassifier.spec().mode == LabelMode::MultiClass)
        return torch::nn::functional::cross_entropy(logits, targets);
    return torch::nn::functional::binary_cross_entropy_with_logits(logits, targets);
}

at::Tensor ClassificationTask::consistencyLoss(const at::Tensor& weakOutputs, const at::Tensor& strongOutputs,
                                               double threshold, at::Tensor& accepted)
{
    namespace F = torch::nn::functional;
    const auto strong = strongOutputs.to(torch::kFloat32);
    torch::Tensor sure;
    torch::Tensor perImage;
    if (mClassifier.spec().mode == LabelMode::MultiClass) {
        const auto [confidence, answer] = torch::softmax(weakOutputs.detach().to(torch::kFloat32), 1).max(1);
        sure = confidence >= threshold;
        perImage = F::cross_entropy(strong, answer, F::CrossEntropyFuncOptions().reduction(torch::kNone));
        perImage = perImage * sure.to(torch::kFloat32);
        accepted = sure.sum();
        return perImage.mean();
    }
    const auto probability = torch::sigmoid(weakOutputs.detach().to(torch::kFloat32));
    sure = (probability >= threshold) | (probability <= 1 - threshold);
    const auto perClass = F::binary_cross_entropy_with_logits(
        strong, (probability >= 0.5).to(torch::kFloat32),
        F::BinaryCrossEntropyWithLogitsFuncOptions().reduction(torch::kNone));
    accepted = sure.all(1).sum();
    return (perClass * sure.to(torch::kFloat32)).mean();
}

std::string ClassificationTask::metricName() const
{
    return "accuracy";
}

double ClassificationTask::metricSum(const at::Tensor& outputs, const at::Tensor& samples)
{
    torch::NoGradGuard noGrad;
    const auto logits = outputs.to(torch::kFloat32);
    const auto targets = targetsOf(samples, logits.device());
    if (mClassifier.spec().mode == LabelMode::MultiClass)
        return logits.argmax(1).eq(targets).sum().item<double>();
    // Per image, the fraction of classes decided right at probability 0.5.
    return (logits > 0).eq(targets > 0.5).to(torch::kFloat32).mean(1).sum().item<double>();
}

} // namespace pixmark::ml
