/*
 * pattern.c: the journey pattern language's matcher: a Thompson construction from the syntax
 * tree (pattern_parse.c, where the grammar and the meaning of a match are described) to an NFA,
 * and a state-set simulation of the NFA over a time-ordered array of steps, linear in the number
 * of steps (no backtracking).
 *
 * Time bounds in the simulation. Because terms match consecutive steps, "the step matched
 * right before the bound" is always the journey step just before the one being consumed, for
 * every thread that has already consumed a step: the gap to check is steps[i].at -
 * steps[i-1].at, the same for all such threads, so no per-thread time is needed and the check
 * is exact for <, <=, > and >= alike. A bound node is an epsilon transition taken while
 * computing the closure before step i. The only thread-dependent fact is whether the thread
 * has consumed a step yet: threads started at step i (fresh) pass every bound vacuously, so
 * the closure before each step runs twice into one state set: first from the start state with
 * bounds vacuous, then from the states carried over from step i-1 with bounds checked. A state
 * reached by both is explored once; fresh threads go first because they are at least as
 * permissive (bounds vacuous, '^' only at step 0 for both), so a state first reached by a
 * fresh thread has nothing further reachable for a carried one. A bound that blocks is not
 * marked visited, so another path can still pass it. Acceptance after step i is a third
 * closure from the carried states with bounds vacuous (nothing follows inside the match) and
 * '$' true only after the last step. Cost: O(states) per step, O(steps * states) in all.
 */
#include "cxm.h"
#include "pattern_parse.h"

#include "common/int.h"
#include "miscadmin.h"
#include "utils/memutils.h"

/* ---- NFA ---------------------------------------------------------------------------------- */

typedef enum PatternStateKind
{
	PS_LABEL,					/* consumes a step with this channel (and action) */
	PS_ANY,						/* consumes any step */
	PS_SPLIT,					/* epsilon to out and out1 */
	PS_EPSILON,					/* epsilon to out */
	PS_BOUND,					/* epsilon to out when the gap to the next step fits */
	PS_START,					/* epsilon to out before the first step only */
	PS_END,						/* epsilon to out after the last step only */
	PS_MATCH
} PatternStateKind;

typedef struct PatternState
{
	uint8		kind;			/* PatternStateKind */
	uint8		op;				/* PS_BOUND: PatternBoundOp */
	int32		out;
	int32		out1;
	int32		channel_len;
	int32		action_len;
	const char *channel;		/* NULL when any channel matches */
	const char *action;			/* NULL when any action matches */
	int64		usecs;			/* PS_BOUND */
} PatternState;

struct Pattern
{
	PatternState *states;
	int			nstates;
	int			capacity;
	int			start;
	const char *source;			/* the pattern text, while compiling (error messages) */
	int			source_len;
	/* scratch space for matching, nstates entries each */
	int		   *carried;		/* states entered by consuming the previous step */
	int		   *next;
	int		   *closure;		/* consuming states reached before the current step */
	int		   *stack;
	uint32	   *seen;			/* seen[s] == generation: s is in the current closure */
	uint32	   *seen_next;
	uint32		generation;
};

/* What a closure may pass: bounds, ^ and $ depend on where it is computed and for whom. */
typedef struct PatternClosureContext
{
	bool		bounds_vacuous; /* no step consumed yet, or none to follow */
	int64		gap;			/* otherwise: microseconds from the previous step to the next */
	bool		at_start;		/* before the first step: ^ passes */
	bool		at_end;			/* after the last step: $ passes */
} PatternClosureContext;

/* ---- Thompson construction ---------------------------------------------------------------- */

/* A piece of NFA with one entry and one exit state whose `out` is still unset. */
typedef struct PatternFragment
{
	int			start;
	int			end;
} PatternFragment;

static int
nfa_add_state(Pattern *p, PatternStateKind kind)
{
	PatternState *st;

	if (p->nstates >= PATTERN_MAX_STATES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("journey pattern \"%s\" is too complex: it needs more than %d states",
						cxm_quote_value(p->source, p->source_len), PATTERN_MAX_STATES),
				 errhint("Bounded repetitions such as {m,n} copy their term; use smaller "
						 "counts or * and +.")));
	if (p->nstates == p->capacity)
	{
		p->capacity *= 2;
		p->states = repalloc(p->states, p->capacity * sizeof(PatternState));
	}
	st = &p->states[p->nstates];
	memset(st, 0, sizeof(PatternState));
	st->kind = kind;
	st->out = -1;
	st->out1 = -1;
	return p->nstates++;
}

