#ifndef COWRITE_COGG_SHIM_H
#define COWRITE_COGG_SHIM_H
#include <ogg/ogg.h>
#endif
