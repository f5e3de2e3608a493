// libFuzzer entry for fuzzbody::pdf_runs (fuzz_bodies.hpp).
#include <cstdlib>

#include "fuzz_bodies.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!fuzzbody::pdf_runs(data, size)) std::abort();
  return 0;
}
