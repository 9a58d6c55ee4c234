#include "ml/engine/detection_task.h"

#include "ml/engine/box_ops.h"
#include "ml/engine/errors.h"

#include <torch/torch.h>

#include <algorithm>

namespace pixmark::ml {

namespace F = torch::nn::functional;

DetectionTask::DetectionTask(Detector& detector, const std::vector<std::vector<BoxTarget>>& targets,
                             const TrainingCacheReader& cache, const std::vector<std::int64_t>& records)
    : mDetector(detector)
{
    if (targets.size() != records.size())
        throw InvalidInputError("The detector got boxes for " + std::to_string(targets.size()) + " images and " +
                                std::to_string(records.size()) + " cache records; they must be one per image.");
    std::size_t most = 1;
    for (const auto& boxes : targets)
        most = std::max(most, boxes.size());
    const auto n = static_cast<std::int64_t>(targets.size());
    mTargets = torch::full({n, static_cast<std::int64_t>(most), 5}, -1.0f);
    auto* out = mTargets.data_ptr<float>();
    const int classes = detector.spec().classes;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto r = records[i];
        if (r < 0 || static_cast<std::size_t>(r) >= cache.size())
            throw InvalidInputError("A training image (cache record " + std::to_string(r) +
                                    ") is not in the training cache; update the cache and try again.");
        const auto placement = cache.record(static_cast<std::size_t>(r));
        for (std::size_t k = 0; k < targets[i].size(); ++k) {
            const auto& box = targets[i][k];
            if (box.classIndex < 0 || box.classIndex >= classes)
                throw InvalidInputError("A box has class " + std::to_string(box.classIndex) + " but the detector has " +
                                        std::to_string(classes) + " classes.");
            if (!(box.width >= 0 && box.height >= 0))
                throw InvalidInputError("A box has a negative or undefined width or height.");
            const auto c = toCacheCorners(box, placement);
            float* row = out + (i * most + k) * 5;
            std::copy(c.begin(), c.end(), row);
            row[4] = static_cast<float>(box.classIndex);
        }
    }
    mDeviceTargets = mTargets;
}

std::int64_t DetectionTask::sampleCount() const
{
    return mTargets.size(0);
}

std::int64_t DetectionTask::stratum(std::int64_t sample) const
{
    // The class of the first box keeps every class in both parts; images without boxes are -1.
    return static_cast<std::int64_t>(mTargets[sample][0][4].item<float>());
}

std::vector<at::Tensor> DetectionTask::parameters()
{
    return mDetector.parameters();
}

std::vector<std::pair<std::string, at::Tensor>> DetectionTask::state()
{
    return mDetector.state();
}

std::string DetectionTask::describe() const
{
    return mDetector.describe();
}

void DetectionTask::setTraining(bool training)
{
    mDetector.setTraining(training);
}

void DetectionTask::to(c10::Device device, bool channelsLast)
{
    mDetector.to(device, channelsLast);
    mDeviceTargets = mTargets.to(device);
}

at::Tensor DetectionTask::forward(const at::Tensor& images)
{
    mSide = images.size(2);
    return mDetector.forward(images);
}

at::Tensor DetectionTask::boxesOf(const at::Tensor& samples, c10::Device device)
{
    if (mAugmentedSamples.defined() && mAugmentedSamples.sizes() == samples.sizes() &&
        torch::equal(mAugmentedSamples, samples.to(mAugmentedSamples.device())))
        return mAugmentedBoxes.to(device);
    return mDeviceTargets.index_select(0, samples.to(mDeviceTargets.device())).to(device);
}

