/* Stand-in for numpy's own OpenBLAS (libscipy_openblas64_, 25 MB) that hands numpy's calls to SciPy's.
 *
 * numpy's wheel vendors an ILP64 OpenBLAS (64-bit integers, symbols suffixed "64_"); SciPy's vendors an
 * LP64 build of the same OpenBLAS (32-bit integers, no suffix). numpy takes only 57 functions from its
 * copy: 22 CBLAS calls (dot, axpy, gemv, gemm, syrk for matmul/dot) and 35 LAPACK calls (numpy.linalg).
 * This library exports exactly those under numpy's names and calls SciPy's copy with the integers
 * narrowed to 32 bits: scalars are copied; integer arrays that LAPACK only uses as workspace are passed
 * in place (a 64-bit array has room for as many 32-bit ones) with the size query LAPACK writes to the
 * first element widened back; pivot arrays numpy reads (getrf, gesv) are widened back in place.
 *
 * Companion's matrices are far below 2^31 rows or columns; a dimension that does not fit in 32 bits
 * stops the program with a message rather than compute something wrong. Built by packaging/build.py,
 * linked against SciPy's OpenBLAS (found through the rpath, next to it in scipy.libs).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef int64_t i64;
typedef int i32;

static i32 narrow(i64 v) {
    if (v > INT32_MAX || v < INT32_MIN) {
        fprintf(stderr, "Companion: BLAS/LAPACK dimension %lld does not fit this bundle's 32-bit OpenBLAS\n", (long long)v);
        abort();
    }
    return (i32)v;
}

/* A 64-bit integer array used as 32-bit workspace: after the call, its first element (LAPACK's optimal
 * size on a workspace query) is widened back. */
static void widen_first(i64 *a) { if (a) { i32 v = ((i32 *)a)[0]; a[0] = v; } }

/* A 32-bit array of n results written into 64-bit storage: widen in place from the end. */
static void widen_all(i64 *a, i64 n) {
    for (i64 i = n - 1; i >= 0; i--) { i32 v = ((i32 *)a)[i]; a[i] = v; }
}

/* numpy.linalg copies strided arrays with ?copy and computes a negative increment with an unsigned
 * division (stride / sizeof(element)): 2^62, 2^61 or 2^60 plus the increment it means, for 4-, 8- or
 * 16-byte elements. The ILP64 library then walks backwards from x only because its address arithmetic
 * wraps around. Here that becomes the increment meant (the low 32 bits) and, since BLAS starts a
 * negative-increment walk at the far end, x moved to that end: the same elements in the same order. */
static const char *start(const void *x, i64 n, i64 v, i32 *inc, i64 size) {
    i32 low = (i32)(uint32_t)(uint64_t)v;
    if (v >= INT32_MIN && v <= INT32_MAX) { *inc = (i32)v; return x; }
    if (low < 0 && (((uint64_t)v - (uint64_t)(i64)low) & ((UINT64_C(1) << 60) - 1)) == 0) {
        *inc = low;
        return (const char *)x + (n > 0 ? (n - 1) * (i64)low * size : 0);
    }
    *inc = narrow(v);
    return x;
}

#define N(x) narrow(x)
#define P(x) i32 x##_ = narrow(*(x))

/* ---- CBLAS ---- */
#define CB(name) scipy_cblas_##name
#define CB64(name) scipy_cblas_##name##64_

