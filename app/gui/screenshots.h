#pragma once
// The documentation's pictures: the app saves a PNG of what it shows and quits, so
// scripts/screenshots.sh can take every screenshot of the README from the real program.

#include <QString>

class QWidget;

namespace pixmark {
class ProjectWindow;
}

namespace pixmark::gui {

/// "pixmark: message" on stderr.
void printError(const QString& message);

/// Fills the creation wizard with the README's example project and saves a PNG of every
/// page into outputFolder (wizard-1-details.png ... wizard-8-review.png). Returns the exit code.
int screenshotWizard(const QString& outputFolder);

/// For the canvas pictures: once the labeling window of project window shows its first
/// item, applies the window/level preset named windowPreset (when not empty) and selects the
/// item's first shape, zoomed to it (when selectFirstShape), so the picture shows them.
/// With acceptFirstPrelabel, accepts the item's first prelabel as Y does (the next one is
/// selected).
void prepareCanvas(ProjectWindow& window, const QString& windowPreset, bool selectFirstShape,
                   bool acceptFirstPrelabel = false);

/// For the picture of a reopened item: once the labeling window of project window shows
/// its first item, submits it as it is (its prelabels accepted) and goes back to it with
/// the previous-item key's action, so the canvas shows the item just handed in.
void reopenPreviousItem(ProjectWindow& window);

/// Saves a PNG of window to file once it has been shown and painted (after delayMs),
/// then quits the application with 0, or 1 when the file cannot be written.
void screenshotLater(QWidget* window, const QString& file, int delayMs = 500);

} // namespace pixmark::gui
