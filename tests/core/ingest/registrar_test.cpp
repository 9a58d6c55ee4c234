#include "core/errors.h"
#include "core/ingest/image_readers.h"
#include "core/ingest/registrar.h"
#include "core/project/project.h"
#include "tests/core/ingest/raster/raster_fixtures.h"
#include "tests/support/child_process.h"
#include "tests/support/image_files.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <turbojpeg.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <set>

using namespace pixmark;
using ingest::Registrar;
using ingest::SourceRequest;

namespace {

const std::filesystem::path kDemoImages = std::filesystem::path(PIXMARK_SOURCE_DIR) / "resources/demo/images";

SourceRequest folder(const std::filesystem::path& root)
{
    SourceRequest request;
    request.kind = SourceKind::Folder;
    request.root = root;
    return request;
}

SourceRequest glob(const std::filesystem::path& root, const std::string& pattern)
{
    SourceRequest request;
    request.kind = SourceKind::Glob;
    request.root = root;
    request.pattern = pattern;
    return request;
}

std::set<std::string> itemPaths(Project& project)
{
    std::set<std::string> paths;
    for (const Item& item : project.items(std::nullopt, 1'000'000, 0))
        paths.insert(item.relativePath);
    return paths;
}

bool hasReason(const std::vector<ingest::FileIssue>& issues, const std::string& fileName, const std::string& words)
{
    return std::any_of(issues.begin(), issues.end(), [&](const ingest::FileIssue& issue) {
        return std::filesystem::path(issue.path).filename() == fileName && issue.reason.find(words) != std::string::npos;
    });
}

} // namespace

TEST_CASE("A folder of real images registers with sizes from their headers", "[ingest][registrar]")
{
    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ClassificationMultiClass);
    std::vector<std::pair<std::int64_t, std::int64_t>> seen;
    const auto report = Registrar(*project).addSource(folder(kDemoImages), [&](auto done, auto total, auto) {
        seen.emplace_back(done, total);
    });
    CHECK(report.listed == 120);
    CHECK(report.added + static_cast<std::int64_t>(report.duplicates.size()) == 120);
    CHECK(report.unreadable.empty());
    CHECK(project->itemCounts()[ItemStatus::Unlabeled] == report.added);
    const Item first = project->items(std::nullopt, 1, 0).front();
    CHECK(first.width == 28);
    CHECK(first.height == 28);
    CHECK(first.format == "png");
    CHECK(first.contentHash.size() == 16);
    CHECK(first.sourceId == report.sourceId);
    CHECK(project->absolutePath(first.relativePath).parent_path() == kDemoImages);
    REQUIRE_FALSE(seen.empty());
    CHECK(seen.back().first == seen.back().second);

    // The same folder again: nothing new, nothing duplicated.
    const auto again = Registrar(*project).addSource(folder(kDemoImages));
    CHECK(again.added == 0);
    CHECK(again.alreadyRegistered == 120 - static_cast<std::int64_t>(report.duplicates.size()));
}

TEST_CASE("Globs select exactly the files they name", "[ingest][registrar][glob]")
{
    test::TempDir data;
    test::writePng(data / "top.png", 8, 8, 1);
    test::writePng(data / "a/1/b/x.tif.png", 8, 8, 2);
    test::writeJpeg(data / "a/1/b/y.jpg", 8, 8, 3);
    test::writeJpeg(data / "a/2/b/z.jpg", 8, 8, 4);
    test::writeJpeg(data / "a/1/c/b/deep.jpg", 8, 8, 5);
    test::writePng(data / "a/b/w.png", 8, 8, 6);

    const auto registered = [&](const std::string& pattern) {
        test::TempDir dir;
        auto project = Project::create(dir / "p.pixmark", "P", TaskType::ObjectDetection);
        Registrar(*project).addSource(glob(data.path(), pattern));
        std::set<std::string> names;
        for (const auto& path : itemPaths(*project))
            names.insert(project->absolutePath(path).lexically_relative(data.path()).generic_string());
        return names;
    };
    using S = std::set<std::string>;
    CHECK(registered("*.png") == S{"top.png"});
    CHECK(registered("a/*/b/*.jpg") == S{"a/1/b/y.jpg", "a/2/b/z.jpg"});
    CHECK(registered("a/**") == S{"a/1/b/x.tif.png", "a/1/b/y.jpg", "a/2/b/z.jpg", "a/1/c/b/deep.jpg", "a/b/w.png"});
    CHECK(registered("**/*.jpg") == S{"a/1/b/y.jpg", "a/2/b/z.jpg", "a/1/c/b/deep.jpg"});
    CHECK(registered("**/b/*.png") == S{"a/1/b/x.tif.png", "a/b/w.png"});
    CHECK(registered("nothing/*.png").empty());
}

