/*
 * inputfuzz.c: a test-only loadable module (not part of cxm, never installed by the test
 * command) that fuzzes a type's text input, binary receive and the journey pattern language
 * from inside the server, fast enough for millions of inputs per function. Built and run by
 * test/fuzz/long_run.sh.
 *
 * Each input runs in its own internal subtransaction with PG_TRY/PG_CATCH, CopyErrorData and
 * FlushErrorState, the pattern plpgsql's exception blocks use, so an ERROR is caught with its
 * SQLSTATE and everything the failed call held is released; only a crash or a FATAL escapes.
 * A per-input memory context is reset after every input. Inputs come from a local splitmix64
 * generator seeded by the caller, so a run is reproducible from its seed.
 *
 *   cxm_fuzz_inputs(type regtype, kind text, seeds text[], n int8, rng_seed int8)
 *     kind 'text': n mutated seeds or random strings (valid in the database encoding) into the
 *     type's input function; every accepted value must round-trip exactly (output -> input ->
 *     output gives the same text) and through send -> receive (whole buffer consumed, same
 *     text). kind 'binary': n mutated send() bytes of the seeds or random byte strings into
 *     the receive function, checked the way COPY BINARY does (whole field consumed); every
 *     accepted value must print, read back from that text to the same text, and send/receive.
 *
 *   cxm_fuzz_pattern(matches regprocedure, count regprocedure, journeys text[], seeds text[],
 *                    n int8, rng_seed int8)
 *     n mutated seed patterns or random strings into matches(journey, pattern) on a journey
 *     picked from journeys; when it succeeds, count(journey, pattern) must succeed and be > 0
 *     exactly when matches is true.
 *
 * Every fuzzed input runs twice, followed in memory by different bytes ('A' and 0xff after
 * the end of the string, StringInfo or text value), and both outcomes must agree (kinds
 * "... ignores bytes past its end"): a function reading past the end of its input would see
 * the difference.
 *
 * Both return one row per (kind, sqlstate): the number of inputs, whether that outcome is
 * clean, the first error message and the first few inputs (hex) for reproducing it. Clean for
 * fuzzed inputs: ok, class 22, 42804, 54000 (the rule of test/cases/fuzz_inputs.sh); for the
 * checks on accepted values (kinds ending in "round trip", "seed", "agrees"): only ok.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/resowner.h"
#include "utils/syscache.h"

PG_MODULE_MAGIC;

/* ---- deterministic generator ------------------------------------------------------------ */

static uint64 rng_state;

