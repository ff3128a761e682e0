/*
 * idcard.h - GB 11643-1999 citizen ID numbers (idcard.c); modules reach them
 * through the services id_number_check and id_number_mask.
 */
#ifndef PORTAL_IDCARD_H
#define PORTAL_IDCARD_H

#include "portal_module.h"

char idcard_check_char(const char *first17);        /* '0'..'9' or 'X'; 0 if not digits */
/* 1 if valid; birth (YYYY-MM-DD, 11 bytes) and sex (1 male, 2 female) filled */
int idcard_parse(const char *id, char birth[11], int *sex);
void idcard_mask(const char *id, char out[19]);     /* 500242********123X */
/* what is wrong with a number typed in (upper-case X): PORTAL_ID_OK with
 * birth and sex filled, or the first fault found (PORTAL_ID_*) */
int idcard_check(const char *id, char birth[11], int *sex);

#endif
