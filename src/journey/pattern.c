/*
 * pattern.c: the journey pattern language: a parser from pattern text to a syntax tree, a
 * Thompson construction from the tree to an NFA, and a state-set simulation of the NFA over a
 * time-ordered array of steps, linear in the number of steps (no backtracking).
 *
 * The language (docs-pattern.md is the user reference):
 *
 *   pattern    := alternative ( '|' alternative )*
 *   alternative:= item ( [ '->' [ bound ] ] item )*     white space or '->' is the sequence;
 *                 inside parentheses '->' bound may also begin or end an alternative
 *   item       := atom [ quantifier ]
 *   atom       := part [ '/' part ] | '.' | '^' | '$' | '(' pattern ')'
 *   part       := label | '*'                      ('*' as a channel only before '/')
 *   quantifier := '*' | '+' | '?' | '{m}' | '{m,}' | '{m,n}'   0 <= m <= n <= 1000
 *   bound      := '[' ( '<' | '<=' | '>' | '>=' ) interval ']'
 *   label      := unquoted | "double quoted" | 'single quoted' ('' is one quote)
 *
 * Terms match CONSECUTIVE steps: "channel" matches a step on that channel with any action or
 * none, "channel/action" one with that channel and action, "." any step. A '*' in place of
 * the channel or the action matches any channel or any action ("web" followed by '/' and '*' is
 * the same as "web"). A '*' directly followed by '/' always begins such a term and is never a
 * quantifier; it must be separated from the term before it by white space or "->" (right after
 * a label it could be meant as a glob, which the language does not have), and a '*' action must
 * end its term. A channel or action literally named * is written quoted. An unquoted label is a
 * run of bytes other than white space, control characters and ( ) | * + ? { } [ ] . ^ $ / " '
 * \ @ > , < and it ends before "->"; other labels are quoted. Labels follow the label rules of
 * cxm.h and match byte-wise (case-sensitive). '^' matches only before the first step of the
 * journey, '$' only after the last. Precedence: quantifier, then sequence, then '|'.
 *
 * A time bound "x ->[< 1 day] y" constrains the two consecutive matched steps on either side of
 * it: the step matched right after the bound must come less than (<=, more than, at least) the
 * interval after the step matched right before it. When one side of a bound matches no step
 * within the match ("a? ->[< 1 day] b" with a skipped at the start of the match), there is no
 * such pair and the bound holds. Several bounds between the same two steps must all hold. A
 * bound at the edge of a group binds across the group's edge: "web (->[< 10 minutes] web)*".
 * Intervals use interval input ('30 minutes', '2 days', 'PT1H'); days count as 24 hours, and
 * months, years and negative intervals are refused because they have no fixed length.
 *
 * Matches are non-empty runs of consecutive steps; a pattern that matches only the empty run
 * (a{0}, ^$) matches nothing. pattern_match_count() is the largest number of non-overlapping
 * matches: scanning left to right it takes, each time, the match that ENDS FIRST among those
 * starting at or after the end of the previous one (earliest end is optimal for disjoint
 * intervals), and starts over right after it. E.g. "a b c | b" on a b c counts 1 ("b"), and
 * "web+" on web web web counts 3.
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
#include "pattern.h"

#include "common/int.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/datetime.h"
#include "utils/memutils.h"

#define PATTERN_SYNTAX_HINT \
	"A journey pattern is a sequence of terms: channel, channel/action, \"quoted label\", " \
	"*/action (any channel), . (any step), ^ (start), $ (end), ( ), a | b, " \
	"quantifiers * + ? {m} {m,} {m,n} (at most 1000), and time bounds between terms such as a ->[< 1 day] b " \
	"(<, <=, >, >= and an interval without months)."

/* bytes that end an unquoted label (besides white space, control characters and "->") */
#define PATTERN_METACHARS "()|*+?{}[].^$/\"'\\@>,<"

/* ---- syntax tree -------------------------------------------------------------------------- */

