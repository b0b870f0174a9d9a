#ifndef WIREWATCH_CSHA256_H
#define WIREWATCH_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the x86 SHA extensions (and SSSE3/SSE4.1 around them), else 0.
/// Checked once by the caller; the answer does not change while the process runs.
int wirewatch_sha256_hardware(void);

/// The 64 round constants K of FIPS 180-4 §4.2.2, shared by both kernels.
const uint32_t *wirewatch_sha256_round_constants(void);

/// Runs the SHA-256 compression function over `blocks` consecutive 64-byte blocks at
/// `data`, updating the eight state words in place (H0…H7, host order). Only valid
/// when `wirewatch_sha256_hardware()` returned 1.
void wirewatch_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
