#!/bin/sh
# Writes a MailGates-style OAuth log of N lines (default 1,000,000) to stdout, for measuring
# `mgaudit triage` on a large input. It stays under the 32 MiB input limit: most lines are short
# INFO lines, every 10th a WARN line that the scanner must look at, every 100th an error (an
# AADSTS message, a token-endpoint JSON body or an error redirect, in turn).
#
#   sh Samples/errors/make-large-log.sh > /tmp/large.log
#   /usr/bin/time -v .build/release/mgaudit triage /tmp/large.log --format json > /dev/null
N=${1:-1000000}
awk -v n="$N" 'BEGIN {
  q = sprintf("%c", 39)
  for (i = 1; i <= n; i++) {
    t = sprintf("%02d:%02d:%02d", int(i / 3600) % 24, int(i / 60) % 60, i % 60)
    if (i % 100 == 0) {
      k = int(i / 100) % 3
      if (k == 0) {
        printf "2025-03-10T%sZ ERROR oauth: AADSTS50011: The redirect URI %shttps://abc-mgf.cybermail.jp/mg-cgi/mg_login%s specified in the request does not match the redirect URIs configured for the application %s7671e18a-3c2b-4d5e-9f01-23456789abcd%s. Trace ID: %08d-aaaa-4aaa-8aaa-000000000001\n", t, q, q, q, q, i
      } else if (k == 1) {
        printf "2025-03-10T%sZ ERROR token: {\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000222: The provided client secret keys for app %s7671e18a-3c2b-4d5e-9f01-23456789abcd%s are expired.\",\"error_codes\":[7000222]}\n", t, q, q
      } else {
        printf "2025-03-10T%sZ ERROR callback: https://abc-mgf.cybermail.jp/mg-cgi/mg_oauth?error=access_denied&error_description=AADSTS65004%%3a+User+declined+to+consent+to+access+the+app.&state=mg-%d\n", t, i
      }
    } else if (i % 10 == 0) {
      printf "%s WARN app retry %d\n", t, i
    } else {
      printf "%s INFO ok u%d\n", t, i
    }
  }
}'
