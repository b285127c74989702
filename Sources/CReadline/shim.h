#ifndef COWRITE_CREADLINE_SHIM_H
#define COWRITE_CREADLINE_SHIM_H
// GNU readline needs stdio declared before its own headers.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
#endif
