#pragma once
// The actions of the classification window, in the order the shortcut sheet and the
// Shortcuts dialog list them (ids of core's keymap, core/model/keymap.h).

#include "core/model/task_type.h"

#include <QString>
#include <QStringList>

namespace pixmark {

/// Action ids the classification window binds.
QStringList classificationActions();
/// Action ids the object detection page binds (box canvas and tools).
QStringList detectionActions();
/// Action ids the canvas page of a drawing task type binds (detection, instance or
/// semantic segmentation).
QStringList canvasActions(TaskType taskType);
/// The title of an action id in core's keymap ("Submit"); the id itself when unknown.
QString actionTitle(const QString& action);

} // namespace pixmark
