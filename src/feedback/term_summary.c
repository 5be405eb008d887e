/*
 * term_summary.c: the aggregate term_summary(comment, class [, config [, phrases]]), which
 * counts per class the answers and, for each lexeme of PostgreSQL's to_tsvector (and each
 * two-word phrase of adjacent lexemes), its occurrences and the answers that contain it; and
 * rollup(term_summary), which adds summaries. Aggregates keep the summary expanded (a hash
 * table of terms in its own memory context, an ExpandedObjectHeader so that the executor keeps
 * it between rows without copying); every other reader sees the flat, canonical form (classes
 * and terms in byte order), which terms_flatten writes.
 */
#include "term_summary.h"

#include "catalog/pg_ts_config.h"
#include "common/hashfn.h"
#include "common/int.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "tsearch/ts_cache.h"
#include "tsearch/ts_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"

#define MAX_CLASS_BYTES 1024

static Size terms_get_flat_size(ExpandedObjectHeader *eoh);
static void terms_flatten_into(ExpandedObjectHeader *eoh, void *result, Size allocated_size);

static const ExpandedObjectMethods terms_methods = {
	terms_get_flat_size,
	terms_flatten_into
};

/* ---- the flat form ---------------------------------------------------------------------------- */

static void
corrupted(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("term_summary value is corrupted: %s", what)));
}

/* Reads one length-prefixed name at *p within [.., end). */
static const char *
next_name(const char **p, const char *end, int *len)
{
	uint16		n;
	const char *name;

	if (end - *p < 2)
		corrupted("a name runs past its section");
	memcpy(&n, *p, 2);
	name = *p + 2;
	if (end - name < n)
		corrupted("a name runs past its section");
	*p = name + n;
	*len = n;
	return name;
}

void
terms_view(const TermSummaryFlat *flat, TermsView *view)
{
	const char *p = TERMS_NAMES(flat);
	const char *end = p + flat->names_len;
	int			c;

	view->flat = flat;
	view->config = next_name(&p, end, &view->config_len);
	for (c = 0; c < flat->nclasses; c++)
		view->class_names[c] = next_name(&p, end, &view->class_lens[c]);
	view->names_of_terms = p;
	view->comments = (const int64 *) ((const char *) flat + TERMS_COUNTS_OFFSET(flat->names_len));
	view->counts = view->comments + flat->nclasses;
}

/* The summary argument argno, detoasted (an expanded one is flattened) and checked. */
const TermSummaryFlat *
terms_arg(FunctionCallInfo fcinfo, int argno)
{
	const TermSummaryFlat *f = (const TermSummaryFlat *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(f) < sizeof(TermSummaryFlat) || f->version != TERMS_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("term_summary value has an unsupported format (version %d)", f->version)));
	if (f->nclasses < 0 || f->nclasses > TERMS_MAX_CLASSES || f->nterms < 0 ||
		f->names_len < 2 || f->names_len > TERMS_MAX_NAME_BYTES ||
		VARSIZE(f) != TERMS_COUNTS_OFFSET(f->names_len) + sizeof(int64) * f->nclasses +
		2 * sizeof(int64) * (Size) f->nterms * f->nclasses)
		corrupted("its sizes do not add up");
	return f;
}

/* ---- the expanded form ------------------------------------------------------------------------ */

static void
limit_exceeded(const char *what, int limit, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("term summary has more than %d %s", limit, what),
			 errhint("%s", hint)));
}

