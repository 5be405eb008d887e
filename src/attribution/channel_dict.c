/*
 * channel_dict.c: the channel dictionary of the data-driven attribution models (markov.c,
 * shapley.c): sorted, distinct channel labels, so that equal models have equal bytes and two
 * models merge by a sorted union; its stored and binary forms. Also the few other things both
 * models do alike: checking a journey's value, refusing truncated binary input.
 */
#include "channel_dict.h"

#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"

/* the hint of every binary input error of this file */
#define DICT_BINARY_HINT "The binary form starts with int8 version, int8 flags (0), int32 channels, then each channel as int16 length and bytes: valid labels, sorted and distinct."

int
channel_label_cmp(const ChannelLabel *a, const ChannelLabel *b)
{
	int			r = memcmp(a->text, b->text, Min(a->len, b->len));

	return r != 0 ? r : (a->len > b->len) - (a->len < b->len);
}

static int
channel_label_qsort_cmp(const void *a, const void *b)
{
	return channel_label_cmp(a, b);
}

int
journey_channel_sequence(const Journey *j, ChannelLabel **labels)
{
	int			n,
				i,
				count = 0;
	JourneyStep *steps = journey_steps(j, &n);

	*labels = palloc(Max(n, 1) * sizeof(ChannelLabel));
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (count > 0 && (*labels)[count - 1].len == steps[i].channel_len &&
			memcmp((*labels)[count - 1].text, steps[i].channel, steps[i].channel_len) == 0)
			continue;
		(*labels)[count].text = steps[i].channel;
		(*labels)[count++].len = steps[i].channel_len;
	}
	return count;
}

int
channel_labels_sort_unique(ChannelLabel *labels, int n)
{
	int			i,
				m = 0;

	cxm_qsort(labels, n, sizeof(ChannelLabel), channel_label_qsort_cmp);
	for (i = 0; i < n; i++)
		if (m == 0 || channel_label_cmp(&labels[m - 1], &labels[i]) != 0)
			labels[m++] = labels[i];
	return m;
}

int
channel_dict_find(const ChannelLabel *dict, int n, const ChannelLabel *label)
{
	int			lo = 0,
				hi = n - 1;

	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;
		int			r = channel_label_cmp(&dict[mid], label);

		if (r == 0)
			return mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int
channel_dict_union(const ChannelLabel *a, int na, const ChannelLabel *b, int nb, ChannelLabel *out)
{
	int			i = 0,
				k = 0,
				m = 0;

	while (i < na || k < nb)
	{
		int			r = i == na ? 1 : (k == nb ? -1 : channel_label_cmp(&a[i], &b[k]));

		CHECK_FOR_INTERRUPTS();
		if (r <= 0)
			out[m++] = a[i++];
		else
			out[m++] = b[k++];
		if (r == 0)
			k++;
	}
	return m;
}

Size
channel_dict_stored_size(const ChannelLabel *dict, int n)
{
	Size		size = n * sizeof(int32);
	int			i;

	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		size += dict[i].len;
	}
	return size;
}

void
channel_dict_store(const ChannelLabel *dict, int n, char *dest)
{
	char	   *pool = dest + n * sizeof(int32);
	int32		end = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		memcpy(pool + end, dict[i].text, dict[i].len);
		end += dict[i].len;
		memcpy(dest + i * sizeof(int32), &end, sizeof(int32));
	}
}

bool
channel_dict_load(const char *stored, int n, int32 pool_len, ChannelLabel *dict)
{
	const char *pool = stored + n * sizeof(int32);
	int32		start = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		int32		end;

		CHECK_FOR_INTERRUPTS();
		memcpy(&end, stored + i * sizeof(int32), sizeof(int32));
		if (end < start || end > pool_len)
			return false;
		dict[i].text = pool + start;
		dict[i].len = end - start;
		start = end;
	}
	return start == pool_len;
}

