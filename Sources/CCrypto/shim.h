#ifndef COWRITE_CCRYPTO_SHIM_H
#define COWRITE_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
