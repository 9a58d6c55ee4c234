#pragma once
// Helpers shared by the widgets tests: a private settings location and real projects
// built through core.

#include "core/project/project.h"
#include "tests/support/temp_dir.h"

#include <QSettings>
#include <QString>

#include <filesystem>
#include <fstream>
#include <random>

namespace pixmark::test {

/// Points QSettings (user scope) at a fresh temporary folder for one test, so recent
/// projects and window geometry start empty and never touch the user's settings.
class SettingsSandbox {
public:
    SettingsSandbox()
    {
        const QString path = QString::fromStdString(mDir.path().string());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, path);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, path);
    }

private:
    TempDir mDir;
};

/// QString of a path, for the widgets' API.
inline QString qPath(const std::filesystem::path& path)
{
    return QString::fromStdString(path.string());
}

/// An object-detection project "Street birds" with four classes (one archived, one
/// without a hotkey), instructions with a link, three items, paused. Closed on return.
inline std::filesystem::path makeBirdsProject(const TempDir& dir, const std::string& fileName = "birds.pixmark")
{
    const auto file = dir / fileName;
    auto project = Project::create(file, "Street birds", TaskType::ObjectDetection);
    project->addClass(NewClass{"Sparrow", "#aa5500", "1", false, "Small brown bird"});
    project->addClass(NewClass{"Crow"});
    project->addClass(NewClass{"Pigeon", std::nullopt, std::nullopt, true, "Grey, often in flocks"});
    const ClassId gull = project->addClass(NewClass{"Gull", "#3366cc"});
    project->archiveClass(gull);
    project->setInstructions("Draw a tight box around every bird.\nIgnore birds in reflections.",
                             "https://example.org/birds-guide");
    project->addItems({Item{0, "a.jpg"}, Item{0, "b.jpg"}, Item{0, "c.jpg"}});
    project->setState(ProjectState::Paused);
    return file;
}

/// A file of random bytes that no one could mistake for a project.
inline std::filesystem::path makeJunkFile(const TempDir& dir, const std::string& fileName = "junk.pixmark")
{
    const auto file = dir / fileName;
    std::ofstream out(file, std::ios::binary);
    std::mt19937 random(42);
    for (int i = 0; i < 8192; ++i)
        out.put(static_cast<char>(random() & 0xff));
    return file;
}

} // namespace pixmark::test
