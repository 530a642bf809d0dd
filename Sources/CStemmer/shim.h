#ifndef CONVENE_CSTEMMER_SHIM_H
#define CONVENE_CSTEMMER_SHIM_H
#include <libstemmer.h>
#endif