#define AXPY_R(p, T) extern void CB(p##axpy)(i32, T, const T *, i32, T *, i32); \
    void CB64(p##axpy)(i64 n, T a, const T *x, i64 ix, T *y, i64 iy) { CB(p##axpy)(N(n), a, x, N(ix), y, N(iy)); }
AXPY_R(s, float)
AXPY_R(d, double)
#define AXPY_C(p) extern void CB(p##axpy)(i32, const void *, const void *, i32, void *, i32); \
    void CB64(p##axpy)(i64 n, const void *a, const void *x, i64 ix, void *y, i64 iy) { CB(p##axpy)(N(n), a, x, N(ix), y, N(iy)); }
AXPY_C(c)
AXPY_C(z)

#define DOT_R(p, T) extern T CB(p##dot)(i32, const T *, i32, const T *, i32); \
    T CB64(p##dot)(i64 n, const T *x, i64 ix, const T *y, i64 iy) { return CB(p##dot)(N(n), x, N(ix), y, N(iy)); }
DOT_R(s, float)
DOT_R(d, double)
#define DOT_C(name) extern void CB(name)(i32, const void *, i32, const void *, i32, void *); \
    void CB64(name)(i64 n, const void *x, i64 ix, const void *y, i64 iy, void *r) { CB(name)(N(n), x, N(ix), y, N(iy), r); }
DOT_C(cdotc_sub)
DOT_C(cdotu_sub)
DOT_C(zdotc_sub)
DOT_C(zdotu_sub)

#define GEMM(p, S, T) extern void CB(p##gemm)(int, int, int, i32, i32, i32, S, const T *, i32, const T *, i32, S, T *, i32); \
    void CB64(p##gemm)(int o, int ta, int tb, i64 m, i64 n, i64 k, S al, const T *a, i64 lda, const T *b, i64 ldb, \
                       S be, T *c, i64 ldc) { \
        CB(p##gemm)(o, ta, tb, N(m), N(n), N(k), al, a, N(lda), b, N(ldb), be, c, N(ldc)); }
GEMM(s, float, float)
GEMM(d, double, double)
GEMM(c, const void *, void)
GEMM(z, const void *, void)

#define GEMV(p, S, T) extern void CB(p##gemv)(int, int, i32, i32, S, const T *, i32, const T *, i32, S, T *, i32); \
    void CB64(p##gemv)(int o, int t, i64 m, i64 n, S al, const T *a, i64 lda, const T *x, i64 ix, S be, T *y, i64 iy) { \
        CB(p##gemv)(o, t, N(m), N(n), al, a, N(lda), x, N(ix), be, y, N(iy)); }
GEMV(s, float, float)
GEMV(d, double, double)
GEMV(c, const void *, void)
GEMV(z, const void *, void)

#define SYRK(p, S, T) extern void CB(p##syrk)(int, int, int, i32, i32, S, const T *, i32, S, T *, i32); \
    void CB64(p##syrk)(int o, int u, int t, i64 n, i64 k, S al, const T *a, i64 lda, S be, T *c, i64 ldc) { \
        CB(p##syrk)(o, u, t, N(n), N(k), al, a, N(lda), be, c, N(ldc)); }
SYRK(s, float, float)
SYRK(d, double, double)
SYRK(c, const void *, void)
SYRK(z, const void *, void)

/* ---- BLAS copy and LAPACK (Fortran calling convention: everything by reference) ---- */
#define F(name) scipy_##name##_
#define F64(name) scipy_##name##_64_

#define COPY(p, size) extern void F(p##copy)(i32 *, const void *, i32 *, void *, i32 *); \
    i64 F64(p##copy)(i64 *n, const void *x, i64 *ix, void *y, i64 *iy) { \
        P(n); i32 ix_, iy_; const char *x_ = start(x, *n, *ix, &ix_, size); \
        char *y_ = (char *)start(y, *n, *iy, &iy_, size); \
        F(p##copy)(&n_, x_, &ix_, y_, &iy_); return 0; }
COPY(s, 4)
COPY(d, 8)
COPY(c, 8)
COPY(z, 16)

/* gesv(n, nrhs, a, lda, ipiv, b, ldb, info) */
#define GESV(p) extern void F(p##gesv)(i32 *, i32 *, void *, i32 *, i32 *, void *, i32 *, i32 *); \
    i64 F64(p##gesv)(i64 *n, i64 *nrhs, void *a, i64 *lda, i64 *ipiv, void *b, i64 *ldb, i64 *info) { \
        P(n); P(nrhs); P(lda); P(ldb); i32 info_ = 0; \
        F(p##gesv)(&n_, &nrhs_, a, &lda_, (i32 *)ipiv, b, &ldb_, &info_); \
        widen_all(ipiv, n_); *info = info_; return 0; }
GESV(s)
GESV(d)
GESV(c)
GESV(z)

/* getrf(m, n, a, lda, ipiv, info) */
#define GETRF(p) extern void F(p##getrf)(i32 *, i32 *, void *, i32 *, i32 *, i32 *); \
    i64 F64(p##getrf)(i64 *m, i64 *n, void *a, i64 *lda, i64 *ipiv, i64 *info) { \
        P(m); P(n); P(lda); i32 info_ = 0; \
        F(p##getrf)(&m_, &n_, a, &lda_, (i32 *)ipiv, &info_); \
        widen_all(ipiv, m_ < n_ ? m_ : n_); *info = info_; return 0; }
GETRF(s)
GETRF(d)
GETRF(c)
GETRF(z)

/* potrf(uplo, n, a, lda, info) */
#define POTRF(p) extern void F(p##potrf)(const char *, i32 *, void *, i32 *, i32 *); \
    i64 F64(p##potrf)(const char *uplo, i64 *n, void *a, i64 *lda, i64 *info) { \
        P(n); P(lda); i32 info_ = 0; F(p##potrf)(uplo, &n_, a, &lda_, &info_); *info = info_; return 0; }
POTRF(s)
POTRF(d)
POTRF(c)
POTRF(z)

/* real geev(jobvl, jobvr, n, a, lda, wr, wi, vl, ldvl, vr, ldvr, work, lwork, info) */
#define GEEV_R(p) extern void F(p##geev)(const char *, const char *, i32 *, void *, i32 *, void *, void *, void *, \
                                         i32 *, void *, i32 *, void *, i32 *, i32 *); \
    i64 F64(p##geev)(const char *jl, const char *jr, i64 *n, void *a, i64 *lda, void *wr, void *wi, void *vl, \
                     i64 *ldvl, void *vr, i64 *ldvr, void *work, i64 *lwork, i64 *info) { \
        P(n); P(lda); P(ldvl); P(ldvr); P(lwork); i32 info_ = 0; \
        F(p##geev)(jl, jr, &n_, a, &lda_, wr, wi, vl, &ldvl_, vr, &ldvr_, work, &lwork_, &info_); \
        *info = info_; return 0; }
GEEV_R(s)
GEEV_R(d)
/* complex geev(jobvl, jobvr, n, a, lda, w, vl, ldvl, vr, ldvr, work, lwork, rwork, info) */
#define GEEV_C(p) extern void F(p##geev)(const char *, const char *, i32 *, void *, i32 *, void *, void *, i32 *, \
                                         void *, i32 *, void *, i32 *, void *, i32 *); \
    i64 F64(p##geev)(const char *jl, const char *jr, i64 *n, void *a, i64 *lda, void *w, void *vl, i64 *ldvl, \
                     void *vr, i64 *ldvr, void *work, i64 *lwork, void *rwork, i64 *info) { \
        P(n); P(lda); P(ldvl); P(ldvr); P(lwork); i32 info_ = 0; \
        F(p##geev)(jl, jr, &n_, a, &lda_, w, vl, &ldvl_, vr, &ldvr_, work, &lwork_, rwork, &info_); \
        *info = info_; return 0; }
GEEV_C(c)
GEEV_C(z)

/* syevd(jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info) */
#define SYEVD(p) extern void F(p##syevd)(const char *, const char *, i32 *, void *, i32 *, void *, void *, i32 *, \
                                         i32 *, i32 *, i32 *); \
    i64 F64(p##syevd)(const char *jz, const char *ul, i64 *n, void *a, i64 *lda, void *w, void *work, i64 *lwork, \
                      i64 *iwork, i64 *liwork, i64 *info) { \
        P(n); P(lda); P(lwork); P(liwork); i32 info_ = 0; \
        F(p##syevd)(jz, ul, &n_, a, &lda_, w, work, &lwork_, (i32 *)iwork, &liwork_, &info_); \
        widen_first(iwork); *info = info_; return 0; }
SYEVD(s)
SYEVD(d)
/* heevd(jobz, uplo, n, a, lda, w, work, lwork, rwork, lrwork, iwork, liwork, info) */
#define HEEVD(p) extern void F(p##heevd)(const char *, const char *, i32 *, void *, i32 *, void *, void *, i32 *, \
                                         void *, i32 *, i32 *, i32 *, i32 *); \
    i64 F64(p##heevd)(const char *jz, const char *ul, i64 *n, void *a, i64 *lda, void *w, void *work, i64 *lwork, \
                      void *rwork, i64 *lrwork, i64 *iwork, i64 *liwork, i64 *info) { \
        P(n); P(lda); P(lwork); P(lrwork); P(liwork); i32 info_ = 0; \
        F(p##heevd)(jz, ul, &n_, a, &lda_, w, work, &lwork_, rwork, &lrwork_, (i32 *)iwork, &liwork_, &info_); \
        widen_first(iwork); *info = info_; return 0; }
HEEVD(c)
HEEVD(z)

/* real gesdd(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info) */
#define GESDD_R(p) extern void F(p##gesdd)(const char *, i32 *, i32 *, void *, i32 *, void *, void *, i32 *, void *, \
                                           i32 *, void *, i32 *, i32 *, i32 *); \
    i64 F64(p##gesdd)(const char *jz, i64 *m, i64 *n, void *a, i64 *lda, void *s, void *u, i64 *ldu, void *vt, \
                      i64 *ldvt, void *work, i64 *lwork, i64 *iwork, i64 *info) { \
        P(m); P(n); P(lda); P(ldu); P(ldvt); P(lwork); i32 info_ = 0; \
        F(p##gesdd)(jz, &m_, &n_, a, &lda_, s, u, &ldu_, vt, &ldvt_, work, &lwork_, (i32 *)iwork, &info_); \
        *info = info_; return 0; }
GESDD_R(s)
GESDD_R(d)
/* complex gesdd(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, rwork, iwork, info) */
#define GESDD_C(p) extern void F(p##gesdd)(const char *, i32 *, i32 *, void *, i32 *, void *, void *, i32 *, void *, \
                                           i32 *, void *, i32 *, void *, i32 *, i32 *); \
    i64 F64(p##gesdd)(const char *jz, i64 *m, i64 *n, void *a, i64 *lda, void *s, void *u, i64 *ldu, void *vt, \
                      i64 *ldvt, void *work, i64 *lwork, void *rwork, i64 *iwork, i64 *info) { \
        P(m); P(n); P(lda); P(ldu); P(ldvt); P(lwork); i32 info_ = 0; \
        F(p##gesdd)(jz, &m_, &n_, a, &lda_, s, u, &ldu_, vt, &ldvt_, work, &lwork_, rwork, (i32 *)iwork, &info_); \
        *info = info_; return 0; }
GESDD_C(c)
GESDD_C(z)

/* real gelsd(m, n, nrhs, a, lda, b, ldb, s, rcond, rank, work, lwork, iwork, info) */
#define GELSD_R(p, T) extern void F(p##gelsd)(i32 *, i32 *, i32 *, void *, i32 *, void *, i32 *, void *, T *, i32 *, \
                                              void *, i32 *, i32 *, i32 *); \
    i64 F64(p##gelsd)(i64 *m, i64 *n, i64 *nrhs, void *a, i64 *lda, void *b, i64 *ldb, void *s, T *rcond, \
                      i64 *rank, void *work, i64 *lwork, i64 *iwork, i64 *info) { \
        P(m); P(n); P(nrhs); P(lda); P(ldb); P(lwork); i32 rank_ = 0, info_ = 0; \
        F(p##gelsd)(&m_, &n_, &nrhs_, a, &lda_, b, &ldb_, s, rcond, &rank_, work, &lwork_, (i32 *)iwork, &info_); \
        widen_first(iwork); *rank = rank_; *info = info_; return 0; }
GELSD_R(s, float)
GELSD_R(d, double)
/* complex gelsd(m, n, nrhs, a, lda, b, ldb, s, rcond, rank, work, lwork, rwork, iwork, info) */
#define GELSD_C(p, T) extern void F(p##gelsd)(i32 *, i32 *, i32 *, void *, i32 *, void *, i32 *, void *, T *, i32 *, \
                                              void *, i32 *, void *, i32 *, i32 *); \
    i64 F64(p##gelsd)(i64 *m, i64 *n, i64 *nrhs, void *a, i64 *lda, void *b, i64 *ldb, void *s, T *rcond, \
                      i64 *rank, void *work, i64 *lwork, void *rwork, i64 *iwork, i64 *info) { \
        P(m); P(n); P(nrhs); P(lda); P(ldb); P(lwork); i32 rank_ = 0, info_ = 0; \
        F(p##gelsd)(&m_, &n_, &nrhs_, a, &lda_, b, &ldb_, s, rcond, &rank_, work, &lwork_, rwork, (i32 *)iwork, \
                    &info_); \
        widen_first(iwork); *rank = rank_; *info = info_; return 0; }
GELSD_C(c, float)
GELSD_C(z, double)

/* geqrf(m, n, a, lda, tau, work, lwork, info) */
#define GEQRF(p) extern void F(p##geqrf)(i32 *, i32 *, void *, i32 *, void *, void *, i32 *, i32 *); \
    i64 F64(p##geqrf)(i64 *m, i64 *n, void *a, i64 *lda, void *tau, void *work, i64 *lwork, i64 *info) { \
        P(m); P(n); P(lda); P(lwork); i32 info_ = 0; \
        F(p##geqrf)(&m_, &n_, a, &lda_, tau, work, &lwork_, &info_); *info = info_; return 0; }
GEQRF(d)
GEQRF(z)

/* orgqr / ungqr(m, n, k, a, lda, tau, work, lwork, info) */
#define ORGQR(name) extern void F(name)(i32 *, i32 *, i32 *, void *, i32 *, void *, void *, i32 *, i32 *); \
    i64 F64(name)(i64 *m, i64 *n, i64 *k, void *a, i64 *lda, void *tau, void *work, i64 *lwork, i64 *info) { \
        P(m); P(n); P(k); P(lda); P(lwork); i32 info_ = 0; \
        F(name)(&m_, &n_, &k_, a, &lda_, tau, work, &lwork_, &info_); *info = info_; return 0; }
ORGQR(dorgqr)
ORGQR(zungqr)

/* ---- threads and configuration (threadpoolctl asks for these by name) ---- */
extern void scipy_openblas_set_num_threads(int);
extern int scipy_openblas_get_num_threads(void);
extern int scipy_openblas_get_parallel(void);
extern char *scipy_openblas_get_config(void);
extern char *scipy_openblas_get_corename(void);
void scipy_openblas_set_num_threads64_(int n) { scipy_openblas_set_num_threads(n); }
int scipy_openblas_get_num_threads64_(void) { return scipy_openblas_get_num_threads(); }
int scipy_openblas_get_parallel64_(void) { return scipy_openblas_get_parallel(); }
char *scipy_openblas_get_config64_(void) { return scipy_openblas_get_config(); }
char *scipy_openblas_get_corename64_(void) { return scipy_openblas_get_corename(); }
