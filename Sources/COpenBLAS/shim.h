#ifndef CONVENE_COPENBLAS_SHIM_H
#define CONVENE_COPENBLAS_SHIM_H
#include <cblas.h>
#endif
