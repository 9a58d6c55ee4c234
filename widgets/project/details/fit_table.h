#pragma once
// Sizing of the small tables in the Details tab's sections.

class QTableWidget;

namespace pixmark {

/// Makes the table as tall as its rows (at least minRows, at most maxRows, then it
/// scrolls), so a section with two classes is not mostly empty table.
void fitTableHeight(QTableWidget* table, int minRows, int maxRows);

} // namespace pixmark
