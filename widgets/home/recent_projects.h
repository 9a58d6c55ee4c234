#pragma once
// The list of recently opened projects, kept in the user's settings (QSettings with
// organization "Pixmark", application "Pixmark", key "recentProjects").

#include <QList>
#include <QString>

namespace pixmark {

/// Reads and writes the recent-projects list. Holds no state of its own: every call
/// goes to QSettings, so several windows see the same list.
class RecentProjects {
public:
    /// One remembered project: its file and the project name it had when last opened.
    struct Entry {
        QString filePath;
        QString name;
    };

    /// How many entries are kept; the oldest fall off.
    static constexpr int kMaxEntries = 10;

    /// Entries, most recently opened first.
    QList<Entry> entries() const;
    /// Puts the project at the top (moving it there if already listed).
    void add(const QString& filePath, const QString& name);
    /// Forgets the project; nothing happens when it is not listed.
    void remove(const QString& filePath);
    /// Forgets every project.
    void clear();

private:
    void write(const QList<Entry>& entries);
};

} // namespace pixmark
