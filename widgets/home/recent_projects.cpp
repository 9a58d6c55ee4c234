#include "widgets/home/recent_projects.h"

#include "widgets/common/settings_name.h"

#include <QFileInfo>
#include <QSettings>

namespace pixmark {

namespace {
const QString kArrayKey = QStringLiteral("recentProjects");
const QString kPathKey = QStringLiteral("path");
const QString kNameKey = QStringLiteral("name");

QString normalized(const QString& filePath)
{
    return QFileInfo(filePath).absoluteFilePath();
}
} // namespace

QList<RecentProjects::Entry> RecentProjects::entries() const
{
    QSettings store(kSettingsName, kSettingsName);
    QList<Entry> result;
    const int size = store.beginReadArray(kArrayKey);
    for (int i = 0; i < size; ++i) {
        store.setArrayIndex(i);
        Entry entry{store.value(kPathKey).toString(), store.value(kNameKey).toString()};
        if (!entry.filePath.isEmpty())
            result.append(entry);
    }
    store.endArray();
    return result;
}

void RecentProjects::add(const QString& filePath, const QString& name)
{
    const QString path = normalized(filePath);
    QList<Entry> list = entries();
    list.removeIf([&](const Entry& entry) { return entry.filePath == path; });
    list.prepend(Entry{path, name});
    while (list.size() > kMaxEntries)
        list.removeLast();
    write(list);
}

void RecentProjects::remove(const QString& filePath)
{
    const QString path = normalized(filePath);
    QList<Entry> list = entries();
    if (list.removeIf([&](const Entry& entry) { return entry.filePath == path; }) > 0)
        write(list);
}

void RecentProjects::clear()
{
    write({});
}

void RecentProjects::write(const QList<Entry>& list)
{
    QSettings store(kSettingsName, kSettingsName);
    store.remove(kArrayKey);
    store.beginWriteArray(kArrayKey, static_cast<int>(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        store.setArrayIndex(i);
        store.setValue(kPathKey, list[i].filePath);
        store.setValue(kNameKey, list[i].name);
    }
    store.endArray();
}

} // namespace pixmark
