#pragma once
// Tabs whose content can be taller than the window (the dashboard, Details) scroll as a
// whole page.

class QWidget;

namespace pixmark {

/// Fills page with a frameless, resizable scroll area showing content (page owns both).
void fillWithScrollArea(QWidget* page, QWidget* content);

} // namespace pixmark
