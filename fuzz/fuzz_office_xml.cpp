// libFuzzer entry for fuzzbody::office_xml (fuzz_bodies.hpp).
#include <cstdlib>

#include "fuzz_bodies.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!fuzzbody::office_xml(data, size)) std::abort();
  return 0;
}
