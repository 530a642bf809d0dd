#ifndef CONVENE_CQRENCODE_SHIM_H
#define CONVENE_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
