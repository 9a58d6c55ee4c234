#include "core/ingest/readers/dicom/dicom_file.h"

#include "core/ingest/image_reader.h"
#include "core/ingest/readers/dicom/dicom_codecs.h"
#include "core/ingest/readers/dicom/dicom_text.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/ofstd/ofstring.h>

namespace pixmark::ingest {

namespace {
// Values longer than this are read from the file only when asked for.
constexpr Uint32 kMaxReadLength = 4096;
} // namespace

DicomFile::DicomFile(const std::filesystem::path& file)
    : mPath(file), mFormat(std::make_unique<DcmFileFormat>())
{
    initDicomCodecs();
    const OFCondition status =
        mFormat->loadFile(OFFilename(file.c_str()), EXS_Unknown, EGL_noChange, kMaxReadLength, ERM_autoDetect);
    if (status.bad())
        throw ImageError(std::string("truncated or corrupt DICOM file: ") + status.text(), file);

    OFString uid;
    if (mFormat->getMetaInfo() && mFormat->getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, uid).good())
        mTransferSyntaxUid = trimmedDicomText({uid.c_str(), uid.length()});
    if (mTransferSyntaxUid.empty())
        mTransferSyntaxUid = DcmXfer(mFormat->getDataset()->getOriginalXfer()).getXferID();
}

DicomFile::~DicomFile() = default;

DcmDataset& DicomFile::dataset() const
{
    return *mFormat->getDataset();
}

} // namespace pixmark::ingest
