#include "widgets/wizard/field_error.h"

#include <QLabel>
#include <QLocale>
#include <QPalette>

namespace pixmark {

QLabel* makeFieldError(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    // A form gives a wrapping label only its narrow size hint unless it may expand.
    label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    label->setPalette(palette);
    label->hide();
    return label;
}

void showFieldError(QLabel* label, const QString& message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

QLabel* makeHint(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QLabel* makeBuddyLabel(const QString& text, QWidget* buddy)
{
    auto* label = new QLabel(text, buddy->parentWidget());
    label->setBuddy(buddy);
    return label;
}

QString countText(qint64 count, const QString& one, const QString& many)
{
    return (count == 1 ? one : many).arg(QLocale().toString(count));
}

} // namespace pixmark