static uint64
rng_next(void)
{
	uint64		z = (rng_state += UINT64CONST(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64CONST(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64CONST(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* uniform in [0, n), n > 0 */
static int
rng_below(int n)
{
	return (int) (rng_next() % (uint64) n);
}

/* ---- outcome tally ------------------------------------------------------------------------ */

#define MAX_OUTCOMES 128
#define MAX_SAMPLES 3
#define SAMPLE_BYTES 600

typedef struct Outcome
{
	const char *kind;
	char		state[12];		/* SQLSTATE, "ok" or "mismatch" */
	int64		count;
	bool		clean;
	char	   *message;
	int			nsamples;
	char	   *samples[MAX_SAMPLES];
} Outcome;

typedef struct Tally
{
	MemoryContext cxt;			/* lives as long as the call */
	int			n;
	Outcome		outcomes[MAX_OUTCOMES];
} Tally;

static bool
state_is_clean(const char *kind, const char *state)
{
	if (strcmp(state, "ok") == 0)
		return true;
	/* the other kinds are checks (round trips, seeds, agreement), which must simply pass */
	if (strcmp(kind, "text") != 0 && strcmp(kind, "binary") != 0 && strcmp(kind, "pattern") != 0)
		return false;
	return strncmp(state, "22", 2) == 0 || strcmp(state, "42804") == 0 ||
		strcmp(state, "54000") == 0;
}

static char *
hex_of(MemoryContext cxt, const char *data, int len)
{
	static const char digits[] = "0123456789abcdef";
	int			shown = Min(len, SAMPLE_BYTES);
	char	   *out = MemoryContextAlloc(cxt, shown * 2 + 16);
	int			i;

	for (i = 0; i < shown; i++)
	{
		out[2 * i] = digits[((unsigned char) data[i]) >> 4];
		out[2 * i + 1] = digits[((unsigned char) data[i]) & 15];
	}
	out[2 * shown] = '\0';
	if (shown < len)
		strcat(out, "...");
	return out;
}

static void
tally_add(Tally *t, const char *kind, const char *state, const char *message,
		  const char *input, int len)
{
	Outcome    *o = NULL;
	int			i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->outcomes[i].kind, kind) == 0 && strcmp(t->outcomes[i].state, state) == 0)
		{
			o = &t->outcomes[i];
			break;
		}
	if (o == NULL)
	{
		if (t->n == MAX_OUTCOMES)
			elog(ERROR, "too many distinct outcomes");
		o = &t->outcomes[t->n++];
		memset(o, 0, sizeof(*o));
		o->kind = kind;
		strlcpy(o->state, state, sizeof(o->state));
		o->clean = state_is_clean(kind, state);
		if (message)
			o->message = MemoryContextStrdup(t->cxt, message);
	}
	o->count++;
	/* one example of every outcome, a few of each unclean one */
	if (o->nsamples < (o->clean ? 1 : MAX_SAMPLES))
		o->samples[o->nsamples++] = hex_of(t->cxt, input, len);
}

static void
tally_return(FunctionCallInfo fcinfo, Tally *t)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < t->n; i++)
	{
		Outcome    *o = &t->outcomes[i];
		Datum		values[6];
		bool		nulls[6] = {false};
		StringInfoData samples;
		int			k;

		initStringInfo(&samples);
		for (k = 0; k < o->nsamples; k++)
			appendStringInfo(&samples, "%s%s", k ? " " : "", o->samples[k]);
		values[0] = CStringGetTextDatum(o->kind);
		values[1] = CStringGetTextDatum(o->state);
		values[2] = Int64GetDatum(o->count);
		values[3] = BoolGetDatum(o->clean);
		if (o->message)
			values[4] = CStringGetTextDatum(o->message);
		else
			nulls[4] = true;
		values[5] = CStringGetTextDatum(samples.data);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

/* ---- running one call in a subtransaction ------------------------------------------------ */

typedef struct Step Step;
typedef const char *(*step_fn) (Step *step);

/*
 * Runs fn in an internal subtransaction; returns "ok", the status fn returned (e.g.
 * "mismatch"), or the SQLSTATE of the error it raised, whose message goes to *message.
 * Allocations made by fn go to work, which the caller resets.
 */
static const char *
guarded(step_fn fn, Step *step, MemoryContext work, char **message)
{
	MemoryContext oldcontext = CurrentMemoryContext;
	ResourceOwner oldowner = CurrentResourceOwner;
	const char *volatile status = "ok";

	*message = NULL;
	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(work);
	PG_TRY();
	{
		const char *s = fn(step);

		if (s)
			status = s;
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcontext);
		CurrentResourceOwner = oldowner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(work);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcontext);
		CurrentResourceOwner = oldowner;
		/* a cancel or timeout ends the run instead of counting as an outcome */
		if (edata->sqlerrcode == ERRCODE_QUERY_CANCELED)
			ReThrowError(edata);
		status = unpack_sql_state(edata->sqlerrcode);	/* static buffer: copied by caller */
		*message = edata->message;
	}
	PG_END_TRY();
	return status;
}

/* ---- the type under test ----------------------------------------------------------------- */

typedef struct TypeIO
{
	Oid			type;
	FmgrInfo	in,
				out,
				recv,
				send;
	Oid			inparam,
				recvparam;
} TypeIO;

static void
typeio_init(TypeIO *io, Oid type)
{
	Oid			fn;
	bool		varlena;

	io->type = type;
	getTypeInputInfo(type, &fn, &io->inparam);
	fmgr_info(fn, &io->in);
	getTypeOutputInfo(type, &fn, &varlena);
	fmgr_info(fn, &io->out);
	getTypeBinaryInputInfo(type, &fn, &io->recvparam);
	fmgr_info(fn, &io->recv);
	getTypeBinaryOutputInfo(type, &fn, &varlena);
	fmgr_info(fn, &io->send);
}

/*
 * Every input is handed over in a buffer with SLACK more bytes after its end (after the NUL of
 * a string or StringInfo) all set to a fill byte; each input runs twice, with fill bytes 'A'
 * and 0xff, and the two outcomes must agree: a function that reads past the end of its input
 * would see the difference.
 */
#define SLACK 64

static char *
copy_with_slack(const char *data, int len, int fill)
{
	char	   *copy = palloc(len + 1 + SLACK);

	memcpy(copy, data, len);
	copy[len] = '\0';
	memset(copy + len + 1, fill, SLACK);
	return copy;
}

/* receive the way COPY BINARY does: a NUL-terminated StringInfo, all of it consumed */
static Datum
typeio_recv(TypeIO *io, const char *data, int len, int fill)
{
	StringInfoData buf;
	Datum		value;

	buf.data = copy_with_slack(data, len, fill);
	buf.len = len;
	buf.maxlen = len + 1 + SLACK;
	buf.cursor = 0;
	value = ReceiveFunctionCall(&io->recv, &buf, io->recvparam, -1);
	if (buf.cursor != buf.len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("incorrect binary data format: %d of %d bytes read",
						buf.cursor, buf.len)));
	return value;
}

