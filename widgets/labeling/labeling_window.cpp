#include "widgets/labeling/labeling_window.h"

#include "core/util/clock.h"
#include "widgets/common/instructions_text.h"
#include "widgets/common/settings_name.h"
#include "widgets/labeling/box_labeling_page.h"
#include "widgets/labeling/image_prefetcher.h"
#include "widgets/labeling/key_settings.h"
#include "widgets/labeling/labeling_actions.h"
#include "widgets/labeling/shortcut_sheet.h"
#include "widgets/labeling/shortcuts_dialog.h"
#include "widgets/labeling/tag_change_command_p.h"
#include "widgets/labeling/tag_tile.h"
#include "widgets/session/project_session.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPainter>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cstddef>

namespace pixmark {

namespace {
const QString kLabelerKey = QStringLiteral("labeler/name");
const QString kLayoutKey = QStringLiteral("labeling/layout");
constexpr int kDecodeMaxSide = 1024;
constexpr int kMaxTiles = 9;

struct Definition {
    ProjectInfo info;
    std::vector<LabelClass> classes;
    std::map<ItemStatus, std::int64_t> counts;
    LabelerId labeler = 0;
};

struct HeldItem {
    TagItem item;
    std::string path;
};

struct Checkout {
    std::vector<HeldItem> items;
    std::map<ItemStatus, std::int64_t> counts;
};

struct HandInResult {
    std::size_t accepted = 0;
    std::string error;
    std::map<ItemStatus, std::int64_t> counts;
};

QIcon swatch(const QString& color)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(QColor(color));
    painter.setPen(Qt::NoPen);
    painter.drawRoundedRect(QRect(0, 0, 14, 14), 3, 3);
    return QIcon(pixmap);
}

QString joinTileNumbers(const std::vector<int>& tiles)
{
    QStringList numbers;
    for (int index : tiles)
        numbers << QString::number(index + 1);
    return numbers.join(QStringLiteral(", "));
}
} // namespace

LabelingWindow::LabelingWindow(ProjectSession& session, QWidget* parent)
    : QMainWindow(parent), mSession(session), mKeys(std::make_unique<KeySettings>()),
      mPrefetcher(new ImagePrefetcher(kDecodeMaxSide, this))
{
    setObjectName(QStringLiteral("labelingWindow"));
    setWindowTitle(tr("Labeling"));
    const int layout = QSettings(kSettingsName, kSettingsName).value(kLayoutKey, 4).toInt();
    mPage.setPageSize(layout);
    buildUi();
    bindKeys();
    arrangeGrid();
    refresh();
    connect(mPrefetcher, &ImagePrefetcher::imageReady, this, [this](qint64 id) {
        for (int i = 0; i < mPage.tileCount(); ++i)
            if (mPage.tile(i).id == id) {
                mTileItems[static_cast<std::size_t>(i)] = 0; // redo the image
                refreshTile(i);
            }
    });
    connect(&mSession, &ProjectSession::changed, this, [this](ProjectChange changes) {
        if (!mReady)
            return;
        if (hasChange(changes, ProjectChange::Definition) || hasChange(changes, ProjectChange::Classes))
            loadDefinition();
        if (hasChange(changes, ProjectChange::Items) && mBoxPage)
            mBoxPage->retryQueue();
        if (hasChange(changes, ProjectChange::Items) && mQueueExhausted && !mBoxPage) {
            mQueueExhausted = false; // new items may have arrived
            topUp();
        }
    });
    QTimer::singleShot(0, this, &LabelingWindow::begin);
    resize(1200, 800);
}

LabelingWindow::~LabelingWindow()
{
    releaseHeld();
}

void LabelingWindow::setInteractive(bool interactive)
{
    mInteractive = interactive;
    if (mBoxPage)
        mBoxPage->setInteractive(interactive);
}