TEST_CASE("Bad files get a reason each and the import goes on", "[ingest][registrar][bad-input]")
{
    test::TempDir data;
    test::writePng(data / "good.png", 16, 12, 1);
    test::writeText(data / "empty.png", "");
    test::writeText(data / "text.jpg", "this is not a picture");
    test::writeBytes(data / "bomb.png", test::pngWithHeaderOnly(100000, 100000));
    test::writeJpeg(data / "whole.jpg", 64, 48, 2);
    {
        std::ifstream in(data / "whole.jpg", std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        test::writeText(data / "truncated.jpg", bytes.substr(0, bytes.size() / 2));
    }
    test::writePng(data / "locked.png", 8, 8, 3);
    ::chmod((data / "locked.png").c_str(), 0);
    std::filesystem::create_symlink("loop-b.png", data / "loop-a.png");
    std::filesystem::create_symlink("loop-a.png", data / "loop-b.png");
    std::filesystem::create_directory_symlink(".", data / "again"); // a folder loop
    test::writeText(data / "README", "notes, not an image, no extension");
    test::writePng(data / "renamed.png", 10, 10, 4);
    std::filesystem::rename(data / "renamed.png", data / "renamed.jpg"); // a PNG with a JPEG name

    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ObjectDetection);
    const auto report = Registrar(*project).addSource(folder(data.path()));
    const bool root = ::geteuid() == 0; // root reads files whatever their mode
    CHECK(report.added == (root ? 4 : 3)); // good, whole, renamed (+ locked as root)
    CHECK(hasReason(report.unreadable, "empty.png", "empty"));
    CHECK(hasReason(report.unreadable, "text.jpg", "not an image"));
    CHECK(hasReason(report.unreadable, "bomb.png", "too large"));
    CHECK(hasReason(report.unreadable, "truncated.jpg", ""));
    if (!root)
        CHECK(hasReason(report.unreadable, "locked.png", ""));
    CHECK(hasReason(report.problems, "loop-a.png", "loop"));
    CHECK(hasReason(report.problems, "again", "loop"));
    CHECK(report.ignored == 1); // README
    CHECK(project->itemCounts()[ItemStatus::Unreadable] == static_cast<std::int64_t>(report.unreadable.size()));

    const auto unreadable = project->items(ItemStatus::Unreadable, 100, 0);
    for (const Item& item : unreadable)
        CHECK_FALSE(item.unreadableWhy.empty());
    const auto renamed = project->itemAtPath(project->storedPathFor(data / "renamed.jpg"));
    REQUIRE(renamed);
    CHECK(project->item(*renamed).format == "png");
}

TEST_CASE("Identical content under another path is reported, then skipped or kept", "[ingest][registrar]")
{
    test::TempDir data;
    test::writePng(data / "one/a.png", 8, 8, 1);
    std::filesystem::create_directories(data / "two");
    std::filesystem::copy_file(data / "one/a.png", data / "two/copy-of-a.png");
    test::writePng(data / "two/b.png", 8, 8, 2);

    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ObjectDetection);
    Registrar(*project).addSource(folder(data / "one"));
    auto skip = Registrar(*project).addSource(folder(data / "two"));
    CHECK(skip.added == 1);
    REQUIRE(skip.duplicates.size() == 1);
    CHECK_THAT(skip.duplicates[0].path, Catch::EndsWith("copy-of-a.png"));
    CHECK_THAT(skip.duplicates[0].sameAs, Catch::EndsWith("one/a.png"));
    CHECK_FALSE(skip.duplicates[0].kept);

    auto keepRequest = folder(data.path());
    keepRequest.duplicates = ingest::DuplicatePolicy::Keep;
    std::filesystem::copy_file(data / "one/a.png", data / "third.png");
    const auto keep = Registrar(*project).addSource(keepRequest);
    REQUIRE(keep.duplicates.size() == 2); // copy-of-a.png and third.png
    CHECK(keep.duplicates[0].kept);
    CHECK(keep.added == 2);
    CHECK(project->itemCounts()[ItemStatus::Unlabeled] == 4);
}

