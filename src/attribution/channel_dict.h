/*
 * channel_dict.h: what the data-driven attribution models (markov.c, shapley.c) share: a
 * channel dictionary (sorted, distinct channel labels, stored as end offsets into a pool of
 * label bytes), the channels of a journey, and the checks and totals of journey values
 * (channel_dict.c).
 */
#ifndef CXM_CHANNEL_DICT_H
#define CXM_CHANNEL_DICT_H

#include "journey.h"
#include "json_reader.h"
#include "lib/stringinfo.h"

typedef struct ChannelLabel
{
	const char *text;
	int			len;
} ChannelLabel;

extern int	channel_label_cmp(const ChannelLabel *a, const ChannelLabel *b);
/* the channels of j's steps in journey order, consecutive repeats collapsed; returns the count */
extern int	journey_channel_sequence(const Journey *j, ChannelLabel **labels);
/* sorts labels and drops duplicates in place; returns the distinct count */
extern int	channel_labels_sort_unique(ChannelLabel *labels, int n);
/* the index of label in the sorted dictionary, or -1 */
extern int	channel_dict_find(const ChannelLabel *dict, int n, const ChannelLabel *label);
/* the sorted union of two sorted dictionaries into out (room for na + nb); returns its size */
extern int	channel_dict_union(const ChannelLabel *a, int na, const ChannelLabel *b, int nb,
							   ChannelLabel *out);
/* bytes of a stored dictionary: int32 end offsets, then the label bytes */
extern Size channel_dict_stored_size(const ChannelLabel *dict, int n);
extern void channel_dict_store(const ChannelLabel *dict, int n, char *dest);
/*
 * decodes a stored dictionary whose label bytes take pool_len bytes (pointers refer into it);
 * false when the offsets do not fit (a damaged value)
 */
extern bool channel_dict_load(const char *stored, int n, int32 pool_len, ChannelLabel *dict);
/* NULL when dict holds valid channel labels, sorted and distinct; else a phrase */
extern const char *channel_dict_problem(const ChannelLabel *dict, int n);
/*
 * The text form both models share: the labels as a JSON array of strings (valid labels need no
 * escaping), and back: the labels of an array cxm_json_read returned (pointing into the input;
 * check them with channel_dict_problem).
 */
extern void channel_dict_append_json(StringInfo out, const ChannelLabel *dict, int n);
extern ChannelLabel *channel_dict_of_json(const CxmJsonValue *array);
/*
 * Whether a model of type_name may have n channels (at most limit); otherwise 54000, raised, or
 * saved in escontext when it is not NULL (soft in text input on PostgreSQL 16+).
 */
extern bool channel_count_ok(int n, int limit, const char *type_name, struct Node *escontext);

/*
 * The binary form both models open with: version and flags bytes, an int32 channel count, and
 * each label as an int16 length and its bytes (client encoding). recv checks the header against
 * version, lets check_count refuse a count over the model's limit, verifies the labels' encoding
 * and that they form a dictionary; errors name type_name. It returns the labels (pointing into
 * buf) and their number in *n.
 */
extern void channel_dict_send(StringInfo buf, uint8 version, uint8 flags, const ChannelLabel *dict,
							  int n);
extern ChannelLabel *channel_dict_recv(StringInfo buf, uint8 version, const char *type_name,
									   void (*check_count) (int n), int *n);
/* raises 22P03 "binary <type_name> is truncated or invalid" with the type's hint */
extern void attribution_recv_truncated(const char *type_name, const char *hint)
			pg_attribute_noreturn();

/*
 * The value argument argno of markov_attribution and shapley_attribution: a finite,
 * non-negative number (22023 otherwise), -0 read as 0.
 */
extern double attribution_value_arg(FunctionCallInfo fcinfo, int argno);

/*
 * Adds a value and its residual to a total kept as two doubles (an ExactSum); 22003 on
 * overflow. Inline: shapley_attribution adds every row to an existing set with it.
 */
static inline void
attribution_add_value(double *total_hi, double *total_lo, double hi, double lo)
{
	ExactSum	sum = {*total_hi, *total_lo};

	cxm_exact_add(&sum, hi);
	cxm_exact_add(&sum, lo);
	cxm_exact_check(&sum, "total conversion value");
	*total_hi = sum.hi;
	*total_lo = sum.lo;
}

#endif							/* CXM_CHANNEL_DICT_H */
