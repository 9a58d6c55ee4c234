// Project: reading a consistent snapshot of the labels for exports, and importing labels
// from other tools' files (matched to items, mapped to classes, all or nothing).
#include "core/formats/concurrent_read.h"
#include "core/formats/dataset.h"
#include "core/geometry/box.h"
#include "core/geometry/mask_rle.h"
#include "core/geometry/polygon.h"
#include "core/project/project_impl_p.h"
#include "core/project/workflow_settings.h"
#include "core/store/bulk_label_writer.h"
#include "core/store/label_snapshot_query.h"
#include "core/store/sqlite/transaction.h"
#include "core/util/clock.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

namespace pixmark {

namespace {

// How a file names an image, reduced to a path: URL schemes and their host or datastore
// ("s3://bucket/", "AmlDatastore://store/") and "./" dropped, '\' made '/'.
std::string referencePath(std::string reference)
{
    std::replace(reference.begin(), reference.end(), '\\', '/');
    if (const auto scheme = reference.find("://"); scheme != std::string::npos) {
        const auto slash = reference.find('/', scheme + 3);
        reference = slash == std::string::npos ? std::string() : reference.substr(slash + 1);
    }
    while (reference.rfind("./", 0) == 0)
        reference.erase(0, 2);
    return reference;
}

std::string fileNameOf(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

AnnotationKind nativeKind(TaskType type)
{
    switch (type) {
    case TaskType::ObjectDetection:
        return AnnotationKind::Box;
    case TaskType::InstanceSegmentation:
        return AnnotationKind::Polygon;
    case TaskType::SemanticSegmentation:
        return AnnotationKind::Mask;
    case TaskType::ClassificationMultiClass:
    case TaskType::ClassificationMultiLabel:
        break;
    }
    return AnnotationKind::Tag;
}

// The shape in the project's kind: a tag of its class, a polygon's or mask's box, a box as
// a polygon, a polygon or box painted as a mask of the item's size, a mask's outline.
std::pair<AnnotationKind, std::string> converted(AnnotationKind from, const std::string& geometry, AnnotationKind to,
                                                 int width, int height)
{
    if (to == AnnotationKind::Tag)
        return {AnnotationKind::Tag, {}};
    Box box;
    std::optional<Polygon> polygon;
    switch (from) {
    case AnnotationKind::Tag:
        throw ValidationError("an image-level class cannot become a " + std::string(toId(to)));
    case AnnotationKind::Box:
        box = parseBox(geometry);
        polygon = Polygon{{{box.x, box.y}, {box.x + box.w, box.y}, {box.x + box.w, box.y + box.h}, {box.x, box.y + box.h}}};
        break;
    case AnnotationKind::Polygon:
        polygon = parsePolygon(geometry);
        box = boundingBox(*polygon);
        break;
    case AnnotationKind::Mask: {
        const MaskRle mask = parseMask(geometry);
        polygon = polygonFromMask(mask);
        if (!polygon)
            throw ValidationError("an empty mask has no outline");
        box = boundingBox(*polygon);
        break;
    }
    }
    switch (to) {
    case AnnotationKind::Box:
        return {AnnotationKind::Box, toJson(box)};
    case AnnotationKind::Polygon:
        return {AnnotationKind::Polygon, toJson(*polygon)};
    case AnnotationKind::Mask:
        if (width <= 0 || height <= 0)
            throw ValidationError("the image's size is unknown, so the shape cannot become a mask");
        return {AnnotationKind::Mask, toJson(maskFromPolygon(*polygon, width, height))};
    case AnnotationKind::Tag:
        break;
    }
    return {AnnotationKind::Tag, {}};
}

} // namespace

std::shared_ptr<void> Project::beginSnapshot()
{
    // A snapshot is read whole (exports), jumping between submissions, annotations and items:
    // with the default 2 MB page cache the same pages were read from the file again and again,
    // half an export's time. The cache only grows as far as pages are used.
    mImpl->db.exec("PRAGMA main.cache_size = -262144");
    return std::make_shared<sqlite::Transaction>(mImpl->db);
}

void Project::forEachCurrentLabel(bool includeUnreviewed,
                                  const std::function<void(const Item&, const std::vector<Annotation>&)>& visit)
{
    const auto snapshot = beginSnapshot();
    store::forEachCurrentLabel(mImpl->db, info().labelEpoch, qualitySettingsOf(*this).reviewRequired,
                               includeUnreviewed, visit);
}

namespace {

// Writes what a file holds into the project as it is read: images are matched to items
// when they arrive, classes resolved (or created) at their first use, and each shape is
// converted and stored at once. Only shapes that name an image not yet seen wait in memory.
class ImportWriter : public formats::ImportSink {
public:
    struct Context {
        TaskType taskType = TaskType::ClassificationMultiClass;
        int epoch = 0;
        std::int64_t now = 0;
        LabelerId importer = 0;
        LabelImportOptions options;
        std::function<ClassId(const std::string&)> createClass;
    };