TermState *
terms_new(MemoryContext parent)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "term_summary", ALLOCSET_DEFAULT_SIZES);
	TermState  *s = MemoryContextAllocZero(cxt, sizeof(TermState));

	EOH_init_header(&s->hdr, &terms_methods, cxt);
	s->last_class = -1;
	s->cap_classes = 4;
	s->cap_terms = 256;
	s->arena_cap = 4096;
	s->nslots = 512;
	s->arena = MemoryContextAlloc(cxt, s->arena_cap);
	s->term_off = MemoryContextAlloc(cxt, s->cap_terms * sizeof(uint32));
	s->term_len = MemoryContextAlloc(cxt, s->cap_terms * sizeof(uint16));
	s->term_hash = MemoryContextAlloc(cxt, s->cap_terms * sizeof(uint32));
	s->counts = MemoryContextAllocZero(cxt, (Size) s->cap_terms * s->cap_classes * 2 * sizeof(int64));
	s->slots = MemoryContextAllocZero(cxt, s->nslots * sizeof(int32));
	return s;
}

/* Adds add to *count; overflow is 22003. */
void
terms_add(int64 *count, int64 add)
{
	if (unlikely(pg_add_s64_overflow(*count, add, count)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("term count is out of range"),
				 errhint("Counts of a term summary must stay below 2^63.")));
}

static void
grow_classes(TermState *s)
{
	int			cap = Min(s->cap_classes * 2, TERMS_MAX_CLASSES);
	int64	   *counts = MemoryContextAllocHuge(s->hdr.eoh_context,
												(Size) s->cap_terms * cap * 2 * sizeof(int64));
	int			t;

	memset(counts, 0, (Size) s->cap_terms * cap * 2 * sizeof(int64));
	for (t = 0; t < s->nterms; t++)
		memcpy(&counts[(Size) t * cap * 2], terms_cell(s, t, 0),
			   s->cap_classes * 2 * sizeof(int64));
	pfree(s->counts);
	s->counts = counts;
	s->cap_classes = cap;
}

int
terms_class(TermState *s, const char *name, int len)
{
	int			c;

	if (s->last_class >= 0 && s->class_lens[s->last_class] == len &&
		memcmp(s->class_names[s->last_class], name, len) == 0)
		return s->last_class;
	for (c = 0; c < s->nclasses; c++)
		if (s->class_lens[c] == len && memcmp(s->class_names[c], name, len) == 0)
			return s->last_class = c;
	if (len > MAX_CLASS_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("term summary class name of %d bytes is too long", len),
				 errhint("Class names have at most %d bytes.", MAX_CLASS_BYTES)));
	if (s->nclasses == TERMS_MAX_CLASSES)
		limit_exceeded("classes", TERMS_MAX_CLASSES,
					   "Summarize at most 64 classes per group: group by the wider category, or run one summary per set of classes.");
	if ((Size) s->nterms * (s->nclasses + 1) > TERMS_MAX_CELLS)
		limit_exceeded("term-class counts", TERMS_MAX_CELLS,
					   "Distinct terms times classes is limited: use fewer classes or a summary per class set.");
	if (s->nclasses == s->cap_classes)
		grow_classes(s);
	c = s->nclasses++;
	s->class_names[c] = MemoryContextAlloc(s->hdr.eoh_context, Max(len, 1));
	memcpy(s->class_names[c], name, len);
	s->class_lens[c] = len;
	s->comments[c] = 0;
	return s->last_class = c;
}

static void
grow_terms(TermState *s)
{
	MemoryContext cxt = s->hdr.eoh_context;
	int			cap = s->cap_terms * 2;
	Size		old_bytes = (Size) s->cap_terms * s->cap_classes * 2 * sizeof(int64);
	uint32		mask;
	int			t;

	s->term_off = repalloc(s->term_off, cap * sizeof(uint32));
	s->term_len = repalloc(s->term_len, cap * sizeof(uint16));
	s->term_hash = repalloc(s->term_hash, cap * sizeof(uint32));
	s->counts = repalloc_huge(s->counts, old_bytes * 2);
	memset((char *) s->counts + old_bytes, 0, old_bytes);
	s->cap_terms = cap;

	/* the hash table stays at most half full */
	pfree(s->slots);
	s->nslots *= 2;
	s->slots = MemoryContextAllocZero(cxt, s->nslots * sizeof(int32));
	mask = s->nslots - 1;
	for (t = 0; t < s->nterms; t++)
	{
		uint32		slot = s->term_hash[t] & mask;

		while (s->slots[slot] != 0)
			slot = (slot + 1) & mask;
		s->slots[slot] = t + 1;
	}
}

