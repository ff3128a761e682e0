/* seed.h - realistic generated data for demos and benchmarks (portalctl seed). */
#ifndef PORTAL_SEED_H
#define PORTAL_SEED_H

#include "util.h"

/* generate n children with families and categories across the synthetic
 * villages; needs the registry module's tables and the key file; 0 ok */
int seed_children(arena *a, long n);

#endif
