// Catch2's main for every test program that needs nothing before Catch runs.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
