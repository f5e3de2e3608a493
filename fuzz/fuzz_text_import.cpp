// libFuzzer entry for fuzzbody::text_import (fuzz_bodies.hpp).
#include <cstdlib>

#include "fuzz_bodies.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!fuzzbody::text_import(data, size)) std::abort();
  return 0;
}
