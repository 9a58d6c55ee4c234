#include "widgets/wizard/instructions_page.h"

#include "core/errors.h"
#include "core/project/project_plan.h"
#include "widgets/wizard/field_error.h"

#include <QAction>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTextCursor>
#include <QTextEdit>
#include <QTextList>
#include <QToolBar>
#include <QVBoxLayout>

namespace pixmark {

InstructionsPage::InstructionsPage(QWidget* parent) : ValidatedPage(true, parent)
{
    setObjectName(QStringLiteral("instructionsPage"));
    setTitle(tr("Instructions"));
    setSubTitle(tr("Tell labelers what a good label is. They see this beside every image; the link opens a "
                   "longer guide."));

    mEditor = new QTextEdit(this);
    mEditor->setObjectName(QStringLiteral("instructionsEdit"));
    mEditor->setAcceptRichText(true);
    mEditor->setPlaceholderText(tr("For example: draw a tight box around every bird; ignore reflections."));

    auto* toolbar = new QToolBar(this);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QAction* bold = toolbar->addAction(tr("Bold"));
    bold->setObjectName(QStringLiteral("boldAction"));
    bold->setCheckable(true);
    bold->setShortcut(QKeySequence::Bold);
    QFont boldFont = bold->font();
    boldFont.setBold(true);
    bold->setFont(boldFont);
    QAction* italic = toolbar->addAction(tr("Italic"));
    italic->setObjectName(QStringLiteral("italicAction"));
    italic->setCheckable(true);
    italic->setShortcut(QKeySequence::Italic);
    QFont italicFont = italic->font();
    italicFont.setItalic(true);
    italic->setFont(italicFont);
    QAction* list = toolbar->addAction(tr("• List"));
    list->setObjectName(QStringLiteral("listAction"));
    list->setCheckable(true);

    connect(bold, &QAction::triggered, this, [this](bool on) {
        QTextCharFormat format;
        format.setFontWeight(on ? QFont::Bold : QFont::Normal);
        mEditor->mergeCurrentCharFormat(format);
    });
    connect(italic, &QAction::triggered, this, [this](bool on) {
        QTextCharFormat format;
        format.setFontItalic(on);
        mEditor->mergeCurrentCharFormat(format);
    });
    connect(list, &QAction::triggered, this, [this](bool on) {
        QTextCursor cursor = mEditor->textCursor();
        if (on) {
            cursor.createList(QTextListFormat::ListDisc);
        } else if (QTextList* current = cursor.currentList()) {
            current->remove(cursor.block());
            QTextBlockFormat format = cursor.blockFormat();
            format.setIndent(0);
            cursor.setBlockFormat(format);
        }
    });
    // The buttons show the format under the cursor, as in any editor.
    connect(mEditor, &QTextEdit::cursorPositionChanged, this, [this, bold, italic, list] {
        const QTextCharFormat format = mEditor->currentCharFormat();
        bold->setChecked(format.fontWeight() >= QFont::Bold);
        italic->setChecked(format.fontItalic());
        list->setChecked(mEditor->textCursor().currentList() != nullptr);
    });

    mUrl = new QLineEdit(this);
    mUrl->setObjectName(QStringLiteral("instructionsUrlEdit"));
    mUrl->setPlaceholderText(tr("https://… (optional)"));
    mUrlError = makeFieldError(this, QStringLiteral("instructionsUrlError"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Link:"), mUrl);
    form->addRow(QString(), mUrlError);
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(2);
    layout->addWidget(toolbar);
    layout->addWidget(mEditor, 1);
    layout->addSpacing(8);
    layout->addLayout(form);
    connect(mUrl, &QLineEdit::textChanged, this, &InstructionsPage::revalidate);
}

QString InstructionsPage::instructionsMarkdown() const
{
    if (mEditor->document()->isEmpty())
        return {};
    return mEditor->document()->toMarkdown().trimmed();
}

void InstructionsPage::setInstructionsMarkdown(const QString& markdown)
{
    mEditor->setMarkdown(markdown);
}

QString InstructionsPage::url() const
{
    return mUrl->text().trimmed();
}

void InstructionsPage::setUrl(const QString& url)
{
    mUrl->setText(url);
}

void InstructionsPage::revalidate()
{
    showValidity(mUrlError, refusalOf([this] { validateInstructionsUrl(url().toStdString()); }));
}

} // namespace pixmark
