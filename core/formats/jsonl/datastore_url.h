#pragma once
// The reference services write image locations as datastore URLs; Pixmark keeps the path
// inside the datastore, which is how the images lie once they are downloaded.

#include <string>
#include <string_view>

namespace pixmark::formats {

/// The image reference for a URL of an export:
///  - "AmlDatastore://NAME/dir/a.jpg" -> "dir/a.jpg" (the path after the datastore name);
///  - "azureml://.../datastores/NAME/paths/dir/a.jpg" -> "dir/a.jpg";
///  - "s3://bucket/dir/a.jpg" -> "dir/a.jpg" (the object key);
///  - anything else (a relative path, an http URL) unchanged.
/// Backslashes become '/'. The scheme is matched without regard to case.
std::string referenceFromUrl(std::string_view url);

} // namespace pixmark::formats
