/*
 * type_compare.h: comparison keys, behind the btree and hash operator classes of every cxm type
 * (type_compare.c). A type's key is a byte string with two properties: two values are equal
 * (by the type's = operator) exactly when their keys are equal, and the keys' order does not
 * depend on the platform (integers big-endian, doubles in an order-preserving form with -0 read
 * as 0, stored bytes only after the binary form). Values sort by their keys' bytes, an order
 * that is arbitrary but the same on every platform, and hash by them. Types whose layout is
 * private to their file build their key there.
 */
#ifndef CXM_TYPE_COMPARE_H
#define CXM_TYPE_COMPARE_H

#include "cxm.h"

#include <math.h>

#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/float.h"

/* Appends the key of the value argument argno of fcinfo (detoasted) to key. */
typedef void (*CxmCompareKey) (FunctionCallInfo fcinfo, int argno, StringInfo key);

/* An unsigned integer of nbytes (1..8), most significant byte first. */
static inline void
cxm_key_uint(StringInfo key, uint64 value, int nbytes)
{
	char		bytes[8];
	int			i;

	for (i = 0; i < nbytes; i++)
		bytes[i] = (char) (value >> (8 * (nbytes - 1 - i)));
	appendBinaryStringInfo(key, bytes, nbytes);
}

/* A signed integer of nbytes, offset so that the bytes sort as the numbers do. */
static inline void
cxm_key_int(StringInfo key, int64 value, int nbytes)
{
	uint64		sign = UINT64CONST(1) << (8 * nbytes - 1);

	cxm_key_uint(key, ((uint64) value) ^ sign, nbytes);
}

/*
 * A double: -0 as 0 (they are equal under ==), every NaN as one NaN, and the bits turned so
 * that the bytes sort as the numbers do (NaN after Infinity, as float8 sorts).
 */
static inline void
cxm_key_double(StringInfo key, double value)
{
	uint64		bits;

	if (isnan(value))
		value = get_float8_nan();
	else if (value == 0)
		value = 0.0;
	memcpy(&bits, &value, sizeof(bits));
	if (bits & (UINT64CONST(1) << 63))
		bits = ~bits;
	else
		bits |= UINT64CONST(1) << 63;
	cxm_key_uint(key, bits, 8);
}

/* A value's bytes as they are (after its binary form, cxm_key_sent_then_stored). */
static inline void
cxm_key_raw(StringInfo key, const void *value)
{
	appendBinaryStringInfo(key, value, VARSIZE(value));
}

/* Bytes preceded by their length, so that a key never runs one field into the next. */
static inline void
cxm_key_bytes(StringInfo key, const void *bytes, Size len)
{
	cxm_key_uint(key, (uint64) len, 4);
	appendBinaryStringInfo(key, bytes, len);
}

/*
 * For types whose = compares stored bytes (native byte order): the binary form (big-endian and
 * versioned, the same on every platform) orders them, and the stored bytes after it make keys
 * equal exactly when = finds the values equal. stored is the value, detoasted (and canonical).
 */
static inline void
cxm_key_sent_then_stored(StringInfo key, PGFunction send, const void *stored)
{
	bytea	   *sent = DatumGetByteaPP(DirectFunctionCall1(send, PointerGetDatum(stored)));

	cxm_key_bytes(key, VARDATA_ANY(sent), VARSIZE_ANY_EXHDR(sent));
	pfree(sent);
	cxm_key_raw(key, stored);
}

/* keys built next to private layouts */
extern void activity_summary_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key);
extern void journey_path_state_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key);
extern void funnel_state_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key);
extern void rfm_state_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key);
extern void sbg_data_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key);
extern void rfm_patterns_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key);
extern void spend_patterns_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key);
extern void shapley_model_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key);
extern void driver_summary_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key);

#endif							/* CXM_TYPE_COMPARE_H */
