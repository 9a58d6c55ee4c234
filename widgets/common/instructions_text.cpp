#include "widgets/common/instructions_text.h"

#include <QStringList>

namespace pixmark {

QString instructionsMarkdown(const std::string& instructions)
{
    QStringList lines = QString::fromStdString(instructions).split(QLatin1Char('\n'));
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        // Two trailing spaces are Markdown's hard break; a blank line needs none.
        if (!lines[i].trimmed().isEmpty() && !lines[i + 1].trimmed().isEmpty())
            lines[i] += QStringLiteral("  ");
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace pixmark
