#pragma once
// An open Pixmark project: the SQLite file, its lock and cache folder, and every
// operation on the project's definition and labels. Core's single entry point for the
// GUI, the CLI and ML assist; all SQL stays behind it in core/store.

#include "core/model/dashboard.h"
#include "core/model/data_source.h"
#include "core/model/item_filter.h"
#include "core/model/label_class.h"
#include "core/model/label_import.h"
#include "core/model/package.h"
#include "core/model/labeling.h"
#include "core/model/project_info.h"
#include "core/model/queue.h"
#include "core/model/review.h"
#include "core/model/run.h"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pixmark {

namespace formats {
class ImportSink;
}

/// A class to add. color and hotkey are chosen automatically when not given; set
/// noHotkey to add a class without one.
struct NewClass {
    std::string name;
    std::optional<std::string> color;
    std::optional<std::string> hotkey;
    bool noHotkey = false;
    std::string description;
};

/// An open project. Owns the database connection (the project's only writer) and the
/// cross-process lock; both are released by the destructor. Not thread-safe: background
/// work hands its writes to the owner's thread.
class Project {
public:
    enum class Access { ReadWrite, ReadOnly };

    /// Creates "file" (conventionally NAME.pixmark) and its cache folder beside it.
    /// Throws ValidationError (name) or ProjectFileError (file exists, folder missing).
    static std::unique_ptr<Project> create(const std::filesystem::path& file, const std::string& name,
                                           TaskType taskType);
    // Both work on the file's canonical path, so links and relative names of one file
    // share one lock and one cache folder; file() returns that path.
    /// Opens an existing project. ReadWrite takes the lock (ProjectInUseError if another
    /// process has it) and migrates older files; ReadOnly does neither and never writes.
    static std::unique_ptr<Project> open(const std::filesystem::path& file, Access access = Access::ReadWrite);
    /// A second connection to this project for a worker thread of this process (ML assist
    /// runs there for minutes while labeling goes on): it writes under this project's lock
    /// (SQLite serializes the two writers), does none of the owner's open and close work,
    /// and must be closed before this project is. Throws ProjectFileError for a read-only one.
    std::unique_ptr<Project> openWorkerConnection() const;
    /// Test hook: a project file at an older schema version, to exercise migrations.
    static void createAtSchemaVersion(const std::filesystem::path& file, const std::string& name,
                                      TaskType taskType, int schemaVersion);

    ~Project();
    Project(const Project&) = delete;
    Project& operator=(const Project&) = delete;

    const std::filesystem::path& file() const;
    /// Folder beside the project file for thumbnails, training caches and checkpoints.
    std::filesystem::path cacheFolder() const;
    bool isReadOnly() const;
    /// "host/pid" of a crashed process whose stale lock this open took over, if any.
    std::optional<std::string> tookOverStaleLockFrom() const;

    ProjectInfo info();
    /// What a work package knows of its parent and labeler; nullopt for a project.
    std::optional<PackageInfo> packageInfo();
    /// One project setting (a JSON value; null when unset), e.g. "training_cache".
    std::string setting(const std::string& key);
    /// Sets one setting to a JSON value. Throws ValidationError when it is not valid JSON.
    void setSetting(const std::string& key, const std::string& jsonValue);
    /// Renames the project (the file keeps its name). Throws ValidationError with the
    /// reason for a name that cannot be used.
    void rename(const std::string& name);
    void setState(ProjectState state);
    void setInstructions(const std::string& text, const std::string& url);

