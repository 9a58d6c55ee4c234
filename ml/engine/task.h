#pragma once
// What the trainer trains. A task owns a model, its labeled targets, its loss and its metric;
// the trainer owns everything else (split, batches, augmentation, optimizer, mixed precision,
// early stopping, checkpoints, progress, cancel). The classifier is one task; a detector or a
// segmenter becomes another by implementing this interface, without a second training loop.

#include "ml/engine/augment.h"
#include "ml/engine/errors.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pixmark::ml {

/// A model with its targets. Samples are numbered 0..sampleCount()-1; the trainer hands the
/// task int64 CPU tensors of sample numbers and the task looks up its own targets.
class Task {
public:
    virtual ~Task() = default;

    /// Labeled samples the task can be trained on.
    virtual std::int64_t sampleCount() const = 0;
    /// A group the held-out split keeps in proportion (the class for a classifier), or 0.
    virtual std::int64_t stratum(std::int64_t sample) const
    {
        static_cast<void>(sample);
        return 0;
    }

    /// Trainable parameters, for the optimizer.
    virtual std::vector<at::Tensor> parameters() = 0;
    /// Every parameter and buffer by a stable name: what checkpoints save and load.
    virtual std::vector<std::pair<std::string, at::Tensor>> state() = 0;
    /// Architecture and targets' shape in words; a checkpoint only loads into the same text.
    virtual std::string describe() const = 0;
    /// Switches training behaviour (batch norm statistics, dropout) on or off.
    virtual void setTraining(bool training) = 0;
    /// Moves the model to the device, converting convolution weights to channels-last if asked.
    virtual void to(c10::Device device, bool channelsLast) = 0;

    /// Model outputs for a batch of images [B, C, S, S] in [0, 1].
    virtual at::Tensor forward(const at::Tensor& images) = 0;
    /// Mean loss of the outputs against the targets of `samples` (float32 scalar).
    virtual at::Tensor loss(const at::Tensor& outputs, const at::Tensor& samples) = 0;
    /// Name of the validation metric (higher is better), e.g. "accuracy".
    virtual std::string metricName() const = 0;
    /// Sum over the batch of the per-sample metric; the trainer divides by the sample count.
    virtual double metricSum(const at::Tensor& outputs, const at::Tensor& samples) = 0;

    /// Whether consistencyLoss() is implemented: the task can learn from unlabeled images.
    virtual bool learnsFromUnlabeled() const { return false; }
    /// The loss of learning from unlabeled images (consistency.h): where the weak view's outputs
    /// are at least `threshold` sure, the strong view's outputs must give the same answer.
    /// Averaged over all the unlabeled images (unsure ones add zero); `accepted` gets the count
    /// of sure ones (a device scalar, so that no step waits for the device).
    virtual at::Tensor consistencyLoss(const at::Tensor& weakOutputs, const at::Tensor& strongOutputs, double threshold,
                                       at::Tensor& accepted)
    {
        static_cast<void>(weakOutputs), static_cast<void>(strongOutputs), static_cast<void>(threshold),
            static_cast<void>(accepted);
        throw InvalidInputError(cannotLearnFromUnlabeled());
    }

    /// Why this task cannot learn from unlabeled images, in words a user can act on.
    std::string cannotLearnFromUnlabeled() const
    {
        return "This model (" + describe() + ") cannot learn from unlabeled images; train it on labeled images only.";
    }

    /// Augments a training batch. Tasks whose targets have geometry override this to move
    /// their targets with the returned affine maps.
    virtual at::Tensor augment(const Augmenter& augmenter, const at::Tensor& images, const at::Tensor& samples)
    {
        static_cast<void>(samples);
        return augmenter.apply(images).images;
    }
};

} // namespace pixmark::ml
