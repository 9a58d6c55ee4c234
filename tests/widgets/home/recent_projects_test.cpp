#include "widgets/home/recent_projects.h"
#include "tests/widgets/widget_fixtures.h"

#include <catch2/catch.hpp>

using namespace pixmark;

TEST_CASE("Recent projects keep the newest ten, without duplicates", "[recent]")
{
    test::SettingsSandbox settings;
    RecentProjects recent;
    CHECK(recent.entries().isEmpty());
    for (int i = 0; i < RecentProjects::kMaxEntries + 2; ++i)
        recent.add(QStringLiteral("/data/p%1.pixmark").arg(i), QStringLiteral("P%1").arg(i));
    QList<RecentProjects::Entry> entries = recent.entries();
    REQUIRE(entries.size() == RecentProjects::kMaxEntries);
    CHECK(entries.front().filePath == QStringLiteral("/data/p11.pixmark"));
    CHECK(entries.front().name == QStringLiteral("P11"));
    CHECK(entries.back().filePath == QStringLiteral("/data/p2.pixmark"));

    recent.add(QStringLiteral("/data/p5.pixmark"), QStringLiteral("Renamed"));
    entries = recent.entries();
    CHECK(entries.size() == RecentProjects::kMaxEntries);
    CHECK(entries.front().filePath == QStringLiteral("/data/p5.pixmark"));
    CHECK(entries.front().name == QStringLiteral("Renamed"));

    recent.remove(QStringLiteral("/data/p5.pixmark"));
    CHECK(recent.entries().size() == RecentProjects::kMaxEntries - 1);
    recent.clear();
    CHECK(recent.entries().isEmpty());
}