void LabelingWindow::buildUi()
{
    auto* toolbar = addToolBar(tr("Labeling"));
    toolbar->setObjectName(QStringLiteral("labelingToolbar"));
    toolbar->setMovable(false);
    auto* menu = menuBar()->addMenu(tr("&Labeling"));
    auto makeAction = [this, menu](const QString& id, const QString& text, auto slot) {
        auto* action = new QAction(text, this);
        action->setObjectName(id);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        menu->addAction(action);
        mActions.insert(id, action);
        return action;
    };

    mLayoutGroup = new QActionGroup(this);
    const QStringList layoutIds{QStringLiteral("layout-1"), QStringLiteral("layout-4"), QStringLiteral("layout-6"),
                                QStringLiteral("layout-9")};
    for (int i = 0; i < layoutIds.size(); ++i) {
        const int tiles = TagPage::layouts()[static_cast<std::size_t>(i)];
        const QString text = tiles == 1 ? tr("1 tile") : tr("%1 tiles").arg(tiles);
        QAction* action = makeAction(layoutIds[i], text, [this, tiles] { setTileLayout(tiles); });
        mGridOnlyActions.push_back(action);
        action->setCheckable(true);
        action->setChecked(tiles == mPage.pageSize());
        mLayoutGroup->addAction(action);
        toolbar->addAction(action);
    }
    mGridOnlyActions.push_back(
        makeAction(QStringLiteral("layout-cycle"), tr("Next layout"), [this] { setTileLayout(mPage.nextLayout()); }));
    mGridOnlyActions.push_back(toolbar->addSeparator());
    menu->addSeparator();
    toolbar->addAction(makeAction(QStringLiteral("submit"), tr("Submit"), [this] { submitPage(); }));
    toolbar->addAction(makeAction(QStringLiteral("skip"), tr("Skip"), [this] { skipSelection(); }));
    makeAction(QStringLiteral("undo"), tr("Undo"), [this] { mBoxPage ? mBoxPage->undo() : mUndo.undo(); });
    makeAction(QStringLiteral("redo"), tr("Redo"), [this] { mBoxPage ? mBoxPage->redo() : mUndo.redo(); });
    mGridOnlyActions.push_back(makeAction(QStringLiteral("select-all"), tr("Select all tiles"), [this] {
        mPage.selectAll();
        refresh();
    }));
    auto move = [this](int delta) {
        mPage.moveSelection(delta);
        refresh();
    };
    for (QAction* action : {makeAction(QStringLiteral("next"), tr("Next tile"), [move] { move(+1); }),
                            makeAction(QStringLiteral("next-arrow"), tr("Next tile (arrow)"), [move] { move(+1); }),
                            makeAction(QStringLiteral("previous"), tr("Previous tile"), [move] { move(-1); }),
                            makeAction(QStringLiteral("previous-arrow"), tr("Previous tile (arrow)"), [move] { move(-1); })})
        mGridOnlyActions.push_back(action);
    auto moveRows = [this](int rows) {
        mPage.moveSelectionRows(rows);
        refresh();
    };
    mGridOnlyActions.push_back(makeAction(QStringLiteral("tile-up"), tr("Tile above"), [moveRows] { moveRows(-1); }));
    mGridOnlyActions.push_back(makeAction(QStringLiteral("tile-down"), tr("Tile below"), [moveRows] { moveRows(+1); }));
    toolbar->addSeparator();
    menu->addSeparator();
    toolbar->addAction(makeAction(QStringLiteral("instructions"), tr("Instructions"), [this] { showInstructions(); }));
    toolbar->addAction(makeAction(QStringLiteral("shortcut-sheet"), tr("Shortcut sheet"), [this] { showShortcutSheet(); }));
    auto* remap = new QAction(tr("Shortcuts…"), this);
    remap->setObjectName(QStringLiteral("remapShortcuts"));
    connect(remap, &QAction::triggered, this, &LabelingWindow::showShortcutsDialog);
    toolbar->addAction(remap);
    menu->addAction(remap);

    mClassList = new QListWidget(this);
    mClassList->setObjectName(QStringLiteral("classList"));
    // Keys belong to the window's shortcuts; the list never takes focus from them.
    mClassList->setFocusPolicy(Qt::NoFocus);
    mClassList->setMinimumWidth(180);
    mClassList->setMaximumWidth(280);
    connect(mClassList, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        applyClass(item->data(Qt::UserRole).toLongLong());
        mClassList->clearSelection();
    });

    auto* gridPage = new QWidget(this);
    auto* gridColumn = new QVBoxLayout(gridPage);
    gridColumn->setContentsMargins(0, 0, 0, 0);
    mPausedBanner = new QLabel(gridPage);
    mPausedBanner->setObjectName(QStringLiteral("pausedBanner"));
    mPausedBanner->setWordWrap(true);
    mPausedBanner->setStyleSheet(QStringLiteral("background: #fff3cd; color: #664d03; padding: 8px;"));
    mPausedBanner->hide();
    gridColumn->addWidget(mPausedBanner);
    mGrid = new QGridLayout;
    mGrid->setSpacing(2);
    gridColumn->addLayout(mGrid, 1);
    for (int i = 0; i < kMaxTiles; ++i) {
        auto* tile = new TagTile(i, gridPage);
        connect(tile, &TagTile::clicked, this, &LabelingWindow::tileClicked);
        mTiles.push_back(tile);
    }
    mTileItems.assign(kMaxTiles, 0);

    mMessagePage = new QLabel(this);
    mMessagePage->setObjectName(QStringLiteral("labelingMessage"));
    mMessagePage->setAlignment(Qt::AlignCenter);
    mMessagePage->setWordWrap(true);
    mStack = new QStackedWidget(this);
    mStack->addWidget(gridPage);
    mStack->addWidget(mMessagePage);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(mClassList);
    splitter->addWidget(mStack);
    splitter->setStretchFactor(1, 1);
    splitter->setFocusPolicy(Qt::StrongFocus);
    setCentralWidget(splitter);

    mStatusLabel = new QLabel(this);
    mStatusLabel->setObjectName(QStringLiteral("labelingStatus"));
    mToolStatus = new QLabel(this);
    mToolStatus->setObjectName(QStringLiteral("toolStatus"));
    mCanvasStatus = new QLabel(this);
    mCanvasStatus->setObjectName(QStringLiteral("canvasStatus"));
    statusBar()->addPermanentWidget(mToolStatus);
    statusBar()->addPermanentWidget(mCanvasStatus);
    statusBar()->addPermanentWidget(mStatusLabel);
}