/* The index of term (inserted with zero counts when new). */
int
terms_term(TermState *s, const char *term, int len, uint32 hash)
{
	uint32		mask = s->nslots - 1;
	uint32		slot = hash & mask;
	int			t;

	while (s->slots[slot] != 0)
	{
		t = s->slots[slot] - 1;
		if (s->term_hash[t] == hash && s->term_len[t] == len &&
			memcmp(s->arena + s->term_off[t], term, len) == 0)
			return t;
		slot = (slot + 1) & mask;
	}
	if (len > TERMS_MAX_TERM_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("term of %d bytes is too long for a term summary", len),
				 errhint("Terms have at most %d bytes.", TERMS_MAX_TERM_BYTES)));
	if (s->nterms == TERMS_MAX_TERMS)
		limit_exceeded("distinct terms", TERMS_MAX_TERMS,
					   "Summarize fewer answers per group, or leave phrases off.");
	if ((Size) (s->nterms + 1) * Max(s->nclasses, 1) > TERMS_MAX_CELLS)
		limit_exceeded("term-class counts", TERMS_MAX_CELLS,
					   "Distinct terms times classes is limited: use fewer classes, fewer answers per group, or leave phrases off.");
	if (s->arena_len + len > TERMS_MAX_NAME_BYTES / 2)
		limit_exceeded("bytes of terms", TERMS_MAX_NAME_BYTES / 2,
					   "Summarize fewer answers per group, or leave phrases off.");
	if (s->nterms == s->cap_terms)
	{
		grow_terms(s);
		return terms_term(s, term, len, hash);
	}
	if (s->arena_len + len > s->arena_cap)
	{
		s->arena_cap = Max(s->arena_cap * 2, s->arena_len + len);
		s->arena = repalloc_huge(s->arena, s->arena_cap);
	}
	t = s->nterms++;
	memcpy(s->arena + s->arena_len, term, len);
	s->term_off[t] = s->arena_len;
	s->term_len[t] = len;
	s->term_hash[t] = hash;
	s->arena_len += len;
	s->slots[slot] = t + 1;
	return t;
}

void
terms_set_config(TermState *s, const char *name, int len)
{
	if (s->config == NULL)
	{
		s->config = MemoryContextAlloc(s->hdr.eoh_context, len + 1);
		memcpy(s->config, name, len);
		s->config[len] = '\0';
		s->config_len = len;
	}
	else if (s->config_len != len || memcmp(s->config, name, len) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("term summaries of different text search configurations cannot be combined"),
				 errdetail("One uses %s, the other %.*s.", s->config, len, name),
				 errhint("Summarize every answer of a group with the same configuration.")));
}

void
terms_set_flags(TermState *s, uint8 flags)
{
	if (!s->flags_known)
	{
		s->flags = flags;
		s->flags_known = true;
	}
	else if (s->flags != flags)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("term summaries with and without phrases cannot be combined"),
				 errhint("Pass the same phrases argument for every answer of a group.")));
}

