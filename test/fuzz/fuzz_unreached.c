/*
 * fuzz_unreached.c: the backend functions src/core/util.c and src/journey/pattern.c call
 * outside the code paths the harness drives (set-returning function setup, timestamp and
 * interval output, the fn_extra pattern cache). The harness links util.c for its label rules and value quoting; reaching any
 * of these is a harness bug. Declared here
 * without the server headers, whose prototypes they do not need to match.
 */
#include <stdlib.h>

#define NOT_REACHED(name) \
	void name(void); \
	void name(void) { abort(); }

NOT_REACHED(AllocSetContextCreateInternal)
NOT_REACHED(CreateTemplateTupleDesc)
NOT_REACHED(DirectFunctionCall1Coll)
NOT_REACHED(CreateTupleDescCopy)
NOT_REACHED(EncodeDateTime)
NOT_REACHED(MemoryContextAlloc)
NOT_REACHED(MemoryContextDelete)
NOT_REACHED(MemoryContextSetParent)
NOT_REACHED(TupleDescInitEntry)
NOT_REACHED(get_call_result_type)
NOT_REACHED(interval_out)
NOT_REACHED(timestamp2tm)
NOT_REACHED(tuplestore_begin_heap)
