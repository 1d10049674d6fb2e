#include "gzip_decoder.h"

#include <zlib.h>

#include <array>

namespace instructor::http::detail {

struct GzipDecoder::Stream {
  Stream() {
    // 16 + MAX_WBITS: a gzip header and trailer, not raw zlib.
    ok = inflateInit2(&z, 16 + MAX_WBITS) == Z_OK;
  }
  ~Stream() {
    if (ok) inflateEnd(&z);
  }
  z_stream z{};
  bool ok = false;
};

GzipDecoder::GzipDecoder() : stream_(std::make_unique<Stream>()) {
  if (!stream_->ok) error_ = "cannot initialise zlib";
}

GzipDecoder::~GzipDecoder() = default;

bool GzipDecoder::feed(std::string_view compressed, const Sink& sink) {
  if (!error_.empty()) return false;
  z_stream& z = stream_->z;
  std::array<unsigned char, 16384> out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(compressed.size());
  while (z.avail_in > 0) {
    if (at_member_end_) {
      // Another gzip member follows the one that ended.
      inflateReset(&z);
      at_member_end_ = false;
    }
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    uInt before = z.avail_in;
    int rc = inflate(&z, Z_NO_FLUSH);
    std::size_t produced = out.size() - z.avail_out;
    if (produced > 0 && !sink(std::string_view(reinterpret_cast<const char*>(out.data()), produced))) return false;
    if (rc == Z_STREAM_END) {
      at_member_end_ = true;
      continue;
    }
    if (rc == Z_BUF_ERROR && produced == 0 && z.avail_in == before) {
      error_ = "corrupt gzip data: no progress";
      return false;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      error_ = std::string("corrupt gzip data: ") + (z.msg ? z.msg : "zlib error " + std::to_string(rc));
      return false;
    }
  }
  // Flush what inflate still holds from input it has already consumed.
  for (;;) {
    if (at_member_end_) break;
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&z, Z_NO_FLUSH);
    std::size_t produced = out.size() - z.avail_out;
    if (produced > 0 && !sink(std::string_view(reinterpret_cast<const char*>(out.data()), produced))) return false;
    if (rc == Z_STREAM_END) at_member_end_ = true;
    if (rc != Z_OK || produced == 0) {
      if (rc != Z_OK && rc != Z_BUF_ERROR && rc != Z_STREAM_END) {
        error_ = std::string("corrupt gzip data: ") + (z.msg ? z.msg : "zlib error " + std::to_string(rc));
        return false;
      }
      break;
    }
  }
  return true;
}

}  // namespace instructor::http::detail
