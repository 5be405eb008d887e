/*
 * pattern_fuzz.c: a libFuzzer harness for the journey pattern compiler and matcher
 * (src/journey/pattern.c), built outside the server: this file stands in for the few backend services
 * pattern.c and util.c use (memory, ereport, interval decoding, multibyte helpers). An
 * ereport(ERROR) longjmps back to the harness, which then frees everything allocated for that
 * input, the way a memory context reset would. Build and run with test/fuzz/run.sh.
 *
 * Each input is a pattern. Compiled patterns are matched against fixed journeys, checking that
 * pattern_matches agrees with pattern_match_count and that the count never exceeds the number
 * of steps; AddressSanitizer and UBSan watch every read and write.
 */
#include "postgres.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "cxm.h"
#include "pattern.h"

/* ---- memory: every allocation is tracked and freed after each input ---------------------- */

typedef struct Chunk
{
	struct Chunk *prev;
	struct Chunk *next;
	size_t		size;
	max_align_t	align[];		/* the payload follows, maximally aligned */
} Chunk;

static Chunk *chunks;
static sigjmp_buf *error_jump;
static int	error_code;
static char error_message[1024];

static void *
chunk_alloc(size_t size)
{
	Chunk	   *c = malloc(sizeof(Chunk) + size);

	if (c == NULL)
		abort();
	c->size = size;
	c->prev = NULL;
	c->next = chunks;
	if (chunks)
		chunks->prev = c;
	chunks = c;
	return c->align;
}

static Chunk *
chunk_of(void *pointer)
{
	return (Chunk *) ((char *) pointer - offsetof(Chunk, align));
}

static void
chunk_unlink(Chunk *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		chunks = c->next;
	if (c->next)
		c->next->prev = c->prev;
}

static void
chunks_free_all(void)
{
	while (chunks)
	{
		Chunk	   *next = chunks->next;

		free(chunks);
		chunks = next;
	}
}

void *
palloc(Size size)
{
	if (size > MaxAllocSize)
		abort();				/* the server would raise an error: a bug in the caller */
	return chunk_alloc(size);
}

void *
palloc0(Size size)
{
	void	   *p = palloc(size);

	memset(p, 0, size);
	return p;
}

void *
repalloc(void *pointer, Size size)
{
	Chunk	   *old = chunk_of(pointer);
	void	   *p = palloc(size);

	memcpy(p, pointer, Min(old->size, size));
	chunk_unlink(old);
	free(old);
	return p;
}

void
pfree(void *pointer)
{
	Chunk	   *c = chunk_of(pointer);

	chunk_unlink(c);
	free(c);
}

char *
pnstrdup(const char *in, Size len)
{
	char	   *out;

	len = strnlen(in, len);
	out = palloc(len + 1);
	memcpy(out, in, len);
	out[len] = '\0';
	return out;
}

char *
psprintf(const char *fmt,...)
{
	va_list		args;
	int			needed;
	char	   *out;

	va_start(args, fmt);
	needed = vsnprintf(NULL, 0, fmt, args);
	va_end(args);
	out = palloc(needed + 1);
	va_start(args, fmt);
	vsnprintf(out, needed + 1, fmt, args);
	va_end(args);
	return out;
}

/* ---- StringInfo --------------------------------------------------------------------------- */

void
initStringInfo(StringInfo str)
{
	str->maxlen = 64;
	str->data = palloc(str->maxlen);
	str->len = 0;
	str->cursor = 0;
	str->data[0] = '\0';
}

static void
string_reserve(StringInfo str, int more)
{
	if (str->len + more + 1 > str->maxlen)
	{
		while (str->len + more + 1 > str->maxlen)
			str->maxlen *= 2;
		str->data = repalloc(str->data, str->maxlen);
	}
}

void
appendStringInfoChar(StringInfo str, char ch)
{
	string_reserve(str, 1);
	str->data[str->len++] = ch;
	str->data[str->len] = '\0';
}

void
appendStringInfoString(StringInfo str, const char *s)
{
	int			n = strlen(s);

	string_reserve(str, n);
	memcpy(str->data + str->len, s, n + 1);
	str->len += n;
}

void
appendStringInfo(StringInfo str, const char *fmt,...)
{
	va_list		args;
	char		buf[256];

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	appendStringInfoString(str, buf);
}

/* ---- ereport: ERROR longjmps to the harness ---------------------------------------------- */

bool
errstart_cold(int elevel, const char *domain)
{
	error_code = 0;
	error_message[0] = '\0';
	return true;
}

bool
errstart(int elevel, const char *domain)
{
	return errstart_cold(elevel, domain);
}

int
errcode(int sqlerrcode)
{
	error_code = sqlerrcode;
	return 0;
}

int
errmsg(const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	vsnprintf(error_message, sizeof(error_message), fmt, args);
	va_end(args);
	return 0;
}

int
errmsg_internal(const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	vsnprintf(error_message, sizeof(error_message), fmt, args);
	va_end(args);
	return 0;
}

int
errhint(const char *fmt,...)
{
	return 0;
}

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	/* only the two SQLSTATEs the pattern compiler documents may escape it */
	if (error_code != ERRCODE_INVALID_PARAMETER_VALUE &&
		error_code != ERRCODE_PROGRAM_LIMIT_EXCEEDED)
	{
		fprintf(stderr, "unexpected error code %d: %s\n", error_code, error_message);
		abort();
	}
	siglongjmp(*error_jump, 1);
}

/* ---- interrupts and stack ----------------------------------------------------------------- */

volatile sig_atomic_t InterruptPending = false;

void
ProcessInterrupts(void)
{
}

void
check_stack_depth(void)
{
}

/* ---- multibyte (the server encoding is UTF-8 here) ---------------------------------------- */

