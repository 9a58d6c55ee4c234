#include "core/consensus/consensus_p.h"
#include "core/errors.h"
#include "core/geometry/box.h"
#include "core/geometry/polygon.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <tuple>
#include <unordered_set>

namespace pixmark {

namespace {

struct Shape {
    std::size_t vote = 0;
    ClassId classId = 0;
    Box box;         // the box, or a polygon's bounds
    Polygon polygon; // polygons only
};

enum class Verdict { Kept, Dropped, Undecided };

struct Group {
    std::vector<std::size_t> members; // shape indices, ascending
    double support = 0;
    Verdict verdict = Verdict::Undecided;
};

std::vector<Shape> readShapes(AnnotationKind kind, const std::vector<Vote>& votes)
{
    std::vector<Shape> shapes;
    for (std::size_t v = 0; v < votes.size(); ++v) {
        const auto& annotations = votes[v].annotations;
        for (std::size_t i = 0; i < annotations.size(); ++i) {
            Shape shape{v, annotations[i].classId, {}, {}};
            try {
                if (kind == AnnotationKind::Box) {
                    shape.box = parseBox(annotations[i].geometry);
                } else {
                    shape.polygon = parsePolygon(annotations[i].geometry);
                    shape.box = boundingBox(shape.polygon);
                }
            } catch (const ValidationError& error) {
                throw ValidationError(labelerPossessive(votes[v].labeler) +
                                      (kind == AnnotationKind::Box ? " box " : " polygon ") + std::to_string(i + 1) +
                                      " is invalid: " + error.what());
            }
            shapes.push_back(std::move(shape));
        }
    }
    return shapes;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

Box medianBox(const std::vector<Shape>& shapes, const std::vector<std::size_t>& members)
{
    std::vector<double> x1, y1, x2, y2;
    for (std::size_t m : members) {
        const Box& b = shapes[m].box;
        x1.push_back(b.x);
        y1.push_back(b.y);
        x2.push_back(b.x + b.w);
        y2.push_back(b.y + b.h);
    }
    const double left = median(std::move(x1));
    const double top = median(std::move(y1));
    return {left, top, median(std::move(x2)) - left, median(std::move(y2)) - top};
}

std::uint64_t pairKey(std::size_t a, std::size_t b)
{
    return (static_cast<std::uint64_t>(std::min(a, b)) << 32) | static_cast<std::uint64_t>(std::max(a, b));
}

} // namespace

ConsensusOutcome shapeConsensus(AnnotationKind kind, const std::vector<Vote>& votes, const ConsensusRules& rules,
                                const ClassNamer& className)
{
    const std::vector<Shape> shapes = readShapes(kind, votes);
    const bool boxes = kind == AnnotationKind::Box;

    // Every matching pair of shapes from different labelers, best IoU first.
    struct Match {
        double iou;
        std::size_t a;
        std::size_t b;
    };
    std::vector<Match> matches;
    std::unordered_set<std::uint64_t> matched;
    for (std::size_t a = 0; a < shapes.size(); ++a)
        for (std::size_t b = a + 1; b < shapes.size(); ++b) {
            if (shapes[a].vote == shapes[b].vote || shapes[a].classId != shapes[b].classId)
                continue;
            const double overlap =
                boxes ? iou(shapes[a].box, shapes[b].box) : iou(shapes[a].polygon, shapes[b].polygon);
            if (overlap > 0 && reaches(overlap, rules.iou)) {
                matches.push_back({overlap, a, b});
                matched.insert(pairKey(a, b));
            }
        }
    std::sort(matches.begin(), matches.end(),
              [](const Match& l, const Match& r) { return std::tie(r.iou, l.a, l.b) < std::tie(l.iou, r.a, r.b); });

    // Greedy grouping: two groups join when they share no labeler and every pair across
    // them matches, so a group never chains shapes that do not overlap each other.
    std::vector<std::size_t> groupOf(shapes.size());
    std::iota(groupOf.begin(), groupOf.end(), std::size_t{0});
    std::vector<std::vector<std::size_t>> members(shapes.size());
    for (std::size_t s = 0; s < shapes.size(); ++s)
        members[s] = {s};
    for (const Match& match : matches) {
        const std::size_t ga = groupOf[match.a];
        const std::size_t gb = groupOf[match.b];
        if (ga == gb)
            continue;
        bool joinable = true;
        for (std::size_t x : members[ga])
            for (std::size_t y : members[gb])
                joinable = joinable && shapes[x].vote != shapes[y].vote && matched.count(pairKey(x, y)) > 0;
        if (!joinable)
            continue;
        for (std::size_t y : members[gb])
            groupOf[y] = ga;
        members[ga].insert(members[ga].end(), members[gb].begin(), members[gb].end());
        members[gb].clear();
    }

    const double total = static_cast<double>(votes.size());
    std::vector<Group> groups;
    for (auto& list : members) {
        if (list.empty())
            continue;
        std::sort(list.begin(), list.end());
        Group group{list, static_cast<double>(list.size()) / total, Verdict::Undecided};
        const bool keep = reaches(group.support, rules.agreement);
        const bool drop = reaches(1 - group.support, rules.agreement);
        group.verdict = keep && !drop ? Verdict::Kept : drop && !keep ? Verdict::Dropped : Verdict::Undecided;
        groups.push_back(std::move(group));
    }
    // In the order the shapes were handed in (a group's first shape).
    std::sort(groups.begin(), groups.end(),
              [](const Group& l, const Group& r) { return l.members.front() < r.members.front(); });

    ConsensusOutcome outcome;
    double decisiveness = 0;
    std::size_t kept = 0;
    std::size_t dropped = 0;
    const Group* firstUndecided = nullptr;
    std::size_t undecided = 0;
    for (const Group& group : groups) {
        decisiveness += std::max(group.support, 1 - group.support);
        if (group.verdict == Verdict::Kept) {
            ++kept;
            const ClassId classId = shapes[group.members.front()].classId;
            if (boxes) {
                outcome.result.push_back(
                    {classId, AnnotationKind::Box, toJson(medianBox(shapes, group.members)), group.support});
            } else {
                std::vector<Polygon> polygons;
                for (std::size_t m : group.members)
                    polygons.push_back(shapes[m].polygon);
                const std::optional<Polygon> merged = majorityPolygon(polygons);
                outcome.result.push_back(
                    {classId, AnnotationKind::Polygon, toJson(merged ? *merged : polygons.front()), group.support});
            }
        } else if (group.verdict == Verdict::Dropped) {
            ++dropped;
        } else {
            ++undecided;
            if (!firstUndecided)
                firstUndecided = &group;
        }
    }
    outcome.agreement = groups.empty() ? 1.0 : decisiveness / static_cast<double>(groups.size());
    outcome.agreed = undecided == 0;

    for (std::size_t v = 0; v < votes.size(); ++v) {
        bool agrees = true;
        for (const Group& group : groups) {
            const bool has = std::any_of(group.members.begin(), group.members.end(),
                                         [&](std::size_t m) { return shapes[m].vote == v; });
            if ((group.verdict == Verdict::Kept && !has) || (group.verdict == Verdict::Dropped && has))
                agrees = false;
        }
        outcome.voteAgrees.push_back(agrees);
    }

    const std::string noun = boxes ? "box" : "polygon";
    const auto counted = [&](std::size_t n) {
        return std::to_string(n) + " " + noun + (n == 1 ? "" : boxes ? "es" : "s");
    };
    const std::string needed = percent(rules.agreement) + " needed";
    if (groups.empty()) {
        outcome.explanation = "No labeler drew a " + noun + ".";
    } else if (outcome.agreed) {
        outcome.explanation = counted(kept) + " kept and " + std::to_string(dropped) + " dropped across " +
                              std::to_string(votes.size()) + (votes.size() == 1 ? " labeler" : " labelers") + " (" +
                              needed + ").";
    } else {
        const ClassId classId = shapes[firstUndecided->members.front()].classId;
        outcome.result.clear();
        outcome.explanation = "Undecided: " + counted(undecided) + ", such as a " + classLabel(classId, className) +
                              " " + noun + " drawn by " + ofLabelers(firstUndecided->members.size(), votes.size()) +
                              " (" + percent(firstUndecided->support) + ", " + needed + ").";
    }
    return outcome;
}

} // namespace pixmark
