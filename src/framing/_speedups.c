/* framing._speedups: loops of framing that run once per token or per character.
 *
 * Optional: framing falls back to the same loops in pure Python when this module
 * was not compiled (no C compiler at install time), and the tests check that both
 * give identical results (tests/test_tokenizer.py, tests/test_dedupe.py).
 *
 * tokenize: the tokenizer's outer loop. Only the loop that is the same for every
 * token is here: cutting the text into whitespace-free chunks, looking each chunk up
 * in the chunk cache (a miss calls back into Python, framing.tokenizer._tokenize_chunk),
 * and building one Token per cached part with its offsets moved to the chunk's place.
 * The tokenization rules themselves stay in Python (one regular expression).
 *
 * select, capitalized: the per-token filters that the analysis passes start from
 * (the tokens whose form is in a set, the capitalised words), as the list
 * comprehensions of framing.tokenizer.select / capitalized compute them.
 *
 * word_hashes: the words of a duplicate fingerprint (framing.dedupe) and their
 * CRC-32 hashes, in one pass over the text.
 *
 * format_rows: the CSV lines of a table's rows (framing.output), as csv.writer
 * writes them; it hands back None for what it does not format, and the caller
 * then uses csv.writer itself.
 *
 * front_coded: simplemma's French lemma table, decoded once per process
 * (framing.tokenizer.lemmatize); None for what it does not read, and simplemma then
 * decodes the file itself.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* The chunk of framing.tokenizer._CHUNK_RE,
 *     \S+(?:(?<=\d)[ \u00a0\u202f](?:\d{3}(?!\d)|%)\S*)*
 * with the meaning `re` gives \s and \d on str patterns (Py_UNICODE_ISSPACE,
 * Py_UNICODE_ISDECIMAL): a run of non-space characters, extended over the one space
 * inside French numbers ("2 000 000", "12 %"). Returns the end of the chunk that
 * starts at `a` (a non-space character). */
static Py_ssize_t
chunk_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t a)
{
    Py_ssize_t i = a;
    while (i < n && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
        i++;
    while (i < n) {
        Py_UCS4 sp = PyUnicode_READ(kind, data, i);
        if (!(sp == 0x20 || sp == 0xa0 || sp == 0x202f))
            break;
        if (!Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i - 1)))
            break;
        Py_ssize_t j = i + 1;
        if (j + 3 <= n
            && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, j))
            && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, j + 1))
            && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, j + 2))
            && !(j + 3 < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, j + 3))))
            j += 3;
        else if (j < n && PyUnicode_READ(kind, data, j) == '%')
            j += 1;
        else
            break;
        while (j < n && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)))
            j++;
        i = j;
    }
    return i;
}

/* A new instance of the tuple subclass `type` (framing.tokenizer.Token) holding the
 * six items of `part`, its start and end (items 1 and 2) moved by `base`: what
 * tuple.__new__(Token, ...) does, without building the intermediate tuple. */
static PyObject *
make_token(PyTypeObject *type, PyObject *part, Py_ssize_t base)
{
    if (!PyTuple_Check(part) || PyTuple_GET_SIZE(part) != 6) {
        PyErr_SetString(PyExc_TypeError, "a cached chunk part must be a 6-tuple");
        return NULL;
    }
    PyObject *tok = type->tp_alloc(type, 6);
    if (tok == NULL)
        return NULL;
    for (Py_ssize_t k = 0; k < 6; k++) {
        PyObject *item = PyTuple_GET_ITEM(part, k);
        if (base && (k == 1 || k == 2)) {
            Py_ssize_t v = PyLong_AsSsize_t(item);
            if (v == -1 && PyErr_Occurred()) {
                Py_DECREF(tok);
                return NULL;
            }
            item = PyLong_FromSsize_t(v + base);
            if (item == NULL) {
                Py_DECREF(tok);
                return NULL;
            }
        }
        else {
            Py_INCREF(item);
        }
        PyTuple_SET_ITEM(tok, k, item);
    }
    return tok;
}

PyDoc_STRVAR(tokenize_doc,
"tokenize(text, cache, token_type) -> list\n\n"
"The tokens of ``text``: each whitespace-free chunk (French numbers keep their\n"
"inner space) is looked up in ``cache`` (``cache[chunk]``, a tuple of\n"
"``(text, start, end, norm, lemma, kind)`` relative to the chunk), and one\n"
"``token_type`` is built per part with its span moved to the chunk's offset.");

