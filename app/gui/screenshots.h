#pragma once
// The documentation's pictures: the app saves a PNG of what it shows and quits, so
// scripts/screenshots.sh can take every screenshot of the README from the real program.

#include <QString>

class QWidget;

namespace pixmark::gui {

/// "pixmark: message" on stderr.
void printError(const QString& message);

/// Fills the creation wizard with the README's example project and saves a PNG of every
/// page into outputFolder (wizard-1-details.png ... wizard-8-review.png). Returns the exit code.
int screenshotWizard(const QString& outputFolder);

/// Saves a PNG of window to file once it has been shown and painted (after delayMs),
/// then quits the application with 0, or 1 when the file cannot be written.
void screenshotLater(QWidget* window, const QString& file, int delayMs = 500);

} // namespace pixmark::gui
