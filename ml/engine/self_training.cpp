#include "ml/engine/self_training.h"

#include "ml/engine/errors.h"

#include <torch/torch.h>

#include <unordered_set>

namespace pixmark::ml {

StudentSet studentTrainingSet(const std::vector<std::int64_t>& labeledRecords, const at::Tensor& labeledTargets,
                              const std::vector<std::int64_t>& unlabeledRecords, const at::Tensor& teacherProbabilities,
                              const Calibration& calibration, std::int64_t maxPseudoLabels)
{
    const auto labeledCount = static_cast<std::int64_t>(labeledRecords.size());
    const auto unlabeledCount = static_cast<std::int64_t>(unlabeledRecords.size());
    if (labeledTargets.dim() != 1 || labeledTargets.size(0) != labeledCount ||
        labeledTargets.scalar_type() != torch::kInt64)
        throw InvalidInputError("Self-training needs one class index per labeled image (single-label "
                                "classification); multi-label projects are not self-trained.");
    if (teacherProbabilities.dim() != 2 || teacherProbabilities.size(0) != unlabeledCount)
        throw InvalidInputError("The teacher's predictions do not match the unlabeled images (" +
                                std::to_string(teacherProbabilities.dim() == 2 ? teacherProbabilities.size(0) : 0) +
                                " rows for " + std::to_string(unlabeledCount) + " images).");
    const std::unordered_set<std::int64_t> labeled(labeledRecords.begin(), labeledRecords.end());
    for (const auto record : unlabeledRecords)
        if (labeled.count(record) != 0)
            throw InvalidInputError("Cache record " + std::to_string(record) +
                                    " is both labeled and unlabeled; a labeled image cannot get a prelabel.");

    StudentSet set;
    set.records = labeledRecords;
    const auto labeledCpu = labeledTargets.to(torch::kCPU).contiguous();
    std::vector<std::int64_t> targets(labeledCpu.data_ptr<std::int64_t>(), labeledCpu.data_ptr<std::int64_t>() + labeledCount);
    if (unlabeledCount > 0) {
        const auto accepted = acceptedDecisions(calibration, teacherProbabilities, LabelMode::MultiClass).to(torch::kCPU).contiguous();
        const auto classes = teacherProbabilities.argmax(1).to(torch::kCPU).contiguous();
        const auto* acceptedRow = accepted.data_ptr<bool>();
        const auto* classOf = classes.data_ptr<std::int64_t>();
        for (std::int64_t i = 0; i < unlabeledCount; ++i) {
            if (maxPseudoLabels > 0 && set.pseudoLabeled == maxPseudoLabels)
                break;
            if (!acceptedRow[i])
                continue;
            set.records.push_back(unlabeledRecords[static_cast<std::size_t>(i)]);
            targets.push_back(classOf[i]);
            ++set.pseudoLabeled;
        }
    }
    set.targets = torch::tensor(targets, torch::kInt64);
    return set;
}

} // namespace pixmark::ml