    ImportWriter(sqlite::Database& db, const std::vector<Item>& items, const std::vector<LabelClass>& classes,
                 Context context, LabelImportReport& report)
        : mWriter(db), mContext(std::move(context)), mReport(report), mNative(nativeKind(mContext.taskType))
    {
        for (const Item& item : items) {
            mByPath.emplace(item.relativePath, &item);
            const auto [slot, fresh] = mByName.emplace(fileNameOf(item.relativePath), &item);
            if (!fresh)
                slot->second = nullptr; // two items share the name: only a path can tell them apart
        }
        for (const LabelClass& labelClass : classes)
            mClasses.emplace(lower(labelClass.name), labelClass.id);
    }

    void image(std::int64_t key, const std::string& reference, int, int) override
    {
        ++mReport.imagesInFile;
        const std::string path = referencePath(reference);
        const Item* item = nullptr;
        if (auto found = mByPath.find(path); found != mByPath.end())
            item = found->second;
        else if (auto named = mByName.find(fileNameOf(path)); named != mByName.end())
            item = named->second;
        if (item) {
            ++mReport.imagesMatched;
        } else {
            ++mReport.unmatchedCount;
            if (mReport.unmatchedImages.size() < 20)
                mReport.unmatchedImages.push_back(reference);
        }
        mImages[key] = ImageState{item, 0, false};
    }

    void shape(std::int64_t imageKey, const std::string& category, AnnotationKind kind, std::string geometry,
               std::optional<double> score) override
    {
        ++mReport.shapesInFile;
        const auto image = mImages.find(imageKey);
        if (image == mImages.end()) {
            mPending.push_back(Pending{imageKey, category, kind, std::move(geometry), score});
            return;
        }
        place(image->second, category, kind, std::move(geometry), score);
    }

    /// Places the shapes that came before their image, then refuses missing classes.
    void finish()
    {
        for (Pending& pending : mPending) {
            const auto image = mImages.find(pending.imageKey);
            if (image == mImages.end()) {
                ++mReport.shapesWithoutImage;
                continue;
            }
            place(image->second, pending.category, pending.kind, std::move(pending.geometry), pending.score);
        }
        mWriter.flush();
        if (!mMissing.empty()) {
            std::string names;
            for (const auto& name : mMissing)
                names += (names.empty() ? "\"" : ", \"") + name + "\"";
            throw ValidationError("The file uses categories this project has no class for: " + names +
                                  ". Add them, or import with missing classes created; nothing was imported.");
        }
    }

private:
    struct ImageState {
        const Item* item = nullptr;
        SubmissionId submission = 0;
        bool tagged = false;
    };
    struct Pending {
        std::int64_t imageKey;
        std::string category;
        AnnotationKind kind;
        std::string geometry;
        std::optional<double> score;
    };

    std::optional<ClassId> classFor(const std::string& category)
    {
        // Files repeat a few category names millions of times: look the name up as
        // written before paying for a lower-cased copy.
        if (auto seen = mClassesAsWritten.find(category); seen != mClassesAsWritten.end())
            return seen->second;
        const std::optional<ClassId> id = classByName(category);
        if (id)
            mClassesAsWritten.emplace(category, *id);
        return id;
    }

    std::optional<ClassId> classByName(const std::string& category)
    {
        const std::string key = lower(category);
        if (auto found = mClasses.find(key); found != mClasses.end())
            return found->second;
        if (!mContext.options.createMissingClasses) {
            mMissing.insert(category);
            return std::nullopt;
        }
        const ClassId id = mContext.createClass(category);
        mClasses.emplace(key, id);
        mReport.classesCreated.push_back(category);
        return id;
    }