void LabelingWindow::createBoxPage()
{
    mBoxPage = new BoxLabelingPage(mSession, mInfo.taskType, this);
    mBoxPage->setInteractive(mInteractive);
    mStack->addWidget(mBoxPage);
    for (const auto& [id, action] : mBoxPage->canvasActions()) {
        addAction(action);
        mActions.insert(id, action);
    }
    // The grid's keys would take the canvas's (arrows nudge boxes here): they go.
    for (QAction* action : mGridOnlyActions) {
        action->setVisible(false);
        action->setShortcuts({}); // the page's previous / next take A and D
    }
    connect(mBoxPage, &BoxLabelingPage::message, this, &LabelingWindow::showMessage);
    connect(mBoxPage, &BoxLabelingPage::countsChanged, this, &LabelingWindow::setCounts);
    connect(mBoxPage, &BoxLabelingPage::itemChanged, this, &LabelingWindow::refreshStatus);
    connect(mBoxPage, &BoxLabelingPage::canvasStatusChanged, this, [this](const QString& pixel, const QString& tool) {
        mCanvasStatus->setText(pixel);
        mToolStatus->setText(tool);
    });
    bindKeys();
}

QStringList LabelingWindow::boundActions() const
{
    return mBoxPage ? canvasActions(mBoxPage->taskType()) : classificationActions();
}

void LabelingWindow::bindKeys()
{
    for (auto at = mActions.cbegin(); at != mActions.cend(); ++at) {
        if (at.key().startsWith(QStringLiteral("class-")))
            continue;
        QAction* action = at.value();
        const bool gridOnly = std::find(mGridOnlyActions.begin(), mGridOnlyActions.end(), action) != mGridOnlyActions.end();
        action->setShortcuts(mBoxPage && gridOnly ? QList<QKeySequence>{} : toQtShortcuts(mKeys->keys(at.key())));
    }
}