TEST_CASE("Manifests register images and bring their classes as labels or prelabels", "[ingest][registrar][manifest]")
{
    test::TempDir data;
    test::writePng(data / "img/a.png", 8, 8, 1);
    test::writePng(data / "img/b.png", 8, 8, 2);
    test::writePng(data / "img/c.png", 8, 8, 3);
    test::writeText(data / "labels.csv", "file,category\nimg/a.png,cat\nimg/b.png,Dog\nimg/c.png,\nimg/gone.png,cat\n");

    for (const auto labels : {ingest::ManifestLabels::Final, ingest::ManifestLabels::Prelabel}) {
        test::TempDir dir;
        auto project = Project::create(dir / "p.pixmark", "P", TaskType::ClassificationMultiClass);
        project->addClass({"dog"}); // matched ignoring case
        SourceRequest request;
        request.kind = SourceKind::Manifest;
        request.root = data / "labels.csv";
        request.manifestColumns = {"file", std::string("category")};
        request.manifestLabels = labels;
        const auto report = Registrar(*project).addSource(request);
        CHECK(report.added == 3);
        CHECK(report.labelsImported == 2);
        CHECK(hasReason(report.problems, "gone.png", "file not found"));
        const auto classes = project->classes();
        REQUIRE(classes.size() == 2); // dog (existing) and cat (created)
        const ClassId cat = project->classNamed("cat").id;
        const ItemId a = *project->itemAtPath(project->storedPathFor(data / "img/a.png"));
        const ItemId c = *project->itemAtPath(project->storedPathFor(data / "img/c.png"));
        if (labels == ingest::ManifestLabels::Final) {
            CHECK(project->item(a).status == ItemStatus::Labeled);
            CHECK(project->currentAnnotations(a).at(0).classId == cat);
            CHECK(project->suggestions(a).empty());
        } else {
            CHECK(project->item(a).status == ItemStatus::Unlabeled);
            CHECK(project->currentAnnotations(a).empty());
            CHECK(project->suggestions(a).at(0).annotation.classId == cat);
            CHECK(project->suggestions(a).at(0).origin == "imported");
        }
        CHECK(project->item(c).status == ItemStatus::Unlabeled);
    }

    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ClassificationMultiClass);
    SourceRequest noLabels;
    noLabels.kind = SourceKind::Manifest;
    noLabels.root = data / "labels.csv";
    noLabels.manifestColumns = {"file", std::nullopt};
    const auto report = Registrar(*project).addSource(noLabels);
    CHECK(report.added == 3);
    CHECK(report.labelsImported == 0);
    CHECK(project->classes().empty());
    noLabels.manifestColumns = {"path", std::nullopt};
    CHECK_THROWS_WITH(Registrar(*project).addSource(noLabels), Catch::Contains("no column \"path\""));
    CHECK(project->sources().size() == 1); // the refused manifest left nothing behind
}

