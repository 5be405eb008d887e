/*
 * journey_dict.c: the label dictionary that journey_agg's states share within one aggregation.
 *
 * A GROUP BY customer holds every customer's state at once; the labels of a customer's steps
 * (channel and action) are mostly the same few names in every state, and a dictionary in each
 * state costs more than its steps. Where a state can never leave the aggregation that builds it,
 * its steps name their labels by an index into one dictionary for all the states of that
 * aggregation, kept in its memory context (so it lives exactly as long as they do).
 *
 * That is the case only when journey_agg_trans is called by the executor's aggregation node as
 * the transition function of a plain (not partial) aggregate, whose transition state no other
 * aggregate shares, and whose final function is journey_agg_final: then the state goes nowhere
 * but into that final function, in this backend. Partial aggregates (parallel workers, whose
 * states travel to the leader), Citus's wrapped calls, window aggregates and anything else get
 * states that carry their own dictionary (journey_compact.c).
 *
 * A state names its dictionary by an id, never by address: the dictionaries alive in this
 * backend are in a list, each removed when its memory context is reset or deleted, and ids are
 * not reused (a 32-bit counter), so a state read after its aggregation ended is an error, never
 * a stray read.
 *
 * Only hash aggregation shares: it holds many groups at once, in one context per hash table;
 * a sorted or plain aggregation holds one group at a time, whose own dictionary costs nothing.
 */
#include "journey.h"

#include "common/hashfn.h"
#include "executor/nodeAgg.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "utils/memutils.h"

extern Datum journey_agg_final(PG_FUNCTION_ARGS);

struct JourneyDict
{
	uint32		id;
	MemoryContext context;		/* the aggregation's: the dictionary and its labels live here */
	int			n;
	int			capacity;
	JourneyStep *labels;		/* channel and action of each entry (times unused) */
	uint32	   *slots;			/* open addressing: entry index + 1, 0 for free */
	uint32		nslots;			/* a power of two, at least twice n */
	MemoryContextCallback on_reset;
	struct JourneyDict *next;
};

/* this backend's live dictionaries (one per running aggregation, rarely more) */
static JourneyDict *live_dicts = NULL;
static uint32 next_dict_id = 1;

/* what journey_agg_trans keeps in fn_extra: whether and where states share a dictionary */
typedef struct DictCache
{
	AggState   *aggstate;		/* the node the verdict is for */
	double		expected_steps; /* journey_planned_steps */
	bool		shared;
	MemoryContext context;		/* the aggregation context of the dictionary below */
	uint32		dict_id;
} DictCache;

static void
dict_forget(void *arg)
{
	JourneyDict *dict = (JourneyDict *) arg;
	JourneyDict **p;

	for (p = &live_dicts; *p != NULL; p = &(*p)->next)
	{
		if (*p == dict)
		{
			*p = dict->next;
			break;
		}
	}
}

JourneyDict *
journey_dict_find(uint32 id)
{
	JourneyDict *dict;

	for (dict = live_dicts; dict != NULL; dict = dict->next)
		if (dict->id == id)
			return dict;
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("journey value is an aggregate's working state that outlived its aggregation")));
	return NULL;				/* not reached */
}

uint32
journey_dict_id(const JourneyDict *dict)
{
	return dict->id;
}

static JourneyDict *
dict_create(MemoryContext context)
{
	JourneyDict *dict = MemoryContextAllocZero(context, sizeof(JourneyDict));

	/* 0 is never an id; ids wrap around only after 2^32 hash tables in one backend */
	if (next_dict_id == 0)
		next_dict_id = 1;
	dict->id = next_dict_id++;
	dict->context = context;
	dict->capacity = 16;
	dict->labels = MemoryContextAlloc(context, dict->capacity * sizeof(JourneyStep));
	dict->nslots = 32;
	dict->slots = MemoryContextAllocZero(context, dict->nslots * sizeof(uint32));
	dict->on_reset.func = dict_forget;
	dict->on_reset.arg = dict;
	MemoryContextRegisterResetCallback(context, &dict->on_reset);
	dict->next = live_dicts;
	live_dicts = dict;
	return dict;
}

/*
 * Whether journey_agg_trans's states may share a dictionary in this call (see the top of this
 * file): a plain aggregation calling it directly, its state not shared, journey_agg_final after.
 */
static bool
dict_allowed(FunctionCallInfo fcinfo, AggState *aggstate)
{
	AggStatePerTrans pertrans = aggstate->curpertrans;
	int			i;

	if (aggstate->aggsplit != AGGSPLIT_SIMPLE || pertrans == NULL ||
		pertrans->transfn_fcinfo != fcinfo || pertrans->aggshared)
		return false;
	for (i = 0; i < aggstate->numaggs; i++)
	{
		AggStatePerAgg peragg = &aggstate->peragg[i];

		if (&aggstate->pertrans[peragg->transno] == pertrans)
			return OidIsValid(peragg->finalfn_oid) && peragg->finalfn.fn_addr == journey_agg_final;
	}
	return false;
}

