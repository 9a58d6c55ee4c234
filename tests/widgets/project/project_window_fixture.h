#pragma once
// The project window on a project file, shown, with its modal questions switched off.

#include "core/project/project.h"
#include "widgets/project/project_window.h"
#include "widgets/session/project_session.h"

#include <filesystem>
#include <memory>

namespace pixmark::test {

/// Non-interactive; deleted by the unique_ptr (never closed).
inline std::unique_ptr<ProjectWindow> openProjectWindow(const std::filesystem::path& file)
{
    auto window = std::make_unique<ProjectWindow>(std::make_unique<ProjectSession>(Project::open(file)));
    window->setInteractive(false);
    window->show();
    return window;
}

} // namespace pixmark::test