struct Step
{
	TypeIO	   *io;
	const char *input;			/* text or bytes under test */
	int			len;
	int			fill;			/* the byte after the end of the input */
	Datum		value;			/* what the input step accepted */
	/* pattern kind */
	FmgrInfo   *matches;
	FmgrInfo   *count;
	Datum		journey;
	Datum		pattern;
	bool		matched;
};

static const char *
step_text_in(Step *s)
{
	s->value = InputFunctionCall(&s->io->in, copy_with_slack(s->input, s->len, s->fill),
								 s->io->inparam, -1);
	return NULL;
}

static const char *
step_recv(Step *s)
{
	s->value = typeio_recv(s->io, s->input, s->len, s->fill);
	return NULL;
}

/* output -> input -> output gives the same text */
static const char *
step_text_round_trip(Step *s)
{
	char	   *text1 = OutputFunctionCall(&s->io->out, s->value);
	Datum		again = InputFunctionCall(&s->io->in, text1, s->io->inparam, -1);
	char	   *text2 = OutputFunctionCall(&s->io->out, again);

	return strcmp(text1, text2) == 0 ? NULL : "mismatch";
}

/* send -> receive (all bytes read) prints the same text */
static const char *
step_binary_round_trip(Step *s)
{
	char	   *text1 = OutputFunctionCall(&s->io->out, s->value);
	bytea	   *bytes = SendFunctionCall(&s->io->send, s->value);
	Datum		again = typeio_recv(s->io, VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes), 0);
	char	   *text2 = OutputFunctionCall(&s->io->out, again);

	return strcmp(text1, text2) == 0 ? NULL : "mismatch";
}

/* the pattern as a text value followed by SLACK fill bytes */
static const char *
step_pattern(Step *s)
{
	text	   *pattern = palloc(VARHDRSZ + s->len + SLACK);

	SET_VARSIZE(pattern, VARHDRSZ + s->len);
	memcpy(VARDATA(pattern), s->input, s->len);
	memset(VARDATA(pattern) + s->len, s->fill, SLACK);
	s->pattern = PointerGetDatum(pattern);
	s->matched = DatumGetBool(FunctionCall2Coll(s->matches, DEFAULT_COLLATION_OID,
												s->journey, s->pattern));
	return NULL;
}

static const char *
step_pattern_count(Step *s)
{
	int64		n = DatumGetInt64(FunctionCall2Coll(s->count, DEFAULT_COLLATION_OID,
													s->journey, s->pattern));

	return (n > 0) == s->matched && n >= 0 ? NULL : "mismatch";
}

