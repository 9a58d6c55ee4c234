#pragma once
// Typed errors thrown by core. Each carries a message written for the person who
// has to act on it; the GUI shows what(), the CLI prints it and exits with 1.

#include <stdexcept>
#include <string>

namespace pixmark {

/// Base of every error core throws on purpose.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A value given by the user (name, hotkey, color, argument) is not acceptable.
class ValidationError : public Error {
public:
    using Error::Error;
};

/// A referenced object (class, item, labeler) does not exist in the project.
class NotFoundError : public Error {
public:
    using Error::Error;
};

/// The request contradicts the project's current state (duplicate name, hotkey in
/// use, project paused, immutable field).
class ConflictError : public Error {
public:
    using Error::Error;
};

/// The acting labeler's role does not allow the operation (a labeler changing classes,
/// rejecting others' work, exporting).
class PermissionError : public Error {
public:
    using Error::Error;
};

/// The user cancelled a long operation; what it wrote is removed or left consistent.
class CancelledError : public Error {
public:
    using Error::Error;
};

/// The file is not a Pixmark project, is damaged, or was written by a newer version.
class ProjectFileError : public Error {
public:
    using Error::Error;
};

/// Another process holds the project open for writing.
class ProjectInUseError : public Error {
public:
    ProjectInUseError(const std::string& message, std::string owner)
        : Error(message), mOwner(std::move(owner)) {}
    /// "host/pid" of the process that holds the project.
    const std::string& owner() const { return mOwner; }

private:
    std::string mOwner;
};

} // namespace pixmark
