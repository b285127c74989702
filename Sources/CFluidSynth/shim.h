#ifndef COWRITE_CFLUIDSYNTH_SHIM_H
#define COWRITE_CFLUIDSYNTH_SHIM_H
#include <fluidsynth.h>
#endif