static void record(Tally *t, const char *kind, const char *status, const char *message,
				   const char *input, int len);

/*
 * guarded() twice, with fill bytes 0xff and 'A' after the input; a difference in outcome (or in
 * the pattern's result) is recorded under check_kind. Returns the second outcome, whose value
 * is in step->value.
 */
static const char *
guarded_twice(step_fn fn, Step *step, MemoryContext work, char **message, Tally *t,
			  const char *check_kind)
{
	char		first[12];
	bool		first_matched;
	const char *status;

	step->fill = 0xff;
	strlcpy(first, guarded(fn, step, work, message), sizeof(first));
	first_matched = step->matched;
	step->fill = 'A';
	status = guarded(fn, step, work, message);
	record(t, check_kind,
		   strcmp(first, status) == 0 && first_matched == step->matched ? "ok" : "mismatch",
		   NULL, step->input, step->len);
	return status;
}

/* ---- mutation ---------------------------------------------------------------------------- */

/*
 * Tokens inserted or written over a byte: the punctuation of JSON, of touchpoint literals and
 * of the pattern language, words the parsers know, extreme numbers, and valid UTF-8 multibyte
 * characters (text input only takes strings valid in the database encoding).
 */
static const char *const tokens[] = {
	"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "{", "}", "[", "]", "\"", ",", ":", "/",
	"@", ".", "-", "+", "e", "E", " ", "N", "a", "I", "\\", "\x01", "\t", "\n", "'", "(", ")",
	"|", "*", "?", "^", "$", "<", ">", "=", "_",
	"NaN", "Infinity", "-Infinity", "null", "true", "false", "version", "steps", "counts",
	"\"version\": 1", "->", "->[", "[<", "[<=", "[>=", " 1 day]", " 30 minutes]", " -1 hour]",
	"{1000}", "{2,3}", "{0,}", "(.*)*", "web/view", "'don''t'", "\"Paid Search\"",
	"1e308", "1e-320", "1e400", "-0", "9223372036854775807", "-9223372036854775808",
	"2147483648", "4294967296", "0.1", "\\u0000", "\\ud800", "\\u00e9", "\\\"",
	"294277-01-01", "-4713-11-24", "+00", "+14", "-12:30", "BC", "infinity", "epoch",
	"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xcc\x81",
};
#define NTOKENS lengthof(tokens)

/* a token, single bytes three times as likely as the longer ones */
static const char *
random_token(void)
{
	if (rng_below(4) != 0)
		return tokens[rng_below(44)];
	return tokens[rng_below(NTOKENS)];
}

static void
splice_bytes(StringInfo buf, int pos, int del, const char *ins, int inslen)
{
	StringInfoData out;

	if (pos > buf->len)
		pos = buf->len;
	if (del > buf->len - pos)
		del = buf->len - pos;
	initStringInfo(&out);
	appendBinaryStringInfo(&out, buf->data, pos);
	appendBinaryStringInfo(&out, ins, inslen);
	appendBinaryStringInfo(&out, buf->data + pos + del, buf->len - pos - del);
	*buf = out;
}

/* replace, insert, delete, duplicate or truncate, 1 to 4 times (as fuzz_inputs.sh does) */
static void
mutate_text(StringInfo buf)
{
	int			times = 1 + rng_below(4);

	while (times-- > 0)
	{
		int			pos = rng_below(Max(buf->len, 1));
		const char *tok;
		char	   *copy;
		int			n;

		switch (rng_below(5))
		{
			case 0:
				tok = random_token();
				splice_bytes(buf, pos, 1, tok, strlen(tok));
				break;
			case 1:
				tok = random_token();
				splice_bytes(buf, pos, 0, tok, strlen(tok));
				break;
			case 2:
				splice_bytes(buf, pos, 1 + rng_below(3), "", 0);
				break;
			case 3:
				n = 1 + rng_below(8);	/* not inside Min(): a macro evaluates it twice */
				n = Min(n, buf->len - pos);
				if (n > 0)
				{
					copy = palloc(n);
					memcpy(copy, buf->data + pos, n);
					splice_bytes(buf, pos, 0, copy, n);
				}
				break;
			default:
				buf->len = Min(buf->len, pos + 1);
				buf->data[buf->len] = '\0';
				break;
		}
	}
}

