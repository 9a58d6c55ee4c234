#pragma once
// The Data tab's filters: category, class, labeler, source, prelabeled and a path search.

#include "core/model/data_source.h"
#include "core/model/item_filter.h"
#include "core/model/label_class.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTimer;

namespace pixmark {

/// A row of filter controls. Emits filterChanged() when one changes (the path field
/// after a short pause in typing).
class DataFilterBar : public QWidget {
    Q_OBJECT
public:
    explicit DataFilterBar(QWidget* parent = nullptr);

    /// The filter the controls describe.
    ItemFilter filter() const;
    /// Fills the class, labeler and source menus, keeping the current choices that still exist.
    void setChoices(const std::vector<LabelClass>& classes, const std::vector<Labeler>& labelers,
                    const std::vector<DataSource>& sources);

    /// The controls, for tests and keyboard users.
    QComboBox* categoryBox() const { return mCategory; }
    QComboBox* classBox() const { return mClass; }
    QComboBox* labelerBox() const { return mLabeler; }
    QComboBox* sourceBox() const { return mSource; }
    QComboBox* prelabeledBox() const { return mPrelabeled; }
    QLineEdit* pathField() const { return mPath; }

signals:
    void filterChanged();

private:
    QComboBox* mCategory;
    QComboBox* mClass;
    QComboBox* mLabeler;
    QComboBox* mSource;
    QComboBox* mPrelabeled;
    QLineEdit* mPath;
    QTimer* mTyping;
};

} // namespace pixmark
