#ifndef COWRITE_CSNDFILE_SHIM_H
#define COWRITE_CSNDFILE_SHIM_H
#include <sndfile.h>
#include <fcntl.h>

/* O_DIRECT, which glibc's <fcntl.h> names only under _GNU_SOURCE (Swift's Glibc module is
   built without it) but always defines as __O_DIRECT: the flag BufferedOutput sets to write
   a render's files past the page cache. 0 where the C library has no such flag. */
#ifdef __O_DIRECT
static const int cowrite_o_direct = __O_DIRECT;
#else
static const int cowrite_o_direct = 0;
#endif
#endif
