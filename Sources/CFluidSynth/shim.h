#ifndef COWRITE_CFLUIDSYNTH_SHIM_H
#define COWRITE_CFLUIDSYNTH_SHIM_H
#include <fluidsynth.h>
#include <malloc.h>  /* malloc_trim: renders hand their buffers back to the system */
#endif
