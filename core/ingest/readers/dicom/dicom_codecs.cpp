#include "core/ingest/readers/dicom/dicom_codecs.h"

#include <dcmtk/dcmdata/dcobject.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>

#include <mutex>

namespace pixmark::ingest {

void initDicomCodecs()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Warnings about sloppy files would go to stderr for every file of a large
        // import; the reason a file is refused reaches the user through ImageError.
        OFLog::configure(OFLogger::ERROR_LOG_LEVEL);
        // Some writers encode the data set in implicit VR while the meta header announces
        // explicit VR (pydicom's SC_rgb_jpeg.dcm); pydicom and GDCM read those files.
        dcmAcceptUnexpectedImplicitEncoding.set(OFTrue);
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
    });
}

} // namespace pixmark::ingest