JourneyDict *
journey_dict_for_call(FunctionCallInfo fcinfo, double *expected_steps)
{
	DictCache  *cache = (DictCache *) fcinfo->flinfo->fn_extra;
	MemoryContext aggcontext;
	JourneyDict *dict;

	*expected_steps = 0;
	if (fcinfo->context == NULL || !IsA(fcinfo->context, AggState) ||
		AggCheckCallContext(fcinfo, &aggcontext) != AGG_CONTEXT_AGGREGATE)
		return NULL;
	/* journey_agg_trans keeps nothing else in fn_extra */
	if (cache == NULL || cache->aggstate != (AggState *) fcinfo->context)
	{
		if (cache == NULL)
			cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(DictCache));
		cache->aggstate = (AggState *) fcinfo->context;
		cache->expected_steps = journey_planned_steps(fcinfo);
		cache->shared = dict_allowed(fcinfo, cache->aggstate);
		cache->context = NULL;
		fcinfo->flinfo->fn_extra = cache;
	}
	*expected_steps = cache->expected_steps;
	if (!cache->shared || cache->aggstate->hashcontext == NULL ||
		aggcontext != cache->aggstate->hashcontext->ecxt_per_tuple_memory)
		return NULL;
	/* the dictionary of this aggregation context, unless a reset has dropped it */
	if (cache->context == aggcontext)
	{
		for (dict = live_dicts; dict != NULL; dict = dict->next)
			if (dict->id == cache->dict_id)
				return dict;
	}
	dict = dict_create(aggcontext);
	cache->context = aggcontext;
	cache->dict_id = dict->id;
	return dict;
}

static inline uint32
label_hash(const char *channel, int channel_len, const char *action, int action_len)
{
	uint32		h = hash_bytes((const unsigned char *) channel, channel_len);

	if (action != NULL)
		h = hash_combine(h, hash_bytes((const unsigned char *) action, action_len));
	return h;
}

static void
dict_grow(JourneyDict *dict)
{
	uint32		nslots = dict->nslots * 2;
	uint32	   *slots = MemoryContextAllocZero(dict->context, nslots * sizeof(uint32));
	int			i;

	for (i = 0; i < dict->n; i++)
	{
		const JourneyStep *l = &dict->labels[i];
		uint32		s = label_hash(l->channel, l->channel_len, l->action, l->action_len) & (nslots - 1);

		while (slots[s] != 0)
			s = (s + 1) & (nslots - 1);
		slots[s] = i + 1;
	}
	pfree(dict->slots);
	dict->slots = slots;
	dict->nslots = nslots;
}

int
journey_dict_index(JourneyDict *dict, const char *channel, int channel_len, const char *action,
				   int action_len)
{
	uint32		s = label_hash(channel, channel_len, action, action_len) & (dict->nslots - 1);
	JourneyStep *l;
	char	   *copy;

	for (; dict->slots[s] != 0; s = (s + 1) & (dict->nslots - 1))
	{
		l = &dict->labels[dict->slots[s] - 1];
		if (l->channel_len == channel_len && (l->action != NULL) == (action != NULL) &&
			memcmp(l->channel, channel, channel_len) == 0 &&
			(action == NULL || (l->action_len == action_len &&
								memcmp(l->action, action, action_len) == 0)))
			return dict->slots[s] - 1;
	}
	if (dict->n == dict->capacity)
	{
		if (dict->capacity >= (int) (MaxAllocSize / sizeof(JourneyStep) / 2))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("journey_agg has more than %d distinct step labels", dict->capacity),
					 errhint("Aggregate fewer distinct channels and actions at once.")));
		dict->capacity *= 2;
		dict->labels = repalloc(dict->labels, dict->capacity * sizeof(JourneyStep));
	}
	copy = MemoryContextAlloc(dict->context, channel_len + (action ? action_len : 0));
	memcpy(copy, channel, channel_len);
	if (action != NULL)
		memcpy(copy + channel_len, action, action_len);
	l = &dict->labels[dict->n];
	l->at = 0;
	l->channel = copy;
	l->channel_len = channel_len;
	l->action = action ? copy + channel_len : NULL;
	l->action_len = action ? action_len : 0;
	dict->slots[s] = ++dict->n;
	if ((uint32) dict->n * 2 > dict->nslots)
		dict_grow(dict);
	return dict->n - 1;
}

const JourneyStep *
journey_dict_label(const JourneyDict *dict, uint64 index)
{
	if (index >= (uint64) dict->n)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("journey value is corrupted: its steps are invalid")));
	return &dict->labels[index];
}