typedef enum PatternAstKind
{
	PA_LABEL,					/* channel, optional action */
	PA_ANY,						/* . */
	PA_START,					/* ^ */
	PA_END,						/* $ */
	PA_BOUND,					/* ->[op interval] */
	PA_SEQ,						/* children in order */
	PA_ALT,						/* children are alternatives */
	PA_REPEAT					/* children[0] repeated min..max times (max -1: unbounded) */
} PatternAstKind;

typedef enum PatternBoundOp
{
	PB_LT,
	PB_LE,
	PB_GT,
	PB_GE
} PatternBoundOp;

typedef struct PatternAst
{
	PatternAstKind kind;
	const char *channel;		/* PA_LABEL: NULL when any channel matches */
	int			channel_len;
	const char *action;			/* PA_LABEL: NULL when any action matches */
	int			action_len;
	PatternBoundOp op;			/* PA_BOUND */
	int64		usecs;
	int			min;			/* PA_REPEAT */
	int			max;
	struct PatternAst **children;
	int			nchildren;
	int			capacity;
} PatternAst;

typedef struct PatternParser
{
	const char *text;
	int			len;
	int			pos;			/* byte offset of the next unread byte */
	int			depth;			/* open parentheses */
} PatternParser;

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

/* ---- errors ------------------------------------------------------------------------------- */

static void pattern_error(const PatternParser *ps, int at, int code, const char *what)
			pg_attribute_noreturn();

/* Reports what is wrong at byte offset `at`, as a 1-based character position. */
static void
pattern_error(const PatternParser *ps, int at, int code, const char *what)
{
	int			position = pg_mbstrlen_with_len(ps->text, Min(at, ps->len)) + 1;

	ereport(ERROR,
			(errcode(code),
			 errmsg("invalid journey pattern \"%s\": %s at position %d",
					cxm_quote_value(ps->text, ps->len), what, position),
			 errhint(PATTERN_SYNTAX_HINT)));
}

/* A byte of the pattern shown in a message: printable as itself, otherwise escaped. */
static char *
pattern_byte_text(unsigned char c)
{
	if (c < 0x20 || c == 0x7f)
		return psprintf("character \\x%02x", c);
	return psprintf("character \"%c\"", c);
}

/* ---- parser ------------------------------------------------------------------------------- */

static PatternAst *
ast_new(PatternAstKind kind)
{
	PatternAst *node = palloc0(sizeof(PatternAst));

	node->kind = kind;
	return node;
}

static void
ast_add_child(PatternAst *node, PatternAst *child)
{
	if (node->nchildren == node->capacity)
	{
		node->capacity = node->capacity ? node->capacity * 2 : 4;
		if (node->children)
			node->children = repalloc(node->children, node->capacity * sizeof(PatternAst *));
		else
			node->children = palloc(node->capacity * sizeof(PatternAst *));
	}
	node->children[node->nchildren++] = child;
}

static bool
pattern_at_end(const PatternParser *ps)
{
	return ps->pos >= ps->len;
}

static unsigned char
pattern_peek(const PatternParser *ps)
{
	return ps->pos < ps->len ? (unsigned char) ps->text[ps->pos] : '\0';
}

static bool
pattern_at_arrow(const PatternParser *ps)
{
	return ps->pos + 1 < ps->len && ps->text[ps->pos] == '-' && ps->text[ps->pos + 1] == '>';
}

/* ASCII white space only: isspace() depends on the locale and could split a character */
static bool
pattern_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void
pattern_skip_space(PatternParser *ps)
{
	while (ps->pos < ps->len && pattern_is_space(ps->text[ps->pos]))
		ps->pos++;
}

static bool
pattern_is_label_byte(const PatternParser *ps, int at)
{
	unsigned char c = (unsigned char) ps->text[at];

	if (c >= 0x80)
		return true;			/* part of a multibyte character */
	if (c <= 0x20 || c == 0x7f || strchr(PATTERN_METACHARS, c) != NULL)
		return false;
	return !(c == '-' && at + 1 < ps->len && ps->text[at + 1] == '>');
}

/* Whether '*' then '/' is next: a term on any channel, never a quantifier. */
static bool
pattern_at_any_channel(const PatternParser *ps)
{
	return ps->pos + 1 < ps->len && ps->text[ps->pos] == '*' && ps->text[ps->pos + 1] == '/';
}

