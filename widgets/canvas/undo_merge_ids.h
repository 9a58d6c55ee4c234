#pragma once
// The merge ids of every mergeable undo command of the canvases, in one enum, so that no
// two kinds of command ever merge by accident (QUndoCommand::id()).

namespace pixmark {

enum class UndoMergeId : int {
    TransformShape = 1, ///< a drag moving or resizing one shape: one step per gesture
};

} // namespace pixmark
