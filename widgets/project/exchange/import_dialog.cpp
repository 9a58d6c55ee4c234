#include "widgets/project/exchange/import_dialog.h"

#include "core/formats/registry.h"
#include "core/project/project.h"
#include "widgets/session/project_session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace pixmark {

namespace {

QString count(std::int64_t n)
{
    return QLocale().toString(static_cast<qlonglong>(n));
}

} // namespace

ImportDialog::ImportDialog(ProjectSession& session, QWidget* parent) : QDialog(parent), mSession(session)
{
    setWindowTitle(tr("Import labels"));
    setObjectName(QStringLiteral("importDialog"));

    mFormat = new QComboBox(this);
    mFormat->setObjectName(QStringLiteral("importFormat"));
    for (const formats::Format* format : formats::allFormats()) {
        if (!format->canImport())
            continue;
        const QString id = QString::fromStdString(std::string(format->id()));
        mFormat->addItem(id, id);
        mFormat->setItemData(mFormat->count() - 1, QString::fromStdString(std::string(format->description())),
                             Qt::ToolTipRole);
    }
    mFormatText = new QLabel(this);
    mFormatText->setWordWrap(true);
    mFormatText->setStyleSheet(QStringLiteral("color: palette(mid);"));
    mFormatText->setText(mFormat->currentData(Qt::ToolTipRole).toString());
    connect(mFormat, &QComboBox::currentIndexChanged, this,
            [this] { mFormatText->setText(mFormat->currentData(Qt::ToolTipRole).toString()); });

    mInput = new QLineEdit(this);
    mInput->setObjectName(QStringLiteral("importInput"));
    mInput->setPlaceholderText(tr("A file, or the folder of a YOLO, VOC or mask export"));
    const QString start = QFileInfo(mSession.filePath()).absolutePath();
    mFile = new QPushButton(tr("File\u2026"), this);
    mFolder = new QPushButton(tr("Folder\u2026"), this);
    connect(mFile, &QPushButton::clicked, this, [this, start] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Import labels from"), start);
        if (!file.isEmpty())
            mInput->setText(file);
    });
    connect(mFolder, &QPushButton::clicked, this, [this, start] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Import labels from"), start);
        if (!folder.isEmpty())
            mInput->setText(folder);
    });
    auto* inputRow = new QHBoxLayout;
    inputRow->addWidget(mInput, 1);
    inputRow->addWidget(mFile);
    inputRow->addWidget(mFolder);

    mFinal = new QRadioButton(tr("As final labels"), this);
    mPrelabels = new QRadioButton(tr("As prelabels for labelers to review"), this);
    mFinal->setChecked(true);
    mCreateClasses = new QCheckBox(tr("Create a class for each category the project lacks"), this);
    mCreateClasses->setChecked(true);
    mCreateClasses->setToolTip(tr("Categories are matched to classes by name, ignoring case. Unchecked, a file with "
                                  "an unknown category is refused and nothing is imported."));

    auto* form = new QFormLayout;
    form->addRow(tr("Format:"), mFormat);
    form->addRow(QString(), mFormatText);
    form->addRow(tr("From:"), inputRow);
    auto* as = new QVBoxLayout;
    as->addWidget(mFinal);
    as->addWidget(mPrelabels);
    form->addRow(tr("Import:"), as);
    form->addRow(tr("Classes:"), mCreateClasses);
    auto* note = new QLabel(tr("Images are matched to the project's items by path, then by file name. The import "
                               "is all or nothing: a file that cannot be read changes nothing."),
                            this);
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color: palette(mid);"));

    mStage = new QLabel(this);
    mResult = new QLabel(this);
    mResult->setObjectName(QStringLiteral("importResult"));
    mResult->setWordWrap(true);
    mResult->setTextFormat(Qt::RichText);
    mResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    mImport = new QPushButton(tr("Import"), this);
    mImport->setObjectName(QStringLiteral("importButton"));
    mImport->setDefault(true);
    mClose = new QPushButton(tr("Close"), this);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(mImport, QDialogButtonBox::AcceptRole);
    buttons->addButton(mClose, QDialogButtonBox::RejectRole);
    connect(mImport, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(mClose, &QPushButton::clicked, this, &ImportDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(mStage);
    layout->addWidget(mResult);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(640, 420);
}

void ImportDialog::startImport()
{
    if (mRunning)
        return;
    const std::string formatId = mFormat->currentData().toString().toStdString();
    const std::filesystem::path input = mInput->text().trimmed().toStdString();
    if (input.empty()) {
        mResult->setText(tr("Choose the file or folder to import."));
        return;
    }
    LabelImportOptions options;
    options.asPrelabels = mPrelabels->isChecked();
    options.createMissingClasses = mCreateClasses->isChecked();
    mReport.reset();
    mResult->clear();
    setRunning(true);
    mSession.run(
        this,
        [formatId, input, options](Project& project) {
            const formats::Format& format = formats::formatById(formatId);
            return project.importLabels([&](formats::ImportSink& sink) { format.read(input, sink); }, options);
        },
        [this](const LabelImportReport& report) {
            setRunning(false);
            mReport = report;
            showReport(report);
            emit importFinished(true);
        },
        [this](const QString& message) {
            setRunning(false);
            mResult->setText(QStringLiteral("<b style='color:#b3261e'>%1</b><br>%2")
                                 .arg(tr("Nothing was imported."), message.toHtmlEscaped()));
            emit importFinished(false);
        },
        ProjectChange::Labels | ProjectChange::Classes);
}

void ImportDialog::showReport(const LabelImportReport& report)
{
    QString text = tr("<b>Imported</b> %1 %2 on %3 of the file's %4 images")
                       .arg(count(report.annotations), mPrelabels->isChecked() ? tr("prelabels") : tr("annotations"),
                            count(report.imagesMatched), count(report.imagesInFile));
    if (!mPrelabels->isChecked())
        text += tr(" (%1 items labeled)").arg(count(report.itemsLabeled));
    text += QStringLiteral(".");
    if (report.converted > 0)
        text += QStringLiteral("<br>") +
                tr("%1 shapes were converted to this project's kind.").arg(count(report.converted));
    if (!report.classesCreated.empty()) {
        QStringList names;
        for (const std::string& name : report.classesCreated)
            names << QString::fromStdString(name).toHtmlEscaped();
        text += QStringLiteral("<br>") + tr("New classes: %1.").arg(names.join(QStringLiteral(", ")));
    }
    if (report.unmatchedCount > 0) {
        QStringList names;
        for (const std::string& name : report.unmatchedImages)
            names << QString::fromStdString(name).toHtmlEscaped();
        text += QStringLiteral("<br><span style='color:#8a5a00'>") +
                tr("%1 images of the file are not in this project and were left out: %2%3")
                    .arg(count(report.unmatchedCount), names.join(QStringLiteral(", ")),
                         report.unmatchedCount > static_cast<std::int64_t>(names.size()) ? QStringLiteral(", \u2026")
                                                                                         : QString()) +
                QStringLiteral("</span>");
    }
    if (report.shapesWithoutImage > 0)
        text += QStringLiteral("<br>") + tr("%1 shapes name an image the file does not list and were left out.")
                                             .arg(count(report.shapesWithoutImage));
    mResult->setText(text);
}

void ImportDialog::setRunning(bool running)
{
    mRunning = running;
    for (QWidget* input : std::initializer_list<QWidget*>{mFormat, mInput, mFile, mFolder, mFinal, mPrelabels,
                                                          mCreateClasses, mImport, mClose})
        input->setEnabled(!running);
    mStage->setText(running ? tr("Importing\u2026 (labeling waits until the import is written)") : QString());
}

bool ImportDialog::isRunning() const
{
    return mRunning;
}
const std::optional<LabelImportReport>& ImportDialog::lastReport() const
{
    return mReport;
}
QComboBox* ImportDialog::formatBox() const
{
    return mFormat;
}
QLineEdit* ImportDialog::inputEdit() const
{
    return mInput;
}
QRadioButton* ImportDialog::prelabelsButton() const
{
    return mPrelabels;
}
QCheckBox* ImportDialog::createClassesBox() const
{
    return mCreateClasses;
}
QPushButton* ImportDialog::importButton() const
{
    return mImport;
}
QLabel* ImportDialog::resultLabel() const
{
    return mResult;
}

} // namespace pixmark