void LabelingWindow::begin()
{
    const QString stored = QSettings(kSettingsName, kSettingsName).value(kLabelerKey).toString().trimmed();
    if (!stored.isEmpty()) {
        startWith(stored);
        return;
    }
    if (!mInteractive) {
        mMessagePage->setText(tr("Waiting for the labeler's name…"));
        return; // a test calls setLabelerName()
    }
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Who is labeling?"),
                                               tr("Your name, recorded with every submission:"), QLineEdit::Normal,
                                               qEnvironmentVariable("USER"), &ok)
                             .trimmed();
    if (ok && !name.isEmpty())
        setLabelerName(name);
    else
        mMessagePage->setText(tr("Labeling needs your name: close this window and open it again to enter it."));
}

void LabelingWindow::setLabelerName(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return;
    rememberLabelerName(trimmed);
    if (mReady && trimmed == mLabelerName)
        return;
    startWith(trimmed);
}

void LabelingWindow::rememberLabelerName(const QString& name)
{
    if (!name.trimmed().isEmpty())
        QSettings(kSettingsName, kSettingsName).setValue(kLabelerKey, name.trimmed());
}

void LabelingWindow::startWith(const QString& name)
{
    if (mReady) {
        // Another labeler takes over: what the previous one held goes back first.
        releaseHeld();
        mReleased = false;
        mPage = TagPage(mPage.mode(), mPage.pageSize());
        mReady = false;
    }
    mLabelerName = name;
    ++mPending;
    const std::string labelerName = name.toStdString();
    mSession.run(
        this,
        [labelerName](Project& project) {
            Definition definition;
            // A work package labels as its own labeler whatever name this machine uses.
            definition.labeler =
                project.packageInfo() ? project.currentLabeler() : project.ensureLabeler(labelerName);
            definition.info = project.info();
            definition.classes = project.classes();
            definition.counts = project.itemCounts();
            return definition;
        },
        [this](Definition definition) {
            --mPending;
            mLabeler = definition.labeler;
            applyDefinition(definition.info, definition.classes);
            setCounts(definition.counts);
            mReady = true;
            if (mBoxPage)
                mBoxPage->start(mLabeler);
            else
                topUp();
            refresh();
        },
        [this](const QString& message) {
            --mPending;
            mMessagePage->setText(message);
            showMessage(message);
        });
}

void LabelingWindow::loadDefinition()
{
    ++mPending;
    mSession.run(
        this,
        [](Project& project) { return std::make_pair(project.info(), project.classes()); },
        [this](std::pair<ProjectInfo, std::vector<LabelClass>> definition) {
            --mPending;
            applyDefinition(definition.first, definition.second);
            refresh();
        },
        [this](const QString& message) {
            --mPending;
            showMessage(message);
        });
}

void LabelingWindow::applyDefinition(const ProjectInfo& info, const std::vector<LabelClass>& classes)
{
    mInfo = info;
    mClasses = classes;
    mPage.setMode(info.taskType == TaskType::ClassificationMultiLabel ? TagPage::Mode::MultiLabel
                                                                      : TagPage::Mode::MultiClass);
    setWindowTitle(tr("Labeling — %1").arg(QString::fromStdString(info.name)));
    const bool paused = info.state == ProjectState::Paused;
    mPausedBanner->setText(tr("The project is paused by its lead: you can look and tag, but submissions are "
                              "refused until it runs again."));
    mPausedBanner->setVisible(paused);
    const bool drawing = info.taskType == TaskType::ObjectDetection || info.taskType == TaskType::InstanceSegmentation ||
                         info.taskType == TaskType::SemanticSegmentation;
    if (drawing && !mBoxPage)
        createBoxPage();
    if (mBoxPage)
        mBoxPage->setClasses(classes);
    rebuildClassList();
}

void LabelingWindow::rebuildClassList()
{
    for (QAction* action : mClassActions) {
        mActions.remove(action->objectName());
        delete action;
    }
    mClassActions.clear();
    mClassList->clear();
    for (const LabelClass& labelClass : mClasses) {
        if (labelClass.archived)
            continue;
        const QString name = QString::fromStdString(labelClass.name);
        const QString key = labelClass.hotkey ? QString::fromStdString(*labelClass.hotkey) : QString();
        auto* item = new QListWidgetItem(swatch(QString::fromStdString(labelClass.color)),
                                         key.isEmpty() ? name : QStringLiteral("%1    [%2]").arg(name, key));
        item->setData(Qt::UserRole, QVariant::fromValue<qint64>(labelClass.id));
        item->setToolTip(QString::fromStdString(labelClass.description));
        mClassList->addItem(item);
        if (key.isEmpty())
            continue;
        auto* action = new QAction(name, this);
        const QString id = QStringLiteral("class-%1").arg(labelClass.id);
        action->setObjectName(id);
        action->setShortcuts(toQtShortcuts(key));
        action->setShortcutContext(Qt::WindowShortcut);
        const ClassId classId = labelClass.id;
        connect(action, &QAction::triggered, this, [this, classId] { applyClass(classId); });
        addAction(action);
        mActions.insert(id, action);
        mClassActions.push_back(action);
    }
}

