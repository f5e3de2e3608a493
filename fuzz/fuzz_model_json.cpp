// libFuzzer entry for fuzzbody::model_json (fuzz_bodies.hpp).
#include <cstdlib>

#include "fuzz_bodies.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!fuzzbody::model_json(data, size)) std::abort();
  return 0;
}
