/*
 * rmb.h - an amount in fen written in 人民币大写, as cheques and payment
 * forms write it (中国人民银行《正确填写票据和结算凭证的基本规定》):
 * 165150 -> "壹仟陆佰伍拾壹元伍角整", 10000005 -> "壹拾万元零伍分".
 */
#ifndef PORTAL_RMB_H
#define PORTAL_RMB_H

#include <stddef.h>

/* fen (negative: "负" first) into out; 0, or -1 when out is too small
 * (out then holds ""); 128 bytes hold any amount */
int rmb_upper(long long fen, char *out, size_t n);

#endif
