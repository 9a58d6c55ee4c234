#pragma once
// The one name under which the GUI keeps the user's own settings (recent projects, window
// layouts, keys, the labeler's name): QSettings(kSettingsName, kSettingsName).

#include <QString>

namespace pixmark {

inline const QString kSettingsName = QStringLiteral("Pixmark");

} // namespace pixmark
