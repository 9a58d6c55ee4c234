#include "tests/core/ingest/dicom/dicom_test_data.h"

#include <fstream>

namespace pixmark::test {

std::filesystem::path pydicomCorpus()
{
    const std::filesystem::path corpus(PIXMARK_PYDICOM_CORPUS);
    return std::filesystem::is_directory(corpus) ? corpus : std::filesystem::path();
}

std::filesystem::path corpusFile(const std::string& relative)
{
    return std::filesystem::path(PIXMARK_PYDICOM_CORPUS) / relative;
}

std::filesystem::path dicomFixture(const std::string& name)
{
    return std::filesystem::path(PIXMARK_TEST_DATA) / "dicom" / name;
}

const nlohmann::json& dicomExpected()
{
    static const nlohmann::json expected = [] {
        std::ifstream in(dicomFixture("expected.json"));
        return nlohmann::json::parse(in);
    }();
    return expected;
}

} // namespace pixmark::test