/* An expanded copy of a flat summary, in a new child context of parent. */
TermState *
terms_expand(const TermSummaryFlat *flat, MemoryContext parent)
{
	TermState  *s = terms_new(parent);
	TermsView	v;
	const char *p;
	const char *end;
	int			c,
				t;

	terms_view(flat, &v);
	terms_set_config(s, v.config, v.config_len);
	terms_set_flags(s, flat->flags);
	for (c = 0; c < flat->nclasses; c++)
	{
		terms_class(s, v.class_names[c], v.class_lens[c]);
		s->comments[c] = v.comments[c];
	}
	p = v.names_of_terms;
	end = TERMS_NAMES(flat) + flat->names_len;
	for (t = 0; t < flat->nterms; t++)
	{
		int			len;
		const char *term = next_name(&p, end, &len);
		int			k = terms_term(s, term, len, hash_bytes((const unsigned char *) term, len));

		if (k != t)
			corrupted("a term occurs twice");
		memcpy(terms_cell(s, t, 0), &v.counts[(Size) t * flat->nclasses * 2],
			   flat->nclasses * 2 * sizeof(int64));
		if ((t & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	return s;
}

/* ---- flattening ------------------------------------------------------------------------------- */

static Size
terms_names_len(const TermState *s)
{
	Size		len = 2 + s->config_len + 2 * (Size) s->nterms + s->arena_len;
	int			c;

	for (c = 0; c < s->nclasses; c++)
		len += 2 + s->class_lens[c];
	return len;
}

static Size
terms_get_flat_size(ExpandedObjectHeader *eoh)
{
	TermState  *s = (TermState *) eoh;
	Size		names = terms_names_len(s);

	return TERMS_COUNTS_OFFSET(names) + sizeof(int64) * s->nclasses +
		2 * sizeof(int64) * (Size) s->nterms * s->nclasses;
}

static int
bytes_cmp(const char *a, int alen, const char *b, int blen)
{
	int			r = memcmp(a, b, Min(alen, blen));

	return r != 0 ? r : (alen > blen) - (alen < blen);
}

static int
term_order_cmp(const void *a, const void *b, void *arg)
{
	const TermState *s = arg;
	int			x = *(const int32 *) a;
	int			y = *(const int32 *) b;

	return bytes_cmp(s->arena + s->term_off[x], s->term_len[x],
					 s->arena + s->term_off[y], s->term_len[y]);
}

static char *
put_name(char *p, const char *name, int len)
{
	uint16		n = len;

	memcpy(p, &n, 2);
	memcpy(p + 2, name, len);
	return p + 2 + len;
}

static void
terms_flatten_into(ExpandedObjectHeader *eoh, void *result, Size allocated_size)
{
	TermState  *s = (TermState *) eoh;
	TermSummaryFlat *f = result;
	Size		names_len = terms_names_len(s);
	int			class_order[TERMS_MAX_CLASSES];
	int32	   *term_order = palloc_extended(Max(s->nterms, 1) * sizeof(int32), MCXT_ALLOC_HUGE);
	int64	   *comments;
	int64	   *counts;
	char	   *p;
	int			c,
				k,
				t;

	Assert(allocated_size == terms_get_flat_size(eoh));
	memset(f, 0, allocated_size);
	SET_VARSIZE(f, allocated_size);
	f->version = TERMS_VERSION;
	f->flags = s->flags;
	f->nclasses = s->nclasses;
	f->nterms = s->nterms;
	f->names_len = names_len;

	/* classes in byte order (at most 64: insertion sort) */
	for (c = 0; c < s->nclasses; c++)
	{
		for (k = c; k > 0 && bytes_cmp(s->class_names[class_order[k - 1]], s->class_lens[class_order[k - 1]],
									   s->class_names[c], s->class_lens[c]) > 0; k--)
			class_order[k] = class_order[k - 1];
		class_order[k] = c;
	}
	for (t = 0; t < s->nterms; t++)
		term_order[t] = t;
	qsort_arg(term_order, s->nterms, sizeof(int32), term_order_cmp, s);

	p = put_name(TERMS_NAMES(f), s->config, s->config_len);
	for (c = 0; c < s->nclasses; c++)
		p = put_name(p, s->class_names[class_order[c]], s->class_lens[class_order[c]]);
	for (t = 0; t < s->nterms; t++)
		p = put_name(p, s->arena + s->term_off[term_order[t]], s->term_len[term_order[t]]);

	comments = (int64 *) ((char *) f + TERMS_COUNTS_OFFSET(names_len));
	counts = comments + s->nclasses;
	for (c = 0; c < s->nclasses; c++)
		comments[c] = s->comments[class_order[c]];
	for (t = 0; t < s->nterms; t++)
	{
		const int64 *cell = terms_cell(s, term_order[t], 0);

		for (c = 0; c < s->nclasses; c++)
		{
			*counts++ = cell[2 * class_order[c]];
			*counts++ = cell[2 * class_order[c] + 1];
		}
		if ((t & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	pfree(term_order);
}

/* A flat copy (in CurrentMemoryContext). */
TermSummaryFlat *
terms_flatten(TermState *s)
{
	Size		size = terms_get_flat_size(&s->hdr);
	TermSummaryFlat *f = palloc_extended(size, MCXT_ALLOC_HUGE);

	terms_flatten_into(&s->hdr, f, size);
	return f;
}

/* ---- aggregation ------------------------------------------------------------------------------ */

/*
 * The state to update: the aggregate's own expanded summary (argument 0), else an expanded copy
 * of argument 0 (or a new summary when it is NULL) in the aggregate's memory.
 */
static TermState *
state_for_update(FunctionCallInfo fcinfo, MemoryContext aggcxt)
{
	if (PG_ARGISNULL(0))
		return terms_new(aggcxt);
	if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(PG_GETARG_DATUM(0))))
	{
		TermState  *s = (TermState *) DatumGetEOHP(PG_GETARG_DATUM(0));

		if (s->hdr.eoh_methods == &terms_methods &&
			MemoryContextGetParent(s->hdr.eoh_context) == aggcxt)
			return s;
	}
	return terms_expand(terms_arg(fcinfo, 0), aggcxt);
}

/* The configuration's schema-qualified name, as stored. */
static char *
config_name(Oid config)
{
	HeapTuple	tuple = SearchSysCache1(TSCONFIGOID, ObjectIdGetDatum(config));
	Form_pg_ts_config form;
	char	   *name;

	if (!HeapTupleIsValid(tuple))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("text search configuration %u does not exist", config)));
	form = (Form_pg_ts_config) GETSTRUCT(tuple);
	name = quote_qualified_identifier(get_namespace_name(form->cfgnamespace),
									  NameStr(form->cfgname));
	ReleaseSysCache(tuple);
	return name;
}

static void
state_config(TermState *s, Oid config)
{
	char	   *name;

	if (s->config_oid == config)
		return;
	name = config_name(config);
	if (s->config != NULL && strcmp(s->config, name) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("term_summary text search configuration changed within one group"),
				 errdetail("The group started with %s; this row has %s.", s->config, name),
				 errhint("Pass one configuration for every answer of a group.")));
	terms_set_config(s, name, strlen(name));
	s->config_oid = config;
}

typedef struct Positioned
{
	uint16		pos;
	int32		lexeme;
} Positioned;

static int
positioned_cmp(const void *a, const void *b)
{
	const Positioned *x = a;
	const Positioned *y = b;

	if (x->pos != y->pos)
		return (x->pos > y->pos) - (x->pos < y->pos);
	return (x->lexeme > y->lexeme) - (x->lexeme < y->lexeme);
}

typedef struct Phrase
{
	const char *text;
	int			len;
} Phrase;

static int
phrase_cmp(const void *a, const void *b)
{
	const Phrase *x = a;
	const Phrase *y = b;

	return bytes_cmp(x->text, x->len, y->text, y->len);
}

static void
count_term(TermState *s, int cls, const char *term, int len, int64 occurrences)
{
	int			t = terms_term(s, term, len, hash_bytes((const unsigned char *) term, len));
	int64	   *cell = terms_cell(s, t, cls);

	terms_add(&cell[0], occurrences);
	terms_add(&cell[1], 1);
}

/* Two-word phrases: each pair of lexemes at adjacent positions, counted per answer. */
static void
count_phrases(TermState *s, int cls, TSVector v)
{
	WordEntry  *we = ARRPTR(v);
	char	   *str = STRPTR(v);
	int			npos = 0,
				nphrases = 0,
				i,
				k,
				m;
	Positioned *pos;
	Phrase	   *phrases;
	StringInfoData buf;

	for (i = 0; i < v->size; i++)
		npos += POSDATALEN(v, &we[i]);
	if (npos < 2)
		return;
	pos = palloc(npos * sizeof(Positioned));
	npos = 0;
	for (i = 0; i < v->size; i++)
	{
		WordEntryPos *p = POSDATAPTR(v, &we[i]);

		for (k = 0; k < POSDATALEN(v, &we[i]); k++)
		{
			pos[npos].pos = WEP_GETPOS(p[k]);
			pos[npos++].lexeme = i;
		}
	}
	qsort(pos, npos, sizeof(Positioned), positioned_cmp);

	/* pairs (a at p, b at p + 1); collect their texts, then count each distinct one */
	initStringInfo(&buf);
	phrases = NULL;
	for (i = 0; i < npos; i = k)
	{
		for (k = i; k < npos && pos[k].pos == pos[i].pos; k++)
			;
		for (m = k; m < npos && pos[m].pos == pos[i].pos + 1; m++)
		{
			int			a;

			for (a = i; a < k; a++)
			{
				if (nphrases % 64 == 0)
					phrases = phrases == NULL ? palloc(64 * sizeof(Phrase))
						: repalloc(phrases, (nphrases + 64) * sizeof(Phrase));
				phrases[nphrases].len = we[pos[a].lexeme].len + 1 + we[pos[m].lexeme].len;
				/* offsets first: buf may move while it grows */
				phrases[nphrases].text = (const char *) (intptr_t) buf.len;
				appendBinaryStringInfo(&buf, str + we[pos[a].lexeme].pos, we[pos[a].lexeme].len);
				appendStringInfoChar(&buf, ' ');
				appendBinaryStringInfo(&buf, str + we[pos[m].lexeme].pos, we[pos[m].lexeme].len);
				nphrases++;
			}
		}
	}
	if (nphrases == 0)
		return;
	for (i = 0; i < nphrases; i++)
		phrases[i].text = buf.data + (intptr_t) phrases[i].text;
	qsort(phrases, nphrases, sizeof(Phrase), phrase_cmp);
	for (i = 0; i < nphrases; i = k)
	{
		for (k = i + 1; k < nphrases && phrase_cmp(&phrases[i], &phrases[k]) == 0; k++)
			;
		count_term(s, cls, phrases[i].text, phrases[i].len, k - i);
	}
}

/*
 * term_summary(comment, class [, config [, phrases]]) transition: a row without a class is
 * skipped; a NULL or empty comment counts as an answer without terms. config is the row's
 * configuration.
 */
static Datum
summary_trans(FunctionCallInfo fcinfo, Oid config)
{
	MemoryContext aggcxt;
	TermState  *s;
	uint8		flags = 0;
	text	   *class;
	int			cls;

	cxm_require_aggregate(fcinfo, "term_summary_trans", "term_summary(comment, class [, config [, phrases]])");
	AggCheckCallContext(fcinfo, &aggcxt);
	if (PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_NARGS() > 3 && PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("term_summary text search configuration must not be NULL"),
				 errhint("Pass a configuration such as 'english', or leave the argument out to use default_text_search_config.")));
	if (PG_NARGS() > 4 && PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("term_summary phrases argument must not be NULL"),
				 errhint("Pass true to count two-word phrases too, or false.")));
	if (PG_NARGS() > 4 && PG_GETARG_BOOL(4))
		flags = TERMS_PHRASES;

	s = state_for_update(fcinfo, aggcxt);
	state_config(s, config);
	terms_set_flags(s, flags);
	class = PG_GETARG_TEXT_PP(2);
	cls = terms_class(s, VARDATA_ANY(class), VARSIZE_ANY_EXHDR(class));
	terms_add(&s->comments[cls], 1);

	if (!PG_ARGISNULL(1))
	{
		TSVector	v = DatumGetTSVector(DirectFunctionCall2(to_tsvector_byid,
															 ObjectIdGetDatum(config),
															 PG_GETARG_DATUM(1)));
		WordEntry  *we = ARRPTR(v);
		int			i;

		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < v->size; i++)
			count_term(s, cls, STRPTR(v) + we[i].pos, we[i].len,
					   we[i].haspos ? POSDATALEN(v, &we[i]) : 1);
		if (flags & TERMS_PHRASES)
			count_phrases(s, cls, v);
	}
	PG_RETURN_DATUM(EOHPGetRWDatum(&s->hdr));
}