void LabelingWindow::topUp()
{
    if (!mReady || mQueueExhausted || mBoxPage)
        return;
    // The page on screen plus the next one, so that a submit never waits for pixels.
    const int want = 2 * mPage.pageSize() - mPage.heldCount() - mCheckoutInFlight;
    if (want <= 0)
        return;
    mCheckoutInFlight += want;
    ++mPending;
    const LabelerId labeler = mLabeler;
    mSession.run(
        this,
        [labeler, want](Project& project) {
            Checkout checkout;
            for (const Item& item : project.nextTask(labeler, want).items) {
                HeldItem held{TagItem{item.id, {}, std::nullopt}, project.absolutePath(item.relativePath).string()};
                for (const Suggestion& suggestion : project.suggestions(item.id)) {
                    if (suggestion.annotation.kind != AnnotationKind::Tag)
                        continue;
                    held.item.suggestedClasses.push_back(suggestion.annotation.classId);
                    if (!held.item.predictionId)
                        held.item.predictionId = suggestion.id;
                }
                checkout.items.push_back(std::move(held));
            }
            checkout.counts = project.itemCounts();
            return checkout;
        },
        [this, want](Checkout checkout) {
            --mPending;
            mCheckoutInFlight -= want;
            if (static_cast<int>(checkout.items.size()) < want)
                mQueueExhausted = true;
            std::vector<TagItem> items;
            for (HeldItem& held : checkout.items) {
                const QString path = QString::fromStdString(held.path);
                mPaths[held.item.id] = path;
                mPrefetcher->request(held.item.id, path);
                items.push_back(std::move(held.item));
            }
            mPage.addItems(items, nowMs());
            setCounts(checkout.counts);
            refresh();
        },
        [this, want](const QString& message) {
            --mPending;
            mCheckoutInFlight -= want;
            showMessage(message);
            refresh();
        },
        ProjectChange::Labels);
}

bool LabelingWindow::refuseWhilePaused()
{
    if (mInfo.state != ProjectState::Paused)
        return false;
    showMessage(tr("Not submitted: the project is paused by its lead. Your tags stay on the page."));
    return true;
}

void LabelingWindow::submitPage()
{
    if (mBoxPage) {
        if (mReady && !refuseWhilePaused())
            mBoxPage->submit();
        return;
    }
    if (!mReady || mPage.tileCount() == 0 || refuseWhilePaused())
        return;
    if (!mPage.isComplete()) {
        const std::vector<int> untagged = mPage.untaggedTiles();
        showMessage(tr("Not submitted: every tile needs a tag (missing on tile %1). Tag them, or skip with %2.")
                        .arg(joinTileNumbers(untagged), keyText(QStringLiteral("skip"))));
        return;
    }
    const auto requests = mPage.takeSubmissions(mLabeler, nowMs());
    mUndo.clear(); // a submission is durable; undo covers the tags of the page on screen
    ++mPageNumber;
    refresh(); // the next page, from what is already held and decoded
    showMessage(tr("Submitted: %1 items.").arg(requests.size()));
    handIn(requests);
    topUp();
}

void LabelingWindow::skipSelection()
{
    if (mBoxPage) {
        if (mReady && !refuseWhilePaused())
            mBoxPage->skip();
        return;
    }
    if (!mReady || mPage.tileCount() == 0 || refuseWhilePaused())
        return;
    const auto requests = mPage.takeSkips(mLabeler, nowMs());
    if (requests.empty())
        return;
    mUndo.clear();
    refresh();
    showMessage(tr("Skipped: %1 items.").arg(requests.size()));
    handIn(requests);
    topUp();
}

