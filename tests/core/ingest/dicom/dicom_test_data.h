#pragma once
// Where the DICOM reader tests find their files and reference values.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace pixmark::test {

/// pydicom's test corpus (Debian's python3-pydicom), or an empty path when not installed.
std::filesystem::path pydicomCorpus();

/// A file of that corpus by its relative path ("CT_small.dcm").
std::filesystem::path corpusFile(const std::string& relative);

/// A generated fixture in tests/data/dicom.
std::filesystem::path dicomFixture(const std::string& name);

/// tests/data/dicom/expected.json, written by make_expected.py with pydicom.
const nlohmann::json& dicomExpected();

} // namespace pixmark::test