/* term_summary(comment, class, config [, phrases]) */
PG_FUNCTION_INFO_V1(term_summary_trans);
Datum
term_summary_trans(PG_FUNCTION_ARGS)
{
	return summary_trans(fcinfo, PG_NARGS() > 3 && !PG_ARGISNULL(3) ? PG_GETARG_OID(3) : InvalidOid);
}

/* term_summary(comment, class): the configuration is the session's default (hence STABLE) */
PG_FUNCTION_INFO_V1(term_summary_trans_default_config);
Datum
term_summary_trans_default_config(PG_FUNCTION_ARGS)
{
	return summary_trans(fcinfo, getTSCurrentConfig(true));
}

/* Adds the flat summary b into s. */
static void
terms_merge(TermState *s, const TermSummaryFlat *b)
{
	TermsView	v;
	int			map[TERMS_MAX_CLASSES];
	const char *p;
	const char *end;
	int			c,
				t;

	terms_view(b, &v);
	terms_set_config(s, v.config, v.config_len);
	terms_set_flags(s, b->flags);
	for (c = 0; c < b->nclasses; c++)
	{
		map[c] = terms_class(s, v.class_names[c], v.class_lens[c]);
		terms_add(&s->comments[map[c]], v.comments[c]);
	}
	p = v.names_of_terms;
	end = TERMS_NAMES(b) + b->names_len;
	for (t = 0; t < b->nterms; t++)
	{
		int			len;
		const char *term = next_name(&p, end, &len);
		int			k = terms_term(s, term, len, hash_bytes((const unsigned char *) term, len));
		const int64 *add = &v.counts[(Size) t * b->nclasses * 2];

		for (c = 0; c < b->nclasses; c++)
		{
			int64	   *cell = terms_cell(s, k, map[c]);

			terms_add(&cell[0], add[2 * c]);
			terms_add(&cell[1], add[2 * c + 1]);
		}
		if ((t & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
}

/* Combine and rollup: the sum of two summaries of the same configuration and phrases option. */
PG_FUNCTION_INFO_V1(term_summary_combine);
Datum
term_summary_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	TermState  *s;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (!AggCheckCallContext(fcinfo, &aggcxt))
	{
		/* a direct call: the sum of two values */
		if (PG_ARGISNULL(0))
			PG_RETURN_POINTER(terms_arg(fcinfo, 1));
		s = terms_expand(terms_arg(fcinfo, 0), CurrentMemoryContext);
		terms_merge(s, terms_arg(fcinfo, 1));
		PG_RETURN_POINTER(terms_flatten(s));
	}
	s = state_for_update(fcinfo, aggcxt);
	terms_merge(s, terms_arg(fcinfo, 1));
	PG_RETURN_DATUM(EOHPGetRWDatum(&s->hdr));
}

/* Final function: the flat, canonical summary. */
PG_FUNCTION_INFO_V1(term_summary_final);
Datum
term_summary_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(terms_arg(fcinfo, 0));
}
