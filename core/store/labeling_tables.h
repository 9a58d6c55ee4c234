#pragma once
// SQL for labelers, submissions with their annotations, suggestions and the event log:
// the append-only labeling history.

#include "core/model/labeling.h"

#include <vector>

namespace pixmark::sqlite {
class Database;
}

namespace pixmark::store {

/// Labeler rows. Holds a reference to the caller's Database.
class LabelerTable {
public:
    explicit LabelerTable(sqlite::Database& db) : mDb(db) {}
    /// Id of the labeler with this name, created with role when missing.
    LabelerId ensure(const std::string& name, const std::string& role, std::int64_t now);
    /// Id of this identity (by stable id, else by name), created with its uuid when missing.
    LabelerId ensureIdentity(const Labeler& labeler, std::int64_t now);
    void setRole(LabelerId id, const std::string& role);
    std::optional<Labeler> find(LabelerId id);
    std::optional<Labeler> findByName(const std::string& name);
    std::vector<Labeler> list();

private:
    sqlite::Database& mDb;
};

/// Submission and annotation rows; never updated except review_state.
class SubmissionTable {
public:
    explicit SubmissionTable(sqlite::Database& db) : mDb(db) {}

    SubmissionId insert(const SubmissionRequest& request, int epoch, std::int64_t submittedAt,
                        SubmissionRole role = SubmissionRole::Label);
    enum class CurrentState { None, Labeled, Skipped };

    /// Annotations of the item's latest non-rejected submission in the epoch.
    std::vector<Annotation> currentAnnotations(ItemId item, int epoch);
    /// What the item's latest non-rejected submission in the epoch is.
    CurrentState currentState(ItemId item, int epoch);
    /// True when some item has a current (non-skip) label in the epoch; stops at the first.
    bool anyLabelInEpoch(int epoch);
    /// How many items have a current (non-skip) label in the epoch.
    std::int64_t countLabeledItems(int epoch);
    /// Every item that has a current (non-skipped) label in the epoch, with its annotations.
    std::vector<std::pair<ItemId, std::vector<Annotation>>> currentLabels(int epoch);
    std::int64_t count();
    std::int64_t countInEpoch(int epoch);

private:
    sqlite::Database& mDb;
};

/// Suggestions (predictions) shown pre-filled to labelers.
class SuggestionTable {
public:
    explicit SuggestionTable(sqlite::Database& db) : mDb(db) {}
    std::int64_t insert(ItemId item, const Annotation& annotation, const std::string& origin, std::int64_t now);
    std::vector<Suggestion> forItem(ItemId item);
    std::int64_t count();

private:
    sqlite::Database& mDb;
};

/// The project's event log: who changed what, for the dashboard and for audits.
class EventLog {
public:
    explicit EventLog(sqlite::Database& db) : mDb(db) {}
    /// payloadJson must be a JSON object.
    void append(const std::string& kind, const std::string& payloadJson, std::optional<LabelerId> labeler,
                std::int64_t now);
    /// The latest events, newest first, as (kind, payload) pairs.
    std::vector<std::pair<std::string, std::string>> latest(int limit);

private:
    sqlite::Database& mDb;
};

} // namespace pixmark::store