void LabelingWindow::handIn(std::vector<SubmissionRequest> requests)
{
    ++mPending;
    mSession.run(
        this,
        [requests](Project& project) {
            HandInResult result;
            try {
                for (const SubmissionRequest& request : requests) {
                    project.submit(request);
                    ++result.accepted;
                }
            } catch (const std::exception& error) {
                result.error = error.what();
            }
            result.counts = project.itemCounts();
            return result;
        },
        [this, requests](HandInResult result) {
            --mPending;
            for (std::size_t i = 0; i < result.accepted; ++i) {
                if (requests[i].skipped)
                    ++mSkipped;
                else
                    ++mSubmitted;
                mPrefetcher->forget(requests[i].itemId);
                mPaths.erase(requests[i].itemId);
            }
            if (!result.error.empty()) {
                // What core refused comes back to the page with its tags.
                mPage.restore(std::vector<SubmissionRequest>(requests.begin() + static_cast<std::ptrdiff_t>(result.accepted),
                                                              requests.end()));
                showMessage(tr("Not submitted: %1").arg(QString::fromStdString(result.error)));
                loadDefinition(); // e.g. the project was paused meanwhile
            }
            setCounts(result.counts);
            refresh();
        },
        [this](const QString& message) {
            --mPending;
            showMessage(message);
        },
        ProjectChange::Labels);
}

void LabelingWindow::setTileLayout(int tiles)
{
    mPage.setPageSize(tiles);
    if (mPage.pageSize() != tiles)
        return;
    QSettings(kSettingsName, kSettingsName).setValue(kLayoutKey, tiles);
    for (QAction* action : mLayoutGroup->actions())
        if (action->objectName() == QStringLiteral("layout-%1").arg(tiles))
            action->setChecked(true);
    arrangeGrid();
    topUp();
    refresh();
}

void LabelingWindow::applyClass(ClassId classId)
{
    if (!mReady)
        return;
    if (mBoxPage) {
        mBoxPage->applyClass(classId);
        return;
    }
    // One undo step per key press or click: the tags of the page's items before and after.
    TagChangeCommand::Tags before;
    for (int tile = 0; tile < mPage.tileCount(); ++tile)
        before[mPage.tile(tile).id] = mPage.tags(tile);
    if (!mPage.applyClass(classId)) {
        showMessage(tr("Select a tile first (click it, or press %1).").arg(keyText(QStringLiteral("select-all"))));
        refresh();
        return;
    }
    TagChangeCommand::Tags changedBefore;
    TagChangeCommand::Tags changedAfter;
    for (const auto& [item, tags] : before) {
        if (mPage.tagsOf(item) != tags) {
            changedBefore[item] = tags;
            changedAfter[item] = mPage.tagsOf(item);
        }
    }
    if (!changedAfter.empty())
        mUndo.push(new TagChangeCommand(mPage, std::move(changedBefore), std::move(changedAfter), [this] { refresh(); }));
    refresh();
}

void LabelingWindow::tileClicked(int index, Qt::KeyboardModifiers modifiers)
{
    if (modifiers & Qt::ControlModifier)
        mPage.toggle(index);
    else if (modifiers & Qt::ShiftModifier)
        mPage.extendTo(index);
    else
        mPage.click(index);
    refresh();
}

void LabelingWindow::arrangeGrid()
{
    const int tiles = mPage.pageSize();
    const int columns = mPage.columns();
    for (TagTile* tile : mTiles)
        mGrid->removeWidget(tile);
    for (int i = 0; i < kMaxTiles; ++i) {
        TagTile* tile = mTiles[static_cast<std::size_t>(i)];
        if (i < tiles)
            mGrid->addWidget(tile, i / columns, i % columns);
        else
            tile->hide();
    }
    for (int c = 0; c < 3; ++c)
        mGrid->setColumnStretch(c, c < columns ? 1 : 0);
    for (int r = 0; r < 3; ++r)
        mGrid->setRowStretch(r, r < (tiles + columns - 1) / columns ? 1 : 0);
}

