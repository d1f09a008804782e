//===- main.cpp - the doctest runner of spikec's unit tests ---------------===//
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
