#pragma once
// Instructions as people see them. The wizard stores them as Markdown; the command line
// takes any text. Rendered as Markdown where every line break is kept, so both read as
// they were written.

#include <QString>

#include <string>

namespace pixmark {

/// Markdown for instructions text: each line break becomes a hard break (a plain-text
/// line stays a line), blank lines still separate paragraphs.
QString instructionsMarkdown(const std::string& instructions);

} // namespace pixmark
