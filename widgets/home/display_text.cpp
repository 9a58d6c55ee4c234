#include "widgets/home/display_text.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>

namespace pixmark {

QString displayPath(const QString& filePath)
{
    const QString absolute = QFileInfo(filePath).absoluteFilePath();
    const QString home = QDir::homePath();
    if (home.size() > 1 && absolute.startsWith(home + QLatin1Char('/')))
        return QDir::toNativeSeparators(QLatin1Char('~') + absolute.mid(home.size()));
    return QDir::toNativeSeparators(absolute);
}

void makeMuted(QLabel* label)
{
    QPalette palette = label->palette();
    for (const auto group : {QPalette::Active, QPalette::Inactive})
        palette.setColor(group, QPalette::WindowText, palette.color(group, QPalette::PlaceholderText));
    label->setPalette(palette);
}

void scaleFont(QLabel* label, double factor, bool bold)
{
    QFont font = label->font();
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(qRound(font.pixelSize() * factor));
    font.setBold(bold);
    label->setFont(font);
}

} // namespace pixmark
