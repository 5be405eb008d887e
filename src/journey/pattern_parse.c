/*
 * pattern_parse.c: the journey pattern language's grammar and its parser, from pattern text to
 * the syntax tree that pattern.c compiles (pattern_parse.h).
 *
 * The language (docs/journeys.md is the user reference):
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
 */
#include "cxm.h"
#include "pattern_parse.h"

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/datetime.h"

#define PATTERN_SYNTAX_HINT \
	"A journey pattern is a sequence of terms: channel, channel/action, \"quoted label\", " \
	"*/action (any channel), . (any step), ^ (start), $ (end), ( ), a | b, " \
	"quantifiers * + ? {m} {m,} {m,n} (at most 1000), and time bounds between terms such as a ->[< 1 day] b " \
	"(<, <=, >, >= and an interval without months)."

/* bytes that end an unquoted label (besides white space, control characters and "->") */
#define PATTERN_METACHARS "()|*+?{}[].^$/\"'\\@>,<"

typedef struct PatternParser
{
	const char *text;
	int			len;
	int			pos;			/* byte offset of the next unread byte */
	int			depth;			/* open parentheses */
} PatternParser;

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
		pattern_error(ps, begin, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE,
					  psprintf("interval \"%s\" in a time bound is out of range",
							   quoted));
	if (span.month != 0)
		pattern_error(ps, begin, ERRCODE_INVALID_PARAMETER_VALUE,
					  psprintf("interval \"%s\" in a time bound has months or years, which have no fixed length",
							   quoted));
	if (pg_mul_s64_overflow((int64) span.day, USECS_PER_DAY, &usecs) ||
		pg_add_s64_overflow(usecs, span.time, &usecs))
		pattern_error(ps, begin, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE,
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

PatternAst *
pattern_parse(const char *text, int len)
{
	PatternParser ps;
	PatternAst *root;

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
	return root;
}