at::Tensor DetectionTask::transformBoxes(const at::Tensor& boxes, const at::Tensor& theta, std::int64_t width,
                                         std::int64_t height)
{
    torch::NoGradGuard noGrad;
    const auto w = static_cast<double>(width), h = static_cast<double>(height);
    const auto t = theta.to(boxes.device(), torch::kFloat32);
    // theta maps output to input normalized coordinates: in = A out + c; invert A (2x2) per image.
    const auto a = t.select(2, 0).select(1, 0), b = t.select(2, 1).select(1, 0);
    const auto c = t.select(2, 0).select(1, 1), d = t.select(2, 1).select(1, 1);
    const auto det = a * d - b * c;
    const auto tx = t.select(1, 0).select(1, 2), ty = t.select(1, 1).select(1, 2);
    auto unsq = [](const torch::Tensor& v) { return v.unsqueeze(1); };
    const auto x1 = boxes.select(2, 0) * (2 / w) - 1, y1 = boxes.select(2, 1) * (2 / h) - 1;
    const auto x2 = boxes.select(2, 2) * (2 / w) - 1, y2 = boxes.select(2, 3) * (2 / h) - 1;
    std::vector<torch::Tensor> xs, ys;
    for (const auto& [px, py] : {std::pair{x1, y1}, std::pair{x2, y1}, std::pair{x1, y2}, std::pair{x2, y2}}) {
        const auto dx = px - unsq(tx), dy = py - unsq(ty);
        xs.push_back((unsq(d) * dx - unsq(b) * dy) / unsq(det));
        ys.push_back((-unsq(c) * dx + unsq(a) * dy) / unsq(det));
    }
    const auto X = torch::stack(xs, 2), Y = torch::stack(ys, 2);
    auto nx1 = (std::get<0>(X.min(2)) + 1) * (w / 2), nx2 = (std::get<0>(X.max(2)) + 1) * (w / 2);
    auto ny1 = (std::get<0>(Y.min(2)) + 1) * (h / 2), ny2 = (std::get<0>(Y.max(2)) + 1) * (h / 2);
    const auto area = (nx2 - nx1) * (ny2 - ny1);
    nx1 = nx1.clamp(0, w), nx2 = nx2.clamp(0, w), ny1 = ny1.clamp(0, h), ny2 = ny2.clamp(0, h);
    const auto visible = (nx2 - nx1) * (ny2 - ny1);
    const auto keep = boxes.select(2, 4).ge(0) & (visible >= area * 0.5) & ((nx2 - nx1) >= 2) & ((ny2 - ny1) >= 2);
    const auto cls = torch::where(keep, boxes.select(2, 4), torch::full_like(nx1, -1));
    return torch::stack({nx1, ny1, nx2, ny2, cls}, 2);
}

at::Tensor DetectionTask::augment(const Augmenter& augmenter, const at::Tensor& images, const at::Tensor& samples)
{
    auto batch = augmenter.apply(images);
    mAugmentedBoxes = transformBoxes(boxesOf(samples, images.device()), batch.theta, images.size(3), images.size(2));
    mAugmentedSamples = samples.clone();
    return batch.images;
}

