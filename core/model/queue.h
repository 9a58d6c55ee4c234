#pragma once
// The task queue: items are shuffled once when they enter a project and served in that
// order, a page at a time, to one labeler. See core/project/project.h for the operations.

#include "core/model/item_filter.h"
#include "core/model/labeling.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pixmark {

using TaskId = std::int64_t;

enum class TaskKind { Label, Review };
std::string_view toId(TaskKind kind);

/// Where a label page's items come from: the queue's order, items a model prelabeled
/// (the page asks to review its suggestions), or one cluster of similar unlabeled items.
enum class PageSource { Queue, Prelabeled, Clustered };
std::string_view toId(PageSource source);

/// A page of items handed to one person. id 0 with no items: nothing is waiting.
struct Task {
    TaskId id = 0;
    TaskKind kind = TaskKind::Label;
    LabelerId labelerId = 0;
    std::vector<Item> items;
    Timestamp createdAt = 0;
    PageSource source = PageSource::Queue;
};

/// An open task as the queue's counts show it.
struct TaskSummary {
    TaskId id = 0;
    TaskKind kind = TaskKind::Label;
    LabelerId labelerId = 0;
    std::string packageUuid;     ///< empty unless the task is a work package's
    std::int64_t pending = 0;    ///< items still to label
    Timestamp activeAt = 0;      ///< last submission in it (or when it was opened)
};

/// How long an untouched task holds its items, and the shuffle's seed.
struct QueueSettings {
    int abandonAfterMinutes = 30; ///< 1..10080 (a week)
    /// Seed of the shuffle; items entering the project get keys from it and their path.
    std::uint64_t seed = 0;
};

struct LabelerQueueCounts {
    LabelerId labelerId = 0;
    std::string name;
    std::string role;
    std::int64_t inTask = 0;    ///< items in this labeler's open tasks (packages included)
    std::int64_t submitted = 0; ///< submissions in the current epoch (labels, votes and skips)
};

/// The queue's numbers for the dashboard and the CLI.
struct QueueCounts {
    std::int64_t neverServed = 0; ///< unlabeled items that were never in a task
    std::int64_t inTask = 0;
    std::int64_t queued = 0;      ///< waiting for a labeler (fresh, returned and partly labeled)
    std::map<ItemCategory, std::int64_t> byState;
    std::vector<LabelerQueueCounts> byLabeler;
    std::vector<TaskSummary> openTasks;
};

} // namespace pixmark