static PyObject *
tokenize(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "tokenize() takes exactly 3 arguments");
        return NULL;
    }
    PyObject *text = args[0], *cache = args[1], *type = args[2];
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "tokenize() text must be a str");
        return NULL;
    }
    if (!PyType_Check(type) || !PyType_IsSubtype((PyTypeObject *)type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "tokenize() token_type must be a tuple subclass");
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0)  /* a legacy string (gone in 3.12) */
        return NULL;
#endif
    PyTypeObject *ttype = (PyTypeObject *)type;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_ssize_t i = 0;
    while (i < n) {
        while (i < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
            i++;
        if (i >= n)
            break;
        Py_ssize_t a = i;
        i = chunk_end(kind, data, n, a);
        PyObject *key = PyUnicode_Substring(text, a, i);
        if (key == NULL)
            goto fail;
        PyObject *parts = PyObject_GetItem(cache, key);  /* a miss calls __missing__ */
        Py_DECREF(key);
        if (parts == NULL)
            goto fail;
        if (!PyTuple_Check(parts)) {
            Py_DECREF(parts);
            PyErr_SetString(PyExc_TypeError, "a cached chunk must be a tuple");
            goto fail;
        }
        Py_ssize_t m = PyTuple_GET_SIZE(parts);
        for (Py_ssize_t k = 0; k < m; k++) {
            PyObject *tok = make_token(ttype, PyTuple_GET_ITEM(parts, k), a);
            if (tok == NULL || PyList_Append(out, tok) < 0) {
                Py_XDECREF(tok);
                Py_DECREF(parts);
                goto fail;
            }
            Py_DECREF(tok);
        }
        Py_DECREF(parts);
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* A test on one token for filter_tokens: 1 keeps it, 0 skips it, -1 is an error. */
typedef int (*token_test)(PyObject *tok, void *ctx);

/* The tokens of `tokens` (a sequence of tuples) that pass `test`: their indices, or
 * with `value` >= 0 their item `value` (which `test` has checked exists). A test may
 * run Python code (a container's __contains__), which could change a list of
 * tokens: its length and items are read again at each step, and the token held. */
static PyObject *
filter_tokens(PyObject *tokens, const char *what, token_test test, void *ctx,
              Py_ssize_t value)
{
    PyObject *seq = PySequence_Fast(tokens, what);
    if (seq == NULL)
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        goto fail_seq;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        PyObject *tok = Py_NewRef(PySequence_Fast_GET_ITEM(seq, i));
        int keep = test(tok, ctx);
        PyObject *item = NULL;
        if (keep > 0)
            item = value >= 0 ? Py_NewRef(PyTuple_GET_ITEM(tok, value))
                              : PyLong_FromSsize_t(i);
        Py_DECREF(tok);
        if (keep < 0 || (keep > 0 && item == NULL))
            goto fail;
        if (item == NULL)
            continue;
        int err = PyList_Append(out, item);
        Py_DECREF(item);
        if (err < 0)
            goto fail;
    }
    Py_DECREF(seq);
    return out;
fail:
    Py_DECREF(out);
fail_seq:
    Py_DECREF(seq);
    return NULL;
}

struct member_test {
    Py_ssize_t field, value;
    PyObject *members;
};

static int
is_member(PyObject *tok, void *ctx)
{
    struct member_test *t = ctx;
    if (!PyTuple_Check(tok) || t->field < 0 || t->field >= PyTuple_GET_SIZE(tok)
        || t->value >= PyTuple_GET_SIZE(tok)) {
        PyErr_SetString(PyExc_TypeError,
                        "select() tokens must be tuples holding field and value");
        return -1;
    }
    return PySequence_Contains(t->members, PyTuple_GET_ITEM(tok, t->field));
}

PyDoc_STRVAR(select_doc,
"select(tokens, field, members, value=-1) -> list\n\n"
"The indices of the tokens (tuples) whose item ``field`` is in ``members``; with\n"
"``value`` >= 0, their item ``value`` instead of their index.");

static PyObject *
select_tokens(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 3 || nargs > 4) {
        PyErr_SetString(PyExc_TypeError, "select() takes 3 or 4 arguments");
        return NULL;
    }
    struct member_test t = {PyLong_AsSsize_t(args[1]), -1, args[2]};
    if (t.field == -1 && PyErr_Occurred())
        return NULL;
    if (nargs == 4 && (t.value = PyLong_AsSsize_t(args[3])) == -1 && PyErr_Occurred())
        return NULL;
    return filter_tokens(args[0], "select() tokens must be a sequence", is_member, &t,
                         t.value);
}

