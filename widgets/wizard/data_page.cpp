#include "widgets/wizard/data_page.h"

#include "core/errors.h"
#include "core/ingest/manifest.h"
#include "core/project/project_plan.h"
#include "widgets/wizard/field_error.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace pixmark {

namespace {
std::filesystem::path toPath(const QString& text)
{
    return std::filesystem::path(QDir::fromNativeSeparators(text.trimmed()).toStdString());
}

// A line edit with a Browse… button that runs choose and puts its answer in the edit.
QHBoxLayout* browseRow(QLineEdit* edit, QWidget* parent, std::function<QString()> choose)
{
    auto* button = new QPushButton(DataPage::tr("Browse…"), parent);
    QObject::connect(button, &QPushButton::clicked, edit, [edit, choose] {
        const QString chosen = choose();
        if (!chosen.isEmpty())
            edit->setText(QDir::toNativeSeparators(chosen));
    });
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(button);
    return row;
}
} // namespace

DataPage::DataPage(QWidget* parent) : ValidatedPage(false, parent)
{
    setObjectName(QStringLiteral("dataPage"));
    setTitle(tr("Data"));
    setSubTitle(tr("Choose the images to label. More sources can be added later; labeling starts with the "
                   "first images while the rest arrive."));

    mChoices = new QButtonGroup(this);
    auto* choiceLayout = new QVBoxLayout;
    choiceLayout->setSpacing(2);
    const std::pair<Choice, QString> choices[] = {
        {Choice::Folder, tr("A folder (and its subfolders)")},
        {Choice::Files, tr("Individual files")},
        {Choice::Glob, tr("Files matching a pattern (glob)")},
        {Choice::Manifest, tr("A manifest: a CSV or JSON lines table of images (and their classes)")},
        {Choice::Later, tr("No data yet: add it from the project window later")},
    };
    const QString names[] = {QStringLiteral("folder"), QStringLiteral("files"), QStringLiteral("glob"),
                             QStringLiteral("manifest"), QStringLiteral("later")};
    for (const auto& [choice, text] : choices) {
        auto* button = new QRadioButton(text, this);
        button->setObjectName(QStringLiteral("dataChoice-%1").arg(names[static_cast<int>(choice)]));
        mChoices->addButton(button, static_cast<int>(choice));
        choiceLayout->addWidget(button);
    }

    mPanels = new QStackedWidget(this);
    mPanels->addWidget(createFolderPanel());
    mPanels->addWidget(createFilesPanel());
    mPanels->addWidget(createGlobPanel());
    mPanels->addWidget(createManifestPanel());
    mPanels->addWidget(new QWidget(this));

    mReference = new QRadioButton(tr("Reference the images where they are (recommended)"), this);
    mReference->setObjectName(QStringLiteral("referenceRadio"));
    mCopy = new QRadioButton(tr("Copy the images into a folder beside the project"), this);
    mCopy->setObjectName(QStringLiteral("copyRadio"));
    mReference->setChecked(true);
    auto* storage = new QButtonGroup(this);
    storage->addButton(mReference);
    storage->addButton(mCopy);

    mError = makeFieldError(this, QStringLiteral("dataError"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(choiceLayout);
    layout->addSpacing(6);
    layout->addWidget(mPanels);
    layout->addWidget(mError);
    layout->addSpacing(6);
    layout->addWidget(mReference);
    layout->addWidget(mCopy);
    layout->addStretch();

    connect(mChoices, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (!checked)
            return;
        mPanels->setCurrentIndex(id);
        const bool hasData = static_cast<Choice>(id) != Choice::Later;
        mReference->setEnabled(hasData);
        mCopy->setEnabled(hasData);
        revalidate();
        emit dataFolderChanged(dataFolder());
    });
    mChoices->button(static_cast<int>(Choice::Folder))->setChecked(true);
    revalidate();
}

QWidget* DataPage::createFolderPanel()
{
    auto* panel = new QWidget(this);
    mFolder = new QLineEdit(panel);
    mFolder->setObjectName(QStringLiteral("folderEdit"));
    mFolder->setPlaceholderText(tr("Folder of images"));
    auto* form = new QFormLayout(panel);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(makeBuddyLabel(tr("F&older:"), mFolder), browseRow(mFolder, panel, [this] {
                     return QFileDialog::getExistingDirectory(this, tr("Folder of Images"), mFolder->text());
                 }));
    connect(mFolder, &QLineEdit::textChanged, this, [this] {
        revalidate();
        emit dataFolderChanged(dataFolder());
    });
    return panel;
}

QWidget* DataPage::createFilesPanel()
{
    auto* panel = new QWidget(this);
    mFiles = new QListWidget(panel);
    mFiles->setObjectName(QStringLiteral("filesList"));
    mFiles->setSelectionMode(QAbstractItemView::ExtendedSelection);
    mFiles->setMaximumHeight(110);
    auto* add = new QPushButton(tr("Add Files…"), panel);
    auto* remove = new QPushButton(tr("Remove"), panel);
    connect(add, &QPushButton::clicked, this, [this] {
        addFiles(QFileDialog::getOpenFileNames(this, tr("Images"), QString(),
                                               tr("Images (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.dcm);;"
                                                  "All files (*)")));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        qDeleteAll(mFiles->selectedItems());
        revalidate();
    });
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto* layout = new QHBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mFiles, 1);
    layout->addLayout(buttons);
    return panel;
}

