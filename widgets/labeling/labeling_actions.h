#pragma once
// The actions of the classification window, in the order the shortcut sheet and the
// Shortcuts dialog list them (ids of core's keymap, core/model/keymap.h).

#include <QString>
#include <QStringList>

namespace pixmark {

/// Action ids the classification window binds.
QStringList classificationActions();
/// The title of an action id in core's keymap ("Submit"); the id itself when unknown.
QString actionTitle(const QString& action);

} // namespace pixmark
