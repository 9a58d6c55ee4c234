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

class AddSourceDialog : public QDialog {
    Q_OBJECT
public:
    explicit AddSourceDialog(QWidget* parent = nullptr);

    /// The request the form describes. Files lists one path per line in the path field.
    ingest::SourceRequest request() const;
    /// Why the form cannot be accepted yet; empty when it can.
    QString problem() const;

    QComboBox* kindBox() const { return mKind; }
    QLineEdit* pathEdit() const { return mPath; }
    QLineEdit* patternEdit() const { return mPattern; }
    QCheckBox* incrementalBox() const { return mIncremental; }
    QSpinBox* intervalBox() const { return mInterval; }

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