TEST_CASE("Refresh picks up added files and marks removed ones missing, keeping labels", "[ingest][registrar][refresh]")
{
    test::TempDir data;
    test::writePng(data / "a.png", 8, 8, 1);
    test::writePng(data / "b.png", 8, 8, 2);
    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ClassificationMultiClass);
    const ClassId cat = project->addClass({"cat"});
    auto request = folder(data.path());
    request.incrementalRefresh = true;
    request.refreshIntervalSeconds = 60;
    const auto added = Registrar(*project).addSource(request);
    REQUIRE(added.added == 2);
    const ItemId a = *project->itemAtPath(project->storedPathFor(data / "a.png"));
    project->submit({a, project->currentLabeler(), 100, SubmissionOrigin::Manual, {}, false,
                     {Annotation{cat, AnnotationKind::Tag, ""}}});
    const auto before = project->source(added.sourceId).lastRefreshAt;

    std::filesystem::remove(data / "a.png");
    test::writePng(data / "sub/c.png", 8, 8, 3);
    const auto refreshed = Registrar(*project).refresh(added.sourceId);
    CHECK(refreshed.added == 1);
    CHECK(refreshed.markedMissing == 1);
    CHECK(project->item(a).status == ItemStatus::Missing);
    CHECK(project->currentAnnotations(a).size() == 1); // labels are never deleted
    CHECK(project->source(added.sourceId).lastRefreshAt >= before);

    test::writePng(data / "a.png", 8, 8, 1); // it comes back
    const auto back = Registrar(*project).refresh(added.sourceId);
    CHECK(back.foundAgain == 1);
    CHECK(back.added == 0);
    CHECK(project->item(a).status == ItemStatus::Labeled);

    std::filesystem::remove_all(data.path()); // the drive is unplugged
    const auto gone = Registrar(*project).refresh(added.sourceId);
    CHECK(gone.markedMissing == 3);
    CHECK_FALSE(gone.problems.empty());
    CHECK(project->itemCounts()[ItemStatus::Missing] == 3);
}

TEST_CASE("Import by copy puts the files beside the project", "[ingest][registrar]")
{
    test::TempDir data;
    test::writePng(data / "x/a.png", 8, 8, 1);
    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ObjectDetection);
    auto request = folder(data.path());
    request.copyIntoProject = true;
    const auto report = Registrar(*project).addSource(request);
    REQUIRE(report.added == 1);
    const Item item = project->items(std::nullopt, 1, 0).front();
    const auto copy = project->absolutePath(item.relativePath);
    CHECK(copy == project->managedDataFolder() / ("source-" + std::to_string(report.sourceId)) / "x/a.png");
    CHECK(std::filesystem::exists(copy));
    CHECK(item.relativePath.rfind("p.data/", 0) == 0); // relative: moves with the project
    std::filesystem::remove_all(data.path());
    CHECK(Registrar(*project).refresh(report.sourceId).markedMissing == 0); // the copy is still there
}

TEST_CASE("A source that cannot be used is refused before anything is written", "[ingest][registrar][bad-input]")
{
    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ObjectDetection);
    CHECK_THROWS_AS(Registrar(*project).addSource(folder(dir / "does-not-exist")), ValidationError);
    CHECK_THROWS_AS(ingest::requestForPath((dir / "nope.png").string()), ValidationError);
    CHECK_THROWS_AS(ingest::requestForPath((dir / "*/../x.png").string()), ValidationError);
    CHECK(project->sources().empty());
    auto readOnly = Project::open(dir / "p.pixmark", Project::Access::ReadOnly);
    CHECK_THROWS_AS(Registrar(*readOnly).addSource(folder(dir.path())), ConflictError);
}

TEST_CASE("Every file of the DICOM corpus registers or is refused with a reason", "[ingest][registrar][dicom]")
{
    const std::filesystem::path corpus = PIXMARK_DICOM_CORPUS;
    INFO("scripts/install-deps.sh installs the corpus (python3-pydicom)");
    REQUIRE(std::filesystem::is_directory(corpus));
    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ObjectDetection);
    auto request = glob(corpus, "*");
    request.duplicates = ingest::DuplicatePolicy::Keep;
    const auto report = Registrar(*project).addSource(request);
    CHECK(report.listed > 50);
    CHECK(report.added > 20);
    for (const auto& issue : report.unreadable)
        CHECK_FALSE(issue.reason.empty());
    const auto counts = project->itemCounts();
    CHECK(counts.at(ItemStatus::Unlabeled) == report.added);
    const auto ct = project->itemAtPath(project->storedPathFor(corpus / "CT_small.dcm"));
    REQUIRE(ct);
    CHECK(project->item(*ct).format == "dicom");
    CHECK(project->item(*ct).width == 128);
    CHECK(project->item(*ct).height == 128);
    const auto multiFrame = project->itemAtPath(project->storedPathFor(corpus / "rtdose.dcm"));
    REQUIRE(multiFrame);
    CHECK(project->item(*multiFrame).frames == 15);
}