static PatternFragment
nfa_single(Pattern *p, PatternStateKind kind)
{
	PatternFragment f;

	f.start = f.end = nfa_add_state(p, kind);
	return f;
}

/* f followed by g; an unset f (start < 0) is the empty sequence */
static PatternFragment
nfa_concat(Pattern *p, PatternFragment f, PatternFragment g)
{
	if (f.start < 0)
		return g;
	p->states[f.end].out = g.start;
	f.end = g.end;
	return f;
}

static PatternFragment nfa_build(Pattern *p, const PatternAst *node);

/* term repeated min..max times (max -1: unbounded): copies, then a loop or optional copies */
static PatternFragment
nfa_build_repeat(Pattern *p, const PatternAst *node)
{
	const PatternAst *term = node->children[0];
	PatternFragment f = {-1, -1};
	int			copies = node->min;
	int			i;

	if (node->max < 0 && copies > 0)
		copies--;				/* the last required copy carries the loop back */
	for (i = 0; i < copies; i++)
		f = nfa_concat(p, f, nfa_build(p, term));
	if (node->max < 0)
	{
		int			split;
		int			exit;
		PatternFragment g;

		if (node->min > 0)
		{
			/* term+ : term, then either again or out */
			g = nfa_build(p, term);
			split = nfa_add_state(p, PS_SPLIT);
			exit = nfa_add_state(p, PS_EPSILON);
			p->states[g.end].out = split;
			p->states[split].out = g.start;
			p->states[split].out1 = exit;
			g.end = exit;
		}
		else
		{
			/* term* : either term and back, or out */
			split = nfa_add_state(p, PS_SPLIT);
			g = nfa_build(p, term);
			exit = nfa_add_state(p, PS_EPSILON);
			p->states[split].out = g.start;
			p->states[split].out1 = exit;
			p->states[g.end].out = split;
			g.start = split;
			g.end = exit;
		}
		f = nfa_concat(p, f, g);
	}
	else
	{
		for (i = node->min; i < node->max; i++)
		{
			/* term? : either term or nothing */
			int			split = nfa_add_state(p, PS_SPLIT);
			PatternFragment g = nfa_build(p, term);
			int			exit = nfa_add_state(p, PS_EPSILON);

			p->states[split].out = g.start;
			p->states[split].out1 = exit;
			p->states[g.end].out = exit;
			g.start = split;
			g.end = exit;
			f = nfa_concat(p, f, g);
		}
	}
	if (f.start < 0)
		f = nfa_single(p, PS_EPSILON);	/* {0} */
	return f;
}

static PatternFragment
nfa_build(Pattern *p, const PatternAst *node)
{
	PatternFragment f = {-1, -1};
	int			i;

	check_stack_depth();
	switch (node->kind)
	{
		case PA_LABEL:
			f = nfa_single(p, PS_LABEL);
			p->states[f.start].channel = node->channel;
			p->states[f.start].channel_len = node->channel_len;
			p->states[f.start].action = node->action;
			p->states[f.start].action_len = node->action_len;
			break;
		case PA_ANY:
			f = nfa_single(p, PS_ANY);
			break;
		case PA_START:
			f = nfa_single(p, PS_START);
			break;
		case PA_END:
			f = nfa_single(p, PS_END);
			break;
		case PA_BOUND:
			f = nfa_single(p, PS_BOUND);
			p->states[f.start].op = (uint8) node->op;
			p->states[f.start].usecs = node->usecs;
			break;
		case PA_SEQ:
			for (i = 0; i < node->nchildren; i++)
				f = nfa_concat(p, f, nfa_build(p, node->children[i]));
			break;
		case PA_ALT:
			{
				int			join = nfa_add_state(p, PS_EPSILON);
				int			pending = -1;	/* split whose out1 awaits the next choice */

				for (i = 0; i < node->nchildren; i++)
				{
					int			entry;
					PatternFragment g;

					if (i < node->nchildren - 1)
					{
						entry = nfa_add_state(p, PS_SPLIT);
						g = nfa_build(p, node->children[i]);
						p->states[entry].out = g.start;
					}
					else
					{
						g = nfa_build(p, node->children[i]);
						entry = g.start;
					}
					p->states[g.end].out = join;
					if (pending >= 0)
						p->states[pending].out1 = entry;
					else
						f.start = entry;
					pending = entry;
				}
				f.end = join;
				break;
			}
		case PA_REPEAT:
			f = nfa_build_repeat(p, node);
			break;
	}
	return f;
}

