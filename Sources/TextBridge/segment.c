// ICU word and sentence segmentation, folding, and charset handling.
#include "TextBridge.h"
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utrans.h>
#include <unicode/ucsdet.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

void tb_free(void *p) { free(p); }

static int32_t segment_kind(const uint16_t *text, int32_t start, int32_t end, int32_t status) {
    if (status >= UBRK_WORD_IDEO) return 4;
    if (status >= UBRK_WORD_KANA) return 4;
    if (status >= UBRK_WORD_LETTER) return 3;
    if (status >= UBRK_WORD_NUMBER) return 2;
    int32_t i = start;
    while (i < end) {
        UChar32 c;
        U16_NEXT(text, i, end, c);
        if (!u_isUWhiteSpace(c)) return 1;
    }
    return 0;
}

// One word and one sentence iterator per thread, opened on first use and given each text in turn: opening
// and closing an iterator per document cost as much as the breaking itself. They live as long as the thread.
static _Thread_local UBreakIterator *word_iterator = NULL;
static _Thread_local UBreakIterator *sentence_iterator = NULL;

static UBreakIterator *iterator_for(UBreakIterator **cached, UBreakIteratorType type, const char *locale,
                                    const uint16_t *text, int32_t len) {
    UErrorCode status = U_ZERO_ERROR;
    if (!*cached) {
        *cached = ubrk_open(type, locale, NULL, 0, &status);
        if (U_FAILURE(status)) { *cached = NULL; return NULL; }
    }
    ubrk_setText(*cached, (const UChar *)text, len, &status);
    return U_FAILURE(status) ? NULL : *cached;
}

int32_t tb_word_segments(const uint16_t *text, int32_t len, int32_t *out, int32_t cap) {
    UBreakIterator *bi = iterator_for(&word_iterator, UBRK_WORD, "en", text, len);
    if (!bi) return INT32_MIN;
    int32_t count = 0;
    int32_t start = ubrk_first(bi);
    for (int32_t end = ubrk_next(bi); end != UBRK_DONE; start = end, end = ubrk_next(bi)) {
        if (count < cap) {
            out[3 * count] = start;
            out[3 * count + 1] = end;
            out[3 * count + 2] = segment_kind(text, start, end, ubrk_getRuleStatus(bi));
        }
        count++;
    }
    return count <= cap ? count : -count;
}

int32_t tb_sentence_bounds(const uint16_t *text, int32_t len, int32_t *out, int32_t cap) {
    UBreakIterator *bi = iterator_for(&sentence_iterator, UBRK_SENTENCE, "en@ss=standard", text, len);
    if (!bi) bi = iterator_for(&sentence_iterator, UBRK_SENTENCE, "en", text, len);
    if (!bi) return INT32_MIN;
    int32_t count = 0;
    ubrk_first(bi);
    for (int32_t end = ubrk_next(bi); end != UBRK_DONE; end = ubrk_next(bi)) {
        if (count < cap) out[count] = end;
        count++;
    }
    return count <= cap ? count : -count;
}

struct tb_folder { UTransliterator *trans; };

tb_folder *tb_folder_open(void) {
    static const UChar id[] = u"Any-Latin; Latin-ASCII; Lower";
    UErrorCode status = U_ZERO_ERROR;
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) return NULL;
    tb_folder *f = malloc(sizeof(tb_folder));
    if (!f) { utrans_close(t); return NULL; }
    f->trans = t;
    return f;
}

void tb_folder_close(tb_folder *f) {
    if (!f) return;
    utrans_close(f->trans);
    free(f);
}

int32_t tb_fold(tb_folder *f, const uint16_t *text, int32_t len, uint16_t *out, int32_t cap) {
    if (!f) return INT32_MIN;
    // utrans works in place; transliteration may grow the text.
    int32_t room = len * 4 + 16;
    UChar *buf = malloc(sizeof(UChar) * room);
    if (!buf) return INT32_MIN;
    memcpy(buf, text, sizeof(UChar) * len);
    int32_t textLength = len, limit = len;
    UErrorCode status = U_ZERO_ERROR;
    utrans_transUChars(f->trans, buf, &textLength, room, 0, &limit, &status);
    if (U_FAILURE(status)) { free(buf); return INT32_MIN; }
    if (textLength > cap) { free(buf); return -textLength; }
    memcpy(out, buf, sizeof(UChar) * textLength);
    free(buf);
    return textLength;
}

int32_t tb_detect_charset(const char *bytes, int32_t len, char *name, int32_t name_cap) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&status);
    if (U_FAILURE(status)) return -1;
    ucsdet_setText(det, bytes, len, &status);
    const UCharsetMatch *m = ucsdet_detect(det, &status);
    if (U_FAILURE(status) || !m) { ucsdet_close(det); return -1; }
    const char *n = ucsdet_getName(m, &status);
    int32_t conf = ucsdet_getConfidence(m, &status);
    if (U_FAILURE(status) || !n) { ucsdet_close(det); return -1; }
    if (name_cap > 0) {
        strncpy(name, n, (size_t)name_cap - 1);
        name[name_cap - 1] = 0;
    }
    ucsdet_close(det);
    return conf;
}

char *tb_convert_to_utf8(const char *bytes, int32_t len, const char *from, int32_t *out_len) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *conv = ucnv_open(from, &status);
    if (U_FAILURE(status)) return NULL;
    // Refuse bytes that are invalid in the source charset instead of substituting.
    ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    int32_t ulen = len * 2 + 16;
    UChar *u = malloc(sizeof(UChar) * ulen);
    if (!u) { ucnv_close(conv); return NULL; }
    int32_t n = ucnv_toUChars(conv, u, ulen, bytes, len, &status);
    ucnv_close(conv);
    if (U_FAILURE(status)) { free(u); return NULL; }
    int32_t cap = n * 3 + 1;
    char *utf8 = malloc(cap);
    if (!utf8) { free(u); return NULL; }
    int32_t written = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(utf8, cap, &written, u, n, &status);
    free(u);
    if (U_FAILURE(status)) { free(utf8); return NULL; }
    *out_len = written;
    return utf8;
}
