#pragma once
// A fresh folder under the system temp directory, removed with everything in it when
// the object goes out of scope.

#include <filesystem>
#include <random>
#include <string>

namespace pixmark::test {

class TempDir {
public:
    TempDir()
    {
        std::random_device random;
        mPath = std::filesystem::temp_directory_path() /
                ("pixmark-test-" + std::to_string(random()) + "-" + std::to_string(random()));
        std::filesystem::create_directories(mPath);
    }
    ~TempDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(mPath, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return mPath; }
    std::filesystem::path operator/(const std::string& name) const { return mPath / name; }

private:
    std::filesystem::path mPath;
};

} // namespace pixmark::test