    void place(ImageState& image, const std::string& category, AnnotationKind kind, std::string geometry,
               std::optional<double> score)
    {
        if (!image.item)
            return;
        const auto classId = classFor(category);
        if (!classId)
            return;
        if (mNative == AnnotationKind::Tag) {
            // A tag of the shape's class; a multi-class image keeps its first.
            if (image.tagged && mContext.taskType == TaskType::ClassificationMultiClass)
                return;
            image.tagged = true;
            if (kind != AnnotationKind::Tag)
                ++mReport.converted;
            kind = AnnotationKind::Tag;
            geometry.clear();
        } else if (kind != mNative) {
            try {
                std::tie(kind, geometry) = converted(kind, geometry, mNative, image.item->width, image.item->height);
            } catch (const ValidationError& error) {
                throw ValidationError("A shape on " + image.item->relativePath + " cannot be used in a " +
                                      std::string(displayName(mContext.taskType)) + " project: " + error.what() +
                                      "; nothing was imported.");
            }
            ++mReport.converted;
        }
        Annotation annotation{*classId, kind, std::move(geometry), score};
        if (mContext.options.asPrelabels) {
            mWriter.addSuggestion(image.item->id, std::move(annotation), mContext.now);
        } else {
            if (image.submission == 0) {
                image.submission = mWriter.addSubmission(image.item->id, mContext.importer, mContext.epoch,
                                                         mContext.now);
                ++mReport.itemsLabeled;
            }
            mWriter.addAnnotation(image.submission, std::move(annotation));
        }
        ++mReport.annotations;
    }

    store::BulkLabelWriter mWriter;
    Context mContext;
    LabelImportReport& mReport;
    AnnotationKind mNative;
    std::unordered_map<std::string, const Item*> mByPath;
    std::unordered_map<std::string, const Item*> mByName;
    std::unordered_map<std::string, ClassId> mClasses;
    std::unordered_map<std::string, ClassId> mClassesAsWritten;
    std::unordered_map<std::int64_t, ImageState> mImages;
    std::vector<Pending> mPending;
    std::set<std::string> mMissing;
};

} // namespace

LabelImportReport Project::importLabels(const std::function<void(formats::ImportSink&)>& read,
                                        const LabelImportOptions& options)
{
    mImpl->requireWritable();
    requireLead("import labels");
    const ProjectInfo project = info();
    // Every reference the import writes was just read from its table or handed out by the
    // writer; SQLite's own lookups would add a third to a large import's time.
    const store::ForeignKeyChecksOff checksOff(mImpl->db);
    // A large import commits hundreds of megabytes to the WAL: it is done and durable then,
    // and the copy into the project file goes on on another thread.
    const store::AutoCheckpointDeferred checkpointLater(mImpl->db);
    sqlite::Transaction transaction(mImpl->db);
    LabelImportReport report;
    ImportWriter::Context context;
    context.taskType = project.taskType;
    context.epoch = project.labelEpoch;
    context.now = nowMs();
    context.importer = mImpl->labelers.ensure(kImportLabelerName, "labeler", context.now);
    context.options = options;
    context.createClass = [this](const std::string& name) {
        return addClasses({NewClass{name, std::nullopt, std::nullopt, false, ""}},
                          hasLabels() ? std::optional(LabelResetMode::Continue) : std::nullopt)
            .at(0);
    };
    const std::vector<Item> items = mImpl->items.paths();
    {
        ImportWriter writer(mImpl->db, items, mImpl->classes.list(), context, report);
        // The file is parsed on a second thread while this one, the only writer, stores it.
        formats::readConcurrently(read, writer);
        writer.finish();
    }
    mImpl->logEdit("labels-imported",
                   Json{{"images", report.imagesInFile}, {"matched", report.imagesMatched},
                        {"annotations", report.annotations}, {"prelabels", options.asPrelabels},
                        {"classes_created", report.classesCreated}},
                   context.now, currentLabeler());
    transaction.commit();
    mImpl->checkpoint.start();
    return report;
}

} // namespace pixmark
