// zlib's inflate for the native build (Debian zlib1g-dev): the reference
// implementation, already on every machine that runs the CLI. The wasm build
// leaves this file out; the page inflates with the browser's DecompressionStream.
#include <zlib.h>

#include <algorithm>

#include "formcheck/zip_archive.hpp"

namespace formcheck {

Inflater native_inflater() {
  return [](std::string_view in, size_t cap, size_t expected) {
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw ZipError("解压失败");
    std::string out;
    out.reserve(std::min(expected, cap));
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    char buf[65536];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      rc = inflate(&z, Z_NO_FLUSH);
      if (rc != Z_OK && rc != Z_STREAM_END) {
        inflateEnd(&z);
        throw ZipError(rc == Z_BUF_ERROR ? "文件不完整（压缩数据被截断）" : "文件已损坏（压缩数据无法解压）");
      }
      const size_t got = sizeof buf - z.avail_out;
      // Capped by bytes produced, whatever the header claims: a zip bomb stops here.
      if (out.size() + got > cap) {
        inflateEnd(&z);
        throw ZipTooLarge("解压后的内容过大（超过 " + std::to_string(cap / 1024 / 1024) + " MB）");
      }
      out.append(buf, got);
      if (got == 0 && z.avail_in == 0 && rc != Z_STREAM_END) {
        inflateEnd(&z);
        throw ZipError("文件不完整（压缩数据被截断）");
      }
    }
    inflateEnd(&z);
    return out;
  };
}

}  // namespace formcheck