/* random bytes: printable ASCII, controls, tokens and bytes >= 0x80 */
static void
random_text(StringInfo buf)
{
	int			len = rng_below(80);

	resetStringInfo(buf);
	while (buf->len < len)
	{
		int			r = rng_below(10);

		if (r < 6)
			appendStringInfoChar(buf, (char) (32 + rng_below(95)));
		else if (r == 6)
			appendStringInfoChar(buf, (char) (1 + rng_below(31)));
		else if (r < 9)
			appendStringInfoString(buf, random_token());
		else
			appendStringInfoChar(buf, (char) (128 + rng_below(128)));
	}
}

/*
 * Text input only ever sees strings valid in the database encoding (as every client path
 * guarantees): NUL and bytes that do not form a valid character become '?'.
 */
static void
make_valid(StringInfo buf)
{
	int			encoding = GetDatabaseEncoding();
	int			i = 0;

	while (i < buf->len)
	{
		int			l;

		if (buf->data[i] == '\0')
		{
			buf->data[i++] = '?';
			continue;
		}
		if (!IS_HIGHBIT_SET(buf->data[i]))
		{
			i++;
			continue;
		}
		l = pg_encoding_verifymbchar(encoding, buf->data + i, buf->len - i);
		if (l > 0)
			i += l;
		else
			buf->data[i++] = '?';
	}
	buf->data[buf->len] = '\0';
}

static const uint32 interesting32[] = {0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x7fffffff,
	0x80000000, 0xffffffff, 0x00010000, 0x7ff00000};

/* set a byte, set 4 bytes to an interesting integer, truncate, append, duplicate; 1-3 times */
static void
mutate_bytes(StringInfo buf)
{
	int			times = 1 + rng_below(3);

	while (times-- > 0)
	{
		int			pos = rng_below(Max(buf->len, 1));
		int			n;
		char	   *copy;

		switch (rng_below(5))
		{
			case 0:
				if (buf->len > 0)
					buf->data[pos] = (char) rng_below(256);
				break;
			case 1:
				if (buf->len >= 4)
				{
					uint32		v = interesting32[rng_below(lengthof(interesting32))];

					pos = rng_below(buf->len - 3);
					if (rng_below(2))
						v = pg_hton32(v);
					memcpy(buf->data + pos, &v, 4);
				}
				break;
			case 2:
				buf->len = rng_below(buf->len + 1);
				buf->data[buf->len] = '\0';
				break;
			case 3:
				n = Min(4, buf->len - pos);
				if (n > 0)
				{
					/* not pnstrdup: the bytes may hold NULs */
					copy = palloc(n);
					memcpy(copy, buf->data + pos, n);
					appendBinaryStringInfo(buf, copy, n);
				}
				break;
			default:
				n = 1 + rng_below(16);
				n = Min(n, buf->len - pos);
				if (n > 0)
				{
					copy = palloc(n);
					memcpy(copy, buf->data + pos, n);
					splice_bytes(buf, rng_below(buf->len + 1), 0, copy, n);
				}
				break;
		}
	}
}

static void
random_bytes(StringInfo buf)
{
	int			len = rng_below(64);

	resetStringInfo(buf);
	while (buf->len < len)
		appendStringInfoChar(buf, (char) rng_below(256));
}

/* ---- helpers ----------------------------------------------------------------------------- */

static char **
text_array_values(ArrayType *arr, int *n)
{
	Datum	   *elems;
	bool	   *nulls;
	char	  **out;
	int			i,
				k = 0;

	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, n);
	out = palloc(sizeof(char *) * Max(*n, 1));
	for (i = 0; i < *n; i++)
		if (!nulls[i])
			out[k++] = TextDatumGetCString(elems[i]);
	*n = k;
	if (k == 0)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("no seeds")));
	return out;
}