int
pg_mbstrlen_with_len(const char *mbstr, int limit)
{
	int			n = 0;
	int			i;

	for (i = 0; i < limit; i++)
		if (((unsigned char) mbstr[i] & 0xC0) != 0x80)
			n++;
	return n;
}

int
pg_mbcliplen(const char *mbstr, int len, int limit)
{
	int			clip = Min(len, limit);

	while (clip > 0 && clip < len && ((unsigned char) mbstr[clip] & 0xC0) == 0x80)
		clip--;
	return clip;
}

/*
 * ---- interval decoding: a small stand-in for the backend's ----------------------------------
 * Accepts "[-]N unit" pairs (microseconds, seconds, minutes, hours, days, weeks, months, years
 * and their abbreviations), so that inputs reach the month, sign and overflow checks.
 */
int
ParseDateTime(const char *timestr, char *workbuf, size_t buflen, char **field, int *ftype,
			  int maxfields, int *numfields)
{
	size_t		len = strlen(timestr);

	if (len + 1 > buflen)
		return DTERR_BAD_FORMAT;
	memcpy(workbuf, timestr, len + 1);
	field[0] = workbuf;
	ftype[0] = DTK_STRING;
	*numfields = 1;
	return 0;
}

int
DecodeInterval(char **field, int *ftype, int nf, int range, int *dtype,
			   struct pg_itm_in *itm_in)
{
	char	   *s = field[0];
	bool		any = false;

	memset(itm_in, 0, sizeof(*itm_in));
	*dtype = DTK_DELTA;
	for (;;)
	{
		char	   *end;
		long long	value;
		char		unit[16];
		int			ulen = 0;

		while (*s == ' ')
			s++;
		if (*s == '\0')
			return any ? 0 : DTERR_BAD_FORMAT;
		value = strtoll(s, &end, 10);
		if (end == s || value > 100000000 || value < -100000000)
			return DTERR_BAD_FORMAT;
		s = end;
		while (*s == ' ')
			s++;
		while (*s >= 'a' && *s <= 'z' && ulen < 15)
			unit[ulen++] = *s++;
		unit[ulen] = '\0';
		if (strncmp(unit, "us", 2) == 0 || strncmp(unit, "micro", 5) == 0)
			itm_in->tm_usec += value;
		else if (strncmp(unit, "mon", 3) == 0)
			itm_in->tm_mon += value;
		else if (strncmp(unit, "mi", 2) == 0)
			itm_in->tm_usec += value * USECS_PER_MINUTE;
		else if (unit[0] == 's')
			itm_in->tm_usec += value * USECS_PER_SEC;
		else if (unit[0] == 'h')
			itm_in->tm_usec += value * USECS_PER_HOUR;
		else if (unit[0] == 'd')
			itm_in->tm_mday += value;
		else if (unit[0] == 'w')
			itm_in->tm_mday += value * 7;
		else if (unit[0] == 'y')
			itm_in->tm_year += value;
		else
			return DTERR_BAD_FORMAT;
		any = true;
	}
}

int
DecodeISO8601Interval(char *str, int *dtype, struct pg_itm_in *itm_in)
{
	return DTERR_BAD_FORMAT;
}

int
itmin2interval(struct pg_itm_in *itm_in, Interval *span)
{
	span->month = itm_in->tm_year * MONTHS_PER_YEAR + itm_in->tm_mon;
	span->day = itm_in->tm_mday;
	span->time = itm_in->tm_usec;
	return 0;
}

/* the rest of util.c is linked but never reached from pattern.c: see fuzz_unreached.c */
MemoryContext CurrentMemoryContext;
int			work_mem;

/* ---- the harness -------------------------------------------------------------------------- */

typedef struct FixedStep
{
	const char *channel;
	const char *action;
	int			minutes;
} FixedStep;

static const FixedStep fixed_journey[] = {
	{"a", "x", 0}, {"b", NULL, 30}, {"a", "y", 31}, {"c", "x", 31}, {"a", "x", 200},
	{"b", "y", 1500}, {"b", "y", 1501}, {"a", NULL, 3000}, {"web", "view", 3001},
	{"email", "open", 3060}, {"web", "buy", 9000}, {"c", NULL, 9000},
};

static void
check_matching(Pattern *p, int n)
{
	PatternStep steps[lengthof(fixed_journey)];
	int			i;
	bool		matches;
	int64		count;

	for (i = 0; i < n; i++)
	{
		steps[i].channel = fixed_journey[i].channel;
		steps[i].channel_len = strlen(fixed_journey[i].channel);
		steps[i].action = fixed_journey[i].action;
		steps[i].action_len = fixed_journey[i].action ? strlen(fixed_journey[i].action) : 0;
		steps[i].at = (TimestampTz) fixed_journey[i].minutes * USECS_PER_MINUTE;
	}
	matches = pattern_matches(p, steps, n);
	count = pattern_match_count(p, steps, n);
	if (matches != (count > 0) || count < 0 || count > n)
	{
		fprintf(stderr, "inconsistent results on %d steps: matches %d, count %lld\n",
				n, (int) matches, (long long) count);
		abort();
	}
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sigjmp_buf	jump;
	char	   *text;

	if (size > 4096)
		return 0;
	/* an exact-size copy, so ASan sees any read past the pattern's end */
	text = malloc(size ? size : 1);
	memcpy(text, data, size);
	error_jump = &jump;
	if (sigsetjmp(jump, 0) == 0)
	{
		Pattern    *p = pattern_compile(text, (int) size);
		int			n;

		for (n = 0; n <= (int) lengthof(fixed_journey); n += 4)
			check_matching(p, n);
		check_matching(p, lengthof(fixed_journey));
	}
	error_jump = NULL;
	chunks_free_all();
	free(text);
	return 0;
}
