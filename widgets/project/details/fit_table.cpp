#include "widgets/project/details/fit_table.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTableWidget>

#include <algorithm>

namespace pixmark {

void fitTableHeight(QTableWidget* table, int minRows, int maxRows)
{
    const int rows = std::clamp(table->rowCount(), minRows, maxRows);
    int height = table->horizontalHeader()->sizeHint().height() + 2 * table->frameWidth();
    for (int row = 0; row < rows; ++row)
        height += row < table->rowCount() ? table->rowHeight(row) : table->verticalHeader()->defaultSectionSize();
    if (table->horizontalScrollBar()->isVisible())
        height += table->horizontalScrollBar()->sizeHint().height();
    table->setMinimumHeight(height);
    table->setMaximumHeight(height);
}

} // namespace pixmark