/* One label (unquoted or quoted), checked against the label rules; returns a palloc'd copy. */
static char *
pattern_parse_label(PatternParser *ps, int *len, const char *part)
{
	int			begin = ps->pos;
	unsigned char c = pattern_peek(ps);
	char	   *label;
	const char *problem;

	if (c == '"' || c == '\'')
	{
		StringInfoData buf;

		initStringInfo(&buf);
		ps->pos++;
		for (;;)
		{
			if (pattern_at_end(ps))
				pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
							  psprintf("unterminated quoted %s", part));
			if ((unsigned char) ps->text[ps->pos] == c)
			{
				/* '' inside single quotes is one quote; a label cannot contain " at all */
				if (c == '\'' && ps->pos + 1 < ps->len && ps->text[ps->pos + 1] == '\'')
				{
					appendStringInfoChar(&buf, '\'');
					ps->pos += 2;
					continue;
				}
				ps->pos++;
				break;
			}
			appendStringInfoChar(&buf, ps->text[ps->pos]);
			ps->pos++;
		}
		label = buf.data;
		*len = buf.len;
	}
	else
	{
		while (ps->pos < ps->len && pattern_is_label_byte(ps, ps->pos))
			ps->pos++;
		if (ps->pos == begin)
		{
			if (pattern_at_end(ps))
				pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
							  psprintf("missing %s", part));
			pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
						  psprintf("expected %s, found %s", part, pattern_byte_text(c)));
		}
		label = pnstrdup(ps->text + begin, ps->pos - begin);
		*len = ps->pos - begin;
	}
	problem = cxm_label_problem(label, *len);
	if (problem != NULL)
		pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
					  psprintf("%s \"%s\" %s", part, cxm_quote_value(label, *len), problem));
	return label;
}

/*
 * An interval for a time bound as microseconds, days counting as 24 hours. Uses the decoding
 * steps of interval input directly: they report failures as codes, so the error can name the
 * position instead of interval_in's own message.
 */
static int64
pattern_parse_interval(PatternParser *ps, int begin, int end)
{
	char	   *str = pnstrdup(ps->text + begin, end - begin);
	/* quoted from the pattern itself: str stops at a NUL byte, were one to get here */
	char	   *quoted = cxm_quote_value(ps->text + begin, end - begin);
	char		workbuf[MAXDATELEN + MAXDATEFIELDS];
	char	   *field[MAXDATEFIELDS];
	int			ftype[MAXDATEFIELDS];
	int			nf;
	int			dtype = 0;
#if PG_VERSION_NUM >= 150000
	struct pg_itm_in itm_in;
#else
	struct pg_tm tt;
	fsec_t		fsec = 0;
#endif
	Interval	span;
	bool		overflow;
	int			dterr;
	int64		usecs;

	dterr = ParseDateTime(str, workbuf, sizeof(workbuf), field, ftype, MAXDATEFIELDS, &nf);
#if PG_VERSION_NUM >= 150000
	memset(&itm_in, 0, sizeof(itm_in));
	if (dterr == 0)
		dterr = DecodeInterval(field, ftype, nf, INTERVAL_FULL_RANGE, &dtype, &itm_in);
	if (dterr == DTERR_BAD_FORMAT)
		dterr = DecodeISO8601Interval(str, &dtype, &itm_in);
	overflow = dterr == 0 && itmin2interval(&itm_in, &span) != 0;
#else
	/* before PostgreSQL 15 the decoders fill a struct pg_tm and fractional seconds */
	memset(&tt, 0, sizeof(tt));
	if (dterr == 0)
		dterr = DecodeInterval(field, ftype, nf, INTERVAL_FULL_RANGE, &dtype, &tt, &fsec);
	if (dterr == DTERR_BAD_FORMAT)
		dterr = DecodeISO8601Interval(str, &dtype, &tt, &fsec);
	overflow = dterr == 0 && tm2interval(&tt, fsec, &span) != 0;
#endif
	if (dterr != 0 || dtype != DTK_DELTA)
		pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
					  psprintf("invalid interval \"%s\" in a time bound",
							   quoted));
	if (overflow)
		pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
					  psprintf("interval \"%s\" in a time bound is out of range",
							   quoted));
	if (span.month != 0)
		pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
					  psprintf("interval \"%s\" in a time bound has months or years, which have no fixed length",
							   quoted));
	if (pg_mul_s64_overflow((int64) span.day, USECS_PER_DAY, &usecs) ||
		pg_add_s64_overflow(usecs, span.time, &usecs))
		pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
					  psprintf("interval \"%s\" in a time bound is out of range",
							   quoted));
	if (usecs < 0)
		pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
					  psprintf("interval \"%s\" in a time bound is negative",
							   quoted));
	return usecs;
}

