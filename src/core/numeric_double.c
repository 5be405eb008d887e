/*
 * numeric_double.c: a numeric as the nearest double without going through text, for the
 * common case of order amounts and scores (a few digits, a few decimals).
 *
 * PostgreSQL converts numeric to float8 by printing the number and reading it back with
 * strtod, which costs more per row than the rest of an RFM transition. A numeric of at most
 * 15 significant digits and at most 22 decimals is an integer N < 2^53 divided by 10^scale;
 * both are exact doubles, so one IEEE division gives the correctly rounded quotient: the same
 * double strtod gives for the number's text, to the last bit. Anything else (NaN, infinities,
 * the long storage format, more digits) returns false and the caller uses PostgreSQL's own
 * conversion.
 *
 * The stored numeric format read here is numeric.c's "short" varlena format, which pg_upgrade
 * keeps in data files and has been unchanged since PostgreSQL 9.1: a uint16 header (0x8000
 * short-format flag, 0x2000 sign, 6 bits of display scale at 0x1F80, a 7-bit signed weight at
 * 0x007F) followed by base-10000 digits as int16, most significant first, the first of weight
 * `weight` (value = sum of digit[i] * 10000^(weight - i)).
 */
#include "cxm.h"

#define SHORT_FORMAT_MASK 0xC000
#define SHORT_FORMAT 0x8000
#define SHORT_SIGN 0x2000
#define SHORT_DSCALE_MASK 0x1F80
#define SHORT_DSCALE_SHIFT 7
#define SHORT_WEIGHT_SIGN 0x0040
#define SHORT_WEIGHT_MASK 0x003F

#define MAX_EXACT_INTEGER (UINT64CONST(1) << 53)
#define MAX_SCALE 22			/* 10^22 is the largest power of ten a double holds exactly */

static const double exact_powers_of_ten[MAX_SCALE + 1] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static const uint64 integer_powers_of_ten[16] = {
	UINT64CONST(1), UINT64CONST(10), UINT64CONST(100), UINT64CONST(1000),
	UINT64CONST(10000), UINT64CONST(100000), UINT64CONST(1000000), UINT64CONST(10000000),
	UINT64CONST(100000000), UINT64CONST(1000000000), UINT64CONST(10000000000),
	UINT64CONST(100000000000), UINT64CONST(1000000000000), UINT64CONST(10000000000000),
	UINT64CONST(100000000000000), UINT64CONST(1000000000000000)
};

bool
cxm_numeric_to_double(Datum value, double *result)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(value);
	const char *data = VARDATA_ANY(v);
	Size		len = VARSIZE_ANY_EXHDR(v);
	uint16		header;
	int			weight,
				scale,
				ndigits,
				i;
	uint64		n = 0;

	if (len < sizeof(uint16) || (len - sizeof(uint16)) % sizeof(int16) != 0)
		return false;
	memcpy(&header, data, sizeof(uint16));
	if ((header & SHORT_FORMAT_MASK) != SHORT_FORMAT)
		return false;
	scale = (header & SHORT_DSCALE_MASK) >> SHORT_DSCALE_SHIFT;
	weight = ((header & SHORT_WEIGHT_SIGN) ? ~SHORT_WEIGHT_MASK : 0) | (header & SHORT_WEIGHT_MASK);
	if (scale > MAX_SCALE)
		return false;
	ndigits = (int) ((len - sizeof(uint16)) / sizeof(int16));
	for (i = 0; i < ndigits; i++)
	{
		int16		digit;
		int			exponent = 4 * (weight - i) + scale;	/* of 10, for N = value * 10^scale */

		memcpy(&digit, data + sizeof(uint16) + i * sizeof(int16), sizeof(int16));
		if (digit < 0 || digit >= 10000)
			return false;
		if (digit == 0)
			continue;
		if (exponent < 0)
		{
			/* digits past the display scale: only trailing zeros are exact */
			if (exponent < -3 || digit % integer_powers_of_ten[-exponent] != 0)
				return false;
			n += (uint64) digit / integer_powers_of_ten[-exponent];
		}
		else
		{
			if (exponent > 15)
				return false;
			n += (uint64) digit * integer_powers_of_ten[exponent];
		}
		if (n > MAX_EXACT_INTEGER)
			return false;
	}
	*result = (double) n / exact_powers_of_ten[scale];
	if (header & SHORT_SIGN)
		*result = -*result;
	return true;
}
