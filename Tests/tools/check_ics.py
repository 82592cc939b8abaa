#!/usr/bin/env python3
"""Check a renewal calendar of mgaudit (docs/calendar.md) with an independent parser (the
icalendar package) and on its bytes: every line ends with CRLF; no line is over 75 octets and
each one is whole UTF-8 (folding never splits a character); continuation lines start with one
space (never a tab); VERSION:2.0 and PRODID; every event is all-day with the given DTSTAMP and a unique UID;
renewal events (those with alarms) have exactly the display alarms 30 and 7 days before the
start, each with a description; --contains texts appear, after unescaping, in some SUMMARY or
DESCRIPTION; --absent texts appear nowhere in the file.

Usage: check_ics.py ICS --dtstamp YYYYMMDDT000000Z [--events N] [--contains TEXT]... [--absent TEXT]...
Exit 0: consistent. Exit 1: not (each problem on stderr). Exit 2: usage.
"""
import datetime
import sys

from verdict import verdict

try:
    import icalendar
except ImportError:
    sys.stderr.write("check_ics.py needs the icalendar package (.ci/run installs it)\n")
    sys.exit(2)


def main(argv):
    args = argv[1:]
    options = {"--dtstamp": [], "--events": [], "--contains": [], "--absent": []}
    paths = []
    while args:
        arg = args.pop(0)
        if arg in options:
            if not args:
                sys.stderr.write(f"{arg} needs a value\n")
                return 2
            options[arg].append(args.pop(0))
        else:
            paths.append(arg)
    if len(paths) != 1 or len(options["--dtstamp"]) != 1:
        sys.stderr.write("usage: check_ics.py ICS --dtstamp STAMP [--events N] [--contains TEXT]... [--absent TEXT]...\n")
        return 2
    path = paths[0]
    raw = open(path, "rb").read()
    problems = []
    if not raw.endswith(b"\r\n"):
        problems.append("the file does not end with CRLF")
    body = raw[:-2] if raw.endswith(b"\r\n") else raw
    for number, line in enumerate(body.split(b"\r\n"), 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number}: a bare LF or CR")
        if len(line) > 75:
            problems.append(f"line {number}: {len(line)} octets, over 75")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number}: not whole UTF-8 (a character split by folding)")
        if line.startswith(b"\t"):
            problems.append(f"line {number}: a continuation must start with a space")
    text = raw.decode("utf-8", errors="replace")
    for absent in options["--absent"]:
        if absent in text:
            problems.append(f"{absent!r} is in the file")
    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except Exception as error:  # noqa: BLE001 - any parser error is the verdict
        problems.append(f"icalendar cannot read it: {error}")
        return verdict(path, problems, "")
    if str(calendar.get("VERSION")) != "2.0":
        problems.append("VERSION is not 2.0")
    if not calendar.get("PRODID"):
        problems.append("no PRODID")
    stamp = datetime.datetime.strptime(options["--dtstamp"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    events = list(calendar.walk("VEVENT"))
    if options["--events"] and len(events) != int(options["--events"][0]):
        problems.append(f"{len(events)} events, expected {options['--events'][0]}")
    uids = [str(event.get("UID")) for event in events]
    if len(set(uids)) != len(uids):
        problems.append("UIDs are not unique")
    texts = []
    for event in events:
        uid = str(event.get("UID"))
        if event.get("DTSTAMP") is None or event.get("DTSTAMP").dt != stamp:
            problems.append(f"{uid}: DTSTAMP is not {options['--dtstamp'][0]}")
        start = event.get("DTSTART")
        if start is None or isinstance(start.dt, datetime.datetime) or not isinstance(start.dt, datetime.date):
            problems.append(f"{uid}: DTSTART is not a date")
        for name in ("SUMMARY", "DESCRIPTION"):
            if not event.get(name):
                problems.append(f"{uid}: no {name}")
            texts.append(str(event.get(name, "")))
        alarms = list(event.walk("VALARM"))
        if alarms:
            triggers = sorted(alarm.get("TRIGGER").dt for alarm in alarms)
            if triggers != [datetime.timedelta(days=-30), datetime.timedelta(days=-7)]:
                problems.append(f"{uid}: alarms at {triggers}, expected 30 and 7 days before")
            for alarm in alarms:
                if str(alarm.get("ACTION")) != "DISPLAY" or not alarm.get("DESCRIPTION"):
                    problems.append(f"{uid}: an alarm is not a display alarm with a description")
                if alarm.get("TRIGGER").params.get("RELATED", "START") != "START":
                    problems.append(f"{uid}: an alarm is not related to the start")
                texts.append(str(alarm.get("DESCRIPTION")))
    for wanted in options["--contains"]:
        if not any(wanted in value for value in texts):
            problems.append(f"{wanted!r} is in no SUMMARY or DESCRIPTION")
    return verdict(path, problems, f"{len(events)} events, valid")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