/* After "->": a bracketed bound "[op interval]", or NULL when the arrow has none. */
static PatternAst *
pattern_parse_bound(PatternParser *ps)
{
	PatternAst *bound;
	int			open;
	int			begin,
				end;

	pattern_skip_space(ps);
	if (pattern_peek(ps) != '[')
		return NULL;
	open = ps->pos;
	bound = ast_new(PA_BOUND);
	ps->pos++;
	pattern_skip_space(ps);
	if (pattern_peek(ps) == '<' || pattern_peek(ps) == '>')
	{
		bool		less = pattern_peek(ps) == '<';

		ps->pos++;
		if (pattern_peek(ps) == '=')
		{
			ps->pos++;
			bound->op = less ? PB_LE : PB_GE;
		}
		else
			bound->op = less ? PB_LT : PB_GT;
	}
	else
		pattern_error(ps, ps->pos, ERRCODE_INVALID_PARAMETER_VALUE,
					  "expected <, <=, > or >= in a time bound");
	pattern_skip_space(ps);
	begin = ps->pos;
	while (ps->pos < ps->len && ps->text[ps->pos] != ']')
		ps->pos++;
	if (pattern_at_end(ps))
		pattern_error(ps, open, ERRCODE_INVALID_PARAMETER_VALUE, "unterminated time bound");
	end = ps->pos;
	while (end > begin && pattern_is_space(ps->text[end - 1]))
		end--;
	if (end == begin)
		pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
					  "missing interval in a time bound");
	bound->usecs = pattern_parse_interval(ps, begin, end);
	ps->pos++;					/* ] */
	return bound;
}

/* A non-negative repetition count no larger than PATTERN_MAX_REPEAT, or -1 when absent. */
static int
pattern_parse_count(PatternParser *ps)
{
	int			begin = ps->pos;
	int64		value = 0;

	while (ps->pos < ps->len && ps->text[ps->pos] >= '0' && ps->text[ps->pos] <= '9')
	{
		if (value <= PATTERN_MAX_REPEAT)
			value = value * 10 + (ps->text[ps->pos] - '0');
		ps->pos++;
	}
	if (ps->pos == begin)
		return -1;
	if (value > PATTERN_MAX_REPEAT)
		pattern_error(ps, begin, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
					  psprintf("repetition count %s is more than the limit of %d",
							   cxm_quote_value(ps->text + begin, ps->pos - begin),
							   PATTERN_MAX_REPEAT));
	return (int) value;
}

/*
 * A term on any channel needs a separator before it: "web" directly followed by '*' '/' 'buy'
 * could be meant as a glob on web, and the language has none.
 */
static void
pattern_check_separated(PatternParser *ps)
{
	if (pattern_at_any_channel(ps))
		pattern_error(ps, ps->pos, ERRCODE_INVALID_PARAMETER_VALUE,
					  "\"*/\" (any channel) right after a term; separate the terms with white space "
					  "or \"->\"");
}

