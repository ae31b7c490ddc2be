/* What PDFium's text page knows of each character, fetched for a whole page in one call.

   The glyph walk (objects.py) asks PDFium seven things of every character: where its origin
   stands, whether its font failed to map it to Unicode, whether PDFium generated it (a space
   or a line break it inferred), which text object drew it, and that object's font size,
   matrix and font. Through ctypes each question costs a Python call of about 0.4
   microseconds, more than the rest of the walk; here they are asked in C, for every character
   of the page, and written into arrays the walk reads. Nothing else is decided here: the walk
   keeps every rule, and `objects.py` fills the same arrays in Python where this module was
   not built (no C compiler at install time).

   The caller passes the addresses of PDFium's own functions (as pypdfium2 loaded them), so
   this module links against nothing but Python. Every array is checked against the count
   before anything is written. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

typedef int (*origin_fn)(void *, int, double *, double *);
typedef int (*index_fn)(void *, int);
typedef void *(*object_fn)(void *, int);
typedef double (*size_fn)(void *, int);
typedef struct { float a, b, c, d, e, f; } matrix_t; /* PDFium's FS_MATRIX */
typedef int (*matrix_fn)(void *, int, matrix_t *);
typedef void *(*font_fn)(void *);

enum { ORIGIN_READ = 1, MAP_ERROR = 2, GENERATED = 4, HAS_MATRIX = 8 };

static int too_short(Py_buffer *buffer, Py_ssize_t count, Py_ssize_t item, const char *name) {
    if (buffer->len < count * item) {
        PyErr_Format(PyExc_ValueError, "%s holds %zd bytes, fewer than %zd characters need", name, buffer->len,
                     count * item);
        return 1;
    }
    return 0;
}

static PyObject *fetch(PyObject *self, PyObject *args) {
    unsigned long long textpage, origin_at, map_error_at, generated_at, object_at, size_at, matrix_at, font_at;
    int count;
    Py_buffer flags, xs, ys, objects, sizes, matrices, fonts;
    if (!PyArg_ParseTuple(args, "Ki(KKKKKKK)w*w*w*w*w*w*w*", &textpage, &count, &origin_at, &map_error_at,
                          &generated_at, &object_at, &size_at, &matrix_at, &font_at, &flags, &xs, &ys, &objects,
                          &sizes, &matrices, &fonts))
        return NULL;
    PyObject *result = NULL;
    if (!textpage || !origin_at || !map_error_at || !generated_at || !object_at || !size_at || !matrix_at ||
        !font_at) {
        PyErr_SetString(PyExc_ValueError, "a text page and seven PDFium functions are needed");
        goto done;
    }
    if (count < 0) count = 0;
    if (too_short(&flags, count, 1, "flags") || too_short(&xs, count, sizeof(double), "xs") ||
        too_short(&ys, count, sizeof(double), "ys") || too_short(&objects, count, sizeof(uint64_t), "objects") ||
        too_short(&sizes, count, sizeof(double), "sizes") ||
        too_short(&matrices, count, 4 * sizeof(double), "matrices") ||
        too_short(&fonts, count, sizeof(uint64_t), "fonts"))
        goto done;
    void *page = (void *)(uintptr_t)textpage;
    origin_fn origin = (origin_fn)(uintptr_t)origin_at;
    index_fn map_error = (index_fn)(uintptr_t)map_error_at;
    index_fn generated = (index_fn)(uintptr_t)generated_at;
    object_fn object = (object_fn)(uintptr_t)object_at;
    size_fn font_size = (size_fn)(uintptr_t)size_at;
    matrix_fn matrix = (matrix_fn)(uintptr_t)matrix_at;
    font_fn font_of = (font_fn)(uintptr_t)font_at;
    uint8_t *flag = (uint8_t *)flags.buf;
    double *x = (double *)xs.buf, *y = (double *)ys.buf, *size = (double *)sizes.buf, *m = (double *)matrices.buf;
    uint64_t *owner = (uint64_t *)objects.buf, *font = (uint64_t *)fonts.buf;
    for (int i = 0; i < count; i++) {
        uint8_t f = 0;
        matrix_t read = {0, 0, 0, 0, 0, 0};
        x[i] = y[i] = 0.0;
        if (origin(page, i, &x[i], &y[i])) f |= ORIGIN_READ;
        if (map_error(page, i) == 1) f |= MAP_ERROR;
        if (generated(page, i)) f |= GENERATED;
        if (matrix(page, i, &read))
            f |= HAS_MATRIX;
        else
            read = (matrix_t){0, 0, 0, 0, 0, 0};
        void *drawn_by = object(page, i);
        owner[i] = (uint64_t)(uintptr_t)drawn_by;
        font[i] = drawn_by ? (uint64_t)(uintptr_t)font_of(drawn_by) : 0;
        size[i] = font_size(page, i);
        m[4 * i] = read.a, m[4 * i + 1] = read.b, m[4 * i + 2] = read.c, m[4 * i + 3] = read.d;
        flag[i] = f;
    }
    result = PyLong_FromLong(count);
done:
    PyBuffer_Release(&flags);
    PyBuffer_Release(&xs);
    PyBuffer_Release(&ys);
    PyBuffer_Release(&objects);
    PyBuffer_Release(&sizes);
    PyBuffer_Release(&matrices);
    PyBuffer_Release(&fonts);
    return result;
}

static PyMethodDef methods[] = {
    {"fetch", fetch, METH_VARARGS,
     "fetch(textpage, count, functions, flags, xs, ys, objects, sizes, matrices, fonts) -> count"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_charfetch", NULL, -1, methods};

PyMODINIT_FUNC PyInit__charfetch(void) { return PyModule_Create(&module); }