static void
record(Tally *t, const char *kind, const char *status, const char *message,
	   const char *input, int len)
{
	char		state[12];

	strlcpy(state, status, sizeof(state));	/* unpack_sql_state's buffer is static */
	tally_add(t, kind, state, message, input, len);
}

/* ---- SQL-callable ------------------------------------------------------------------------ */

PG_FUNCTION_INFO_V1(cxm_fuzz_inputs);
Datum
cxm_fuzz_inputs(PG_FUNCTION_ARGS)
{
	Oid			type = PG_GETARG_OID(0);
	char	   *kind = text_to_cstring(PG_GETARG_TEXT_PP(1));
	int			nseeds;
	char	  **seeds = text_array_values(PG_GETARG_ARRAYTYPE_P(2), &nseeds);
	int64		n = PG_GETARG_INT64(3);
	bool		binary;
	Tally	   *tally = palloc0(sizeof(Tally));
	TypeIO		io;
	StringInfoData *seed_bytes;
	MemoryContext work;
	char	   *message;
	const char *status;
	int64		i;
	int			k;

	rng_state = (uint64) PG_GETARG_INT64(4);
	tally->cxt = CurrentMemoryContext;
	if (strcmp(kind, "text") == 0)
		binary = false;
	else if (strcmp(kind, "binary") == 0)
		binary = true;
	else
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("kind must be text or binary")));
	typeio_init(&io, type);
	work = AllocSetContextCreate(CurrentMemoryContext, "cxm fuzz input", ALLOCSET_DEFAULT_SIZES);

	/* the seeds themselves: exact text round trip; their send() bytes are the binary seeds */
	seed_bytes = palloc(sizeof(StringInfoData) * nseeds);
	for (k = 0; k < nseeds; k++)
	{
		Step		s = {.io = &io, .input = seeds[k], .len = strlen(seeds[k])};
		char	   *printed;

		initStringInfo(&seed_bytes[k]);
		status = guarded(step_text_in, &s, work, &message);
		if (strcmp(status, "ok") == 0)
		{
			MemoryContext old = MemoryContextSwitchTo(work);

			printed = OutputFunctionCall(&io.out, s.value);
			if (strcmp(printed, seeds[k]) != 0)
				status = "mismatch";
			else
			{
				bytea	   *b = SendFunctionCall(&io.send, s.value);

				appendBinaryStringInfo(&seed_bytes[k], VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
				if (binary)
				{
					MemoryContextSwitchTo(old);
					s.input = seed_bytes[k].data;
					s.len = seed_bytes[k].len;
					status = guarded(step_recv, &s, work, &message);
					if (strcmp(status, "ok") == 0)
						status = guarded(step_binary_round_trip, &s, work, &message);
				}
			}
			MemoryContextSwitchTo(old);
		}
		record(tally, binary ? "binary seed" : "text seed", status, message, seeds[k],
			   strlen(seeds[k]));
		MemoryContextReset(work);
	}

	for (i = 0; i < n; i++)
	{
		StringInfoData input;
		Step		s = {.io = &io};
		MemoryContext old;

		CHECK_FOR_INTERRUPTS();
		old = MemoryContextSwitchTo(work);
		initStringInfo(&input);
		if (!binary)
		{
			if (rng_below(10) == 0)
				random_text(&input);
			else
			{
				appendStringInfoString(&input, seeds[rng_below(nseeds)]);
				mutate_text(&input);
			}
			make_valid(&input);
		}
		else
		{
			if (rng_below(10) == 0)
				random_bytes(&input);
			else
			{
				StringInfo	seed = &seed_bytes[rng_below(nseeds)];

				appendBinaryStringInfo(&input, seed->data, seed->len);
				mutate_bytes(&input);
			}
		}
		MemoryContextSwitchTo(old);
		s.input = input.data;
		s.len = input.len;

		status = guarded_twice(binary ? step_recv : step_text_in, &s, work, &message, tally,
							   binary ? "binary ignores bytes past its end"
							   : "text ignores bytes past its end");
		record(tally, kind, status, message, s.input, s.len);
		if (strcmp(status, "ok") == 0)
		{
			/* an accepted value reads back from its text, and through send/receive */
			status = guarded(step_text_round_trip, &s, work, &message);
			record(tally, binary ? "binary then text round trip" : "text round trip",
				   status, message, s.input, s.len);
			status = guarded(step_binary_round_trip, &s, work, &message);
			record(tally, binary ? "binary send/recv round trip" : "text send/recv round trip",
				   status, message, s.input, s.len);
		}
		MemoryContextReset(work);
	}

	tally_return(fcinfo, tally);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cxm_fuzz_pattern);
