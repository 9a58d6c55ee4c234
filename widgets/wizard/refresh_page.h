#pragma once
// Wizard page 3: incremental refresh, i.e. whether the source is looked at again for new
// (and vanished) images, and how often.

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QSpinBox;

namespace pixmark {

/// Incremental refresh of the data source. Offered only for sources that can be looked
/// at again (a folder, a pattern, a manifest); the page says why otherwise.
class RefreshPage : public QWizardPage {
    Q_OBJECT
public:
    explicit RefreshPage(QWidget* parent = nullptr);

    bool incrementalRefresh() const;
    void setIncrementalRefresh(bool on);
    /// 0: only when asked (and while the project is open, live watching of folders).
    int intervalSeconds() const;
    void setIntervalMinutes(int minutes);

    void initializePage() override;

private:
    void updateEnabled();

    QCheckBox* mRefresh = nullptr;
    QSpinBox* mMinutes = nullptr;
    QLabel* mUnavailable = nullptr;
    bool mAvailable = true;
};

} // namespace pixmark
