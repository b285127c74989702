#ifndef COWRITE_CEBUR128_SHIM_H
#define COWRITE_CEBUR128_SHIM_H
#include <ebur128.h>
#endif
