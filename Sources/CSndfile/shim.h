#ifndef COWRITE_CSNDFILE_SHIM_H
#define COWRITE_CSNDFILE_SHIM_H
#include <sndfile.h>
#endif