static int
is_capitalized_word(PyObject *tok, void *Py_UNUSED(ctx))
{
    if (!PyTuple_Check(tok) || PyTuple_GET_SIZE(tok) < 6
        || !PyUnicode_Check(PyTuple_GET_ITEM(tok, 0))
        || !PyUnicode_Check(PyTuple_GET_ITEM(tok, 5))) {
        PyErr_SetString(PyExc_TypeError, "capitalized() tokens must be Token tuples");
        return -1;
    }
    PyObject *text = PyTuple_GET_ITEM(tok, 0);
    return PyUnicode_GET_LENGTH(text) > 0
        && Py_UNICODE_ISUPPER(PyUnicode_READ_CHAR(text, 0))
        && PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(tok, 5), "word") == 0;
}

PyDoc_STRVAR(capitalized_doc,
"capitalized(tokens) -> list\n\n"
"The indices of the word tokens whose text starts with an upper-case letter\n"
"(``t.kind == 'word' and t.text[:1].isupper()``; items 5 and 0 of a Token).");

static PyObject *
capitalized(PyObject *Py_UNUSED(module), PyObject *tokens)
{
    return filter_tokens(tokens, "capitalized() tokens must be a sequence",
                         is_capitalized_word, NULL, -1);
}

/* CRC-32 as zlib.crc32 computes it (ISO-HDLC: reflected polynomial 0xEDB88320,
 * register and result inverted), so that crc_update(crc_update(0, a), b) is the CRC
 * of a followed by b. The table is filled once, when the module is loaded. */
static uint32_t crc_table[256];

