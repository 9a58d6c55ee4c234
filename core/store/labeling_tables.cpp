#include "core/store/labeling_tables.h"

#include "core/store/annotation_row.h"
#include "core/store/sqlite/database.h"
#include "core/util/uuid.h"

#include <map>

namespace pixmark::store {

LabelerId LabelerTable::ensure(const std::string& name, const std::string& role, std::int64_t now)
{
    mDb.prepare("INSERT OR IGNORE INTO labelers (name, role, created_at, uuid) VALUES (?, ?, ?, ?)")
        .bindAll(name, role, now, makeUuid())
        .run();
    auto row = mDb.prepare("SELECT id FROM labelers WHERE name = ?");
    row.bind(1, name);
    row.step();
    return row.integer(0);
}

LabelerId LabelerTable::ensureIdentity(const Labeler& labeler, std::int64_t now)
{
    auto byUuid = mDb.prepare("SELECT id FROM labelers WHERE uuid = ?");
    byUuid.bind(1, labeler.uuid);
    if (byUuid.step())
        return byUuid.integer(0);
    // The same person known here under the same name before the package existed: keep
    // one identity (theirs), so their work adds up.
    auto byName = mDb.prepare("SELECT id FROM labelers WHERE name = ?");
    byName.bind(1, labeler.name);
    if (byName.step())
        return byName.integer(0);
    mDb.prepare("INSERT INTO labelers (name, role, created_at, uuid) VALUES (?, ?, ?, ?)")
        .bindAll(labeler.name, labeler.role, now, labeler.uuid)
        .run();
    return mDb.lastInsertRowId();
}

void LabelerTable::setRole(LabelerId id, const std::string& role)
{
    mDb.prepare("UPDATE labelers SET role = ? WHERE id = ?").bindAll(role, id).run();
}

namespace {
constexpr const char* kLabelerColumns = "SELECT id, name, role, coalesce(uuid, '') FROM labelers";
Labeler labelerOf(sqlite::Statement& row)
{
    return Labeler{row.integer(0), row.text(1), row.text(2), row.text(3)};
}
} // namespace

std::optional<Labeler> LabelerTable::find(LabelerId id)
{
    auto row = mDb.prepare(std::string(kLabelerColumns) + " WHERE id = ?");
    row.bind(1, id);
    if (!row.step())
        return std::nullopt;
    return labelerOf(row);
}

std::optional<Labeler> LabelerTable::findByName(const std::string& name)
{
    auto row = mDb.prepare(std::string(kLabelerColumns) + " WHERE name = ?");
    row.bind(1, name);
    if (!row.step())
        return std::nullopt;
    return labelerOf(row);
}

std::vector<Labeler> LabelerTable::list()
{
    std::vector<Labeler> labelers;
    auto row = mDb.prepare(std::string(kLabelerColumns) + " ORDER BY id");
    while (row.step())
        labelers.push_back(labelerOf(row));
    return labelers;
}

SubmissionId SubmissionTable::insert(const SubmissionRequest& request, int epoch, std::int64_t submittedAt,
                                     SubmissionRole role)
{
    mDb.prepare("INSERT INTO submissions (item_id, labeler_id, submitted_at, duration_ms, origin, prediction_id, "
                "skipped, epoch, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(request.itemId, request.labelerId, submittedAt, request.durationMs, toId(request.origin),
                 request.predictionId, request.skipped ? 1 : 0, epoch, toId(role))
        .run();
    const SubmissionId id = mDb.lastInsertRowId();
    auto annotation =
        mDb.prepare("INSERT INTO annotations (submission_id, class_id, kind, geometry, score, origin) "
                    "VALUES (?, ?, ?, ?, ?, ?)");
    for (const Annotation& a : request.annotations) {
        const std::optional<std::string> geometry =
            a.geometry.empty() ? std::nullopt : std::optional<std::string>(a.geometry);
        annotation.bindAll(id, a.classId, toId(a.kind), geometry, a.score, toId(a.origin)).run();
    }
    return id;
}

namespace {
// The latest non-rejected submission of each item in an epoch is its current label.
// Two statements instead of one with "?2 IS NULL OR item = ?2": that form keeps SQLite
// from using the (epoch, item_id) index and turns a single-item lookup into a scan.
constexpr const char* kCurrentOfEveryItem = R"SQL(
    SELECT s.item_id, s.skipped, a.class_id, a.kind, a.geometry, a.score, a.origin
    FROM submissions s
    LEFT JOIN annotations a ON a.submission_id = s.id
    WHERE s.epoch = ?1 AND s.review_state != 'rejected' AND s.role IN ('label', 'consensus')
      AND s.id = (SELECT max(id) FROM submissions l
                  WHERE l.item_id = s.item_id AND l.epoch = ?1 AND l.review_state != 'rejected' AND l.role IN ('label', 'consensus'))
    ORDER BY s.item_id, a.id
)SQL";
constexpr const char* kCurrentOfOneItem = R"SQL(
    SELECT s.item_id, s.skipped, a.class_id, a.kind, a.geometry, a.score, a.origin
    FROM submissions s
    LEFT JOIN annotations a ON a.submission_id = s.id
    WHERE s.id = (SELECT max(id) FROM submissions l
                  WHERE l.epoch = ?1 AND l.item_id = ?2 AND l.review_state != 'rejected' AND l.role IN ('label', 'consensus'))
    ORDER BY a.id
)SQL";