/* A quantifier at ps->pos applied to atom, or atom itself when there is none. */
static PatternAst *
pattern_parse_quantifier(PatternParser *ps, PatternAst *atom)
{
	PatternAst *repeat;
	int			begin = ps->pos;
	unsigned char c = pattern_peek(ps);

	if ((c != '*' && c != '+' && c != '?' && c != '{') || pattern_at_any_channel(ps))
		return atom;
	repeat = ast_new(PA_REPEAT);
	ast_add_child(repeat, atom);
	ps->pos++;
	if (c == '*' || c == '+' || c == '?')
	{
		repeat->min = (c == '+') ? 1 : 0;
		repeat->max = (c == '?') ? 1 : -1;
	}
	else
	{
		pattern_skip_space(ps);
		repeat->min = pattern_parse_count(ps);
		if (repeat->min < 0)
			pattern_error(ps, ps->pos, ERRCODE_INVALID_PARAMETER_VALUE,
						  "expected a repetition count after \"{\"");
		pattern_skip_space(ps);
		repeat->max = repeat->min;
		if (pattern_peek(ps) == ',')
		{
			ps->pos++;
			pattern_skip_space(ps);
			repeat->max = pattern_parse_count(ps);
			pattern_skip_space(ps);
		}
		if (pattern_peek(ps) != '}')
			pattern_error(ps, ps->pos, ERRCODE_INVALID_PARAMETER_VALUE,
						  "expected \"}\" to close a repetition");
		ps->pos++;
		if (repeat->max >= 0 && repeat->max < repeat->min)
			pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
						  psprintf("repetition {%d,%d} has a minimum above its maximum",
								   repeat->min, repeat->max));
	}
	pattern_check_separated(ps);
	pattern_skip_space(ps);
	c = pattern_peek(ps);
	if ((c == '*' || c == '+' || c == '?' || c == '{') && !pattern_at_any_channel(ps))
		pattern_error(ps, ps->pos, ERRCODE_INVALID_PARAMETER_VALUE,
					  "a quantifier cannot follow another quantifier (use parentheses)");
	return repeat;
}

static PatternAst *pattern_parse_alternatives(PatternParser *ps);

/* The action after "channel/": a label, or '*' for any action (action stays NULL). */
static void
pattern_parse_action(PatternParser *ps, PatternAst *atom)
{
	if (pattern_peek(ps) == '*')
	{
		/* no globs: a '*' action stands for the whole action, so nothing may follow it */
		ps->pos++;
		if (ps->pos < ps->len &&
			(pattern_is_label_byte(ps, ps->pos) || pattern_peek(ps) == '"' || pattern_peek(ps) == '\''))
			pattern_error(ps, ps->pos - 1, ERRCODE_INVALID_PARAMETER_VALUE,
						  "\"*\" must be the whole action (it matches any action)");
	}
	else
		atom->action = pattern_parse_label(ps, &atom->action_len, "action");
}

/* atom [quantifier] */
static PatternAst *
pattern_parse_item(PatternParser *ps)
{
	int			begin = ps->pos;
	unsigned char c = pattern_peek(ps);
	PatternAst *atom;

	switch (c)
	{
		case '(':
			if (ps->depth >= PATTERN_MAX_DEPTH)
				pattern_error(ps, begin, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
							  psprintf("parentheses nested more than %d deep",
									   PATTERN_MAX_DEPTH));
			ps->depth++;
			ps->pos++;
			atom = pattern_parse_alternatives(ps);
			if (pattern_peek(ps) != ')')
				pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
							  "unclosed parenthesis");
			ps->pos++;
			ps->depth--;
			break;
		case '.':
			atom = ast_new(PA_ANY);
			ps->pos++;
			break;
		case '^':
			atom = ast_new(PA_START);
			ps->pos++;
			break;
		case '$':
			atom = ast_new(PA_END);
			ps->pos++;
			break;
		case '*':
			if (pattern_at_any_channel(ps))
			{
				/* '*' for the channel: channel stays NULL */
				atom = ast_new(PA_LABEL);
				ps->pos += 2;
				pattern_parse_action(ps, atom);
				break;
			}
			/* FALLTHROUGH */
		case '+':
		case '?':
		case '{':
			pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
						  "quantifier without a term to repeat");
			break;
		case '[':
			pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
						  "a time bound must follow \"->\"");
			break;
		case '/':
			pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
						  "missing channel before \"/\"");
			break;
		default:
			if (c != '"' && c != '\'' && !pattern_is_label_byte(ps, ps->pos))
				pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
							  psprintf("unexpected %s", pattern_byte_text(c)));
			atom = ast_new(PA_LABEL);
			atom->channel = pattern_parse_label(ps, &atom->channel_len, "channel");
			if (pattern_peek(ps) == '/')
			{
				ps->pos++;
				pattern_parse_action(ps, atom);
			}
			break;
	}
	pattern_check_separated(ps);
	pattern_skip_space(ps);
	return pattern_parse_quantifier(ps, atom);
}

