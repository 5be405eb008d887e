/*
 * term_summary.h: the term_summary type, counts of the lexemes (and optionally two-word
 * phrases) of open-ended answers per class (nps class, channel, month ...): its flat stored
 * layout, and the expanded form aggregates update in place (term_summary.c); text and binary
 * forms are in term_summary_io.c, the analyses in term_analysis.c.
 */
#ifndef CXM_TERM_SUMMARY_H
#define CXM_TERM_SUMMARY_H

#include "cxm.h"

#include "utils/expandeddatum.h"

#define TERMS_VERSION 1
#define TERMS_PHRASES 0x01
/* limits: classes per summary, distinct terms, term x class counts, bytes of all names */
#define TERMS_MAX_CLASSES 64
#define TERMS_MAX_TERMS 1000000
#define TERMS_MAX_CELLS 8000000
#define TERMS_MAX_NAME_BYTES (256 * 1024 * 1024)
#define TERMS_MAX_TERM_BYTES 4096

/*
 * Flat layout (double aligned, native byte order):
 *   header (16 bytes)
 *   names: the config's qualified name, each class's name (in byte order), each term (in byte
 *          order), each as a uint16 length and the bytes
 *   padding to 8 bytes
 *   int64 comments[nclasses]                      answers per class
 *   int64 counts[nterms][nclasses][2]             occurrences, answers containing the term
 */
typedef struct TermSummaryFlat
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* TERMS_PHRASES */
	int16		nclasses;
	int32		nterms;
	int32		names_len;
} TermSummaryFlat;

#define TERMS_NAMES(f) ((char *) (f) + sizeof(TermSummaryFlat))
#define TERMS_COUNTS_OFFSET(names_len) TYPEALIGN(8, sizeof(TermSummaryFlat) + (names_len))

/* A parsed view of a flat value: pointers into it. */
typedef struct TermsView
{
	const TermSummaryFlat *flat;
	const char *config;
	int			config_len;
	const char *class_names[TERMS_MAX_CLASSES];
	int			class_lens[TERMS_MAX_CLASSES];
	const char *names_of_terms;	/* the first term's length field */
	const int64 *comments;
	const int64 *counts;
} TermsView;

/* The expanded form: a hash table of terms, classes in arrival order. */
typedef struct TermState
{
	ExpandedObjectHeader hdr;
	Oid			config_oid;		/* InvalidOid until a row names it */
	char	   *config;			/* qualified name, NULL until known */
	int			config_len;
	uint8		flags;
	bool		flags_known;
	int			nclasses;
	int			cap_classes;	/* count slots per term */
	char	   *class_names[TERMS_MAX_CLASSES];
	int			class_lens[TERMS_MAX_CLASSES];
	int64		comments[TERMS_MAX_CLASSES];
	int			last_class;
	int			nterms;
	int			cap_terms;
	char	   *arena;			/* term bytes */
	Size		arena_len;
	Size		arena_cap;
	uint32	   *term_off;
	uint16	   *term_len;
	uint32	   *term_hash;
	int64	   *counts;			/* [cap_terms][cap_classes][2] */
	int32	   *slots;			/* open addressing: term index + 1, 0 when empty */
	uint32		nslots;
} TermState;

extern void terms_view(const TermSummaryFlat *flat, TermsView *view);
extern const TermSummaryFlat *terms_arg(FunctionCallInfo fcinfo, int argno);
extern TermState *terms_new(MemoryContext parent);
extern TermState *terms_expand(const TermSummaryFlat *flat, MemoryContext parent);
extern TermSummaryFlat *terms_flatten(TermState *s);
extern int	terms_class(TermState *s, const char *name, int len);
extern int	terms_term(TermState *s, const char *term, int len, uint32 hash);
extern void terms_add(int64 *count, int64 add);
extern void terms_set_config(TermState *s, const char *name, int len);
extern void terms_set_flags(TermState *s, uint8 flags);

static inline int64 *
terms_cell(TermState *s, int term, int cls)
{
	return &s->counts[((Size) term * s->cap_classes + cls) * 2];
}

#endif							/* CXM_TERM_SUMMARY_H */
