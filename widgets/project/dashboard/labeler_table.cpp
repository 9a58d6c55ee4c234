#include "widgets/project/dashboard/labeler_table.h"

#include <QHeaderView>

#include <algorithm>

namespace pixmark {

namespace {
QTableWidgetItem* numberItem(std::int64_t value)
{
    auto* item = new QTableWidgetItem;
    item->setData(Qt::DisplayRole, QVariant::fromValue<qlonglong>(value));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}
} // namespace

LabelerTable::LabelerTable(QWidget* parent) : QTableWidget(0, 5, parent)
{
    setObjectName(QStringLiteral("labelerTable"));
    setHorizontalHeaderLabels({tr("Labeler"), tr("Labeled"), tr("Skipped"), tr("Rejected"), tr("Agreement")});
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setAlternatingRowColors(true);
}

void LabelerTable::setLabelers(const std::vector<LabelerActivity>& labelers)
{
    auto sorted = labelers;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const LabelerActivity& a, const LabelerActivity& b) { return a.labeled > b.labeled; });
    setRowCount(static_cast<int>(sorted.size()));
    for (int row = 0; row < rowCount(); ++row) {
        const auto& labeler = sorted[static_cast<std::size_t>(row)];
        setItem(row, 0, new QTableWidgetItem(QString::fromStdString(labeler.name)));
        setItem(row, 1, numberItem(labeler.labeled));
        setItem(row, 2, numberItem(labeler.skipped));
        setItem(row, 3, numberItem(labeler.rejected));
        // Agreement with consensus results; a dash until some of their votes were compared.
        auto* agreement = new QTableWidgetItem(
            labeler.agreementRate ? QStringLiteral("%1 %").arg(*labeler.agreementRate * 100.0, 0, 'f', 0)
                                  : QStringLiteral("\u2013"));
        agreement->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        agreement->setToolTip(tr("%n vote(s) compared with a consensus result", nullptr,
                                 static_cast<int>(labeler.consensusVotes)));
        setItem(row, 4, agreement);
    }
}

std::int64_t LabelerTable::labeledBy(const QString& name) const
{
    for (int row = 0; row < rowCount(); ++row)
        if (item(row, 0)->text() == name)
            return item(row, 1)->data(Qt::DisplayRole).toLongLong();
    return -1;
}

} // namespace pixmark