const char *
channel_dict_problem(const ChannelLabel *dict, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		const char *problem;

		CHECK_FOR_INTERRUPTS();
		problem = cxm_label_problem(dict[i].text, dict[i].len);

		if (problem != NULL)
			return psprintf("channel %d %s", i + 1, problem);
		if (i > 0 && channel_label_cmp(&dict[i - 1], &dict[i]) >= 0)
			return psprintf("channel %d is not after channel %d in sort order (channels are sorted and distinct)",
							i + 1, i);
	}
	return NULL;
}

void
channel_dict_append_json(StringInfo out, const ChannelLabel *dict, int n)
{
	int			i;

	appendStringInfoChar(out, '[');
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(out, "%s\"%.*s\"", i ? ", " : "", dict[i].len, dict[i].text);
	}
	appendStringInfoChar(out, ']');
}

ChannelLabel *
channel_dict_of_json(const CxmJsonValue *array)
{
	ChannelLabel *dict = palloc(Max(array->nitems, 1) * sizeof(ChannelLabel));
	int			i;

	for (i = 0; i < array->nitems; i++)
	{
		CHECK_FOR_INTERRUPTS();
		dict[i].text = array->items[i];
		dict[i].len = array->item_lens[i];
	}
	return dict;
}

/* ---- binary form ---------------------------------------------------------------------------- */

void
channel_dict_send(StringInfo buf, uint8 version, uint8 flags, const ChannelLabel *dict, int n)
{
	int			i;

	pq_sendbyte(buf, version);
	pq_sendbyte(buf, flags);
	pq_sendint32(buf, n);
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		cxm_send_label(buf, dict[i].text, dict[i].len);
	}
}

bool
channel_count_ok(int n, int limit, const char *type_name, struct Node *escontext)
{
	if (n > limit)
		ereturn(escontext, false,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s would have %d channels, more than the limit of %d", type_name, n, limit),
				 errhint("Group rare channels into one before attributing.")));
	return true;
}

void
attribution_recv_truncated(const char *type_name, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("binary %s is truncated or invalid", type_name),
			 errhint("%s", hint)));
}

ChannelLabel *
channel_dict_recv(StringInfo buf, uint8 version, const char *type_name,
				  void (*check_count) (int n), int *n)
{
	int			got_version,
				flags,
				count,
				i;
	ChannelLabel *dict;
	const char *problem;

	if (buf->len - buf->cursor < 6)
		attribution_recv_truncated(type_name, DICT_BINARY_HINT);
	got_version = pq_getmsgbyte(buf);
	flags = pq_getmsgbyte(buf);
	count = (int) pq_getmsgint(buf, 4);
	if (got_version != version || flags != 0 || count < 0 || count > (buf->len - buf->cursor) / 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s: version %d, flags 0x%02x, %d channels",
						type_name, got_version, flags, count),
				 errhint(DICT_BINARY_HINT)));
	check_count(count);
	dict = palloc(Max(count, 1) * sizeof(ChannelLabel));
	for (i = 0; i < count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (buf->len - buf->cursor < 2)
			attribution_recv_truncated(type_name, DICT_BINARY_HINT);
		dict[i].len = pq_getmsgint(buf, 2);
		if (dict[i].len > CXM_LABEL_MAX_BYTES || buf->len - buf->cursor < dict[i].len)
			attribution_recv_truncated(type_name, DICT_BINARY_HINT);
		/* converted from the client encoding and verified (22021 for invalid bytes); the
		 * order is checked below in the server encoding */
		dict[i].text = cxm_recv_label(buf, dict[i].len, &dict[i].len);
	}
	if ((problem = channel_dict_problem(dict, count)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s: %s", type_name, problem),
				 errhint(DICT_BINARY_HINT)));
	*n = count;
	return dict;
}

/* ---- journey values ------------------------------------------------------------------------- */

double
attribution_value_arg(FunctionCallInfo fcinfo, int argno)
{
	double		value = PG_GETARG_FLOAT8(argno);

	if (!isfinite(value) || value < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("conversion value %g is not allowed", value),
				 errhint("The value of a journey is a finite, non-negative number.")));
	return value + 0.0;			/* -0 is 0 */
}
