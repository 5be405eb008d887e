/*
 * json_reader.h: the reader for the flat JSON text form of cxm's summary types, and the text
 * cursor it is built on (json_reader.c).
 */
#ifndef CXM_JSON_READER_H
#define CXM_JSON_READER_H

/*
 * Arrays longer than this are refused (54000): the most item pointers one allocation holds. No
 * text form of a value (at most 1 GB) has that many items of the lengths cxm writes.
 */
#define CXM_JSON_MAX_ITEMS ((int) (MaxAllocSize / sizeof(char *)))

typedef enum CxmJsonKind
{
	CXM_JSON_MISSING,
	CXM_JSON_NUMBER,
	CXM_JSON_STRING,
	CXM_JSON_ARRAY,
	CXM_JSON_BOOLEAN			/* true or false (text/len: the word) */
} CxmJsonKind;

/* One value; text/len point into the input (numbers as written, strings without quotes). */
typedef struct CxmJsonValue
{
	CxmJsonKind kind;
	const char *text;
	int			len;
	int			nitems;			/* arrays: tokens in items/item_lens */
	bool		strings;		/* arrays: the items are strings (else numbers) */
	const char **items;
	int		   *item_lens;
} CxmJsonValue;

/*
 * Reads {"key": value, ...} where every key is one of keys[0..nkeys-1]; values[k] receives the
 * value of keys[k] (CXM_JSON_MISSING when absent). Returns false with *problem set.
 */
extern bool cxm_json_read(const char *input, const char *const *keys, int nkeys,
						  CxmJsonValue *values, char **problem);
extern bool cxm_json_expect(const CxmJsonValue *v, const char *key, CxmJsonKind kind,
							char **problem);
extern bool cxm_json_int64(const char *text, int len, int64 *result, char **problem);
extern bool cxm_json_double(const char *text, int len, double *result, char **problem);

/*
 * A cursor over JSON text, for readers that walk a document of one fixed shape step by step
 * (rfm_state, rfm_patterns; cxm_json_read uses it too). Each step skips white space first;
 * a step that fails sets problem (a phrase for an errdetail) and returns false.
 */
typedef struct CxmJsonCursor
{
	const char *p;				/* the next character */
	char	   *problem;		/* why the last step failed */
} CxmJsonCursor;

extern void cxm_json_skip_space(CxmJsonCursor *c);
/* consumes ch if it is next */
extern bool cxm_json_accept_char(CxmJsonCursor *c, char ch);
/* consumes ch, which must be next: "expected "ch" at ..." */
extern bool cxm_json_expect_char(CxmJsonCursor *c, char ch);
/* a whole number in int64 range, no fraction or exponent: "expected a whole number at ..." */
extern bool cxm_json_whole_number(CxmJsonCursor *c, int64 *value);
/*
 * A JSON number (digits, fraction, exponent: not strtod's "nan", "inf" or hex) as the double
 * strtod reads; -0 reads as 0: "expected a number at ...", "number ... is out of range"
 */
extern bool cxm_json_number(CxmJsonCursor *c, double *value);
/* nothing but white space is left: "unexpected text after the document: ..." */
extern bool cxm_json_expect_end(CxmJsonCursor *c);

#endif							/* CXM_JSON_READER_H */