static void
crc_init(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

static uint32_t
crc_update(uint32_t crc, const unsigned char *buf, Py_ssize_t len)
{
    crc = ~crc;
    for (Py_ssize_t k = 0; k < len; k++)
        crc = crc_table[(crc ^ buf[k]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

/* The UTF-8 bytes of one code point (not a surrogate: those are never word
 * characters); returns their number. */
static int
utf8_encode(Py_UCS4 ch, unsigned char *out)
{
    if (ch < 0x80) {
        out[0] = (unsigned char)ch;
        return 1;
    }
    if (ch < 0x800) {
        out[0] = (unsigned char)(0xc0 | (ch >> 6));
        out[1] = (unsigned char)(0x80 | (ch & 0x3f));
        return 2;
    }
    if (ch < 0x10000) {
        out[0] = (unsigned char)(0xe0 | (ch >> 12));
        out[1] = (unsigned char)(0x80 | ((ch >> 6) & 0x3f));
        out[2] = (unsigned char)(0x80 | (ch & 0x3f));
        return 3;
    }
    out[0] = (unsigned char)(0xf0 | (ch >> 18));
    out[1] = (unsigned char)(0x80 | ((ch >> 12) & 0x3f));
    out[2] = (unsigned char)(0x80 | ((ch >> 6) & 0x3f));
    out[3] = (unsigned char)(0x80 | (ch & 0x3f));
    return 4;
}

/* A word character as `re` defines \w on str patterns (its SRE_UNI_IS_WORD). */
#define IS_WORD(ch) (Py_UNICODE_ISALNUM(ch) || (ch) == '_')

PyDoc_STRVAR(word_hashes_doc,
"word_hashes(text) -> (int, bytes)\n\n"
"The words of ``text`` as ``re.findall(r'\\w+', text)`` finds them: the CRC-32\n"
"(``zlib.crc32``) of the words joined by single spaces, encoded in UTF-8, and the\n"
"CRC-32 of each word's UTF-8 bytes, as native unsigned 32-bit integers.");

static PyObject *
word_hashes(PyObject *Py_UNUSED(module), PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "word_hashes() text must be a str");
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0)
        return NULL;
#endif
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    /* at most one word every two characters */
    uint32_t *ids = PyMem_Malloc(sizeof(uint32_t) * (size_t)(n / 2 + 1));
    if (ids == NULL)
        return PyErr_NoMemory();
    Py_ssize_t n_words = 0;
    uint32_t exact = 0;
    unsigned char buf[4];
    const unsigned char space = ' ';
    Py_ssize_t i = 0;
    while (i < n) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (!IS_WORD(ch)) {
            i++;
            continue;
        }
        if (n_words)
            exact = crc_update(exact, &space, 1);
        uint32_t word = 0;
        do {
            int len = utf8_encode(ch, buf);
            word = crc_update(word, buf, len);
            exact = crc_update(exact, buf, len);
            if (++i >= n)
                break;
            ch = PyUnicode_READ(kind, data, i);
        } while (IS_WORD(ch));
        ids[n_words++] = word;
    }
    PyObject *raw = PyBytes_FromStringAndSize((const char *)ids,
                                              n_words * (Py_ssize_t)sizeof(uint32_t));
    PyMem_Free(ids);
    if (raw == NULL)
        return NULL;
    return Py_BuildValue("(kN)", (unsigned long)exact, raw);
}

/* A cell of a CSV row as framing.output._write_rows and csv.writer (QUOTE_MINIMAL,
 * delimiter ',', quotechar '"', doublequote, lineterminator "\n") write it: a new
 * reference, Py_None (a new reference) for a value left to the Python writer, or
 * NULL on an error. Left to Python: types other than str, exact int, bool, exact float
 * and None, and text holding '\r' or '\0' (whose quoting differs between Python
 * versions). */
static PyObject *
csv_cell(PyObject *v, PyObject *quote, PyObject *quote2)
{
    if (PyUnicode_Check(v)) {
        int kind = PyUnicode_KIND(v);
        const void *data = PyUnicode_DATA(v);
        Py_ssize_t n = PyUnicode_GET_LENGTH(v);
        int quoted = 0, doubled = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (c == '\r' || c == 0)
                Py_RETURN_NONE;
            if (c == ',' || c == '\n')
                quoted = 1;
            else if (c == '"')
                quoted = doubled = 1;
        }
        if (!quoted)
            return Py_NewRef(v);
        PyObject *inner = doubled ? PyUnicode_Replace(v, quote, quote2, -1) : Py_NewRef(v);
        if (inner == NULL)
            return NULL;
        PyObject *out = PyUnicode_FromFormat("\"%U\"", inner);
        Py_DECREF(inner);
        return out;
    }
    if (v == Py_None)
        return PyUnicode_FromStringAndSize("", 0);
    if (v == Py_True)
        return PyUnicode_FromString("True");
    if (v == Py_False)
        return PyUnicode_FromString("False");
    if (PyLong_CheckExact(v))
        return PyObject_Str(v);
    if (PyFloat_CheckExact(v)) {  /* f"{value:.4f}"; a subclass may format itself */
        char *buf = PyOS_double_to_string(PyFloat_AS_DOUBLE(v), 'f', 4, 0, NULL);
        if (buf == NULL)
            return NULL;
        PyObject *out = PyUnicode_FromString(buf);
        PyMem_Free(buf);
        return out;
    }
    Py_RETURN_NONE;
}

PyDoc_STRVAR(format_rows_doc,
"format_rows(columns, rows) -> str | None\n\n"
"The CSV lines of ``rows`` (dicts; a missing key is an empty cell) with the\n"
"``columns`` (a tuple of at least two names) in order, as csv.writer writes them\n"
"(floats with 4 decimals, booleans as True/False). None when a row or a value is\n"
"one it leaves to csv.writer (see csv_cell).");

