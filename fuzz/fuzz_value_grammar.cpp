// libFuzzer entry for fuzzbody::value_grammar (fuzz_bodies.hpp).
#include <cstdlib>

#include "fuzz_bodies.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!fuzzbody::value_grammar(data, size)) std::abort();
  return 0;
}
