// ML assist for segmentation: a U-Net segmenter trained on the project's masks (semantic)
// or its polygons filled in (instance), a confidence threshold calibrated on the held-out
// pixels it gives a class, and on the unlabeled items the pixels above it as prelabels:
// one mask per class (semantic), or one polygon per connected region (instance). No
// clustering: a canvas shows one item at a time.
#include "ml/assist/assist_steps_p.h"

#include "core/errors.h"
#include "core/geometry/mask_rle.h"
#include "core/geometry/polygon.h"
#include "ml/engine/batch_loader.h"
#include "ml/engine/checkpoint.h"
#include "ml/engine/segmentation_task.h"
#include "ml/engine/segmenter.h"
#include "ml/engine/torch_device.h"

#include <torch/torch.h>

#include <algorithm>
#include <map>

namespace pixmark::assist::detail {

namespace {

/// A region of fewer cache pixels is noise, not an object (instance segmentation).
constexpr int kMinRegionPixels = 4;
constexpr int kBatch = 32;

ml::SegmenterSpec segmenterSpecFor(const cache::TrainingCacheSpec& spec, int classes)
{
    ml::SegmenterSpec segmenter;
    segmenter.classes = classes + 1; // 0: no class (background)
    segmenter.inChannels = spec.channels;
    // Three halvings need a side divisible by 8; smaller images get fewer levels.
    segmenter.widths = spec.side % 8 == 0 ? std::vector<int>{16, 32, 64, 128} : std::vector<int>{16, 32};
    return segmenter;
}

/// The label of one item as a class-index bitmap of its original size: 0 where no class,
/// k + 1 for the k-th class; later annotations paint over earlier ones.
std::vector<std::uint8_t> classBitmap(const std::vector<Annotation>& annotations, int width, int height,
                                      const std::map<ClassId, int>& classIndex)
{
    std::vector<std::uint8_t> bitmap(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
    for (const Annotation& annotation : annotations) {
        MaskRle mask;
        if (annotation.kind == AnnotationKind::Mask)
            mask = parseMask(annotation.geometry);
        else if (annotation.kind == AnnotationKind::Polygon)
            mask = maskFromPolygon(parsePolygon(annotation.geometry), width, height);
        else
            continue;
        if (mask.width != width || mask.height != height)
            throw ValidationError("A mask of " + std::to_string(mask.width) + " x " + std::to_string(mask.height) +
                                  " does not fit its " + std::to_string(width) + " x " + std::to_string(height) +
                                  " image; redraw it.");
        const auto pixels = decodeMask(mask);
        const auto value = static_cast<std::uint8_t>(classIndex.at(annotation.classId) + 1);
        for (std::size_t i = 0; i < pixels.size(); ++i)
            if (pixels[i])
                bitmap[i] = value;
    }
    return bitmap;
}

/// Labels and confidences [B, S, S] of the segmenter on cache records.
std::pair<at::Tensor, at::Tensor> segment(ml::Segmenter& segmenter, const ml::TrainingCacheReader& cache,
                                          const std::vector<std::int64_t>& records)
{
    torch::NoGradGuard noGrad;
    segmenter.setTraining(false);
    const auto probabilities = torch::softmax(segmenter.forward(ml::loadBatch(cache, records, segmenter.device())), 1);
    const auto [confidence, labels] = probabilities.max(1);
    return {labels.to(torch::kCPU).contiguous(), confidence.to(torch::kFloat32).to(torch::kCPU).contiguous()};
}

/// A bitmap of cache pixels (side x side, row-major, non-zero = set) at the original image's
/// size: each original pixel takes the cache pixel its centre falls in.
std::vector<std::uint8_t> toOriginal(const std::vector<std::uint8_t>& cachePixels, int side,
                                     const ml::CacheRecord& placement)
{
    const int width = static_cast<int>(placement.originalWidth);
    const int height = static_cast<int>(placement.originalHeight);
    const double s = placement.scale > 0 ? placement.scale : 1.0;
    std::vector<int> columns(static_cast<std::size_t>(width));
    for (int x = 0; x < width; ++x)
        columns[static_cast<std::size_t>(x)] =
            std::clamp(static_cast<int>(std::floor((x + 0.5) * s + placement.padX)), 0, side - 1);
    std::vector<std::uint8_t> out(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
    for (int y = 0; y < height; ++y) {
        const int cy = std::clamp(static_cast<int>(std::floor((y + 0.5) * s + placement.padY)), 0, side - 1);
        const std::uint8_t* row = cachePixels.data() + static_cast<std::size_t>(cy) * static_cast<std::size_t>(side);
        std::uint8_t* dst = out.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
        for (int x = 0; x < width; ++x)
            dst[x] = row[columns[static_cast<std::size_t>(x)]];
    }
    return out;
}

/// The 8-connected regions of the pixels set to value, each as a bitmap of the same size.
std::vector<std::vector<std::uint8_t>> regionsOf(const std::vector<std::uint8_t>& labels, int side, std::uint8_t value)
{
    std::vector<int> region(labels.size(), -1);
    std::vector<std::vector<std::uint8_t>> regions;
    std::vector<int> stack;
    for (int start = 0; start < side * side; ++start) {
        if (labels[static_cast<std::size_t>(start)] != value || region[static_cast<std::size_t>(start)] >= 0)
            continue;
        const int id = static_cast<int>(regions.size());
        regions.emplace_back(labels.size(), 0);
        stack.assign(1, start);
        region[static_cast<std::size_t>(start)] = id;
        while (!stack.empty()) {
            const int at = stack.back();
            stack.pop_back();
            regions.back()[static_cast<std::size_t>(at)] = 1;
            const int x = at % side, y = at / side;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int nx = x + dx, ny = y + dy;
                    if (nx < 0 || ny < 0 || nx >= side || ny >= side)
                        continue;
                    const auto next = static_cast<std::size_t>(ny * side + nx);
                    if (labels[next] == value && region[next] < 0) {
                        region[next] = id;
                        stack.push_back(static_cast<int>(next));
                    }
                }
        }
    }
    std::erase_if(regions, [](const std::vector<std::uint8_t>& r) {
        return std::count(r.begin(), r.end(), std::uint8_t{1}) < kMinRegionPixels;
    });
    return regions;
}

/// The prelabels of one item from its accepted cache pixels (class index + 1, 0 elsewhere):
/// a mask per class, or (instance) a polygon per region.
std::vector<Annotation> prelabelsOf(const std::vector<std::uint8_t>& accepted, const at::Tensor& confidence, int side,
                                    const ml::CacheRecord& placement, const std::vector<LabelClass>& classes,
                                    bool instances)
{
    std::vector<Annotation> result;
    const auto* conf = confidence.data_ptr<float>();
    const int width = static_cast<int>(placement.originalWidth);
    const int height = static_cast<int>(placement.originalHeight);
    for (std::size_t k = 0; k < classes.size(); ++k) {
        const auto value = static_cast<std::uint8_t>(k + 1);
        std::vector<std::vector<std::uint8_t>> parts;
        if (instances) {
            parts = regionsOf(accepted, side, value);
        } else if (std::find(accepted.begin(), accepted.end(), value) != accepted.end()) {
            parts.emplace_back(accepted.size(), 0);
            for (std::size_t i = 0; i < accepted.size(); ++i)
                parts.back()[i] = accepted[i] == value;
        }
        for (const auto& part : parts) {
            // The score: the mean confidence of the part's pixels.
            double sum = 0;
            int count = 0;
            for (std::size_t i = 0; i < part.size(); ++i)
                if (part[i]) {
                    sum += conf[i];
                    ++count;
                }
            const auto pixels = toOriginal(part, side, placement);
            const MaskRle mask = encodeMask(pixels.data(), width, height);
            if (area(mask) == 0)
                continue;
            Annotation annotation{classes[k].id, AnnotationKind::Mask, toJson(mask), sum / std::max(count, 1),
                                  ShapeOrigin::Drawn};
            if (instances) {
                const auto polygon = polygonFromMask(mask);
                if (!polygon || polygon->points.size() < 3)
                    continue;
                annotation.kind = AnnotationKind::Polygon;
                annotation.geometry = toJson(*polygon);
            }
            result.push_back(std::move(annotation));
        }
    }
    return result;
}

/// Step 4, inference: the pixels above the threshold on the unlabeled items replace the
/// model's earlier suggestions, as a mask per class or (instances) a polygon per region;
/// none when the target precision was not reached. Recorded under result.validationRun;
/// result.cancelled says whether it was cancelled.
void prelabelMasks(Project& project, ml::Segmenter& segmenter, const ml::ThresholdChoice& choice,
                   const std::vector<LabelClass>& classes, const ml::TrainingCacheReader& cacheReader, bool instances,
                   AssistReport& result, const Reporter& report, const CancelToken& cancel)
{
    const int side = cacheReader.side();
    const auto [unlabeledItems, unlabeledRecords] = unlabeledInCache(project, cacheReader);
    Step step(project, RunKind::Inference, result.validationRun,
              Json{{"items", unlabeledItems.size()}, {"threshold", choice.reached ? Json(choice.threshold) : Json()}});
    result.inferenceRun = step.id();
    std::vector<ModelSuggestion> suggestions;
    if (choice.reached) {
        const bool finished = recorded(step, [&] {
            for (std::size_t begin = 0; begin < unlabeledRecords.size(); begin += kBatch) {
                if (cancel.isCancelled())
                    return false;
                const std::size_t end = std::min(begin + kBatch, unlabeledRecords.size());
                const std::vector<std::int64_t> part(unlabeledRecords.begin() + static_cast<std::ptrdiff_t>(begin),
                                                     unlabeledRecords.begin() + static_cast<std::ptrdiff_t>(end));
                const auto [labels, conf] = segment(segmenter, cacheReader, part);
                for (std::size_t i = 0; i < part.size(); ++i) {
                    const auto* l = labels[static_cast<std::int64_t>(i)].data_ptr<std::int64_t>();
                    const auto* c = conf[static_cast<std::int64_t>(i)].data_ptr<float>();
                    std::vector<std::uint8_t> accepted(static_cast<std::size_t>(side) * static_cast<std::size_t>(side), 0);
                    for (std::size_t p = 0; p < accepted.size(); ++p)
                        if (l[p] > 0 && c[p] >= choice.threshold)
                            accepted[p] = static_cast<std::uint8_t>(l[p]);
                    const auto prelabels =
                        prelabelsOf(accepted, conf[static_cast<std::int64_t>(i)], side,
                                    cacheReader.record(static_cast<std::size_t>(part[i])), classes, instances);
                    for (const Annotation& annotation : prelabels)
                        suggestions.push_back(ModelSuggestion{unlabeledItems[begin + i], annotation});
                    if (!prelabels.empty())
                        ++result.prelabeled;
                }
                report(static_cast<std::int64_t>(end), static_cast<std::int64_t>(unlabeledRecords.size()), "inference");
            }
            return true;
        });
        if (!finished) {
            step.finish(RunStatus::Cancelled, Json::object());
            result.cancelled = true;
            return;
        }
    }
    finishInference(project, step, suggestions, static_cast<std::int64_t>(unlabeledItems.size()),
                    instances ? "polygons" : "masks", result, report);
}

} // namespace

AssistReport runSegmentationPipeline(Project& project, const AssistOptions& options, const Reporter& report,
                                     const CancelToken& cancel)
{
    const ProjectInfo info = project.info();
    const bool instances = info.taskType == TaskType::InstanceSegmentation;
    const std::vector<LabelClass> classes = project.classes();
    if (classes.empty())
        throw ValidationError("A segmenter needs at least one class; add the classes first.");
    if (classes.size() > 200)
        throw ValidationError("A segmenter trains on at most 200 classes; this project has " +
                              std::to_string(classes.size()) + ".");
    const std::map<ClassId, int> classIndex = classIndexOf(classes);
    AssistReport result;

    // 1. The training cache.
    const cache::TrainingCacheSpec spec = cache::trainingCacheSpecOf(project);
    const auto cached = refreshCache(project, spec, result, report, cancel);
    if (!cached)
        return result;
    const ml::TrainingCacheReader& cacheReader = *cached;
    const int side = cacheReader.side();

    // 2. Training, on every current label whose image is cached: its pixels without a class
    // are background; what lies outside the letterboxed image is left out.
    std::vector<std::int64_t> records;
    std::vector<at::Tensor> masks;
    for (const auto& [item, annotations] : project.currentLabels()) {
        const auto record = cacheReader.find(item);
        if (!record)
            continue;
        const ml::CacheRecord placement = cacheReader.record(*record);
        const int width = static_cast<int>(placement.originalWidth);
        const int height = static_cast<int>(placement.originalHeight);
        masks.push_back(ml::maskToCache(classBitmap(annotations, width, height, classIndex), width, height, placement,
                                        side));
        records.push_back(static_cast<std::int64_t>(*record));
    }
    requireEnoughLabels(records.size(), info.taskType);
    ml::seedInitialWeights(options.seed);
    ml::Segmenter segmenter(segmenterSpecFor(spec, static_cast<int>(classes.size())));
    ml::SegmentationTask task(segmenter, torch::stack(masks));
    const ml::TrainResult trained = trainModel(project, task, ml::TrainingRole::DenseModel, cacheReader, records,
                                               classes, options, result, report, cancel);
    if (trained.cancelled)
        return result;

    // 3. Validation: a decision is a held-out pixel the segmenter gives a class; the lowest
    // confidence whose decisions are right often enough becomes the threshold.
    ml::ThresholdChoice choice;
    {
        Step step(project, RunKind::Validation, result.trainingRun, calibrationAsked(options));
        result.validationRun = step.id();
        double recall = 0;
        choice = recorded(step, [&] {
            std::vector<float> confidence;
            std::vector<bool> correct;
            std::int64_t truthPixels = 0;
            for (std::size_t begin = 0; begin < trained.validationSamples.size(); begin += kBatch) {
                std::vector<std::int64_t> samples(
                    trained.validationSamples.begin() + static_cast<std::ptrdiff_t>(begin),
                    trained.validationSamples.begin() +
                        static_cast<std::ptrdiff_t>(std::min(begin + kBatch, trained.validationSamples.size())));
                std::vector<std::int64_t> held;
                for (const auto sample : samples)
                    held.push_back(records[static_cast<std::size_t>(sample)]);
                const auto [labels, conf] = segment(segmenter, cacheReader, held);
                for (std::size_t i = 0; i < samples.size(); ++i) {
                    const auto truth = masks[static_cast<std::size_t>(samples[i])].contiguous();
                    const auto* t = truth.data_ptr<std::uint8_t>();
                    const auto* l = labels[static_cast<std::int64_t>(i)].data_ptr<std::int64_t>();
                    const auto* c = conf[static_cast<std::int64_t>(i)].data_ptr<float>();
                    for (int p = 0; p < side * side; ++p) {
                        if (t[p] == ml::kIgnorePixel)
                            continue;
                        truthPixels += t[p] != 0;
                        if (l[p] == 0)
                            continue;
                        confidence.push_back(c[p]);
                        correct.push_back(l[p] == t[p]);
                    }
                }
            }
            const ml::ThresholdChoice chosen = ml::chooseThreshold(confidence, correct, options.targetPrecision, options.calibrationConfidence);
            std::int64_t found = 0;
            for (std::size_t d = 0; d < confidence.size(); ++d)
                found += chosen.reached && correct[d] && confidence[d] >= chosen.threshold;
            recall = truthPixels > 0 ? static_cast<double>(found) / static_cast<double>(truthPixels) : 0;
            return chosen;
        });
        result.precision = choice.reached ? choice.precision : 0;
        result.coverage = choice.reached ? choice.coverage : 0;
        step.finish(RunStatus::Succeeded, calibrationAsked(options, Json{{"precision", result.precision},
                                               {"coverage", result.coverage},
                                               {"recall", recall},
                                               {"threshold", choice.reached ? Json(choice.threshold) : Json(nullptr)}}));
    }

    // 4. Inference.
    prelabelMasks(project, segmenter, choice, classes, cacheReader, instances, result, report, cancel);
    return result;
}


void prelabelWithSegmenter(Project& project, const SavedModel& model, const ml::TrainingCacheReader& cacheReader,
                           const AssistOptions& options, AssistReport& result, const Reporter& report,
                           const CancelToken& cancel)
{
    const ml::ThresholdChoice choice = canvasThresholdOf(model.validation);
    ml::Segmenter segmenter(segmenterSpecFor(cache::trainingCacheSpecOf(project), static_cast<int>(model.classes.size())));
    ml::SegmentationTask task(segmenter, torch::zeros({0, cacheReader.side(), cacheReader.side()}, torch::kUInt8));
    ml::loadCheckpoint(model.file, task);
    segmenter.to(ml::resolveDevice(options.device), false);
    prelabelMasks(project, segmenter, choice, model.classes, cacheReader,
                  project.info().taskType == TaskType::InstanceSegmentation, result, report, cancel);
}

} // namespace pixmark::assist::detail
