#pragma once
// What exporters write and importers read, independent of the project store: a labeled
// image set streamed image by image, so that 500,000 images never sit in memory at once.
// Geometry is core/geometry's JSON in original image pixels (boxes {"x","y","w","h"},
// polygons {"points":[[x,y],...]}, masks COCO uncompressed RLE {"size":[h,w],"counts":[]}).

#include "core/model/labeling.h"
#include "core/model/task_type.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pixmark::formats {

struct Category {
    ClassId id = 0;      ///< the project's class id (exports number categories from it)
    std::string name;
};

/// One image of an export with its labels.
struct ExportImage {
    ItemId id = 0;
    std::filesystem::path source;  ///< where the image file is now (absolute)
    std::string fileName;          ///< its path inside the export (unique, '/' separated)
    int width = 0;
    int height = 0;
    std::string split;             ///< "train", "val", "test", or empty without a split
    std::vector<Annotation> annotations;
};

/// A consistent snapshot of labeled images. forEachImage may be called several times
/// (a format that writes images before annotations walks twice); the order is the same.
struct ExportDataset {
    TaskType taskType = TaskType::ClassificationMultiClass;
    std::string name;
    std::vector<Category> categories;  ///< in the project's class order
    std::function<void(const std::function<void(const ExportImage&)>&)> forEachImage;
};

/// Receives what an importer reads, as it reads it: images (with a key the file uses),
/// then shapes that refer to an image by key. Shapes of one image may come apart (COCO
/// lists annotations separately), and a shape may name an image that never comes (the
/// sink reports it).
class ImportSink {
public:
    virtual ~ImportSink() = default;
    /// reference: the image's path or file name as the file writes it. width/height 0
    /// when the format does not say.
    virtual void image(std::int64_t key, const std::string& reference, int width, int height) = 0;
    /// A class tag (geometry empty), box, polygon or mask on the image with this key;
    /// category is the name in the file. score is set for predictions.
    virtual void shape(std::int64_t imageKey, const std::string& category, AnnotationKind kind, std::string geometry,
                       std::optional<double> score) = 0;
};

} // namespace pixmark::formats
