#pragma once
// Streams a dataset into COCO JSON files, one per split, in one pass over the dataset.

#include "core/formats/dataset.h"

#include <filesystem>

namespace pixmark::formats::coco {

/// The file a split's annotations go to inside an export folder.
std::filesystem::path annotationFile(const std::filesystem::path& folder, const std::string& split);
void write(const ExportDataset& dataset, const std::filesystem::path& folder);

} // namespace pixmark::formats::coco