TEST_CASE("Registration records EXIF orientation, rotated sizes and 16-bit depth", "[ingest][registrar][exif]")
{
    test::TempDir data;
    std::vector<unsigned char> pixels(40 * 30 * 3, 128);
    test::writeBytes(data / "rotated.jpg",
                     test::withExifOrientation(test::encodeJpeg(pixels, 40, 30, TJPF_RGB, TJSAMP_444), 6, false));
    cv::Mat deep(10, 12, CV_16UC1, cv::Scalar(40000));
    cv::imwrite((data / "deep.tif").string(), deep);

    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ObjectDetection);
    REQUIRE(Registrar(*project).addSource(folder(data.path())).added == 2);
    const Item rotated = project->item(*project->itemAtPath(project->storedPathFor(data / "rotated.jpg")));
    CHECK(rotated.width == 30);
    CHECK(rotated.height == 40);
    CHECK(rotated.orientation == 6);
    CHECK(rotated.channels == 3);
    const Item tiff = project->item(*project->itemAtPath(project->storedPathFor(data / "deep.tif")));
    CHECK(tiff.bitsPerSample == 16);
    CHECK(tiff.orientation == 1);
    CHECK(tiff.format == "tiff");
}

TEST_CASE("A file the user may not read is registered as unreadable with the reason", "[ingest][registrar][bad-input]")
{
    // Root reads every file, so as root the registration runs in a child that has given
    // up its privileges (the user "nobody"), which is how CI exercises this path.
    test::TempDir data;
    std::filesystem::permissions(data.path(), std::filesystem::perms::all);
    test::writePng(data / "images/open.png", 8, 8, 1);
    test::writePng(data / "images/locked.png", 8, 8, 2);
    ::chmod((data / "images").c_str(), 0755);
    ::chmod((data / "images/open.png").c_str(), 0644);
    ::chmod((data / "images/locked.png").c_str(), 0);
    test::ChildProcess child(
        [&]() -> std::string {
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
                return "cannot drop privileges";
            auto project = Project::create(data / "p.pixmark", "P", TaskType::ObjectDetection);
            const auto report = Registrar(*project).addSource(folder(data / "images"));
            std::string result = "added=" + std::to_string(report.added);
            for (const auto& issue : report.unreadable)
                result += ";" + std::filesystem::path(issue.path).filename().string() + ":" + issue.reason;
            return result;
        },
        test::ChildProcess::After::Exit);
    CHECK_THAT(child.report(), Catch::StartsWith("added=1;locked.png:") && Catch::Contains("permission denied"));
}

TEST_CASE("Manifest classes: several per image, repeated rows, case and spaces, bad names", "[ingest][registrar][manifest]")
{
    test::TempDir data;
    test::writePng(data / "a.png", 8, 8, 1);
    test::writePng(data / "b.png", 8, 8, 2);
    test::writePng(data / "c.png", 8, 8, 3);
    test::writeText(data / "tags.csv", "image,tags\na.png,cat;dog\nb.png,Cat \nb.png,bird\nc.png,\"bad\nname\"\n");

    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ClassificationMultiLabel);
    SourceRequest request;
    request.kind = SourceKind::Manifest;
    request.root = data / "tags.csv";
    request.manifestColumns = {"image", std::string("tags")};
    request.manifestLabels = ingest::ManifestLabels::Final;
    const auto report = Registrar(*project).addSource(request);
    CHECK(report.added == 3);
    CHECK(report.labelsImported == 4); // a: cat, dog; b: cat, bird
    CHECK(hasReason(report.problems, "c.png", "control characters"));
    CHECK(project->classes().size() == 3); // cat, dog, bird: "Cat " is cat
    const auto classesOf = [&](const std::string& name) {
        std::set<std::string> names;
        const ItemId id = *project->itemAtPath(project->storedPathFor(data / name));
        for (const auto& annotation : project->currentAnnotations(id))
            names.insert(project->labelClass(annotation.classId).name);
        return names;
    };
    CHECK(classesOf("a.png") == std::set<std::string>{"cat", "dog"});
    CHECK(classesOf("b.png") == std::set<std::string>{"cat", "bird"});
    CHECK(project->item(*project->itemAtPath(project->storedPathFor(data / "c.png"))).status ==
          ItemStatus::Unlabeled);
}