QWidget* DataPage::createGlobPanel()
{
    auto* panel = new QWidget(this);
    mGlobRoot = new QLineEdit(panel);
    mGlobRoot->setObjectName(QStringLiteral("globRootEdit"));
    mGlobPattern = new QLineEdit(QStringLiteral("**/*.jpg"), panel);
    mGlobPattern->setObjectName(QStringLiteral("globPatternEdit"));
    auto* form = new QFormLayout(panel);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(makeBuddyLabel(tr("In &folder:"), mGlobRoot), browseRow(mGlobRoot, panel, [this] {
                     return QFileDialog::getExistingDirectory(this, tr("Base Folder"), mGlobRoot->text());
                 }));
    form->addRow(tr("&Pattern:"), mGlobPattern);
    form->addRow(QString(), makeHint(tr("** matches any number of folders: **/*.png, cameras/*/day-*.jpg"), panel));
    connect(mGlobRoot, &QLineEdit::textChanged, this, [this] {
        revalidate();
        emit dataFolderChanged(dataFolder());
    });
    connect(mGlobPattern, &QLineEdit::textChanged, this, &DataPage::revalidate);
    return panel;
}

QWidget* DataPage::createManifestPanel()
{
    auto* panel = new QWidget(this);
    mManifest = new QLineEdit(panel);
    mManifest->setObjectName(QStringLiteral("manifestEdit"));
    mImageColumn = new QComboBox(panel);
    mImageColumn->setObjectName(QStringLiteral("imageColumnCombo"));
    mLabelColumn = new QComboBox(panel);
    mLabelColumn->setObjectName(QStringLiteral("labelColumnCombo"));
    mLabelsFinal = new QRadioButton(tr("as final labels"), panel);
    mLabelsFinal->setObjectName(QStringLiteral("labelsFinalRadio"));
    auto* labelsSuggested = new QRadioButton(tr("as suggestions to review"), panel);
    labelsSuggested->setChecked(true);
    auto* labelMode = new QHBoxLayout;
    labelMode->addWidget(labelsSuggested);
    labelMode->addWidget(mLabelsFinal);
    labelMode->addStretch();
    mManifestInfo = makeHint(QString(), panel);
    mManifestInfo->setObjectName(QStringLiteral("manifestInfo"));

    auto* form = new QFormLayout(panel);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(makeBuddyLabel(tr("&Manifest:"), mManifest), browseRow(mManifest, panel, [this] {
                     return QFileDialog::getOpenFileName(this, tr("Manifest"), mManifest->text(),
                                                         tr("Manifests (*.csv *.jsonl *.ndjson);;All files (*)"));
                 }));
    form->addRow(tr("&Image column:"), mImageColumn);
    form->addRow(tr("&Label column:"), mLabelColumn);
    form->addRow(tr("Use its classes:"), labelMode);
    form->addRow(QString(), mManifestInfo);
    connect(mManifest, &QLineEdit::textChanged, this, [this] {
        readManifestColumns();
        emit dataFolderChanged(dataFolder());
    });
    connect(mImageColumn, &QComboBox::currentIndexChanged, this, &DataPage::revalidate);
    connect(mLabelColumn, &QComboBox::currentIndexChanged, this, &DataPage::revalidate);
    return panel;
}

