#include "core/ingest/readers/dicom/dicom_reader.h"

#include "core/ingest/readers/dicom/dicom_file.h"
#include "core/ingest/readers/dicom/dicom_header.h"
#include "core/ingest/readers/dicom/dicom_renderer.h"
#include "core/ingest/readers/dicom/dicom_signature.h"
#include "core/ingest/readers/dicom/dicom_transfer_syntax.h"
#include "core/ingest/readers/dicom/jpeg2000_frames.h"
#include "core/ingest/readers/dicom/large_stack.h"
#include "core/ingest/readers/dicom/native_dataset.h"
#include "core/ingest/readers/dicom/nesting_scan.h"
#include "core/ingest/readers/readers.h"

#include <dcmtk/dcmdata/dccodec.h>
#include <dcmtk/dcmdata/dcdatset.h>

#include <new>
#include <optional>

namespace pixmark::ingest {

namespace {

// DCMTK 3.6.7 and OpenCV may throw (std::bad_alloc on absurd sizes, cv::Exception); none
// of it may reach the caller as anything but an ImageError.
template <class Work>
auto guarded(const std::filesystem::path& file, Work&& work) -> decltype(work())
{
    try {
        return work();
    } catch (const ImageError&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw ImageError("not enough memory to read this DICOM file", file);
    } catch (const std::exception& error) {
        throw ImageError(std::string("DICOM reader error: ") + error.what(), file);
    } catch (...) {
        throw ImageError("DICOM reader error (unknown exception)", file);
    }
}

// DCMTK 3.6.7 needs about 1.5 KB of stack per nesting level. Files nested no deeper
// than this are read on the caller's thread, whatever its stack (512 KB on macOS
// secondary threads); deeper ones get a thread of their own.
constexpr std::uint64_t kInlineDepth = 64;
constexpr std::uint64_t kMaxDepth = 65536;
constexpr std::size_t kStackPerLevel = 8 * 1024;
constexpr std::size_t kStackBase = 8 * 1024 * 1024;

// Runs work (which calls DCMTK) on a stack deep enough for the file; see NestingScan.
template <class Work>
auto withStackFor(const std::filesystem::path& file, Work&& work) -> decltype(work())
{
    const std::uint64_t depth = guarded(file, [&] { return NestingScan(file, kMaxDepth).depthBound(); });
    if (depth <= kInlineDepth)
        return guarded(file, work);
    if (depth > kMaxDepth)
        throw ImageError("DICOM file with more than " + std::to_string(kMaxDepth) +
                             " possibly nested items is not supported",
                         file);
    std::optional<decltype(work())> result;
    const std::size_t stack = kStackBase + std::size_t(depth) * kStackPerLevel;
    if (!runOnLargeStack(stack, [&] { result.emplace(guarded(file, work)); }))
        throw ImageError("cannot start a thread with a stack large enough for this deeply nested DICOM file", file);
    return std::move(*result);
}

DecodedImage decodeFrame(const std::filesystem::path& file, const DecodeOptions& options, const ReaderLimits& limits)
{
    DicomFile dicom(file);
    const ImageHeader header = readDicomHeader(dicom, limits);
    if (options.frame < 0 || options.frame >= header.frames)
        throw ImageError("frame " + std::to_string(options.frame) + " does not exist (the file has " +
                             std::to_string(header.frames) + (header.frames == 1 ? " frame)" : " frames)"),
                         file);
    const std::string& uid = header.transferSyntaxUid;
    if (isJpeg2000(uid)) {
        const Jpeg2000Frame stored = decodeJpeg2000Frame(dicom, header, options.frame);
        NativeDataset native(dicom.dataset(), stored.samples, stored.precision, file);
        // The codestream's sample format wins over the header's (see Jpeg2000Frame).
        ImageHeader decoded = header;
        decoded.signedPixels = stored.samples.signedSamples;
        decoded.bitsPerSample = stored.precision;
        return DicomRenderer(decoded, file).render(native.dataset(), EXS_LittleEndianExplicit, 0, options);
    }
    // DCMTK guesses the encoding of syntaxes it does not know; their pixel data would be
    // misread, so they are refused by name.
    if (unknownToDcmtk(uid))
        throw ImageError(header.transferSyntaxName + " is not supported", file);
    const E_TransferSyntax xfer = dicom.dataset().getOriginalXfer();
    if (DcmXfer(xfer).isEncapsulated() && !DcmCodecList::canChangeCoding(xfer, EXS_LittleEndianExplicit))
        throw ImageError(header.transferSyntaxName + " is not supported", file);
    return DicomRenderer(header, file).render(dicom.dataset(), xfer, static_cast<unsigned long>(options.frame), options);
}

} // namespace

bool DicomReader::canRead(const FileSignature& signature) const
{
    return looksLikeDicom(signature);
}

ImageHeader DicomReader::readHeader(const std::filesystem::path& file, const ReaderLimits& limits) const
{
    return withStackFor(file, [&] {
        const DicomFile dicom(file);
        return readDicomHeader(dicom, limits);
    });
}

DecodedImage DicomReader::decode(const std::filesystem::path& file, const DecodeOptions& options,
                                 const ReaderLimits& limits) const
{
    return withStackFor(file, [&] { return decodeFrame(file, options, limits); });
}

const ImageReader& dicomReader()
{
    static const DicomReader reader;
    return reader;
}

} // namespace pixmark::ingest