void LabelingWindow::refresh()
{
    if (!mReady) {
        if (mMessagePage->text().isEmpty())
            mMessagePage->setText(tr("Loading…"));
        mStack->setCurrentWidget(mMessagePage);
        refreshStatus();
        return;
    }
    if (mBoxPage) {
        mStack->setCurrentWidget(mBoxPage);
        refreshStatus();
        return;
    }
    if (mPage.tileCount() == 0) {
        if (isFinished())
            mMessagePage->setText(tr("<h2>Nothing left to label</h2><p>You submitted %1 and skipped %2 item(s) in "
                                     "this session; %3 of %4 items in the project are still unlabeled (held by "
                                     "other labelers or added later).</p>")
                                      .arg(mSubmitted)
                                      .arg(mSkipped)
                                      .arg(mItemsLeft)
                                      .arg(mItemsTotal));
        else
            mMessagePage->setText(tr("Loading…"));
        mStack->setCurrentWidget(mMessagePage);
        refreshStatus();
        return;
    }
    mStack->setCurrentIndex(0);
    for (int i = 0; i < kMaxTiles; ++i)
        refreshTile(i);
    refreshStatus();
}

void LabelingWindow::refreshTile(int index)
{
    TagTile* tile = mTiles[static_cast<std::size_t>(index)];
    if (index >= mPage.tileCount()) {
        tile->setVisible(false);
        mTileItems[static_cast<std::size_t>(index)] = 0;
        return;
    }
    const ItemId id = mPage.tile(index).id;
    if (mTileItems[static_cast<std::size_t>(index)] != id) {
        // Only a new item (or its freshly decoded image) costs a rescale.
        const QString error = mPrefetcher->error(id);
        tile->setImage(mPrefetcher->image(id), error.isEmpty() ? QString() : tr("Cannot show this image: %1").arg(error));
        mTileItems[static_cast<std::size_t>(index)] = mPrefetcher->isReady(id) ? id : 0;
    }
    std::vector<TagChip> chips;
    for (ClassId classId : mPage.tags(index)) {
        const auto labelClass = std::find_if(mClasses.begin(), mClasses.end(),
                                             [classId](const LabelClass& c) { return c.id == classId; });
        if (labelClass != mClasses.end())
            chips.push_back(TagChip{QString::fromStdString(labelClass->name), QColor(QString::fromStdString(labelClass->color))});
        else
            chips.push_back(TagChip{tr("class %1").arg(classId), Qt::gray});
    }
    tile->setTags(chips);
    tile->setSelected(mPage.isSelected(index));
    tile->setVisible(true);
}

void LabelingWindow::refreshStatus()
{
    mStatusLabel->setText(statusText());
}

QString LabelingWindow::statusText() const
{
    if (!mReady)
        return mLabelerName.isEmpty() ? QString() : tr("labeler %1").arg(mLabelerName);
    if (mBoxPage && mBoxPage->reopenedDepth() > 0)
        return tr("Handed in %1 item(s) back · %2 of %3 items left · labeler %4")
            .arg(mBoxPage->reopenedDepth())
            .arg(mItemsLeft)
            .arg(mItemsTotal)
            .arg(mLabelerName);
    if (mBoxPage)
        return tr("Item %1 · %2 of %3 items left · labeler %4")
            .arg(mBoxPage->itemNumber())
            .arg(mItemsLeft)
            .arg(mItemsTotal)
            .arg(mLabelerName);
    return tr("Page %1 · %2 of %3 items left · labeler %4")
        .arg(mPageNumber)
        .arg(mItemsLeft)
        .arg(mItemsTotal)
        .arg(mLabelerName);
}

int LabelingWindow::pendingRequests() const
{
    return mPending + (mBoxPage ? mBoxPage->pendingRequests() : 0);
}

bool LabelingWindow::pageImagesReady() const
{
    if (mBoxPage)
        return mBoxPage->itemShown();
    for (int i = 0; i < mPage.tileCount(); ++i)
        if (!mPrefetcher->isReady(mPage.tile(i).id))
            return false;
    return true;
}

bool LabelingWindow::heldImagesReady() const
{
    if (mBoxPage)
        return mBoxPage->heldImagesReady();
    for (const TagItem& item : mPage.heldItems())
        if (!mPrefetcher->isReady(item.id))
            return false;
    return true;
}

