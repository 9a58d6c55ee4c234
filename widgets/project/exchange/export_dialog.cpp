#include "widgets/project/exchange/export_dialog.h"

#include "core/errors.h"
#include "core/formats/export_job.h"
#include "core/formats/registry.h"
#include "core/project/project.h"
#include "core/util/progress.h"
#include "widgets/session/project_session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include <mutex>

namespace pixmark {

// What the export thread and the dialog share: progress written by the thread, read by a
// timer on the UI thread; the outcome handed over once, when the thread ends.
struct ExportDialog::Job {
    CancelToken cancel;
    std::mutex mutex;
    std::int64_t done = 0;
    std::int64_t total = 0;
    std::string stage;
    std::optional<formats::ExportResult> result;
    QString failure;
    bool cancelled = false;
    QThread* thread = nullptr;
};

namespace {

QDoubleSpinBox* ratioBox(double value, QWidget* parent)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(0, 100);
    box->setDecimals(0);
    box->setSuffix(QStringLiteral(" %"));
    box->setValue(value);
    return box;
}

QString verificationText(const formats::VerifyReport& report)
{
    if (report.ok())
        return ExportDialog::tr("<b>Verified</b>: read back %1 images and %2 annotations; no problems.")
            .arg(QLocale().toString(static_cast<qlonglong>(report.images)),
                 QLocale().toString(static_cast<qlonglong>(report.annotations)));
    QString text = ExportDialog::tr("<b style='color:#b3261e'>Verification failed</b>: %n problem(s):", nullptr,
                                    static_cast<int>(report.problems.size()));
    text += QStringLiteral("<ul>");
    const std::size_t shown = std::min<std::size_t>(report.problems.size(), 10);
    for (std::size_t k = 0; k < shown; ++k)
        text += QStringLiteral("<li>%1</li>").arg(QString::fromStdString(report.problems[k]).toHtmlEscaped());
    text += QStringLiteral("</ul>");
    return text;
}

} // namespace