    // Label classes -----------------------------------------------------------------
    std::vector<LabelClass> classes();
    LabelClass labelClass(ClassId id);
    /// The class with this name (ignoring case), or NotFoundError.
    LabelClass classNamed(const std::string& name);
    /// True when some item has a current label (then adding classes needs a mode).
    bool hasLabels();
    /// Adds classes in one transaction. When the project has labels, mode is required
    /// (ConflictError otherwise) and says what becomes of them.
    std::vector<ClassId> addClasses(const std::vector<NewClass>& classes,
                                    std::optional<LabelResetMode> mode = std::nullopt);
    ClassId addClass(const NewClass& newClass, std::optional<LabelResetMode> mode = std::nullopt);
    void renameClass(ClassId id, const std::string& name);
    void recolorClass(ClassId id, const std::string& color);
    /// Sets or (with nullopt) clears the hotkey; conflicts with another class or a
    /// default action are refused with ConflictError.
    void setClassHotkey(ClassId id, const std::optional<std::string>& hotkey);
    void setClassDescription(ClassId id, const std::string& description);
    /// Archived classes keep their labels but are not offered and release their hotkey.
    void archiveClass(ClassId id, bool archived = true);
    /// Moves the class to newIndex (0-based) in the class order.
    void moveClass(ClassId id, int newIndex);

    // Labelers and roles ---------------------------------------------------------------
    /// The labeler this process acts as: the person running it (from the login name,
    /// created as a lead on first use), the one chosen by useLabeler, or in a work
    /// package the package's labeler.
    LabelerId currentLabeler();
    std::vector<Labeler> labelers();
    Labeler labeler(LabelerId id);
    /// Makes the labeler with this name (created as a labeler on first use) the one this
    /// process submits and reviews as. Throws ValidationError for an empty, over-long or
    /// reserved name; in a work package only its own labeler can be used.
    LabelerId useLabeler(const std::string& name);
    /// The labeler with this name, created as a labeler on first use, without acting as them.
    LabelerId ensureLabeler(const std::string& name);
    LabelerRole currentRole();
    /// Throws PermissionError (saying who acts and what a lead must do) unless the acting
    /// labeler is a lead; action completes "Only a project lead can ...".
    void requireLead(const std::string& action);
    /// Leads only; the last lead cannot be made a labeler.
    void setLabelerRole(LabelerId id, LabelerRole role);

    // Queue ---------------------------------------------------------------------------
    /// The next page (up to pageSize items) for the labeler, in queue order, held by a new
    /// task until submitted, released or abandoned: unlabeled items in no open task, not
    /// disputed, and (with consensus) not already labeled by this labeler. Tasks idle for
    /// longer than the queue's abandonment time give their items back first. A paused
    /// project still hands out pages (to look at); submit refuses them until it runs.
    /// Closing the project releases its tasks; opening it releases what a crashed session
    /// held. An empty task (id 0) when nothing is waiting.
    Task nextTask(LabelerId labeler, int pageSize);
    /// Leads: the next page of items that need review (awaiting approval, or disputed by
    /// consensus), held for the acting lead.
    Task nextReviewTask(int pageSize);
    /// Gives the items of tasks idle for longer than the abandonment time back to the
    /// queue; returns how many items returned.
    std::int64_t returnAbandonedTasks();
    /// Gives items the labeler held but did not submit back to the queue.
    void releaseItems(LabelerId labeler, const std::vector<ItemId>& items);
    /// Gives everything the labeler holds back to the queue.
    void releaseAllItems(LabelerId labeler);
    /// Leads: puts skipped items back in the queue (their skips stay in history as
    /// withdrawn). Returns how many were skipped; ConflictError when none was.
    int requeueItems(const std::vector<ItemId>& items);
    QueueCounts queueCounts();
    QueueSettings queueSettings();
    /// Leads. The seed cannot change once the project has items (their order is fixed).
    void setQueueSettings(const QueueSettings& settings);

    // Exchange (core/formats) ---------------------------------------------------------
    /// Holds a read transaction: everything read until the returned handle is released
    /// sees the project as it was now, while the writer goes on (exports use a read-only
    /// open of their own).
    std::shared_ptr<void> beginSnapshot();
    /// Every labeled item (not skipped) with its current annotations, in id order; with
    /// review required only approved labels unless includeUnreviewed. Never prelabels.
    void forEachCurrentLabel(bool includeUnreviewed,
                             const std::function<void(const Item&, const std::vector<Annotation>&)>& visit);
    /// Leads: imports what read() streams into the sink (a format reading a file): images
    /// matched to items by path or file name, categories mapped to classes by name (or
    /// created), shapes converted to the project's kind, as final labels (origin imported)
    /// or suggestions. One transaction: any error (read's FormatError included) imports
    /// nothing.
    LabelImportReport importLabels(const std::function<void(formats::ImportSink&)>& read,
                                   const LabelImportOptions& options);