bool LabelingWindow::isFinished() const
{
    if (mBoxPage)
        return mReady && mBoxPage->isFinished();
    return mReady && mPage.heldCount() == 0 && mQueueExhausted && mCheckoutInFlight == 0;
}

ShortcutSheet* LabelingWindow::shortcutSheet() const
{
    return mSheet.data();
}

ShortcutsDialog* LabelingWindow::shortcutsDialog() const
{
    return mShortcutsDialog.data();
}

QDialog* LabelingWindow::instructionsDialog() const
{
    return mInstructions.data();
}

TagTile* LabelingWindow::tile(int index) const
{
    return index >= 0 && index < kMaxTiles ? mTiles[static_cast<std::size_t>(index)] : nullptr;
}

void LabelingWindow::setCounts(const std::map<ItemStatus, std::int64_t>& counts)
{
    std::int64_t total = 0;
    for (const auto& [status, count] : counts)
        if (status != ItemStatus::Missing && status != ItemStatus::Unreadable)
            total += count;
    mItemsTotal = total;
    const auto unlabeled = counts.find(ItemStatus::Unlabeled);
    mItemsLeft = unlabeled == counts.end() ? 0 : unlabeled->second;
    refreshStatus();
}

void LabelingWindow::showMessage(const QString& message)
{
    mLastMessage = message;
    statusBar()->showMessage(message, 8000);
}

QString LabelingWindow::keyText(const QString& action) const
{
    const QString keys = mKeys->keys(action);
    return keys.isEmpty() ? actionTitle(action) : keys;
}

void LabelingWindow::showShortcutSheet()
{
    if (!mSheet) {
        mSheet = new ShortcutSheet(*mKeys, mClasses, boundActions(), this);
        mSheet->setAttribute(Qt::WA_DeleteOnClose);
    }
    mSheet->show();
    mSheet->raise();
}

void LabelingWindow::showShortcutsDialog()
{
    if (!mShortcutsDialog) {
        mShortcutsDialog = new ShortcutsDialog(*mKeys, mClasses, boundActions(), this);
        mShortcutsDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(mShortcutsDialog, &ShortcutsDialog::keysChanged, this, &LabelingWindow::bindKeys);
    }
    mShortcutsDialog->show();
    mShortcutsDialog->raise();
}

void LabelingWindow::showInstructions()
{
    if (!mInstructions) {
        mInstructions = new QDialog(this);
        mInstructions->setObjectName(QStringLiteral("instructionsDialog"));
        mInstructions->setAttribute(Qt::WA_DeleteOnClose);
        mInstructions->setWindowTitle(tr("Instructions"));
        auto* text = new QLabel(mInstructions);
        text->setObjectName(QStringLiteral("instructionsText"));
        text->setWordWrap(true);
        text->setTextFormat(Qt::MarkdownText);
        text->setOpenExternalLinks(true);
        QString markdown = instructionsMarkdown(mInfo.instructions);
        if (markdown.trimmed().isEmpty())
            markdown = tr("*The project has no instructions.*");
        if (!mInfo.instructionsUrl.empty()) {
            const QString url = QString::fromStdString(mInfo.instructionsUrl);
            markdown += QStringLiteral("\n\n[%1](%1)").arg(url);
        }
        text->setText(markdown);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, mInstructions);
        connect(buttons, &QDialogButtonBox::rejected, mInstructions.data(), &QDialog::close);
        auto* layout = new QVBoxLayout(mInstructions);
        layout->addWidget(text, 1);
        layout->addWidget(buttons);
        mInstructions->resize(520, 360);
    }
    mInstructions->show();
    mInstructions->raise();
}

void LabelingWindow::releaseHeld()
{
    if (mReleased || mLabeler == 0)
        return;
    mReleased = true;
    const LabelerId labeler = mLabeler;
    mSession.post([labeler](Project& project) { project.releaseAllItems(labeler); }, ProjectChange::Labels);
}

void LabelingWindow::closeEvent(QCloseEvent* event)
{
    if (mBoxPage && mInteractive && !mBoxPage->confirmLeave()) {
        event->ignore();
        return;
    }
    releaseHeld();
    QMainWindow::closeEvent(event);
}

} // namespace pixmark