void DataPage::readManifestColumns()
{
    QStringList columns;
    QFile file(mManifest->text().trimmed());
    if (file.open(QIODevice::ReadOnly)) {
        // Only the header (or the first record) is needed to offer the columns.
        QByteArray first;
        while (!file.atEnd() && first.trimmed().isEmpty())
            first = file.readLine(1 << 20);
        const QString suffix = QFileInfo(file).suffix().toLower();
        if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson")) {
            columns = QJsonDocument::fromJson(first).object().keys();
        } else {
            for (const std::string& field : ingest::splitCsvRecord(first.trimmed().toStdString()))
                columns.append(QString::fromStdString(field));
        }
    }
    const QSignalBlocker imageBlocker(mImageColumn);
    const QSignalBlocker labelBlocker(mLabelColumn);
    mImageColumn->clear();
    mLabelColumn->clear();
    mImageColumn->addItems(columns);
    mLabelColumn->addItem(tr("(none)"));
    mLabelColumn->addItems(columns);
    // Guess the usual names so the common case needs no choice.
    for (const QString& guess : {QStringLiteral("image"), QStringLiteral("path"), QStringLiteral("file"),
                                 QStringLiteral("source-ref"), QStringLiteral("filename")}) {
        const int index = static_cast<int>(columns.indexOf(guess));
        if (index >= 0) {
            mImageColumn->setCurrentIndex(index);
            break;
        }
    }
    for (const QString& guess : {QStringLiteral("label"), QStringLiteral("class"), QStringLiteral("category")}) {
        const int index = static_cast<int>(columns.indexOf(guess));
        if (index >= 0) {
            mLabelColumn->setCurrentIndex(index + 1);
            break;
        }
    }
    revalidate();
}

DataPage::Choice DataPage::choice() const
{
    return static_cast<Choice>(mChoices->checkedId());
}

void DataPage::setChoice(Choice choice)
{
    mChoices->button(static_cast<int>(choice))->setChecked(true);
}

void DataPage::setFolder(const QString& folder)
{
    setChoice(Choice::Folder);
    mFolder->setText(QDir::toNativeSeparators(folder));
}

void DataPage::addFiles(const QStringList& files)
{
    for (const QString& file : files) {
        if (mFiles->findItems(QDir::toNativeSeparators(file), Qt::MatchExactly).isEmpty())
            mFiles->addItem(QDir::toNativeSeparators(file));
    }
    revalidate();
    emit dataFolderChanged(dataFolder());
}

std::optional<ingest::SourceRequest> DataPage::request() const
{
    ingest::SourceRequest request;
    switch (choice()) {
    case Choice::Later:
        return std::nullopt;
    case Choice::Folder:
        request.kind = SourceKind::Folder;
        request.root = toPath(mFolder->text());
        break;
    case Choice::Files:
        request.kind = SourceKind::Files;
        for (int row = 0; row < mFiles->count(); ++row)
            request.files.push_back(toPath(mFiles->item(row)->text()));
        break;
    case Choice::Glob:
        request.kind = SourceKind::Glob;
        request.root = toPath(mGlobRoot->text());
        request.pattern = mGlobPattern->text().trimmed().toStdString();
        break;
    case Choice::Manifest:
        request.kind = SourceKind::Manifest;
        request.root = toPath(mManifest->text());
        request.manifestColumns.image = mImageColumn->currentText().toStdString();
        if (mLabelColumn->currentIndex() > 0)
            request.manifestColumns.label = mLabelColumn->currentText().toStdString();
        request.manifestLabels =
            mLabelsFinal->isChecked() ? ingest::ManifestLabels::Final : ingest::ManifestLabels::Prelabel;
        break;
    }
    request.copyIntoProject = mCopy->isChecked();
    return request;
}

QString DataPage::dataFolder() const
{
    switch (choice()) {
    case Choice::Folder:
        return mFolder->text().trimmed();
    case Choice::Glob:
        return mGlobRoot->text().trimmed();
    case Choice::Manifest:
        return mManifest->text().trimmed().isEmpty() ? QString()
                                                     : QFileInfo(mManifest->text().trimmed()).absolutePath();
    case Choice::Files:
        return mFiles->count() > 0 ? QFileInfo(mFiles->item(0)->text()).absolutePath() : QString();
    case Choice::Later:
        break;
    }
    return {};
}

void DataPage::revalidate()
{
    QString error;
    QString info;
    const auto source = request();
    if (source) {
        try {
            validateSource(*source);
            if (source->kind == SourceKind::Manifest) {
                const ingest::Manifest manifest = ingest::readManifest(source->root, source->manifestColumns);
                info =
                    countText(static_cast<qint64>(manifest.rows.size()), tr("%1 image listed"), tr("%1 images listed"));
                if (!manifest.problems.empty())
                    info += countText(static_cast<qint64>(manifest.problems.size()), tr("; %1 row cannot be used"),
                                      tr("; %1 rows cannot be used")) +
                            tr(", for example %1").arg(QString::fromStdString(manifest.problems.front().reason));
                if (manifest.rows.empty())
                    error = tr("The manifest lists no usable images.");
            }
        } catch (const Error& caught) {
            error = QString::fromUtf8(caught.what());
        }
    }
    mManifestInfo->setText(info);
    showValidity(mError, error);
}

} // namespace pixmark
