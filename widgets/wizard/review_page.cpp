#include "widgets/wizard/review_page.h"

#include "core/errors.h"
#include "core/model/task_type.h"
#include "core/project/project_plan.h"
#include "widgets/wizard/create_project_wizard.h"
#include "widgets/wizard/field_error.h"

#include <QDir>
#include <QLabel>
#include <QScrollArea>
#include <QStringList>
#include <QVBoxLayout>

#include <algorithm>

namespace pixmark {

namespace {
QString html(const std::string& text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

QString nativePath(const std::filesystem::path& path)
{
    return QDir::toNativeSeparators(QString::fromStdString(path.string())).toHtmlEscaped();
}

QString describeSource(const ingest::SourceRequest& source)
{
    QString text;
    switch (source.kind) {
    case SourceKind::Folder:
        text = ReviewPage::tr("the folder %1 and its subfolders").arg(nativePath(source.root));
        break;
    case SourceKind::Files:
        text =
            countText(static_cast<qint64>(source.files.size()), ReviewPage::tr("%1 file"), ReviewPage::tr("%1 files"));
        break;
    case SourceKind::Glob:
        text = ReviewPage::tr("files matching %1 in %2").arg(html(source.pattern), nativePath(source.root));
        break;
    case SourceKind::Manifest:
        text = ReviewPage::tr("the manifest %1 (images in column \"%2\"")
                   .arg(nativePath(source.root), html(source.manifestColumns.image));
        if (source.manifestColumns.label)
            text += ReviewPage::tr(", classes in \"%1\" %2")
                        .arg(html(*source.manifestColumns.label), source.manifestLabels == ingest::ManifestLabels::Final
                                                                      ? ReviewPage::tr("as labels")
                                                                      : ReviewPage::tr("as suggestions"));
        text += QLatin1Char(')');
        break;
    }
    text +=
        source.copyIntoProject ? ReviewPage::tr(", copied into the project") : ReviewPage::tr(", referenced in place");
    if (source.incrementalRefresh)
        text += source.refreshIntervalSeconds > 0
                    ? countText(source.refreshIntervalSeconds / 60,
                                ReviewPage::tr("; refreshed every minute and while open"),
                                ReviewPage::tr("; refreshed every %1 minutes and while open"))
                    : ReviewPage::tr("; refreshed while the project is open");
    return text;
}
} // namespace

ReviewPage::ReviewPage(QWidget* parent) : QWizardPage(parent)
{
    setObjectName(QStringLiteral("reviewPage"));
    setTitle(tr("Review and create"));
    setSubTitle(tr("Check the project before creating it. The project opens at once; labeling can start with the "
                   "first images while the rest are added."));
    mSummary = new QLabel(this);
    mSummary->setObjectName(QStringLiteral("reviewSummary"));
    mSummary->setTextFormat(Qt::RichText);
    mSummary->setWordWrap(true);
    mSummary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    mSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(mSummary);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    mError = makeFieldError(this, QStringLiteral("createError"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(mError);
}

QString ReviewPage::summaryText() const
{
    return mSummary->text();
}

void ReviewPage::showCreateError(const QString& message)
{
    showFieldError(mError, message);
}

QString ReviewPage::createError() const
{
    return mError->isHidden() ? QString() : mError->text();
}

void ReviewPage::initializePage()
{
    showCreateError(QString());
    const auto* created = qobject_cast<CreateProjectWizard*>(wizard());
    if (!created)
        return;
    const ProjectPlan plan = created->plan();
    QString text = QStringLiteral("<table cellspacing='4'>");
    const auto row = [&text](const QString& label, const QString& value) {
        text += QStringLiteral("<tr><td valign='top'><b>%1</b></td><td>%2</td></tr>").arg(label, value);
    };
    row(tr("Name"), html(plan.name));
    row(tr("Task type"), html(std::string(displayName(plan.taskType))));
    row(tr("Project file"), nativePath(plan.file));
    row(tr("Data"), plan.sources.empty() ? tr("none yet") : describeSource(plan.sources.front()));
    QStringList classes;
    // The classes page lets no invalid class through; should one get here anyway, the
    // summary still shows and Create explains the problem.
    std::vector<std::optional<std::string>> hotkeys(plan.classes.size());
    try {
        hotkeys = assignClassHotkeys(plan.classes);
    } catch (const Error&) {
    }
    for (std::size_t i = 0; i < plan.classes.size(); ++i) {
        const QString color = QString::fromStdString(plan.classes[i].color.value_or("#808080"));
        QString entry =
            QStringLiteral("<span style='color:%1'>&#9632;</span> %2").arg(color, html(plan.classes[i].name));
        if (hotkeys[i])
            entry += QStringLiteral(" <i>(%1)</i>").arg(html(*hotkeys[i]));
        classes.append(entry);
    }
    row(tr("Classes"), classes.join(QStringLiteral(", ")));
    // Lines of text, not the blank lines Markdown puts between paragraphs.
    const qint64 lines = QString::fromStdString(plan.instructions).split(QLatin1Char('\n'), Qt::SkipEmptyParts).size();
    QString instructions = lines == 0 ? tr("none") : countText(lines, tr("%1 line"), tr("%1 lines"));
    if (!plan.instructionsUrl.empty())
        instructions += tr("; link %1").arg(html(plan.instructionsUrl));
    row(tr("Instructions"), instructions);
    row(tr("ML assist"), plan.assist.enabled ? countText(plan.assist.startAfterLabels, tr("on, after %1 labeled item"),
                                                         tr("on, after %1 labeled items"))
                                             : tr("off"));
    QString quality = plan.quality.consensus ? tr("consensus of %1 labelers").arg(plan.quality.labelersPerItem)
                                             : tr("one labeler per item");
    quality += plan.quality.reviewRequired ? tr(", every label reviewed") : tr(", no review");
    row(tr("Quality"), quality);
    text += QStringLiteral("</table>");
    mSummary->setText(text);
}

} // namespace pixmark