ExportDialog::ExportDialog(ProjectSession& session, QWidget* parent)
    : QDialog(parent), mSession(session), mProjectFile(session.filePath())
{
    setWindowTitle(tr("Export labels"));
    setObjectName(QStringLiteral("exportDialog"));

    mFormat = new QComboBox(this);
    mFormat->setObjectName(QStringLiteral("exportFormat"));
    mFormatText = new QLabel(this);
    mFormatText->setWordWrap(true);
    mFormatText->setStyleSheet(QStringLiteral("color: palette(mid);"));
    mUnreviewed = new QCheckBox(tr("Also labels still waiting for review"), this);
    mUnreviewed->setToolTip(tr("By default only final labels are exported: approved, agreed by consensus, or any "
                               "label when review is not required. Prelabels are never exported."));

    mSplit = new QGroupBox(tr("Split into train / val / test (stratified by class)"), this);
    mSplit->setCheckable(true);
    mSplit->setChecked(false);
    mTrain = ratioBox(80, mSplit);
    mVal = ratioBox(10, mSplit);
    mTest = ratioBox(10, mSplit);
    mSeed = new QSpinBox(mSplit);
    mSeed->setRange(0, 1'000'000'000);
    mSeed->setValue(1);
    mSeed->setToolTip(tr("The same seed gives the same split"));
    auto* ratios = new QHBoxLayout(mSplit);
    ratios->addWidget(new QLabel(tr("Train"), mSplit));
    ratios->addWidget(mTrain);
    ratios->addWidget(new QLabel(tr("Val"), mSplit));
    ratios->addWidget(mVal);
    ratios->addWidget(new QLabel(tr("Test"), mSplit));
    ratios->addWidget(mTest);
    ratios->addSpacing(12);
    ratios->addWidget(new QLabel(tr("Seed"), mSplit));
    ratios->addWidget(mSeed);

    mReference = new QRadioButton(tr("Reference the images (paths relative to the project's data root)"), this);
    mCopy = new QRadioButton(tr("Copy the images into the export"), this);
    mReference->setChecked(true);

    mFolder = new QLineEdit(this);
    mFolder->setObjectName(QStringLiteral("exportFolder"));
    mFolder->setText(QFileInfo(mProjectFile).absolutePath());
    mBrowse = new QPushButton(tr("Browse\u2026"), this);
    connect(mBrowse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Export into"), mFolder->text());
        if (!folder.isEmpty())
            mFolder->setText(folder);
    });
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(mFolder, 1);
    folderRow->addWidget(mBrowse);

    auto* form = new QFormLayout;
    form->addRow(tr("Format:"), mFormat);
    form->addRow(QString(), mFormatText);
    form->addRow(tr("Labels:"), mUnreviewed);
    auto* images = new QVBoxLayout;
    images->addWidget(mReference);
    images->addWidget(mCopy);
    form->addRow(tr("Images:"), images);
    form->addRow(tr("Into folder:"), folderRow);
    auto* named = new QLabel(tr("A new folder NAME_YYYYMMDD_HHMMSS is made there for each export."), this);
    named->setStyleSheet(QStringLiteral("color: palette(mid);"));
    form->addRow(QString(), named);

    mProgress = new QProgressBar(this);
    mProgress->setObjectName(QStringLiteral("exportProgress"));
    mProgress->hide();
    mStage = new QLabel(this);
    mResult = new QLabel(this);
    mResult->setObjectName(QStringLiteral("exportResult"));
    mResult->setWordWrap(true);
    mResult->setTextFormat(Qt::RichText);
    mResult->setTextInteractionFlags(Qt::TextBrowserInteraction);
    mResult->setOpenExternalLinks(false);
    connect(mResult, &QLabel::linkActivated, this,
            [](const QString& link) { QDesktopServices::openUrl(QUrl::fromLocalFile(link)); });

    mExport = new QPushButton(tr("Export"), this);
    mExport->setObjectName(QStringLiteral("exportButton"));
    mExport->setDefault(true);
    mExport->setEnabled(false);
    mCancel = new QPushButton(tr("Close"), this);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(mExport, QDialogButtonBox::AcceptRole);
    buttons->addButton(mCancel, QDialogButtonBox::RejectRole);
    connect(mExport, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(mCancel, &QPushButton::clicked, this, &ExportDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(mSplit);
    layout->addWidget(mProgress);
    layout->addWidget(mStage);
    layout->addWidget(mResult);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(620, 460);

    connect(mFormat, &QComboBox::currentIndexChanged, this,
            [this] { mFormatText->setText(mFormat->currentData(Qt::ToolTipRole).toString()); });

    // Only a lead exports; asking first means a labeler sees why before choosing anything.
    mResult->setText(tr("Reading the project\u2026"));
    mSession.run(
        this,
        [](Project& project) {
            project.requireLead("export");
            return project.info().taskType;
        },
        [this](TaskType taskType) { showFormats(taskType); },
        [this](const QString& message) { mResult->setText(message.toHtmlEscaped()); });
}

ExportDialog::~ExportDialog()
{
    if (mJob && mJob->thread) {
        mJob->cancel.cancel();
        mJob->thread->wait();
    }
}

void ExportDialog::showFormats(TaskType taskType)
{
    for (const formats::Format* format : formats::allFormats()) {
        if (!format->canExport(taskType))
            continue;
        mFormat->addItem(QString::fromStdString(std::string(format->id())),
                         QString::fromStdString(std::string(format->id())));
        mFormat->setItemData(mFormat->count() - 1, QString::fromStdString(std::string(format->description())),
                             Qt::ToolTipRole);
    }
    mFormatText->setText(mFormat->currentData(Qt::ToolTipRole).toString());
    mResult->clear();
    mReady = mFormat->count() > 0;
    mExport->setEnabled(mReady);
    if (!mReady)
        mResult->setText(
            tr("No export format holds %1 labels.").arg(QString::fromStdString(std::string(displayName(taskType)))));
}

void ExportDialog::startExport()
{
    if (!mReady || isRunning())
        return;
    formats::ExportOptions options;
    options.format = mFormat->currentData().toString().toStdString();
    options.includeUnreviewed = mUnreviewed->isChecked();
    options.copyImages = mCopy->isChecked();
    options.parentFolder = mFolder->text().trimmed().toStdString();
    if (mSplit->isChecked()) {
        const double sum = mTrain->value() + mVal->value() + mTest->value();
        if (sum <= 0) {
            mResult->setText(tr("The split needs at least one set with a share above 0 %."));
            return;
        }
        options.split = formats::SplitRatios{mTrain->value() / sum, mVal->value() / sum, mTest->value() / sum};
        options.seed = static_cast<std::uint64_t>(mSeed->value());
    }
    if (options.parentFolder.empty()) {
        mResult->setText(tr("Choose the folder the export is made in."));
        return;
    }

    mJob = std::make_shared<Job>();
    mVerified = false;
    mResult->clear();
    setRunning(true);
    const std::shared_ptr<Job> job = mJob;
    const std::filesystem::path projectFile = mProjectFile.toStdString();
    job->thread = QThread::create([job, projectFile, options] {
        try {
            auto result = formats::exportProject(
                projectFile, options,
                [job](std::int64_t done, std::int64_t total, std::string_view stage) {
                    std::lock_guard lock(job->mutex);
                    job->done = done;
                    job->total = total;
                    job->stage = stage;
                },
                job->cancel);
            std::lock_guard lock(job->mutex);
            job->result = std::move(result);
        } catch (const CancelledError&) {
            std::lock_guard lock(job->mutex);
            job->cancelled = true;
        } catch (const std::exception& error) {
            std::lock_guard lock(job->mutex);
            job->failure = QString::fromStdString(error.what());
        }
    });
    job->thread->setParent(this);
    connect(job->thread, &QThread::finished, this, &ExportDialog::finishExport);
    // Parented to the thread object (which lives here): it stops when the export is over.
    auto* timer = new QTimer(job->thread);
    connect(timer, &QTimer::timeout, this, &ExportDialog::pollProgress);
    timer->start(100);
    job->thread->start();
}

void ExportDialog::pollProgress()
{
    if (!mJob)
        return;
    std::lock_guard lock(mJob->mutex);
    const QLocale locale;
    if (mJob->stage == "verify") {
        mProgress->setRange(0, 0);
        mStage->setText(tr("Reading the export back to check it\u2026"));
    } else if (mJob->total > 0) {
        mProgress->setRange(0, 1000);
        mProgress->setValue(static_cast<int>(1000 * mJob->done / mJob->total));
        mStage->setText(tr("%1 of %2 images written")
                            .arg(locale.toString(static_cast<qlonglong>(mJob->done)),
                                 locale.toString(static_cast<qlonglong>(mJob->total))));
    } else {
        mProgress->setRange(0, 0);
        mStage->setText(mJob->done > 0
                            ? tr("%1 images written").arg(locale.toString(static_cast<qlonglong>(mJob->done)))
                            : tr("Reading the labels\u2026"));
    }
}

void ExportDialog::finishExport()
{
    const std::shared_ptr<Job> job = mJob;
    job->thread->deleteLater();
    job->thread = nullptr;
    setRunning(false);
    const QLocale locale;
    std::lock_guard lock(job->mutex);
    if (job->cancelled) {
        mResult->setText(tr("The export was cancelled; nothing was left behind."));
    } else if (!job->failure.isEmpty()) {
        mResult->setText(QStringLiteral("<b style='color:#b3261e'>%1</b> %2")
                             .arg(tr("The export failed."), job->failure.toHtmlEscaped()));
    } else if (job->result) {
        const formats::ExportResult& result = *job->result;
        mLastFolder = QString::fromStdString(result.folder.string());
        mVerified = result.verification.ok();
        QString splits;
        for (const auto& [split, count] : result.imagesBySplit)
            if (!split.empty())
                splits += QStringLiteral(" %1 %2").arg(QString::fromStdString(split),
                                                       locale.toString(static_cast<qlonglong>(count)));
        mResult->setText(tr("Exported %1 images and %2 annotations%3 to <a href=\"%4\">%5</a>.<br>%6")
                             .arg(locale.toString(static_cast<qlonglong>(result.images)),
                                  locale.toString(static_cast<qlonglong>(result.annotations)),
                                  splits.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(splits.trimmed()),
                                  mLastFolder.toHtmlEscaped(), QFileInfo(mLastFolder).fileName().toHtmlEscaped(),
                                  verificationText(result.verification)));
    }
    const bool verified = mVerified && !job->cancelled && job->failure.isEmpty();
    emit exportFinished(verified);
}

void ExportDialog::setRunning(bool running)
{
    for (QWidget* input :
         std::initializer_list<QWidget*>{mFormat, mUnreviewed, mSplit, mReference, mCopy, mFolder, mBrowse, mExport})
        input->setEnabled(!running);
    mProgress->setVisible(running);
    mProgress->setRange(0, 0);
    mStage->setVisible(running);
    mStage->setText(tr("Starting\u2026"));
    mCancel->setText(running ? tr("Cancel") : tr("Close"));
}

void ExportDialog::reject()
{
    // While running, the first press cancels the export; the dialog stays to say so.
    if (isRunning()) {
        mJob->cancel.cancel();
        mStage->setText(tr("Cancelling\u2026"));
        return;
    }
    QDialog::reject();
}

bool ExportDialog::isReady() const
{
    return mReady && !isRunning();
}

bool ExportDialog::isRunning() const
{
    return mJob && mJob->thread;
}

bool ExportDialog::lastExportVerified() const
{
    return mVerified;
}

QString ExportDialog::lastExportFolder() const
{
    return mLastFolder;
}

QComboBox* ExportDialog::formatBox() const
{
    return mFormat;
}
QCheckBox* ExportDialog::unreviewedBox() const
{
    return mUnreviewed;
}
QGroupBox* ExportDialog::splitBox() const
{
    return mSplit;
}
QDoubleSpinBox* ExportDialog::trainRatio() const
{
    return mTrain;
}
QDoubleSpinBox* ExportDialog::valRatio() const
{
    return mVal;
}
QDoubleSpinBox* ExportDialog::testRatio() const
{
    return mTest;
}
QSpinBox* ExportDialog::seedBox() const
{
    return mSeed;
}
QRadioButton* ExportDialog::copyImagesButton() const
{
    return mCopy;
}
QLineEdit* ExportDialog::folderEdit() const
{
    return mFolder;
}
QPushButton* ExportDialog::exportButton() const
{
    return mExport;
}
QPushButton* ExportDialog::cancelButton() const
{
    return mCancel;
}
QProgressBar* ExportDialog::progressBar() const
{
    return mProgress;
}
QLabel* ExportDialog::resultLabel() const
{
    return mResult;
}

} // namespace pixmark
