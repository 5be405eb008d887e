#!/usr/bin/env python3
"""Which C entry points of cxm reach code that reads a session setting.

Reads the disassembly with relocations (objdump -dr) of every object file given, builds the
call and reference graph (calls, and references to functions and variables such as
DirectFunctionCall1(timestamptz_in, ...) or session_timezone), and prints, for every symbol
given on stdin (one C symbol per line: the prosrc of cxm's IMMUTABLE C functions), the
session-dependent symbols it reaches, one line "symbol<TAB>sink,sink" per symbol that reaches
any. Static functions are told apart by file; gcc's clones (.constprop.0, .isra.0, .part.0,
.cold) count as their function. Indirect calls through function pointers are not followed.
"""
import re
import subprocess
import sys

# what reads a session setting: TimeZone, DateStyle, IntervalStyle, extra_float_digits,
# lc_monetary / lc_numeric, default_text_search_config, any GUC by name, cxm.* settings
SINKS = {
    "session_timezone", "pg_get_timezone_name", "DateStyle", "DateOrder", "IntervalStyle",
    "extra_float_digits", "GetConfigOption", "GetConfigOptionByName", "GetConfigOptionResetString",
    "timestamptz_in", "timestamp_in", "date_in", "time_in", "timetz_in", "interval_in",
    "timestamptz_out", "timestamp_out", "date_out", "time_out", "timetz_out", "interval_out",
    "float4out", "float8out", "float8out_internal", "cash_in", "cash_out", "PGLC_localeconv",
    "timestamptz_to_str", "getTSCurrentConfig", "cxm_max_journey_steps",
    "GetCurrentTransactionStartTimestamp", "GetCurrentTimestamp",
}

# References that only shape the text of an error message (a message may follow the
# session's styles; a result may not): (file, function) -> sinks it may reach for that.
# Only the function's name is matched (names of cxm's functions are unique enough).
MESSAGE_ONLY = {
    ("util.c", "cxm_interval_usecs"): {"interval_out"},
    ("util.c", "cxm_usecs_text"): {"interval_out"},          # for messages: "window '1 day'"
    ("activity.c", "local_text"): {"timestamp_out"},
    ("activity.c", "local_time"): {"timestamptz_to_str"},
    ("activity.c", "activity_add_interval"): {"interval_out", "timestamptz_to_str"},
    ("activity.c", "grid_from_interval"): {"interval_out"},
    ("activity.c", "activity_periods_trans"): {"timestamptz_to_str"},
    ("activity.c", "check_same_grid"): {"timestamptz_to_str"},
    ("activity.c", "activity_set_combine"): {"timestamptz_to_str"},   # check_same_grid, inlined
    ("retention.c", "churn_status"): {"interval_out"},
    ("rfm.c", "interval_text"): {"interval_out"},
    ("rfm.c", "duration_arg"): {"interval_out"},             # interval_text, inlined
    ("rfm.c", "check_same_parameters"): {"timestamptz_to_str"},
    ("feedback.c", "float_score"): {"float8out"},
    ("term_analysis.c", "nps_class"): {"float8out"},
    ("driver_table.c", "analyse"): {"float8out"},          # a constant driver's value
}

MESSAGE_ONLY_BY_NAME = {name: sinks for (_, name), sinks in MESSAGE_ONLY.items()}

BASE = re.compile(r"\.(constprop|isra|part|cold|lto_priv)(\.\d+)?")


def base(name):
    return BASE.sub("", name)


def main():
    objects = sys.argv[1:]
    edges = {}          # node -> set(node)
    defined = {}        # global name -> node
    for obj in objects:
        fname = obj.rsplit("/", 1)[-1].replace(".o", ".c")
        local = set()
        for line in subprocess.run(["nm", obj], capture_output=True, text=True, check=True).stdout.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in "tTdDbBrR":
                name = base(parts[2])
                if parts[1].islower():
                    local.add(name)
                else:
                    defined[name] = name
        # a global function's local clones (.constprop.0) are the function itself
        local -= set(defined)

        def node(name):
            name = base(name)
            return (fname, name) if name in local else name

        current = None
        pending = None      # a call's shown target: real unless a relocation follows it
        dis = subprocess.run(["objdump", "-dr", "--no-show-raw-insn", obj],
                             capture_output=True, text=True, check=True).stdout
        for line in dis.splitlines():
            reloc = re.search(r"\bR_[A-Z0-9_]+\s+([A-Za-z_.][\w.]*)", line)
            if pending is not None and not reloc:
                if pending != current:
                    edges[current].add(pending)
            if reloc or pending is not None:
                pending = None
            m = re.match(r"^[0-9a-f]+ <([^>]+)>:$", line)
            if m:
                current = node(m.group(1))
                edges.setdefault(current, set())
                continue
            if current is None:
                continue
            if reloc:
                if not reloc.group(1).startswith("."):
                    edges[current].add(node(reloc.group(1)))
                continue
            m = re.search(r"\b(call|jmp)\w*\s+[0-9a-f]+ <([^>+]+)>", line)
            if m:
                pending = node(m.group(2))
        if pending is not None and pending != current:
            edges[current].add(pending)

    def sink_name(n):
        return n if isinstance(n, str) and n in SINKS else None

    memo = {}

    def reach(n, stack):
        if n in memo:
            return memo[n]
        if n in stack:
            return set()
        stack.add(n)
        found = set()
        allowed = MESSAGE_ONLY_BY_NAME.get(n[1] if isinstance(n, tuple) else n, set())
        for t in edges.get(n, ()):
            s = sink_name(t)
            if s:
                if s not in allowed:
                    found.add(s)
            else:
                found |= reach(t, stack) - allowed
        stack.discard(n)
        memo[n] = found
        return found

    def path(n, sink, seen):
        """one call path from n to sink, for the report"""
        if n in seen:
            return None
        seen.add(n)
        allowed = MESSAGE_ONLY_BY_NAME.get(n[1] if isinstance(n, tuple) else n, set())
        if sink in allowed:
            return None
        for t in sorted(edges.get(n, ()), key=str):
            if t == sink:
                return [n, t]
            if sink_name(t) is None and sink in reach(t, set()):
                rest = path(t, sink, seen)
                if rest:
                    return [n] + rest
        return None

    def show(n):
        return "%s:%s" % n if isinstance(n, tuple) else n

    for sym in sys.stdin.read().split():
        sinks = reach(sym, set())
        if sinks:
            print("%s\t%s\t%s" % (sym, ",".join(sorted(sinks)),
                                   "; ".join(" -> ".join(show(x) for x in (path(sym, s, set()) or [sym, s]))
                                             for s in sorted(sinks))))


main()
