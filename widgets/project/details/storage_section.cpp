#include "widgets/project/details/storage_section.h"

#include "widgets/home/display_text.h"
#include "widgets/session/project_session.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QThread>

#include <filesystem>
#include <memory>

namespace pixmark {

namespace {
namespace fs = std::filesystem;

std::int64_t fileBytes(const fs::path& file)
{
    std::error_code error;
    const auto size = fs::file_size(file, error);
    return error ? 0 : static_cast<std::int64_t>(size);
}

/// Sum of regular files below folder; unreadable entries are skipped, not fatal.
std::int64_t folderBytes(const fs::path& folder)
{
    std::int64_t total = 0;
    std::error_code error;
    for (fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error), end;
         !error && it != end; it.increment(error)) {
        std::error_code sizeError;
        if (it->is_regular_file(sizeError))
            total += fileBytes(it->path());
    }
    return total;
}
} // namespace

StorageSection::StorageSection(ProjectSession& session, QWidget* parent)
    : QGroupBox(tr("Storage"), parent), mSession(session)
{
    setObjectName(QStringLiteral("storageSection"));
    mProjectSize = new QLabel(tr("measuring\u2026"), this);
    mProjectSize->setObjectName(QStringLiteral("projectSize"));
    mCacheSize = new QLabel(tr("measuring\u2026"), this);
    mCacheSize->setObjectName(QStringLiteral("cacheSize"));
    mCacheFolder = new QLabel(this);
    mCacheFolder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mRecalculate = new QPushButton(tr("Measure again"), this);
    auto* note = new QLabel(tr("The cache holds thumbnails, training caches and model checkpoints; "
                               "deleting it loses nothing that cannot be rebuilt."),
                            this);
    note->setWordWrap(true);
    makeMuted(note);
    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("Project file:"), mProjectSize);
    form->addRow(tr("Cache folder:"), mCacheFolder);
    form->addRow(tr("Cache size:"), mCacheSize);
    form->addRow(note);
    form->addRow(QString(), mRecalculate);
    connect(mRecalculate, &QPushButton::clicked, this, &StorageSection::reload);
    reload();
}

void StorageSection::reload()
{
    if (mMeasuring)
        return;
    mMeasuring = true;
    mSession.run(
        this, [](Project& project) { return std::make_pair(project.file(), project.cacheFolder()); },
        [this](std::pair<fs::path, fs::path> paths) {
            mCacheFolder->setText(displayPath(QString::fromStdString(paths.second.string())));
            auto result = std::make_shared<std::pair<std::int64_t, std::int64_t>>();
            // Off the UI thread and off the project thread: a walk over a big cache
            // must hold up neither painting nor labeling.
            QThread* worker = QThread::create([paths, result] {
                fs::path wal = paths.first;
                wal += "-wal";
                result->first = fileBytes(paths.first) + fileBytes(wal);
                result->second = folderBytes(paths.second);
            });
            connect(worker, &QThread::finished, this, [this, result] {
                mMeasuring = false;
                mProjectBytes = result->first;
                mCacheBytes = result->second;
                const QLocale locale;
                mProjectSize->setText(locale.formattedDataSize(mProjectBytes));
                mCacheSize->setText(locale.formattedDataSize(mCacheBytes));
                emit sizesMeasured();
            });
            connect(worker, &QThread::finished, worker, &QObject::deleteLater);
            worker->start();
        },
        [this](const QString& message) {
            mMeasuring = false;
            mProjectSize->setText(message);
        });
}

} // namespace pixmark