    // Work packages -------------------------------------------------------------------
    /// Leads: cuts waiting items into one package file per labeler in plan.folder
    /// ("PROJECT-LABELER.pixmark"), each a standalone project for that labeler (the images
    /// referenced, or copied beside it), and holds the items in the parent until merged.
    /// All or nothing per package: a package that cannot be written leaves no file behind.
    std::vector<CreatedPackage> createPackages(const PackagePlan& plan);
    /// Leads: brings the package's submissions into this project with their labeler,
    /// times and durations (votes when consensus is on), then gives the items the package
    /// did not label back to the queue. Merging the same package again changes nothing;
    /// a package of another project is refused; one merge is one transaction.
    MergeReport mergePackage(const std::filesystem::path& packageFile);

    // Review --------------------------------------------------------------------------
    /// Rejects the current label of each item: its submissions of this epoch are marked
    /// rejected with the reason (history is kept) and the item returns to the queue.
    /// Items without a label or skip are left alone. Returns how many were rejected;
    /// ValidationError for an empty reason, ConflictError when none of them had a label.
    /// Leads only. Rejecting a consensus item rejects every vote and the result: it
    /// starts over with new labelers.
    int rejectItems(const std::vector<ItemId>& items, const std::string& reason);
    /// Approves the current label of each item; returns how many had one to approve.
    /// Leads only.
    int approveItems(const std::vector<ItemId>& items);
    /// Every submission of the item, oldest first, the current one marked.
    std::vector<SubmissionRecord> itemHistory(ItemId item);
    /// Items matching every set field of the filter, in registration order.
    std::vector<ItemId> findItems(const ItemFilter& filter);
    /// What a thumbnail grid shows of each item, in the order given (unknown ids dropped).
    std::vector<ItemOverview> itemOverviews(const std::vector<ItemId>& ids);
    /// The dashboard's numbers; throughput in bucketCount buckets of bucketMs ending now.
    DashboardStats dashboard(std::int64_t bucketMs, int bucketCount);

    // Items and labels ----------------------------------------------------------------
    /// Registers items whose metadata is already known (ingest fills it). Paths already
    /// present are skipped and get id 0.
    std::vector<ItemId> addItems(const std::vector<Item>& items);
    /// The same, with classes for the items (tags[i] for items[i]) applied in the same
    /// transaction as final labels or as suggestions: items and their labels arrive together.
    std::vector<ItemId> addItems(const std::vector<Item>& items, const std::vector<std::vector<ClassId>>& tags,
                                 bool tagsAreFinal);
    Item item(ItemId id);
    std::vector<Item> items(std::optional<ItemStatus> status, std::int64_t limit, std::int64_t offset = 0);
    std::map<ItemStatus, std::int64_t> itemCounts();
    /// Appends a submission; durable when this returns. Refused while the project is
    /// paused or when a class is unknown or archived.
    SubmissionId submit(const SubmissionRequest& request);
    /// The item's current label (latest accepted-or-pending submission of this epoch).
    std::vector<Annotation> currentAnnotations(ItemId item);
    /// Reopens an item the labeler handed in, to look at it again or correct it (a canvas's
    /// previous item): the item's current submission, annotations included. Refused with
    /// PermissionError when the current label is another labeler's and the labeler is not
    /// a lead, and with ConflictError when the item has no current label any more
    /// (rejected, or put back in the queue), when a lead approved it, or with consensus
    /// (each answer is one vote, final once handed in).
    SubmissionRecord reopenSubmitted(LabelerId labeler, ItemId item);
    /// Hands in a correction of a reopened item: the same checks as reopenSubmitted, then
    /// an ordinary submission, which becomes the item's newest one and its current label
    /// (the corrected one stays in history). One transaction.
    SubmissionId submitCorrection(const SubmissionRequest& request);

