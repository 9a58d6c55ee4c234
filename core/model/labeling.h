#pragma once
// Items, submissions and annotations: what a person submits is append-only history.

#include "core/model/data_source.h"
#include "core/model/label_class.h"
#include "core/model/project_info.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pixmark {

using ItemId = std::int64_t;
using LabelerId = std::int64_t;
using SubmissionId = std::int64_t;

enum class ItemStatus { Unlabeled, Labeled, Skipped, Missing, Unreadable };
enum class AnnotationKind { Tag, Box, Polygon, Mask };
enum class SubmissionOrigin { Manual, PrelabelAccepted, PrelabelEdited, Imported };
/// Where one shape of a submission came from: drawn by the labeler, or a model's prelabel
/// kept as it was or edited (moved, resized, reshaped, given another class).
enum class ShapeOrigin { Drawn, PrelabelAccepted, PrelabelEdited };
/// What a submission counts for: a label (can be the item's current label), one
/// labeler's consensus vote (never current by itself), the consensus result (current), or
/// withdrawn (a skip whose item was put back in the queue).
enum class SubmissionRole { Label, Vote, Consensus, Withdrawn };

std::string_view toId(ItemStatus status);
std::optional<ItemStatus> parseItemStatus(std::string_view text);
std::string_view toId(AnnotationKind kind);
std::optional<AnnotationKind> parseAnnotationKind(std::string_view text);
std::string_view toId(SubmissionOrigin origin);
std::optional<SubmissionOrigin> parseSubmissionOrigin(std::string_view text);
std::string_view toId(ShapeOrigin origin);
std::optional<ShapeOrigin> parseShapeOrigin(std::string_view text);
std::string_view toId(SubmissionRole role);
std::optional<SubmissionRole> parseSubmissionRole(std::string_view text);

/// An image registered in the project. relativePath is relative to the data root.
struct Item {
    ItemId id = 0;
    std::string relativePath;
    std::string format;
    std::int64_t bytes = 0;
    std::int64_t mtime = 0;
    int width = 0;
    int height = 0;
    int frames = 1;
    ItemStatus status = ItemStatus::Unlabeled;
    std::int64_t shuffleKey = 0;
    std::optional<SourceId> sourceId;
    std::string contentHash;    ///< xxHash3-64 of the file's bytes, hex; empty when unknown
    std::string unreadableWhy;  ///< why the file cannot be read; empty when readable
    int orientation = 1;        ///< EXIF orientation applied (1: none); width/height are as displayed
    int bitsPerSample = 8;      ///< 8, or up to 16 for 16-bit PNG/TIFF and DICOM
    int channels = 0;           ///< 1, 3 or 4; 0 when unknown
};

/// What a refresh compares against the file system: one registered file.
struct ItemFileState {
    ItemId id = 0;
    std::string relativePath;
    ItemStatus status = ItemStatus::Unlabeled;
    std::int64_t bytes = 0;
    std::int64_t mtime = 0;
};

/// A class given to an item from outside (a manifest's label column, an import).
struct ImportedTag {
    ItemId itemId = 0;
    ClassId classId = 0;
};

/// One shape or tag. geometry is JSON in original image pixels (empty for tags). origin is
/// recorded for what a labeler hands in; suggestions and imports leave it Drawn.
struct Annotation {
    ClassId classId = 0;
    AnnotationKind kind = AnnotationKind::Tag;
    std::string geometry;
    std::optional<double> score;
    ShapeOrigin origin = ShapeOrigin::Drawn;
};

/// What a labeler hands in for one item.
struct SubmissionRequest {
    ItemId itemId = 0;
    LabelerId labelerId = 0;
    std::int64_t durationMs = 0;
    SubmissionOrigin origin = SubmissionOrigin::Manual;
    std::optional<std::int64_t> predictionId;
    bool skipped = false;
    std::vector<Annotation> annotations;
};

/// A suggestion shown pre-filled to the labeler (model output or a kept label).
struct Suggestion {
    std::int64_t id = 0;
    ItemId itemId = 0;
    Annotation annotation;
    std::string origin; ///< "model", "previous-label", "imported"
};

/// Leads set the project up, review and export; labelers label. Core enforces it (a guard
/// against mistakes, and what a work package carries).
enum class LabelerRole { Lead, Labeler };
std::string_view toId(LabelerRole role);
std::optional<LabelerRole> parseLabelerRole(std::string_view text);

/// A person who labels. The uuid is stable across work packages and their merges.
struct Labeler {
    LabelerId id = 0;
    std::string name;
    std::string role; ///< toId(LabelerRole): "lead" or "labeler"
    std::string uuid;
};

} // namespace pixmark
