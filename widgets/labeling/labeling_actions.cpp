#include "widgets/labeling/labeling_actions.h"

#include "core/model/keymap.h"

namespace pixmark {

QStringList classificationActions()
{
    return {QStringLiteral("submit"),         QStringLiteral("skip"),        QStringLiteral("next"),
            QStringLiteral("next-arrow"),     QStringLiteral("previous"),    QStringLiteral("previous-arrow"),
            QStringLiteral("tile-up"),        QStringLiteral("tile-down"),
            QStringLiteral("select-all"),     QStringLiteral("layout-cycle"), QStringLiteral("layout-1"),
            QStringLiteral("layout-4"),       QStringLiteral("layout-6"),    QStringLiteral("layout-9"),
            QStringLiteral("instructions"),   QStringLiteral("shortcut-sheet"), QStringLiteral("undo"),
            QStringLiteral("redo")};
}

namespace {
QStringList prelabelActions()
{
    return {QStringLiteral("accept-prelabel"), QStringLiteral("accept-all-prelabels"), QStringLiteral("delete-prelabels")};
}
} // namespace

QStringList detectionActions()
{
    return prelabelActions() + QStringList{QStringLiteral("submit"),        QStringLiteral("skip"),           QStringLiteral("previous"),
            QStringLiteral("next"),          QStringLiteral("tool-box"),
            QStringLiteral("tool-select"),   QStringLiteral("tool-template-box"), QStringLiteral("delete-shape"),
            QStringLiteral("duplicate-shape"), QStringLiteral("undo"),         QStringLiteral("redo"),
            QStringLiteral("zoom-fit"),      QStringLiteral("zoom-100"),       QStringLiteral("hide-shapes"),
            QStringLiteral("cycle-shapes"),  QStringLiteral("cancel"),         QStringLiteral("frame-next"),
            QStringLiteral("frame-previous"), QStringLiteral("instructions"), QStringLiteral("shortcut-sheet")};
}

QStringList canvasActions(TaskType taskType)
{
    const QStringList common{QStringLiteral("submit"),   QStringLiteral("skip"),        QStringLiteral("previous"),
                             QStringLiteral("next"),     QStringLiteral("delete-shape"),
                             QStringLiteral("duplicate-shape"), QStringLiteral("undo"), QStringLiteral("redo"),
                             QStringLiteral("zoom-fit"), QStringLiteral("zoom-100"),    QStringLiteral("hide-shapes"),
                             QStringLiteral("cycle-shapes"), QStringLiteral("cancel"), QStringLiteral("frame-next"),
                             QStringLiteral("frame-previous"), QStringLiteral("instructions"),
                             QStringLiteral("shortcut-sheet")};
    switch (taskType) {
    case TaskType::InstanceSegmentation:
        return QStringList{QStringLiteral("tool-polygon"), QStringLiteral("tool-select"), QStringLiteral("tool-grabcut"),
                           QStringLiteral("tool-wand"), QStringLiteral("brush-smaller"), QStringLiteral("brush-larger"),
                           QStringLiteral("convert-mask")} +
               prelabelActions() + common;
    case TaskType::SemanticSegmentation:
        return QStringList{QStringLiteral("tool-brush"),    QStringLiteral("tool-eraser"),  QStringLiteral("tool-fill"),
                           QStringLiteral("tool-polygon"),  QStringLiteral("tool-wand"),    QStringLiteral("brush-smaller"),
                           QStringLiteral("brush-larger")} +
               common;
    default:
        return detectionActions();
    }
}

QString actionTitle(const QString& action)
{
    for (const KeyBinding& binding : defaultKeymap())
        if (binding.action == action.toStdString())
            return QString::fromUtf8(binding.title.data(), static_cast<qsizetype>(binding.title.size()));
    return action;
}

} // namespace pixmark
