#pragma once
// The built-in readers, one instance each, for the registry in image_readers.cpp.

namespace pixmark::ingest {

class ImageReader;

const ImageReader& jpegReader();  ///< readers/raster: TurboJPEG, EXIF orientation
const ImageReader& pngReader();   ///< readers/raster
const ImageReader& bmpReader();   ///< readers/raster
const ImageReader& tiffReader();  ///< readers/raster: multi-page, 16-bit
const ImageReader& dicomReader(); ///< readers/dicom: DCMTK

} // namespace pixmark::ingest
