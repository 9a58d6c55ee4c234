// Project: reading a consistent snapshot of the labels for exports, and importing labels
// from other tools' files (matched to items, mapped to classes, all or nothing).
#include "core/formats/dataset.h"
#include "core/geometry/box.h"
#include "core/geometry/mask_rle.h"
#include "core/geometry/polygon.h"
#include "core/project/project_impl_p.h"
#include "core/project/workflow_settings.h"
#include "core/store/label_import_table.h"
#include "core/store/label_snapshot_query.h"
#include "core/store/sqlite/transaction.h"
#include "core/util/clock.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace pixmark {

namespace {

// Writes what a file holds into the import tables as it is read.
class TableSink : public formats::ImportSink {
public:
    explicit TableSink(store::LabelImportTable& table) : mTable(table) {}
    void image(std::int64_t key, const std::string& reference, int width, int height) override
    {
        mTable.addImage(key, reference, width, height);
    }
    void shape(std::int64_t imageKey, const std::string& category, AnnotationKind kind, std::string geometry,
               std::optional<double> score) override
    {
        mTable.addShape(imageKey, category, kind, geometry, score);
    }

private:
    store::LabelImportTable& mTable;
};

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
    return std::make_shared<sqlite::Transaction>(mImpl->db);
}

void Project::forEachCurrentLabel(bool includeUnreviewed,
                                  const std::function<void(const Item&, const std::vector<Annotation>&)>& visit)
{
    const auto snapshot = beginSnapshot();
    store::forEachCurrentLabel(mImpl->db, info().labelEpoch, qualitySettingsOf(*this).reviewRequired,
                               includeUnreviewed, visit);
}

LabelImportReport Project::importLabels(const std::function<void(formats::ImportSink&)>& read,
                                        const LabelImportOptions& options)
{
    mImpl->requireWritable();
    requireLead("import labels");
    const auto now = nowMs();
    const ProjectInfo project = info();
    sqlite::Transaction transaction(mImpl->db);
    store::LabelImportTable table(mImpl->db);
    {
        TableSink sink(table);
        read(sink);
    }
    LabelImportReport report;
    report.shapesInFile = table.shapeCount();
    report.shapesWithoutImage = table.shapesWithoutImage();

    // Images: by stored path, else by a path ending in the reference, else by a unique file name.
    std::unordered_map<std::string, const Item*> byPath;
    std::unordered_map<std::string, const Item*> byName;
    const std::vector<Item> items = mImpl->items.paths();
    for (const Item& item : items) {
        byPath.emplace(item.relativePath, &item);
        const auto [slot, fresh] = byName.emplace(fileNameOf(item.relativePath), &item);
        if (!fresh)
            slot->second = nullptr; // two items share the name: only a path can tell them apart
    }
    std::unordered_map<std::int64_t, const Item*> matched;
    for (const store::ImportedImageRow& image : table.images()) {
        ++report.imagesInFile;
        const std::string path = referencePath(image.reference);
        const Item* item = nullptr;
        if (auto found = byPath.find(path); found != byPath.end())
            item = found->second;
        else if (auto named = byName.find(fileNameOf(path)); named != byName.end())
            item = named->second;
        if (!item) {
            ++report.unmatchedCount;
            if (report.unmatchedImages.size() < 20)
                report.unmatchedImages.push_back(image.reference);
            continue;
        }
        table.setItem(image.key, item->id);
        matched[image.key] = item;
        ++report.imagesMatched;
    }

    // Categories: the class of the same name, or a new one.
    std::vector<std::string> missing;
    const auto classes = mImpl->classes.list();
    for (const auto& [name, uses] : table.categories()) {
        const auto same = std::find_if(classes.begin(), classes.end(),
                                       [&](const LabelClass& c) { return lower(c.name) == lower(name); });
        if (same != classes.end())
            table.setClass(name, same->id);
        else
            missing.push_back(name);
    }
    if (!missing.empty()) {
        std::string names;
        for (const auto& name : missing)
            names += (names.empty() ? "\"" : ", \"") + name + "\"";
        if (!options.createMissingClasses)
            throw ValidationError("The file uses categories this project has no class for: " + names +
                                  ". Add them, or import with missing classes created; nothing was imported.");
        std::vector<NewClass> additions;
        for (const auto& name : missing)
            additions.push_back(NewClass{name, std::nullopt, std::nullopt, false, ""});
        const auto ids = addClasses(additions, hasLabels() ? std::optional(LabelResetMode::Continue) : std::nullopt);
        for (std::size_t k = 0; k < ids.size(); ++k)
            table.setClass(missing[k], ids[k]);
        report.classesCreated = missing;
    }

    // Shapes in the project's kind.
    const AnnotationKind native = nativeKind(project.taskType);
    const bool allNative = table.kinds().size() <= 1 && (table.kinds().empty() || table.kinds().begin()->first == native);
    for (const auto& [row, imageKey, kind, geometry] :
         allNative ? decltype(table.shapesToConvert({native})){} : table.shapesToConvert({native})) {
        const Item* item = matched.at(imageKey);
        try {
            const auto [toKind, toGeometry] = converted(kind, geometry, native, item->width, item->height);
            table.replaceShape(row, toKind, toGeometry);
            ++report.converted;
        } catch (const ValidationError& error) {
            throw ValidationError("A " + std::string(toId(kind)) + " on " + item->relativePath + " cannot be used in a " +
                                  std::string(displayName(project.taskType)) + " project: " + error.what() +
                                  "; nothing was imported.");
        }
    }

    const bool oneTag = project.taskType == TaskType::ClassificationMultiClass;
    if (options.asPrelabels) {
        report.annotations = table.writeSuggestions(now, oneTag);
    } else {
        const LabelerId importer = mImpl->labelers.ensure(kImportLabelerName, "labeler", now);
        const auto [labeled, annotations] = table.writeSubmissions(importer, project.labelEpoch, now, oneTag);
        report.itemsLabeled = labeled;
        report.annotations = annotations;
    }
    mImpl->logEdit("labels-imported",
                   Json{{"images", report.imagesInFile}, {"matched", report.imagesMatched},
                        {"annotations", report.annotations}, {"prelabels", options.asPrelabels},
                        {"classes_created", report.classesCreated}},
                   now, currentLabeler());
    transaction.commit();
    return report;
}

} // namespace pixmark
