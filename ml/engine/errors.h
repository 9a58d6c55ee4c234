#pragma once
// The engine's typed errors. Every message names the file or setting at fault and what the
// user can do about it, so callers can show it as it is.

#include <stdexcept>

namespace pixmark::ml {

/// Base of every error the engine raises on purpose.
class EngineError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The training cache is missing, truncated, damaged or of another version.
class CacheFileError : public EngineError {
public:
    using EngineError::EngineError;
};

/// A TorchScript backbone or a checkpoint cannot be read or does not fit the model.
class ModelFileError : public EngineError {
public:
    using EngineError::EngineError;
};

/// Inputs that cannot be trained on or calibrated (no labels, mismatched sizes, bad options).
class InvalidInputError : public EngineError {
public:
    using EngineError::EngineError;
};

} // namespace pixmark::ml
