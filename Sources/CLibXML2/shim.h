#ifndef MGAUDIT_CLIBXML2_SHIM_H
#define MGAUDIT_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* The system libxml2 is built with ICU; its <unicode/ucnv.h> clashes with Foundation's bundled
   ICU when both are imported into one Swift file. Only the layout of xmlCharEncodingHandler
   depends on this, and mgaudit never touches that struct's fields. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>

/* zlib comes with libxml2 (libxml2-dev depends on zlib1g-dev). One bounded check, used before
   ZIPFoundation inflates an entry: its decode loop never ends on a deflate stream that stops
   before its end marker. Returns 1 when the raw deflate stream `in[0..<length]` reaches its end
   within the input, 2 when it would inflate to more than `limit` bytes, 0 when it is truncated or
   corrupt. Every step either consumes input or produces output, so the loop is bounded by
   `length` and `limit`. */
#include <string.h>
#include <zlib.h>
static inline int mgaudit_deflate_stream_ends(const unsigned char *in, unsigned long length, unsigned long limit) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) return 0;
    unsigned char out[16384];
    unsigned long total = 0;
    int result;
    stream.next_in = (Bytef *)in;
    stream.avail_in = (uInt)length;
    do {
        stream.next_out = out;
        stream.avail_out = sizeof out;
        result = inflate(&stream, Z_NO_FLUSH);
        if (result != Z_OK && result != Z_STREAM_END) { inflateEnd(&stream); return 0; }
        total += sizeof out - stream.avail_out;
        if (total > limit) { inflateEnd(&stream); return 2; }
    } while (result != Z_STREAM_END);
    inflateEnd(&stream);
    return 1;
}

/* Starts a deflate stream that writes the gzip format (window bits + 16) at zlib's default level,
   as gzip and upload tools compress by default. deflateInit2 is a macro, which Swift cannot call. */
static inline int mgaudit_deflate_init_gzip(z_stream *stream) {
    return deflateInit2(stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, MAX_WBITS + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
