#include "core/consensus/consensus_p.h"
#include "core/errors.h"
#include "core/geometry/mask_rle.h"

#include <queue>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>

namespace pixmark {

namespace {

struct Layer {
    std::size_t vote = 0;
    std::size_t label = 0; // index into the classes, 1-based; 0 is background
    MaskRle mask;
    std::size_t run = 0;      // the run being walked
    std::uint64_t runEnd = 0; // where it ends (column-major pixel index)
    bool set = false;         // whether that run is set
};

// The runs of one result class, as [begin, end) pixel ranges in column-major order.
struct Runs {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
    double shareSum = 0;
    std::uint64_t pixels = 0;

    void add(std::uint64_t begin, std::uint64_t end, double share)
    {
        if (!ranges.empty() && ranges.back().second == begin)
            ranges.back().second = end;
        else
            ranges.emplace_back(begin, end);
        shareSum += share * static_cast<double>(end - begin);
        pixels += end - begin;
    }

    MaskRle encoded(int height, int width) const
    {
        MaskRle mask{height, width, {}};
        std::uint64_t at = 0;
        for (const auto& [begin, end] : ranges) {
            appendRun(mask.counts, begin - at);
            appendRun(mask.counts, end - begin);
            at = end;
        }
        const std::uint64_t rest = static_cast<std::uint64_t>(height) * static_cast<std::uint64_t>(width) - at;
        if (rest > 0 || mask.counts.empty())
            appendRun(mask.counts, rest); // as encodeMask: no empty run at the end
        return mask;
    }