/*
 * item ( [-> [bound]] item )*, up to "|", ")" or the end. A bound may also open or close a
 * sequence inside parentheses, where it binds the step just before or after the group:
 * "web (->[< 10 minutes] web)*" bounds every gap of the run.
 */
static PatternAst *
pattern_parse_sequence(PatternParser *ps)
{
	PatternAst *seq = ast_new(PA_SEQ);
	int			begin = ps->pos;
	int			arrow = -1;		/* offset of a "->" still waiting for its next term */
	bool		arrow_bounded = false;

	for (;;)
	{
		pattern_skip_space(ps);
		if (pattern_at_end(ps) || pattern_peek(ps) == '|' || pattern_peek(ps) == ')')
			break;
		if (pattern_at_arrow(ps))
		{
			PatternAst *bound;
			int			at = ps->pos;

			if (arrow >= 0)
				pattern_error(ps, at, ERRCODE_INVALID_PARAMETER_VALUE,
							  "\"->\" without a term before it");
			ps->pos += 2;
			bound = pattern_parse_bound(ps);
			if (seq->nchildren == 0 && (bound == NULL || ps->depth == 0))
				pattern_error(ps, at, ERRCODE_INVALID_PARAMETER_VALUE,
							  "\"->\" without a term before it");
			if (bound != NULL)
				ast_add_child(seq, bound);
			arrow = at;
			arrow_bounded = (bound != NULL);
			continue;
		}
		ast_add_child(seq, pattern_parse_item(ps));
		arrow = -1;
	}
	if (arrow >= 0 && !(arrow_bounded && ps->depth > 0))
		pattern_error(ps, arrow, ERRCODE_INVALID_PARAMETER_VALUE,
					  "\"->\" without a term after it");
	if (seq->nchildren == 0)
	{
		if (pattern_peek(ps) == ')' && ps->depth == 0)
			pattern_error(ps, ps->pos, ERRCODE_INVALID_PARAMETER_VALUE, "unmatched \")\"");
		if (pattern_peek(ps) == ')' && begin > 0 && ps->text[begin - 1] == '(')
			pattern_error(ps, begin - 1, ERRCODE_INVALID_PARAMETER_VALUE, "empty group");
		pattern_error(ps, ps->pos, ERRCODE_INVALID_PARAMETER_VALUE, "empty alternative");
	}
	return seq->nchildren == 1 ? seq->children[0] : seq;
}

static PatternAst *
pattern_parse_alternatives(PatternParser *ps)
{
	PatternAst *first;
	PatternAst *alt;

	check_stack_depth();
	first = pattern_parse_sequence(ps);
	if (pattern_peek(ps) != '|')
		return first;
	alt = ast_new(PA_ALT);
	ast_add_child(alt, first);
	while (pattern_peek(ps) == '|')
	{
		ps->pos++;
		ast_add_child(alt, pattern_parse_sequence(ps));
	}
	return alt;
}

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
	PatternParser ps;
	PatternAst *root;
	Pattern    *p;
	PatternFragment f;
	int			match;

	ps.text = text;
	ps.len = len;
	ps.pos = 0;
	ps.depth = 0;
	pattern_skip_space(&ps);
	if (pattern_at_end(&ps))
		pattern_error(&ps, 0, ERRCODE_INVALID_PARAMETER_VALUE, "pattern is empty");
	root = pattern_parse_alternatives(&ps);
	if (!pattern_at_end(&ps))
		pattern_error(&ps, ps.pos, ERRCODE_INVALID_PARAMETER_VALUE,
					  "unmatched \")\"");

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