TEST_CASE("Copies of two files with the same name from different folders both survive", "[ingest][registrar]")
{
    test::TempDir data;
    test::writePng(data / "one/img.png", 20, 10, 1);
    test::writePng(data / "two/img.png", 30, 15, 2);
    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ObjectDetection);
    SourceRequest request;
    request.kind = SourceKind::Files;
    request.files = {data / "one/img.png", data / "two/img.png"};
    request.copyIntoProject = true;
    const auto report = Registrar(*project).addSource(request);
    CHECK(report.added == 2);
    for (const Item& item : project->items(std::nullopt, 10, 0)) {
        const auto header = ingest::probeImage(project->absolutePath(item.relativePath));
        CHECK(header.width == item.width); // each item describes its own copy
    }
}

TEST_CASE("Refresh follows renamed folders, probes changed files again and re-copies lost copies", "[ingest][registrar][refresh]")
{
    test::TempDir data;
    test::writePng(data / "batch1/a.png", 8, 8, 1);
    test::writePng(data / "batch1/b.png", 8, 8, 2);
    test::writeText(data / "late.png", "still being written");
    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ClassificationMultiClass);
    const ClassId cat = project->addClass({"cat"});
    const auto added = Registrar(*project).addSource(folder(data.path()));
    REQUIRE(added.added == 2);
    REQUIRE(added.unreadable.size() == 1);
    const ItemId a = *project->itemAtPath(project->storedPathFor(data / "batch1/a.png"));
    project->submit({a, project->currentLabeler(), 100, SubmissionOrigin::Manual, {}, false,
                     {Annotation{cat, AnnotationKind::Tag, ""}}});

    std::filesystem::rename(data / "batch1", data / "batch_1");
    test::writePng(data / "late.tmp.png", 16, 16, 3);
    std::filesystem::rename(data / "late.tmp.png", data / "late.png"); // the writer finished
    const auto refreshed = Registrar(*project).refresh(added.sourceId);
    CHECK(refreshed.moved == 2);
    CHECK(refreshed.added == 0);
    CHECK(refreshed.duplicates.empty());
    CHECK(refreshed.changed == 1);
    const Item moved = project->item(a);
    CHECK(project->absolutePath(moved.relativePath) == data / "batch_1/a.png");
    CHECK(moved.status == ItemStatus::Labeled); // its label followed it
    const Item late = project->item(*project->itemAtPath(project->storedPathFor(data / "late.png")));
    CHECK(late.status == ItemStatus::Unlabeled);
    CHECK(late.width == 16);
    CHECK(late.unreadableWhy.empty());
    CHECK(project->itemCounts()[ItemStatus::Missing] == 0);

    // Copy mode: a deleted copy comes back from the original.
    test::TempDir other;
    test::writePng(other / "a.png", 8, 8, 9);
    auto copyRequest = folder(other.path());
    copyRequest.copyIntoProject = true;
    const auto copied = Registrar(*project).addSource(copyRequest);
    REQUIRE(copied.added == 1);
    const auto copies = project->managedDataFolder() / ("source-" + std::to_string(copied.sourceId));
    std::filesystem::remove_all(copies);
    const auto again = Registrar(*project).refresh(copied.sourceId);
    CHECK(again.markedMissing == 0);
    CHECK(std::filesystem::exists(copies / "a.png"));
}