static PyObject *
format_rows(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *columns, *rows_arg;
    if (!PyArg_ParseTuple(args, "O!O:format_rows", &PyTuple_Type, &columns, &rows_arg))
        return NULL;
    Py_ssize_t ncols = PyTuple_GET_SIZE(columns);
    if (ncols < 2)  /* csv.writer quotes a lone empty cell: left to it */
        Py_RETURN_NONE;
    PyObject *seq = PySequence_Fast(rows_arg, "format_rows() rows must be a sequence");
    if (seq == NULL)
        return NULL;
    PyObject *pieces = NULL, *comma = NULL, *newline = NULL, *quote = NULL, *quote2 = NULL;
    PyObject *result = NULL;
    if ((pieces = PyList_New(0)) == NULL || (comma = PyUnicode_FromString(",")) == NULL
        || (newline = PyUnicode_FromString("\n")) == NULL
        || (quote = PyUnicode_FromString("\"")) == NULL
        || (quote2 = PyUnicode_FromString("\"\"")) == NULL)
        goto done;
    /* the rows and their values are held while read (a key's __eq__ could change them) */
    for (Py_ssize_t r = 0; r < PySequence_Fast_GET_SIZE(seq); r++) {
        PyObject *row = PySequence_Fast_GET_ITEM(seq, r);
        if (!PyDict_CheckExact(row)) {
            result = Py_NewRef(Py_None);
            goto done;
        }
        Py_INCREF(row);
        for (Py_ssize_t c = 0; c < ncols; c++) {
            PyObject *v = NULL, *cell = NULL;
            if (c && PyList_Append(pieces, comma) < 0)
                goto row_failed;
            v = Py_XNewRef(PyDict_GetItemWithError(row, PyTuple_GET_ITEM(columns, c)));
            if (v == NULL) {
                if (PyErr_Occurred())
                    goto row_failed;
                continue;  /* a missing key: an empty cell */
            }
            cell = csv_cell(v, quote, quote2);
            Py_DECREF(v);
            if (cell == NULL)
                goto row_failed;
            if (cell == Py_None) {
                result = cell;
                goto row_failed;
            }
            int err = PyList_Append(pieces, cell);
            Py_DECREF(cell);
            if (err < 0)
                goto row_failed;
        }
        Py_DECREF(row);
        if (PyList_Append(pieces, newline) < 0)
            goto done;
        continue;
    row_failed:
        Py_DECREF(row);
        goto done;
    }
    PyObject *empty = PyUnicode_FromStringAndSize("", 0);
    if (empty != NULL) {
        result = PyUnicode_Join(empty, pieces);
        Py_DECREF(empty);
    }
done:
    Py_DECREF(seq);
    Py_XDECREF(pieces);
    Py_XDECREF(comma);
    Py_XDECREF(newline);
    Py_XDECREF(quote);
    Py_XDECREF(quote2);
    return result;
}

/* ------------------------------------------------------------------------- */
/* front_coded: simplemma's French dictionary, decoded in one pass.
 *
 * simplemma (2.x) ships each language's form -> lemma table as an lzma-compressed
 * "front-coded" stream, and decodes it in a Python loop (about 0.12 s for French,
 * 250,000 records) the first time a word is lemmatised: the largest part of building
 * framing's analyzer, paid before any document in every report run. The stream:
 *     "SMFC1", a flag byte (bit 0: keys and values are stored reversed), a varint
 *     record count, then per record: varint `shared`, varint `suffix length`, the
 *     suffix (the key is the previous key's first `shared` bytes + the suffix), a
 *     trim byte: 254 = the previous record's value; else a varint length and bytes,
 *     which are the value itself (trim 255) or what follows the key's first
 *     len(key) - trim bytes.
 * Varints are little-endian base 128. Keys and values are UTF-8. Anything this
 * decoder does not expect (another magic, a length past the end, a trim longer than
 * the key, invalid UTF-8, a wrong record count) gives None, and framing then lets
 * simplemma decode the file itself. */

static int
read_varint(const unsigned char *d, Py_ssize_t n, Py_ssize_t *pos, Py_ssize_t *out)
{
    uint64_t value = 0;
    for (int shift = 0; *pos < n && shift <= 56; shift += 7) {
        unsigned char b = d[(*pos)++];
        value |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80)) {
            if (value > (uint64_t)PY_SSIZE_T_MAX)
                return -1;
            *out = (Py_ssize_t)value;
            return 0;
        }
    }
    return -1;
}

/* Make room for `need` bytes in *buf (capacity *cap); the buffer is allocated (at
 * least 64 bytes) even when `need` is 0, so that memcpy never gets a NULL pointer. */
