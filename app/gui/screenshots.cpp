#include "app/gui/screenshots.h"

#include "widgets/canvas/annotation_document.h"
#include "widgets/canvas/box_canvas.h"
#include "widgets/labeling/box_labeling_page.h"
#include "widgets/labeling/labeling_window.h"
#include "widgets/project/project_window.h"
#include "widgets/wizard/assist_page.h"
#include "widgets/wizard/classes_page.h"
#include "widgets/wizard/create_project_wizard.h"
#include "widgets/wizard/details_page.h"
#include "widgets/wizard/instructions_page.h"
#include "widgets/wizard/quality_page.h"
#include "widgets/wizard/refresh_page.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <cstdio>

namespace pixmark::gui {

void printError(const QString& message)
{
    std::fputs(qPrintable(QStringLiteral("pixmark: %1\n").arg(message)), stderr);
}

void prepareCanvas(ProjectWindow& window, const QString& windowPreset, bool selectFirstShape, bool acceptFirstPrelabel)
{
    auto* poll = new QTimer(&window);
    QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, windowPreset, selectFirstShape, acceptFirstPrelabel] {
        LabelingWindow* labeling = window.labelingWindow();
        BoxLabelingPage* page = labeling ? labeling->boxPage() : nullptr;
        if (!page || !page->itemShown() || !page->document())
            return;
        poll->stop();
        if (!windowPreset.isEmpty() && !page->applyWindowPreset(windowPreset))
            printError(QStringLiteral("the image has no window preset \"%1\"").arg(windowPreset));
        if (selectFirstShape && !page->document()->shapes().empty()) {
            // Selected, and large enough in view for its vertex handles to show.
            const Shape& shape = page->document()->shapes().front();
            page->document()->select(shape.id);
            BoxCanvas* canvas = page->canvas();
            canvas->setScale(std::min(2.0, 0.5 * canvas->width() / std::max(1.0, shape.box.w)));
            const QPointF center(shape.box.x + shape.box.w / 2, shape.box.y + shape.box.h / 2);
            canvas->panBy(QPointF(canvas->width() / 2.0, canvas->height() / 2.0) - canvas->mapFromImage(center));
        }
        if (acceptFirstPrelabel) {
            page->acceptPrelabel(); // selects the first
            page->acceptPrelabel(); // accepts it
        }
    });
    poll->start(20);
}

void reopenPreviousItem(ProjectWindow& window)
{
    auto* poll = new QTimer(&window);
    auto submitted = std::make_shared<bool>(false);
    QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, submitted] {
        LabelingWindow* labeling = window.labelingWindow();
        BoxLabelingPage* page = labeling ? labeling->boxPage() : nullptr;
        if (!page || !page->itemShown() || !page->document() || page->pendingRequests() > 0)
            return;
        if (!*submitted) {
            page->submit();
            *submitted = true;
            return;
        }
        poll->stop();
        page->previousItem();
    });
    poll->start(20);
}

namespace {

// Example values a reader of the documentation recognizes: the birds project of the README.
void fillExample(CreateProjectWizard& wizard, const QString& dataFolder)
{
    wizard.setDataFolder(dataFolder);
    wizard.detailsPage()
        ->findChild<QLineEdit*>(QStringLiteral("projectNameEdit"))
        ->setText(QStringLiteral("Street birds"));
    wizard.detailsPage()->setTaskType(TaskType::ObjectDetection);
    wizard.refreshPage()->setIncrementalRefresh(true);
    wizard.refreshPage()->setIntervalMinutes(30);
    wizard.classesPage()->addClassesFromText(QStringLiteral("Sparrow\nCrow\nPigeon\nGull"));
    wizard.instructionsPage()->setInstructionsMarkdown(
        QStringLiteral("Draw a **tight** box around every bird.\n\n- Include birds that are partly hidden\n"
                       "- Ignore reflections, drawings and *statues*\n"));
    wizard.instructionsPage()->setUrl(QStringLiteral("https://example.org/birds-guide"));
    wizard.assistPage()->setSettings(AssistSettings{true, 200});
    wizard.qualityPage()->setSettings(QualitySettings{true, 3, true});
}

// A few real images, so the data page's folder exists and is valid.
bool writeExampleImages(const QString& folder)
{
    if (!QDir().mkpath(folder))
        return false;
    for (int i = 0; i < 3; ++i) {
        QImage image(64, 48, QImage::Format_RGB32);
        image.fill(QColor::fromHsv(i * 90, 120, 200));
        if (!image.save(QDir(folder).filePath(QStringLiteral("bird-%1.png").arg(i + 1)), "PNG"))
            return false;
    }
    return true;
}

} // namespace

int screenshotWizard(const QString& outputFolder)
{
    static const char* const pageNames[] = {"details",      "data",   "refresh", "classes",
                                            "instructions", "assist", "quality", "review"};
    QTemporaryDir temporary;
    const QString dataFolder = QDir(temporary.path()).filePath(QStringLiteral("street-birds"));
    if (!temporary.isValid() || !writeExampleImages(dataFolder) || !QDir().mkpath(outputFolder)) {
        printError(QStringLiteral("cannot prepare the example data or %1").arg(outputFolder));
        return 1;
    }
    CreateProjectWizard wizard;
    wizard.setInteractive(false);
    fillExample(wizard, dataFolder);
    wizard.show();
    int page = 0;
    for (const char* name : pageNames) {
        ++page;
        QApplication::processEvents();
        const QString file =
            QDir(outputFolder).filePath(QStringLiteral("wizard-%1-%2.png").arg(page).arg(QLatin1String(name)));
        if (wizard.currentId() != page - 1) {
            printError(QStringLiteral("the wizard stopped at page %1 (incomplete example values)")
                           .arg(wizard.currentId() + 1));
            return 1;
        }
        if (!wizard.grab().save(file, "PNG")) {
            printError(QStringLiteral("cannot write %1").arg(file));
            return 1;
        }
        wizard.next();
    }
    return 0;
}

// Saves a PNG of window once it has been shown and painted, then quits.
void screenshotLater(QWidget* window, const QString& file, int delayMs)
{
    // Let layouts settle, asynchronous reads answer and the first paint happen.
    QTimer::singleShot(delayMs, window, [window, file] {
        const bool saved = window->grab().save(file, "PNG");
        if (!saved)
            printError(QStringLiteral("cannot write %1").arg(file));
        QApplication::exit(saved ? 0 : 1);
    });
}

} // namespace pixmark::gui