    std::vector<Suggestion> suggestions(ItemId item);
    std::int64_t submissionCount();
    /// Newest events first, as (kind, JSON payload).
    std::vector<std::pair<std::string, std::string>> recentEvents(int limit);
    /// Appends an event (kind, JSON object payload) attributed to the current labeler.
    void logEvent(const std::string& kind, const std::string& payloadJson);

    // Data sources and file locations ----------------------------------------------
    /// Absolute folder that item paths are relative to (the project's folder by default).
    std::filesystem::path dataRoot() const;
    /// How a file is stored in the project: relative to the data root when it lies below
    /// the root's drive (with ".." where needed), absolute otherwise.
    std::string storedPathFor(const std::filesystem::path& file) const;
    /// The absolute path of a stored path.
    std::filesystem::path absolutePath(const std::string& storedPath) const;
    /// Folder beside the project that "import by copy" copies files into.
    std::filesystem::path managedDataFolder() const;

    SourceId addSource(const DataSource& source);
    std::vector<DataSource> sources();
    /// Items registered from each source (sources without items are absent).
    std::map<SourceId, std::int64_t> itemCountsBySource();
    DataSource source(SourceId id);
    void markSourceRefreshed(SourceId id, Timestamp at);
    void setSourceRefresh(SourceId id, bool incremental, int intervalSeconds);
    std::optional<ItemId> itemAtPath(const std::string& storedPath);
    std::vector<ItemId> itemsWithContentHash(const std::string& hash);
    std::vector<ItemFileState> itemFilesOfSource(SourceId id);
    /// Marks items whose files vanished; their labels stay.
    void markItemsMissing(const std::vector<ItemId>& ids);
    /// Items whose files came back: labeled again if they have a current label.
    void markItemsFound(const std::vector<ItemId>& ids);
    /// Replaces what registration knows about items' files (a moved file's new path, a
    /// changed file's new size and hash) and recomputes their status; labels stay.
    void updateItemFiles(const std::vector<Item>& items);
    /// Items whose pixels turned out undecodable after registration (found by the
    /// thumbnailer): the reason is stored; unlabeled ones leave the queue (status
    /// unreadable), labeled ones keep their status and labels.
    void markItemsUnreadable(const std::vector<std::pair<ItemId, std::string>>& reasons);
    /// Applies classes from outside in one transaction: as final labels (a submission
    /// with origin "imported" each) or as suggestions to review (origin "imported").
    void importTags(const std::vector<ImportedTag>& tags, bool asFinalLabels);

    // ML assist (ml/assist drives the pipeline; core records it) -----------------------
    /// Records the start of a pipeline step (parent: the step before it, or 0).
    RunId startRun(RunKind kind, RunId parent, const std::string& configJson);
    void finishRun(RunId id, const RunOutcome& outcome);
    /// Newest first.
    std::vector<Run> runs(int limit = 100);
    std::optional<Run> run(RunId id);
    std::optional<Run> latestRun(RunKind kind, RunStatus status);
    /// Replaces the model's suggestions for unlabeled items with these, in one transaction.
    void storeModelSuggestions(RunId run, const std::vector<ModelSuggestion>& suggestions);
    /// Replaces the item clusters with these, in one transaction.
    void storeClusters(RunId run, const std::vector<ItemCluster>& clusters);
    std::vector<ItemCluster> clusters();
    /// Every item with a current (non-skipped) label in this epoch, with its annotations:
    /// what a model trains on.
    std::vector<std::pair<ItemId, std::vector<Annotation>>> currentLabels();

private:
    struct Impl;
    explicit Project(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> mImpl;
};

/// The conventional cache folder of a project file: "NAME.pixmark" -> "NAME.cache".
std::filesystem::path cacheFolderFor(const std::filesystem::path& projectFile);

} // namespace pixmark