Datum
cxm_fuzz_pattern(PG_FUNCTION_ARGS)
{
	Oid			matches_fn = PG_GETARG_OID(0);
	Oid			count_fn = PG_GETARG_OID(1);
	int			njourneys,
				nseeds;
	char	  **journey_texts = text_array_values(PG_GETARG_ARRAYTYPE_P(2), &njourneys);
	char	  **seeds = text_array_values(PG_GETARG_ARRAYTYPE_P(3), &nseeds);
	int64		n = PG_GETARG_INT64(4);
	Tally	   *tally = palloc0(sizeof(Tally));
	FmgrInfo	matches,
				count;
	Datum	   *journeys = palloc(sizeof(Datum) * njourneys);
	Oid			journey_type;
	MemoryContext work;
	char	   *message;
	const char *status;
	int64		i;
	int			k;

	rng_state = (uint64) PG_GETARG_INT64(5);
	tally->cxt = CurrentMemoryContext;
	fmgr_info(matches_fn, &matches);
	fmgr_info(count_fn, &count);
	{
		/* the journey type is the first argument of matches() */
		HeapTuple	tp = SearchSysCache1(PROCOID, ObjectIdGetDatum(matches_fn));
		Form_pg_proc proc;
		TypeIO		io;

		if (!HeapTupleIsValid(tp))
			elog(ERROR, "cache lookup failed for function %u", matches_fn);
		proc = (Form_pg_proc) GETSTRUCT(tp);
		if (proc->pronargs != 2 || proc->proargtypes.values[1] != TEXTOID)
			ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							errmsg("matches must take (journey, text)")));
		journey_type = proc->proargtypes.values[0];
		ReleaseSysCache(tp);
		typeio_init(&io, journey_type);
		for (k = 0; k < njourneys; k++)
			journeys[k] = InputFunctionCall(&io.in, journey_texts[k], io.inparam, -1);
	}
	work = AllocSetContextCreate(CurrentMemoryContext, "cxm fuzz pattern", ALLOCSET_DEFAULT_SIZES);

	for (i = 0; i < n; i++)
	{
		StringInfoData input;
		Step		s = {.matches = &matches, .count = &count};
		MemoryContext old;

		CHECK_FOR_INTERRUPTS();
		old = MemoryContextSwitchTo(work);
		initStringInfo(&input);
		if (rng_below(10) == 0)
			random_text(&input);
		else
		{
			appendStringInfoString(&input, seeds[rng_below(nseeds)]);
			mutate_text(&input);
		}
		make_valid(&input);
		s.input = input.data;
		s.len = input.len;
		s.journey = journeys[rng_below(njourneys)];
		MemoryContextSwitchTo(old);

		status = guarded_twice(step_pattern, &s, work, &message, tally,
							   "pattern ignores bytes past its end");
		record(tally, "pattern", status, message, input.data, input.len);
		if (strcmp(status, "ok") == 0)
		{
			status = guarded(step_pattern_count, &s, work, &message);
			record(tally, "pattern count agrees", status, message, input.data, input.len);
		}
		MemoryContextReset(work);
	}

	tally_return(fcinfo, tally);
	return (Datum) 0;
}
