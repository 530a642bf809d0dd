#ifndef CONVENE_CJSONC_SHIM_H
#define CONVENE_CJSONC_SHIM_H
#include <json-c/json.h>
#endif