    // A run too long for 32 bits continues after an empty run of the other value.
    static void appendRun(std::vector<std::uint32_t>& counts, std::uint64_t length)
    {
        constexpr std::uint64_t most = std::numeric_limits<std::uint32_t>::max();
        for (; length > most; length -= most) {
            counts.push_back(static_cast<std::uint32_t>(most));
            counts.push_back(0);
        }
        counts.push_back(static_cast<std::uint32_t>(length));
    }
};

std::string sizeText(const MaskRle& mask)
{
    return std::to_string(mask.width) + " x " + std::to_string(mask.height) + " pixels";
}

} // namespace

// The votes' masks are never decoded: all layers' runs are walked together, and each
// stretch of pixels between two run boundaries is decided at once.
ConsensusOutcome maskConsensus(const std::vector<Vote>& votes, const ConsensusRules& rules, const ClassNamer& className)
{
    std::vector<ClassId> classes; // label i + 1 is classes[i]
    for (const Vote& vote : votes)
        for (const Annotation& annotation : vote.annotations)
            classes.push_back(annotation.classId);
    std::sort(classes.begin(), classes.end());
    classes.erase(std::unique(classes.begin(), classes.end()), classes.end());

    std::vector<Layer> layers;
    const Vote* sizedBy = nullptr;
    for (std::size_t v = 0; v < votes.size(); ++v)
        for (const Annotation& annotation : votes[v].annotations) {
            Layer layer;
            layer.vote = v;
            layer.label = static_cast<std::size_t>(
                              std::lower_bound(classes.begin(), classes.end(), annotation.classId) - classes.begin()) +
                          1;
            try {
                layer.mask = parseMask(annotation.geometry);
            } catch (const ValidationError& error) {
                throw ValidationError(labelerPossessive(votes[v].labeler) + " mask is invalid: " + error.what());
            }
            if (!layers.empty() &&
                (layer.mask.height != layers.front().mask.height || layer.mask.width != layers.front().mask.width))
                throw ValidationError(labelerPossessive(votes[v].labeler) + " mask is " + sizeText(layer.mask) +
                                      ", but " +
                                      (sizedBy == &votes[v] ? std::string("another of its masks")
                                                            : labelerPossessive(sizedBy->labeler) + " mask") +
                                      " is " + sizeText(layers.front().mask) + "; votes must cover the same image.");
            if (layers.empty())
                sizedBy = &votes[v];
            layers.push_back(std::move(layer));
        }

    const std::size_t voteCount = votes.size();
    const double total = static_cast<double>(voteCount);
    ConsensusOutcome outcome;
    if (layers.empty()) {
        outcome.agreed = true;
        outcome.agreement = 1.0;
        outcome.voteAgrees.assign(voteCount, true);
        outcome.explanation =
            "No labeler painted any pixel; all " + std::to_string(voteCount) + " agree on background.";
        return outcome;
    }
    const int height = layers.front().mask.height;
    const int width = layers.front().mask.width;
    const std::uint64_t pixels = static_cast<std::uint64_t>(height) * static_cast<std::uint64_t>(width);

    // Min-heap of (next run boundary, layer).
    using Boundary = std::pair<std::uint64_t, std::size_t>;
    std::priority_queue<Boundary, std::vector<Boundary>, std::greater<>> boundaries;
    std::vector<std::vector<std::size_t>> layersOfVote(voteCount);
    for (std::size_t l = 0; l < layers.size(); ++l) {
        Layer& layer = layers[l];
        layersOfVote[layer.vote].push_back(l);
        layer.runEnd = layer.mask.counts.empty() ? pixels : layer.mask.counts.front();
        if (layer.runEnd < pixels)
            boundaries.emplace(layer.runEnd, l);
    }

    std::vector<std::size_t> labelOfVote(voteCount, 0);
    std::vector<bool> dirty(voteCount, true);
    std::vector<std::size_t> tally(classes.size() + 1, 0);
    std::vector<Runs> result(classes.size() + 1);
    std::vector<std::uint64_t> voteUnion(voteCount, 0);
    std::vector<std::uint64_t> voteSame(voteCount, 0);
    std::uint64_t foreground = 0;
    std::uint64_t decided = 0;

    std::uint64_t at = 0;
    while (at < pixels) {
        const std::uint64_t end = boundaries.empty() ? pixels : boundaries.top().first;
        if (end > at) {
            const std::uint64_t length = end - at;
            bool anyForeground = false;
            for (std::size_t v = 0; v < voteCount; ++v) {
                if (dirty[v]) {
                    // Where one vote's masks overlap, its later mask wins.
                    labelOfVote[v] = 0;
                    for (auto it = layersOfVote[v].rbegin(); it != layersOfVote[v].rend(); ++it)
                        if (layers[*it].set) {
                            labelOfVote[v] = layers[*it].label;
                            break;
                        }
                    dirty[v] = false;
                }
                ++tally[labelOfVote[v]];
                anyForeground = anyForeground || labelOfVote[v] != 0;
            }
            std::size_t best = 0;
            std::size_t bestCount = 0;
            bool tie = false;
            for (std::size_t v = 0; v < voteCount; ++v) {
                const std::size_t label = labelOfVote[v];
                if (tally[label] > bestCount) {
                    bestCount = tally[label];
                    best = label;
                    tie = false;
                } else if (tally[label] == bestCount && label != best) {
                    tie = true;
                }
            }
            const double share = static_cast<double>(bestCount) / total;
            const bool isDecided = !tie && reaches(share, rules.agreement);
            const std::size_t consensus = isDecided ? best : 0;
            if (anyForeground) {
                foreground += length;
                if (isDecided)
                    decided += length;
            }
            if (consensus != 0)
                result[consensus].add(at, end, share);
            for (std::size_t v = 0; v < voteCount; ++v) {
                const std::size_t label = labelOfVote[v];
                tally[label] = 0;
                if (label != 0 || consensus != 0)
                    voteUnion[v] += length;
                if (label != 0 && label == consensus)
                    voteSame[v] += length;
            }
            at = end;
        }
        while (!boundaries.empty() && boundaries.top().first == at) {
            const std::size_t l = boundaries.top().second;
            boundaries.pop();
            Layer& layer = layers[l];
            layer.set = !layer.set;
            dirty[layer.vote] = true;
            if (++layer.run < layer.mask.counts.size()) {
                layer.runEnd += layer.mask.counts[layer.run];
                if (layer.runEnd < pixels)
                    boundaries.emplace(layer.runEnd, l);
            }
        }
    }

    outcome.agreement = foreground == 0 ? 1.0 : static_cast<double>(decided) / static_cast<double>(foreground);
    outcome.agreed = reaches(outcome.agreement, rules.agreement);
    for (std::size_t v = 0; v < voteCount; ++v) {
        const double overlap =
            voteUnion[v] == 0 ? 1.0 : static_cast<double>(voteSame[v]) / static_cast<double>(voteUnion[v]);
        outcome.voteAgrees.push_back(reaches(overlap, rules.iou));
    }
    if (outcome.agreed)
        for (std::size_t label = 1; label < result.size(); ++label)
            if (result[label].pixels > 0)
                outcome.result.push_back({classes[label - 1], AnnotationKind::Mask,
                                          toJson(result[label].encoded(height, width)),
                                          result[label].shareSum / static_cast<double>(result[label].pixels)});
    const std::string needed = percent(rules.agreement) + " needed";
    const std::string labeled = std::to_string(foreground) + " labeled " + (foreground == 1 ? "pixel" : "pixels");
    if (foreground == 0)
        outcome.explanation =
            "No labeler painted any pixel; all " + std::to_string(voteCount) + " agree on background.";
    else if (outcome.agreed)
        outcome.explanation = percent(outcome.agreement) + " of the " + labeled + " decided (" + needed + ").";
    else
        outcome.explanation =
            "Only " + percent(outcome.agreement) + " of the " + labeled + " decided (" + needed + ").";
    (void)className;
    return outcome;
}

} // namespace pixmark
