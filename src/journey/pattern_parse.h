/*
 * pattern_parse.h: the syntax tree of a journey pattern, shared by its parser (pattern_parse.c)
 * and its compiler to an NFA (pattern.c). Private to the pattern language.
 */
#ifndef CXM_PATTERN_PARSE_H
#define CXM_PATTERN_PARSE_H

#include "pattern.h"

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

/*
 * The syntax tree of text (len bytes), palloc'd in the current memory context; malformed
 * patterns raise 22023 or 54000 with the position of the fault.
 */
extern PatternAst *pattern_parse(const char *text, int len);

#endif							/* CXM_PATTERN_PARSE_H */
