#pragma once
// "Add source…": a folder, a glob, a list of files or a manifest, with incremental
// refresh, turned into an ingest SourceRequest.

#include "core/ingest/source_request.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace pixmark {

/// Validates the form (the path exists, a glob has a pattern) before it accepts.
class AddSourceDialog : public QDialog {
    Q_OBJECT
public:
    /// Starts as "Folder", not incremental.
    explicit AddSourceDialog(QWidget* parent = nullptr);

    /// The request the form describes. Files lists one path per line in the path field.
    ingest::SourceRequest request() const;
    /// Why the form cannot be accepted yet; empty when it can.
    QString problem() const;

    // The form's fields, for tests.
    QComboBox* kindBox() const { return mKind; }
    QLineEdit* pathEdit() const { return mPath; }
    QLineEdit* patternEdit() const { return mPattern; }
    QCheckBox* incrementalBox() const { return mIncremental; }
    QSpinBox* intervalBox() const { return mInterval; }

    /// Accepts only when problem() is empty; otherwise shows it in the dialog.
    void accept() override;

private:
    void browse();
    void updateForm();

    QComboBox* mKind = nullptr;
    QLineEdit* mPath = nullptr;
    QLineEdit* mPattern = nullptr;
    QCheckBox* mIncremental = nullptr;
    QSpinBox* mInterval = nullptr;
    QLabel* mProblem = nullptr;
};

} // namespace pixmark