/* ---- compile ------------------------------------------------------------------------------ */

Pattern *
pattern_compile(const char *text, int len)
{
	PatternAst *root = pattern_parse(text, len);
	Pattern    *p;
	PatternFragment f;
	int			match;

	p = palloc0(sizeof(Pattern));
	p->capacity = 64;
	p->states = palloc(p->capacity * sizeof(PatternState));
	p->source = text;
	p->source_len = len;
	f = nfa_build(p, root);
	match = nfa_add_state(p, PS_MATCH);
	p->states[f.end].out = match;
	p->start = f.start;
	p->source = NULL;			/* the caller's text may not outlive the pattern */
	p->source_len = 0;

	p->carried = palloc(p->nstates * sizeof(int));
	p->next = palloc(p->nstates * sizeof(int));
	p->closure = palloc(p->nstates * sizeof(int));
	p->stack = palloc(p->nstates * sizeof(int));
	p->seen = palloc0(p->nstates * sizeof(uint32));
	p->seen_next = palloc0(p->nstates * sizeof(uint32));
	p->generation = 0;
	return p;
}

/* What pattern_compile_cached keeps in fn_extra. */
typedef struct PatternCache
{
	MemoryContext context;		/* holds text and pattern; a child of fn_mcxt */
	char	   *text;
	int			len;
	Pattern    *pattern;
} PatternCache;

