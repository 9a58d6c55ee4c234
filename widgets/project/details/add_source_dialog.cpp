#include "widgets/project/details/add_source_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace pixmark {

AddSourceDialog::AddSourceDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Add a data source"));
    mKind = new QComboBox(this);
    mKind->addItem(tr("Folder (every image below it)"), static_cast<int>(SourceKind::Folder));
    mKind->addItem(tr("Glob pattern below a folder"), static_cast<int>(SourceKind::Glob));
    mKind->addItem(tr("Files"), static_cast<int>(SourceKind::Files));
    mKind->addItem(tr("Manifest (CSV or JSONL)"), static_cast<int>(SourceKind::Manifest));
    mPath = new QLineEdit(this);
    auto* browse = new QPushButton(tr("Browse\u2026"), this);
    mPattern = new QLineEdit(this);
    mPattern->setPlaceholderText(QStringLiteral("**/*.png"));
    mIncremental = new QCheckBox(tr("Incremental: pick up new files on refresh"), this);
    mInterval = new QSpinBox(this);
    mInterval->setRange(0, 7 * 24 * 60);
    mInterval->setSuffix(tr(" min"));
    mInterval->setSpecialValueText(tr("only on demand"));
    mProblem = new QLabel(this);
    mProblem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    mProblem->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add and import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AddSourceDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &AddSourceDialog::browse);
    connect(mKind, &QComboBox::currentIndexChanged, this, &AddSourceDialog::updateForm);
    connect(mIncremental, &QCheckBox::toggled, this, &AddSourceDialog::updateForm);

    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(mPath, 1);
    pathRow->addWidget(browse);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Kind:"), mKind);
    form->addRow(tr("Location:"), pathRow);
    form->addRow(tr("Pattern:"), mPattern);
    form->addRow(mIncremental);
    form->addRow(tr("Refresh every:"), mInterval);
    form->addRow(mProblem);
    form->addRow(buttons);
    setMinimumWidth(520);
    updateForm();
}

ingest::SourceRequest AddSourceDialog::request() const
{
    ingest::SourceRequest request;
    request.kind = static_cast<SourceKind>(mKind->currentData().toInt());
    const QString path = mPath->text().trimmed();
    if (request.kind == SourceKind::Files) {
        const QStringList files = path.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString& file : files)
            request.files.emplace_back(file.trimmed().toStdString());
    } else {
        request.root = path.toStdString();
    }
    if (request.kind == SourceKind::Glob)
        request.pattern = mPattern->text().trimmed().toStdString();
    request.incrementalRefresh = mIncremental->isChecked();
    request.refreshIntervalSeconds = mIncremental->isChecked() ? mInterval->value() * 60 : 0;
    return request;
}

QString AddSourceDialog::problem() const
{
    const auto kind = static_cast<SourceKind>(mKind->currentData().toInt());
    const QString path = mPath->text().trimmed();
    if (path.isEmpty())
        return kind == SourceKind::Files ? tr("Choose the files to add.") : tr("Choose where the images are.");
    if (kind == SourceKind::Glob && mPattern->text().trimmed().isEmpty())
        return tr("Type a pattern such as **/*.png.");
    if ((kind == SourceKind::Folder || kind == SourceKind::Glob) && !QFileInfo(path).isDir())
        return tr("%1 is not a folder.").arg(path);
    if (kind == SourceKind::Manifest && !QFileInfo(path).isFile())
        return tr("%1 is not a file.").arg(path);
    return {};
}

void AddSourceDialog::accept()
{
    const QString why = problem();
    mProblem->setText(why);
    if (why.isEmpty())
        QDialog::accept();
}

void AddSourceDialog::browse()
{
    const auto kind = static_cast<SourceKind>(mKind->currentData().toInt());
    if (kind == SourceKind::Folder || kind == SourceKind::Glob) {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder with images"), mPath->text());
        if (!folder.isEmpty())
            mPath->setText(folder);
    } else if (kind == SourceKind::Files) {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Images"));
        if (!files.isEmpty())
            mPath->setText(files.join(QLatin1Char('\n')));
    } else {
        const QString file = QFileDialog::getOpenFileName(this, tr("Manifest"), QString(),
                                                          tr("Manifests (*.csv *.jsonl);;All files (*)"));
        if (!file.isEmpty())
            mPath->setText(file);
    }
}

void AddSourceDialog::updateForm()
{
    const auto kind = static_cast<SourceKind>(mKind->currentData().toInt());
    mPattern->setEnabled(kind == SourceKind::Glob);
    mInterval->setEnabled(mIncremental->isChecked());
}

} // namespace pixmark
