// Editing polygons without any widget: grabbing vertices and edges, moving, inserting and
// removing vertices, and edits that would cross the outline refused.
#include "core/editing/polygon_edit.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using namespace pixmark::editing;

namespace {
const BoxLimits kCanvasLimits{100, 80, 2};

Polygon squarePolygon()
{
    return Polygon{{Point{10, 10}, Point{50, 10}, Point{50, 50}, Point{10, 50}}};
}
} // namespace

TEST_CASE("A point grabs the nearest vertex, else the nearest edge", "[editing]")
{
    const Polygon polygon = squarePolygon();
    CHECK(vertexAt(polygon, ImagePoint{51, 9}, 3) == std::optional<std::size_t>(1));
    CHECK_FALSE(vertexAt(polygon, ImagePoint{30, 12}, 3));
    const auto edge = edgeAt(polygon, ImagePoint{30, 12}, 3);
    REQUIRE(edge);
    CHECK(edge->edge == 0);
    CHECK(edge->at == Point{30, 10});
    // The closing edge, from the last vertex back to the first.
    const auto closing = edgeAt(polygon, ImagePoint{9, 30}, 3);
    REQUIRE(closing);
    CHECK(closing->edge == 3);
    CHECK_FALSE(edgeAt(polygon, ImagePoint{30, 30}, 3));
}

TEST_CASE("Moving a vertex snaps it into the image; crossing moves are refused", "[editing]")
{
    const auto moved = moveVertex(squarePolygon(), 2, ImagePoint{70.4, 90}, kCanvasLimits);
    REQUIRE(moved.polygon);
    CHECK(moved.polygon->points[2] == Point{70, 80});
    // Vertex 2 dragged above the top edge: the edge back to vertex 3 crosses it.
    const auto crossed = moveVertex(squarePolygon(), 2, ImagePoint{30, 0}, kCanvasLimits);
    CHECK_FALSE(crossed.polygon);
    CHECK(crossed.refusal == PolygonRefusal::SelfIntersection);
    CHECK(moveVertex(squarePolygon(), 4, ImagePoint{1, 1}, kCanvasLimits).refusal == PolygonRefusal::OutOfRange);
}

TEST_CASE("A vertex is inserted on an edge and removed again", "[editing]")
{
    const auto grown = insertVertex(squarePolygon(), 0, ImagePoint{30, 2}, kCanvasLimits);
    REQUIRE(grown.polygon);
    CHECK(grown.polygon->points.size() == 5);
    CHECK(grown.polygon->points[1] == Point{30, 2});
    const auto shrunk = removeVertex(*grown.polygon, 1);
    REQUIRE(shrunk.polygon);
    CHECK(*shrunk.polygon == squarePolygon());
    CHECK(removeVertex(Polygon{{Point{0, 0}, Point{5, 0}, Point{0, 5}}}, 0).refusal == PolygonRefusal::TooFewVertices);
    // Inserting on edge 0 a point beyond the opposite edge crosses it.
    CHECK(insertVertex(squarePolygon(), 0, ImagePoint{30, 70}, kCanvasLimits).refusal ==
          PolygonRefusal::SelfIntersection);
}

TEST_CASE("Removing a vertex that would make the outline cross is refused", "[editing]")
{
    // A squarePolygon with a bay cut into its bottom edge between x = 20 and x = 30.
    const Polygon bay{{Point{0, 0}, Point{40, 0}, Point{40, 40}, Point{30, 40}, Point{30, 10}, Point{20, 10},
                       Point{20, 40}, Point{10, 40}, Point{0, 40}}};
    REQUIRE(isSimple(bay));
    // Without (40, 40) the outline stays simple.
    CHECK(removeVertex(bay, 2).polygon);
    // Without (0, 0) the closing edge (0, 40)-(40, 0) cuts through the bay's walls.
    const auto cut = removeVertex(bay, 0);
    CHECK_FALSE(cut.polygon);
    CHECK(cut.refusal == PolygonRefusal::SelfIntersection);
}

TEST_CASE("Moving or resizing a polygon's box maps its vertices", "[editing]")
{
    const Polygon moved = mapPolygon(squarePolygon(), Box{10, 10, 40, 40}, Box{20, 15, 40, 40});
    CHECK(moved.points.front() == Point{20, 15});
    CHECK(moved.points[2] == Point{60, 55});
    const Polygon scaled = mapPolygon(squarePolygon(), Box{10, 10, 40, 40}, Box{10, 10, 80, 20});
    CHECK(scaled.points[2] == Point{90, 30});
}
