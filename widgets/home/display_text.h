#pragma once
// Small text helpers shared by the home window's widgets.

#include <QString>

class QLabel;

namespace pixmark {

/// The path as shown to people: absolute, native separators, the home folder as "~".
QString displayPath(const QString& filePath);

/// Greys a label's text (the palette's placeholder color), for secondary information.
void makeMuted(QLabel* label);

/// Scales a label's font by factor and optionally makes it bold, for headings.
void scaleFont(QLabel* label, double factor, bool bold);

} // namespace pixmark