Pattern *
pattern_compile_cached(FmgrInfo *flinfo, const char *text, int len)
{
	PatternCache *cache = (PatternCache *) flinfo->fn_extra;
	MemoryContext context;
	MemoryContext old;
	Pattern    *p;
	char	   *copy;

	if (cache != NULL && cache->len == len && memcmp(cache->text, text, len) == 0)
		return cache->pattern;
	/*
	 * Compile before dropping the old one, in a context under the caller's short-lived one: an
	 * invalid pattern leaves the cache as it was, and the context it was being built in goes
	 * with the caller's. Only a compiled pattern moves under fn_mcxt. (Built under fn_mcxt, a
	 * failed compile stayed there until fn_mcxt went: a C caller that catches the errors and
	 * keeps calling through the same FmgrInfo grew by a context per invalid pattern; found by
	 * test/fuzz/long_run.sh, 2 GB after 220,000 invalid patterns.)
	 */
	context = AllocSetContextCreate(CurrentMemoryContext, "journey pattern", ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(context);
	p = pattern_compile(text, len);
	copy = palloc(Max(len, 1));
	memcpy(copy, text, len);
	MemoryContextSwitchTo(old);
	MemoryContextSetParent(context, flinfo->fn_mcxt);
	if (cache == NULL)
	{
		cache = MemoryContextAlloc(flinfo->fn_mcxt, sizeof(PatternCache));
		flinfo->fn_extra = cache;
	}
	else
		MemoryContextDelete(cache->context);
	cache->context = context;
	cache->text = copy;
	cache->len = len;
	cache->pattern = p;
	return p;
}

/* ---- simulation --------------------------------------------------------------------------- */

/* A new generation: every state is unseen, without clearing the arrays (except on wrap). */
static void
pattern_new_generation(Pattern *p)
{
	if (++p->generation == 0)
	{
		memset(p->seen, 0, p->nstates * sizeof(uint32));
		memset(p->seen_next, 0, p->nstates * sizeof(uint32));
		p->generation = 1;
	}
}

static bool
pattern_bound_holds(const PatternState *st, int64 gap)
{
	switch ((PatternBoundOp) st->op)
	{
		case PB_LT:
			return gap < st->usecs;
		case PB_LE:
			return gap <= st->usecs;
		case PB_GT:
			return gap > st->usecs;
		case PB_GE:
			return gap >= st->usecs;
	}
	return false;
}

/* Marks s seen and schedules it, unless it was seen or cx does not let a thread through it. */
static inline void
pattern_enter(Pattern *p, int s, const PatternClosureContext *cx, int *depth)
{
	const PatternState *st = &p->states[s];

	if (p->seen[s] == p->generation)
		return;
	/* a blocked state stays unseen: a more permissive thread may pass it later */
	switch ((PatternStateKind) st->kind)
	{
		case PS_BOUND:
			if (!cx->bounds_vacuous && !pattern_bound_holds(st, cx->gap))
				return;
			break;
		case PS_START:
			if (!cx->at_start)
				return;
			break;
		case PS_END:
			if (!cx->at_end)
				return;
			break;
		default:
			break;
	}
	p->seen[s] = p->generation;
	p->stack[(*depth)++] = s;
}

/*
 * Follows epsilon transitions from the roots in the current generation, appending the
 * consuming states reached to p->closure (when collect). Returns whether MATCH was reached.
 */
static bool
pattern_closure(Pattern *p, const int *roots, int nroots, const PatternClosureContext *cx,
				int *nclosure)
{
	int			depth = 0;
	bool		matched = false;
	int			i;

	for (i = 0; i < nroots; i++)
		pattern_enter(p, roots[i], cx, &depth);
	while (depth > 0)
	{
		int			s = p->stack[--depth];
		const PatternState *st = &p->states[s];

		switch ((PatternStateKind) st->kind)
		{
			case PS_LABEL:
			case PS_ANY:
				if (nclosure != NULL)
					p->closure[(*nclosure)++] = s;
				break;
			case PS_SPLIT:
				pattern_enter(p, st->out, cx, &depth);
				pattern_enter(p, st->out1, cx, &depth);
				break;
			case PS_EPSILON:
			case PS_BOUND:
			case PS_START:
			case PS_END:
				pattern_enter(p, st->out, cx, &depth);
				break;
			case PS_MATCH:
				matched = true;
				break;
		}
	}
	return matched;
}

static inline bool
pattern_step_fits(const PatternState *st, const PatternStep *step)
{
	if (st->kind == PS_ANY)
		return true;
	if (st->channel != NULL &&
		(st->channel_len != step->channel_len ||
		 memcmp(st->channel, step->channel, st->channel_len) != 0))
		return false;
	if (st->action == NULL)
		return true;
	return step->action != NULL && st->action_len == step->action_len &&
		memcmp(st->action, step->action, st->action_len) == 0;
}

/* Microseconds from a to b, saturated instead of overflowing. */
static inline int64
pattern_gap(TimestampTz a, TimestampTz b)
{
	int64		gap;

	if (pg_sub_s64_overflow(b, a, &gap))
		return b > a ? PG_INT64_MAX : PG_INT64_MIN;
	return gap;
}

/* The match count (see the file comment); stops at the first match when first_only. */
static int64
pattern_run(Pattern *p, const PatternStep *steps, int n, bool first_only)
{
	int64		count = 0;
	int			ncarried = 0;
	int			i;

	for (i = 0;; i++)
	{
		PatternClosureContext cx;
		int			nclosure = 0;
		int			nnext = 0;
		int			k;
		int		   *swap;

		if (ncarried > 0)
		{
			/* does a thread that consumed steps up to i-1 accept here? */
			cx.bounds_vacuous = true;
			cx.gap = 0;
			cx.at_start = false;
			cx.at_end = (i == n);
			pattern_new_generation(p);
			if (pattern_closure(p, p->carried, ncarried, &cx, NULL))
			{
				count++;
				if (first_only)
					return count;
				ncarried = 0;	/* the next match starts at step i or later */
			}
		}
		if (i == n)
			break;
		CHECK_FOR_INTERRUPTS();

		pattern_new_generation(p);
		/* fresh thread first: it is the more permissive one (file comment) */
		cx.bounds_vacuous = true;
		cx.gap = 0;
		cx.at_start = (i == 0);
		cx.at_end = false;
		pattern_closure(p, &p->start, 1, &cx, &nclosure);
		if (ncarried > 0)
		{
			cx.bounds_vacuous = false;
			cx.gap = pattern_gap(steps[i - 1].at, steps[i].at);
			cx.at_start = false;
			pattern_closure(p, p->carried, ncarried, &cx, &nclosure);
		}

		for (k = 0; k < nclosure; k++)
		{
			const PatternState *st = &p->states[p->closure[k]];

			if (pattern_step_fits(st, &steps[i]) && p->seen_next[st->out] != p->generation)
			{
				p->seen_next[st->out] = p->generation;
				p->next[nnext++] = st->out;
			}
		}
		swap = p->carried;
		p->carried = p->next;
		p->next = swap;
		ncarried = nnext;
	}
	return count;
}

bool
pattern_matches(Pattern *p, const PatternStep *steps, int n)
{
	return pattern_run(p, steps, n, true) > 0;
}

int64
pattern_match_count(Pattern *p, const PatternStep *steps, int n)
{
	return pattern_run(p, steps, n, false);
}
