#pragma once
// Details tab, "Storage": where the project file and its cache folder are and how much
// disk they take. Sizes are summed on a worker thread (a cache can hold many files).

#include <QGroupBox>

#include <cstdint>

class QLabel;
class QPushButton;

namespace pixmark {

class ProjectSession;

/// Measures on construction and on "Measure again", not on every change.
class StorageSection : public QGroupBox {
    Q_OBJECT
public:
    /// Starts measuring at once.
    explicit StorageSection(ProjectSession& session, QWidget* parent = nullptr);
    /// Measures again; sizesMeasured() follows.
    void reload();

    /// Bytes of the project file (with its WAL) and of the cache folder; -1 until measured.
    std::int64_t projectBytes() const { return mProjectBytes; }
    std::int64_t cacheBytes() const { return mCacheBytes; }

signals:
    /// New sizes are shown.
    void sizesMeasured();

private:
    ProjectSession& mSession;
    QLabel* mProjectSize = nullptr;
    QLabel* mCacheSize = nullptr;
    QLabel* mCacheFolder = nullptr;
    QPushButton* mRecalculate = nullptr;
    std::int64_t mProjectBytes = -1;
    std::int64_t mCacheBytes = -1;
    bool mMeasuring = false;
};

} // namespace pixmark
