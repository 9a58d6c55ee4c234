# Warnings for Pixmark's own targets: pixmark_warnings(target).
# Partial aggregate initialization ({name} for a struct with defaulted members) is how
# value types are built here, so -Wmissing-field-initializers is switched off.
function(pixmark_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Woverloaded-virtual
                                           -Wno-missing-field-initializers)
  # GCC 12 at -O3 (the release preset) warns inside libstdc++'s own std::string and std::vector
  # code once it is inlined (-Wrestrict, -Warray-bounds on sizes near 2^63): known false
  # positives of that compiler, off in release builds only.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE $<$<CONFIG:Release>:-Wno-restrict -Wno-array-bounds>)
  endif()
endfunction()

# Qt code is built without implicit ASCII casts and without Q_FOREACH.
function(pixmark_qt_strict target)
  target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_FOREACH)
endfunction()