std::vector<std::pair<ItemId, std::vector<Annotation>>> readCurrent(sqlite::Statement& row)
{
    std::vector<std::pair<ItemId, std::vector<Annotation>>> labels;
    while (row.step()) {
        if (row.integer(1) != 0)
            continue; // a skip is history, not a label
        const ItemId itemId = row.integer(0);
        if (labels.empty() || labels.back().first != itemId)
            labels.emplace_back(itemId, std::vector<Annotation>{});
        if (row.isNull(2))
            continue; // a label without shapes ("nothing to label here")
        labels.back().second.push_back(readSubmittedAnnotation(row, 2));
    }
    return labels;
}
} // namespace

std::vector<Annotation> SubmissionTable::currentAnnotations(ItemId item, int epoch)
{
    auto row = mDb.prepare(kCurrentOfOneItem);
    row.bind(1, epoch).bind(2, item);
    auto labels = readCurrent(row);
    return labels.empty() ? std::vector<Annotation>{} : std::move(labels.front().second);
}

SubmissionTable::CurrentState SubmissionTable::currentState(ItemId item, int epoch)
{
    auto row = mDb.prepare("SELECT skipped FROM submissions WHERE id = (SELECT max(id) FROM submissions "
                           "WHERE epoch = ? AND item_id = ? AND review_state != 'rejected' AND role IN ('label', 'consensus'))");
    row.bind(1, epoch).bind(2, item);
    if (!row.step())
        return CurrentState::None;
    return row.integer(0) != 0 ? CurrentState::Skipped : CurrentState::Labeled;
}

bool SubmissionTable::anyLabelInEpoch(int epoch)
{
    auto row = mDb.prepare("SELECT EXISTS (SELECT 1 FROM submissions s WHERE s.epoch = ?1 AND s.skipped = 0 "
                           "AND s.review_state != 'rejected' AND s.role IN ('label', 'consensus') AND s.id = (SELECT max(id) FROM submissions l "
                           "WHERE l.item_id = s.item_id AND l.epoch = ?1 AND l.review_state != 'rejected' AND l.role IN ('label', 'consensus')))");
    row.bind(1, epoch);
    return row.step() && row.integer(0) != 0;
}

std::int64_t SubmissionTable::countLabeledItems(int epoch)
{
    auto row = mDb.prepare("SELECT count(*) FROM submissions s WHERE s.epoch = ?1 AND s.skipped = 0 "
                           "AND s.review_state != 'rejected' AND s.role IN ('label', 'consensus') AND s.id = (SELECT max(id) FROM submissions l "
                           "WHERE l.item_id = s.item_id AND l.epoch = ?1 AND l.review_state != 'rejected' AND l.role IN ('label', 'consensus'))");
    row.bind(1, epoch);
    return row.step() ? row.integer(0) : 0;
}

std::vector<std::pair<ItemId, std::vector<Annotation>>> SubmissionTable::currentLabels(int epoch)
{
    auto row = mDb.prepare(kCurrentOfEveryItem);
    row.bind(1, epoch);
    return readCurrent(row);
}

std::int64_t SubmissionTable::count()
{
    return mDb.queryInteger("SELECT count(*) FROM submissions");
}

std::int64_t SubmissionTable::countInEpoch(int epoch)
{
    auto row = mDb.prepare("SELECT count(*) FROM submissions WHERE epoch = ?");
    row.bind(1, epoch);
    row.step();
    return row.integer(0);
}

std::int64_t SuggestionTable::insert(ItemId item, const Annotation& annotation, const std::string& origin,
                                     std::int64_t now)
{
    const std::optional<std::string> geometry =
        annotation.geometry.empty() ? std::nullopt : std::optional<std::string>(annotation.geometry);
    mDb.prepare("INSERT INTO predictions (item_id, class_id, kind, geometry, score, origin, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bindAll(item, annotation.classId, toId(annotation.kind), geometry, annotation.score, origin, now)
        .run();
    return mDb.lastInsertRowId();
}

std::vector<Suggestion> SuggestionTable::forItem(ItemId item)
{
    auto row = mDb.prepare(
        "SELECT id, class_id, kind, geometry, score, origin FROM predictions WHERE item_id = ? ORDER BY id");
    row.bind(1, item);
    std::vector<Suggestion> suggestions;
    while (row.step()) {
        Suggestion suggestion;
        suggestion.id = row.integer(0);
        suggestion.itemId = item;
        suggestion.annotation = readAnnotation(row, 1);
        suggestion.origin = row.text(5);
        suggestions.push_back(std::move(suggestion));
    }
    return suggestions;
}

std::int64_t SuggestionTable::count()
{
    return mDb.queryInteger("SELECT count(*) FROM predictions");
}

void EventLog::append(const std::string& kind, const std::string& payloadJson, std::optional<LabelerId> labeler,
                      std::int64_t now)
{
    mDb.prepare("INSERT INTO events (at, labeler_id, kind, payload) VALUES (?, ?, ?, ?)")
        .bindAll(now, labeler, kind, payloadJson)
        .run();
}

std::vector<std::pair<std::string, std::string>> EventLog::latest(int limit)
{
    auto row = mDb.prepare("SELECT kind, payload FROM events ORDER BY id DESC LIMIT ?");
    row.bind(1, limit);
    std::vector<std::pair<std::string, std::string>> events;
    while (row.step())
        events.emplace_back(row.text(0), row.text(1));
    return events;
}

} // namespace pixmark::store
