/*
 * util.c: helpers shared by every cxm type: the label rules for channels and actions, and
 * quoting of user values in error messages.
 */
#include "cxm.h"

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"

/* How much of a user value an error message quotes before it is cut short. */
#define CXM_QUOTE_MAX_BYTES 80

const char *
cxm_label_problem(const char *label, int len)
{
	int			i;

	if (len <= 0)
		return "is empty";
	if (len > CXM_LABEL_MAX_BYTES)
		return psprintf("is %d bytes long, more than the limit of %d", len, CXM_LABEL_MAX_BYTES);
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) label[i];

		if (c < 0x20 || c == 0x7f)
			return "contains a control character";
		if (strchr(CXM_LABEL_RESERVED, c) != NULL)
			return psprintf("contains the reserved character \"%c\"", c);
	}
	if (label[0] == ' ' || label[len - 1] == ' ')
		return "has leading or trailing white space";
	return NULL;
}

char *
cxm_quote_value(const char *value, int len)
{
	StringInfoData out;
	int			keep = len;
	int			i;

	/* cut on a character boundary so the message stays valid in the server encoding */
	if (len > CXM_QUOTE_MAX_BYTES)
		keep = pg_mbcliplen(value, len, CXM_QUOTE_MAX_BYTES);
	initStringInfo(&out);
	for (i = 0; i < keep; i++)
	{
		unsigned char c = (unsigned char) value[i];

		/* control characters would break the log line; show them escaped */
		if (c < 0x20 || c == 0x7f)
			appendStringInfo(&out, "\\x%02x", c);
		else
			appendStringInfoChar(&out, (char) c);
	}
	if (keep < len)
		appendStringInfoString(&out, "...");
	return out.data;
}
