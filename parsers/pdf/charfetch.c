/* What PDFium's text page knows of each character, fetched for a whole page in one call.

   The glyph walk (objects.py) asks PDFium four things of every character: where its origin
   stands, whether its font failed to map it to Unicode, whether PDFium generated it (a space
   or a line break it inferred) and which text object drew it. Through ctypes each question
   costs a Python call of about 0.4 microseconds, more than the rest of the walk; here the
   four are asked in C, for every character of the page, and written into arrays the walk
   reads. Nothing else is decided here: the walk keeps every rule, and `objects.py` fills the
   same arrays in Python where this module was not built (no C compiler at install time).

   The caller passes the addresses of PDFium's own functions (as pypdfium2 loaded them), so
   this module links against nothing but Python. Every array is checked against the count
   before anything is written. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

typedef int (*origin_fn)(void *, int, double *, double *);
typedef int (*index_fn)(void *, int);
typedef void *(*object_fn)(void *, int);

enum { ORIGIN_READ = 1, MAP_ERROR = 2, GENERATED = 4 };

static int too_short(Py_buffer *buffer, Py_ssize_t count, Py_ssize_t item, const char *name) {
    if (buffer->len < count * item) {
        PyErr_Format(PyExc_ValueError, "%s holds %zd bytes, fewer than %zd characters need", name, buffer->len,
                     count * item);
        return 1;
    }
    return 0;
}

static PyObject *fetch(PyObject *self, PyObject *args) {
    unsigned long long textpage, origin_at, map_error_at, generated_at, object_at;
    int count;
    Py_buffer flags, xs, ys, objects;
    if (!PyArg_ParseTuple(args, "KiKKKKw*w*w*w*", &textpage, &count, &origin_at, &map_error_at, &generated_at,
                          &object_at, &flags, &xs, &ys, &objects))
        return NULL;
    PyObject *result = NULL;
    if (!textpage || !origin_at || !map_error_at || !generated_at || !object_at) {
        PyErr_SetString(PyExc_ValueError, "a text page and four PDFium functions are needed");
        goto done;
    }
    if (count < 0) count = 0;
    if (too_short(&flags, count, 1, "flags") || too_short(&xs, count, sizeof(double), "xs") ||
        too_short(&ys, count, sizeof(double), "ys") || too_short(&objects, count, sizeof(uint64_t), "objects"))
        goto done;
    void *page = (void *)(uintptr_t)textpage;
    origin_fn origin = (origin_fn)(uintptr_t)origin_at;
    index_fn map_error = (index_fn)(uintptr_t)map_error_at;
    index_fn generated = (index_fn)(uintptr_t)generated_at;
    object_fn object = (object_fn)(uintptr_t)object_at;
    uint8_t *flag = (uint8_t *)flags.buf;
    double *x = (double *)xs.buf, *y = (double *)ys.buf;
    uint64_t *owner = (uint64_t *)objects.buf;
    for (int i = 0; i < count; i++) {
        uint8_t f = 0;
        x[i] = y[i] = 0.0;
        if (origin(page, i, &x[i], &y[i])) f |= ORIGIN_READ;
        if (map_error(page, i) == 1) f |= MAP_ERROR;
        if (generated(page, i)) f |= GENERATED;
        owner[i] = (uint64_t)(uintptr_t)object(page, i);
        flag[i] = f;
    }
    result = PyLong_FromLong(count);
done:
    PyBuffer_Release(&flags);
    PyBuffer_Release(&xs);
    PyBuffer_Release(&ys);
    PyBuffer_Release(&objects);
    return result;
}

static PyMethodDef methods[] = {
    {"fetch", fetch, METH_VARARGS,
     "fetch(textpage, count, origin, map_error, generated, object, flags, xs, ys, objects) -> count"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_charfetch", NULL, -1, methods};

PyMODINIT_FUNC PyInit__charfetch(void) { return PyModule_Create(&module); }