static int
reserve(unsigned char **buf, Py_ssize_t *cap, Py_ssize_t need)
{
    if (need <= *cap && *buf != NULL)
        return 0;
    Py_ssize_t cap2 = need > 2 * *cap ? need : 2 * *cap;
    if (cap2 < 64)
        cap2 = 64;
    unsigned char *b = PyMem_Realloc(*buf, (size_t)cap2);
    if (b == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *buf = b;
    *cap = cap2;
    return 0;
}

/* The str of the UTF-8 bytes s[0:len], read backwards when `rev` (scratch holds at
 * least len bytes). NULL with UnicodeDecodeError on invalid UTF-8. */
static PyObject *
utf8_str(const unsigned char *s, Py_ssize_t len, int rev, unsigned char *scratch)
{
    if (!rev)
        return PyUnicode_DecodeUTF8((const char *)s, len, NULL);
    for (Py_ssize_t i = 0; i < len; i++)
        scratch[i] = s[len - 1 - i];
    return PyUnicode_DecodeUTF8((const char *)scratch, len, NULL);
}

#define FC_SAME_AS_PREVIOUS 254
#define FC_LITERAL_VALUE 255

PyDoc_STRVAR(front_coded_doc,
"front_coded(data) -> dict[str, str] | None\n\n"
"The form -> lemma table of a decompressed simplemma front-coded stream\n"
"(magic b'SMFC1'), or None when ``data`` is not one this decoder reads.");

static PyObject *
front_coded(PyObject *Py_UNUSED(module), PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *d = view.buf;
    Py_ssize_t n = view.len, pos = 6, count = 0, records = 0;
    unsigned char *key = NULL, *val = NULL, *scratch = NULL;
    Py_ssize_t kcap = 0, vcap = 0, scap = 0, klen = 0;
    PyObject *table = NULL, *value = NULL, *result = NULL;
    int rev;
    if (n < 6 || memcmp(d, "SMFC1", 5) != 0)
        goto unreadable;
    rev = d[5] & 1;
    if (read_varint(d, n, &pos, &count) < 0)
        goto unreadable;
    if ((table = PyDict_New()) == NULL)
        goto failed;
    while (pos < n) {
        Py_ssize_t shared, suffix, vlen;
        if (read_varint(d, n, &pos, &shared) < 0 || read_varint(d, n, &pos, &suffix) < 0
            || shared > klen || suffix > n - pos || n - pos - suffix < 1)
            goto unreadable;
        if (reserve(&key, &kcap, shared + suffix) < 0)
            goto failed;
        memcpy(key + shared, d + pos, (size_t)suffix);
        klen = shared + suffix;
        pos += suffix;
        int trim = d[pos++];
        if (reserve(&scratch, &scap, klen) < 0)
            goto failed;
        PyObject *k = utf8_str(key, klen, rev, scratch);
        if (k == NULL)
            goto undecodable;
        if (trim == FC_SAME_AS_PREVIOUS) {
            if (value == NULL && (value = PyUnicode_FromStringAndSize("", 0)) == NULL) {
                Py_DECREF(k);
                goto failed;
            }
        }
        else {
            Py_ssize_t head = trim == FC_LITERAL_VALUE ? 0 : klen - trim;
            if (read_varint(d, n, &pos, &vlen) < 0 || vlen > n - pos || head < 0
                || reserve(&val, &vcap, head + vlen) < 0
                || reserve(&scratch, &scap, head + vlen) < 0) {
                Py_DECREF(k);
                if (PyErr_Occurred())
                    goto failed;
                goto unreadable;
            }
            memcpy(val, key, (size_t)head);
            memcpy(val + head, d + pos, (size_t)vlen);
            pos += vlen;
            Py_XDECREF(value);
            if ((value = utf8_str(val, head + vlen, rev, scratch)) == NULL) {
                Py_DECREF(k);
                goto undecodable;
            }
        }
        int err = PyDict_SetItem(table, k, value);
        Py_DECREF(k);
        if (err < 0)
            goto failed;
        records++;
    }
    if (records != count)
        goto unreadable;
    result = Py_NewRef(table);
    goto done;
undecodable:
    if (!PyErr_ExceptionMatches(PyExc_UnicodeDecodeError))
        goto failed;
    PyErr_Clear();
unreadable:
    result = Py_NewRef(Py_None);
failed:
done:
    PyBuffer_Release(&view);
    PyMem_Free(key);
    PyMem_Free(val);
    PyMem_Free(scratch);
    Py_XDECREF(table);
    Py_XDECREF(value);
    return result;
}

static PyMethodDef speedups_methods[] = {
    {"tokenize", (PyCFunction)(void (*)(void))tokenize, METH_FASTCALL, tokenize_doc},
    {"word_hashes", (PyCFunction)word_hashes, METH_O, word_hashes_doc},
    {"select", (PyCFunction)(void (*)(void))select_tokens, METH_FASTCALL, select_doc},
    {"capitalized", (PyCFunction)capitalized, METH_O, capitalized_doc},
    {"format_rows", (PyCFunction)format_rows, METH_VARARGS, format_rows_doc},
    {"front_coded", (PyCFunction)front_coded, METH_O, front_coded_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "framing._speedups",
    .m_doc = "Optional compiled loops of framing (see framing.tokenizer, framing.dedupe and "
             "framing.output); pure-Python fallbacks give the same results.",
    .m_size = 0,
    .m_methods = speedups_methods,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    crc_init();
    return PyModuleDef_Init(&speedups_module);
}
