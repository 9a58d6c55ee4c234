#pragma once
// The work a cache builder does, gathered on the project's owner thread so that the
// builders themselves never touch the project (they run on any thread).

#include "core/model/labeling.h"

#include <filesystem>
#include <vector>

namespace pixmark {
class Project;
}

namespace pixmark::cache {

/// One image to process: its item id and where its file is.
struct ImageJob {
    ItemId itemId = 0;
    std::filesystem::path file;
};

/// Every readable item of the project (not missing, not unreadable), in id order.
std::vector<ImageJob> readableImages(Project& project);

} // namespace pixmark::cache
