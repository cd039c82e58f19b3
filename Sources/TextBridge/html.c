// libxml2 HTML parsing, flattened into a record stream for the Swift side.
#include "TextBridge.h"
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

typedef struct { char *data; size_t len, cap; int failed; } buffer;

static void put(buffer *b, const char *s, size_t n) {
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->len + n + 1 > cap) cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) { b->failed = 1; return; }
        b->data = d; b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

// Copies a string, dropping the two separator bytes so that fields stay unambiguous.
static void put_field(buffer *b, const char *s) {
    if (!s) return;
    const char *start = s;
    for (const char *p = s; ; p++) {
        if (*p == 0 || *p == 0x1E || *p == 0x1F) {
            put(b, start, (size_t)(p - start));
            if (*p == 0) break;
            put(b, " ", 1);
            start = p + 1;
        }
    }
}

static void sep(buffer *b, char c) { put(b, &c, 1); }

static void walk(buffer *b, xmlNodePtr node, int depth) {
    for (xmlNodePtr n = node; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) {
            sep(b, 'S');
            put_field(b, (const char *)n->name);
            for (xmlAttrPtr a = n->properties; a; a = a->next) {
                xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
                sep(b, 0x1F); put_field(b, (const char *)a->name);
                sep(b, 0x1F); put_field(b, (const char *)(v ? v : (const xmlChar *)""));
                if (v) xmlFree(v);
            }
            sep(b, 0x1E);
            if (depth < 400) walk(b, n->children, depth + 1);
            sep(b, 'E'); put_field(b, (const char *)n->name); sep(b, 0x1E);
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            sep(b, 'T'); put_field(b, (const char *)n->content); sep(b, 0x1E);
        }
    }
}

char *tb_html_events(const char *bytes, int32_t len, const char *encoding, int32_t *out_len) {
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
    // A caller that names the encoding has already decoded the page: a <meta charset> must not override it.
    if (encoding) options |= HTML_PARSE_IGNORE_ENC;
    htmlDocPtr doc = htmlReadMemory(bytes, len, NULL, encoding, options);
    if (!doc) return NULL;
    buffer b = {0};
    walk(&b, xmlDocGetRootElement(doc), 0);
    xmlFreeDoc(doc);
    if (b.failed) { free(b.data); return NULL; }
    if (!b.data) { b.data = malloc(1); if (!b.data) return NULL; }
    b.data[b.len] = 0;
    *out_len = (int32_t)b.len;
    return b.data;
}