at::Tensor DetectionTask::loss(const at::Tensor& outputs, const at::Tensor& samples)
{
    const auto out = outputs.to(torch::kFloat32);
    const auto device = out.device();
    const auto classes = static_cast<std::int64_t>(mDetector.spec().classes);
    const auto b = out.size(0), h = out.size(2), w = out.size(3);
    const double stride = static_cast<double>(mSide > 0 ? mSide : h) / static_cast<double>(h);
    const auto boxes = boxesOf(samples, device);

    torch::Tensor heatTarget, index, regTarget;
    {
        torch::NoGradGuard noGrad;
        const auto valid = boxes.select(2, 4).ge(0) & (boxes.select(2, 2) - boxes.select(2, 0)).ge(1) &
                           (boxes.select(2, 3) - boxes.select(2, 1)).ge(1);
        const auto where = valid.nonzero(); // [K, 2]: image, box
        const auto image = where.select(1, 0);
        const auto sel = boxes.index({image, where.select(1, 1)}); // [K, 5]
        const auto cx = (sel.select(1, 0) + sel.select(1, 2)) / (2 * stride);
        const auto cy = (sel.select(1, 1) + sel.select(1, 3)) / (2 * stride);
        const auto cellX = cx.floor().clamp(0, static_cast<double>(w - 1));
        const auto cellY = cy.floor().clamp(0, static_cast<double>(h - 1));
        const auto bw = (sel.select(1, 2) - sel.select(1, 0)) / stride;
        const auto bh = (sel.select(1, 3) - sel.select(1, 1)) / stride;
        // Elliptic Gaussians around the centre cells (their peak is exactly 1).
        const auto sx = (bw / 8).clamp_min(0.5).view({-1, 1, 1}), sy = (bh / 8).clamp_min(0.5).view({-1, 1, 1});
        const auto gx = torch::arange(w, out.options()).view({1, 1, w}) - cellX.view({-1, 1, 1});
        const auto gy = torch::arange(h, out.options()).view({1, h, 1}) - cellY.view({-1, 1, 1});
        const auto gauss = torch::exp(-(gx * gx / (2 * sx * sx) + gy * gy / (2 * sy * sy))); // [K, h, w]
        const auto group = image * classes + sel.select(1, 4).to(torch::kInt64);
        heatTarget = torch::zeros({b * classes, h * w}, out.options());
        heatTarget.scatter_reduce_(0, group.unsqueeze(1).expand({group.size(0), h * w}), gauss.reshape({-1, h * w}),
                                   "amax", /*include_self=*/true);
        heatTarget = heatTarget.view({b, classes, h, w});
        index = image * (h * w) + (cellY * static_cast<double>(w) + cellX).to(torch::kInt64);
        regTarget = torch::stack({cx - cellX, cy - cellY, bw.clamp_min(1e-3).log(), bh.clamp_min(1e-3).log()}, 1);
    }

    // Penalty-reduced focal loss (CenterNet), from logits for stability.
    const auto logits = out.slice(1, 0, classes);
    const auto p = torch::sigmoid(logits);
    const auto positive = heatTarget.eq(1).to(torch::kFloat32);
    const auto positives = positive.sum().clamp_min(1);
    const auto posLoss = -(F::logsigmoid(logits) * (1 - p).pow(2) * positive).sum();
    const auto negLoss = -(F::logsigmoid(-logits) * p.pow(2) * (1 - heatTarget).pow(4) * (1 - positive)).sum();
    auto total = (posLoss + negLoss) / positives;

    const auto reg = out.slice(1, classes, classes + 4).permute({0, 2, 3, 1}).reshape({b * h * w, 4});
    if (index.numel() > 0)
        total = total + 2 * F::l1_loss(reg.index_select(0, index), regTarget);
    else
        total = total + 0 * reg.sum();
    return total;
}

std::string DetectionTask::metricName() const
{
    return "F1 at IoU 0.5";
}

double DetectionTask::metricSum(const at::Tensor& outputs, const at::Tensor& samples)
{
    torch::NoGradGuard noGrad;
    const auto boxes = boxesOf(samples, torch::kCPU);
    const auto found = mDetector.decode(outputs, static_cast<int>(mSide > 0 ? mSide : outputs.size(2)), mMetricDecode);
    double sum = 0;
    for (std::size_t i = 0; i < found.size(); ++i) {
        const auto truth = boxes[static_cast<std::int64_t>(i)];
        const auto valid = truth.select(1, 4).ge(0).nonzero().squeeze(1);
        const auto t = truth.index_select(0, valid);
        const auto det = found[i].boxes.to(torch::kCPU);
        const auto detClasses = found[i].classes.to(torch::kCPU);
        const auto nt = t.size(0), nd = det.size(0);
        if (nt + nd == 0) {
            sum += 1;
            continue;
        }
        std::int64_t tp = 0;
        if (nt > 0 && nd > 0) {
            // Detections are best first: each takes the best free truth of its class.
            auto iou = boxIou(det, t.slice(1, 0, 4));
            iou = iou * detClasses.unsqueeze(1).eq(t.select(1, 4).to(torch::kInt64).unsqueeze(0));
            auto taken = torch::zeros({nt}, torch::kBool);
            for (std::int64_t k = 0; k < nd; ++k) {
                const auto row = iou[k].masked_fill(taken, 0);
                const auto best = row.argmax().item<std::int64_t>();
                if (row[best].item<float>() >= 0.5f) {
                    taken[best] = true;
                    ++tp;
                }
            }
        }
        sum += 2.0 * static_cast<double>(tp) / static_cast<double>(nt + nd);
    }
    return sum;
}

} // namespace pixmark::ml
