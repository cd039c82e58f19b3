// TextBridge: the only place where rex calls ICU and libxml2.
//
// The header uses plain C types and opaque handles only, so that Swift modules importing it never
// see ICU's or libxml2's headers (which clash with Foundation's bundled ICU on Linux).
// Every call is coarse (a whole text in, all results out). Buffers returned by the bridge are
// allocated with malloc and released with tb_free.
#ifndef TEXTBRIDGE_H
#define TEXTBRIDGE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Releases a buffer returned by the bridge.
void tb_free(void *p);

// MARK: Segmentation (UTF-16 offsets)

/// Word segments of `text`: writes [start, end, kind] triples into `out` (kind: 0 space, 1 punctuation/other,
/// 2 number, 3 letters, 4 kana/ideographs). Returns the number of segments, or -(needed) when `cap` triples
/// are too few, or INT32_MIN on an ICU error.
int32_t tb_word_segments(const uint16_t *text, int32_t len, int32_t *out, int32_t cap);

/// Sentence boundaries of `text` (ICU sentence rules, English, with the standard abbreviation
/// suppressions). Writes boundary offsets (each a sentence end) into `out`; returns their count,
/// -(needed) when `cap` is too small, INT32_MIN on an ICU error.
int32_t tb_sentence_bounds(const uint16_t *text, int32_t len, int32_t *out, int32_t cap);

// MARK: Folding

/// An opaque transliterator folding text for matching ("Any-Latin; Latin-ASCII; Lower").
typedef struct tb_folder tb_folder;

/// Opens a folder; NULL on failure. A folder is not thread-safe: use one per thread.
tb_folder *tb_folder_open(void);
void tb_folder_close(tb_folder *f);
/// Folds `text` into `out` (UTF-16); returns the folded length, -(needed) when `cap` is too small,
/// INT32_MIN on error.
int32_t tb_fold(tb_folder *f, const uint16_t *text, int32_t len, uint16_t *out, int32_t cap);

// MARK: Encodings

/// Guesses the charset of `bytes` with ICU's detector. Writes a NUL-terminated name into `name`
/// and returns the confidence (0-100), or -1 when nothing was detected.
int32_t tb_detect_charset(const char *bytes, int32_t len, char *name, int32_t name_cap);

/// Converts `bytes` from charset `from` to UTF-8. Returns a malloc'd buffer (free with tb_free) and
/// its length in `out_len`, or NULL when the charset is unknown or the bytes are invalid in it.
char *tb_convert_to_utf8(const char *bytes, int32_t len, const char *from, int32_t *out_len);

// MARK: HTML

/// Parses HTML with libxml2's tolerant HTML parser and returns the document as a flat stream of
/// records (malloc'd UTF-8, free with tb_free; its length in `out_len`). Records are separated by
/// 0x1E; fields inside a record by 0x1F:
///   "S" name (attr-name attr-value)*   an element starts (names lower-cased)
///   "E" name                           an element ends
///   "T" text                           a text node (entities decoded)
/// `encoding` may be NULL (libxml2 then reads the page's own declaration); when given, the page's own
/// declaration is ignored. Returns NULL when the
/// input cannot be parsed at all.
char *tb_html_events(const char *bytes, int32_t len, const char *encoding, int32_t *out_len);

#ifdef __cplusplus
}
#endif

#endif
