#!/usr/bin/env python3
"""Seeds a hosted-mode account with the check-ins of a Thaw JSON document,
through the API (POST /api/v1/checkins with their `at`), on a few
keep-alive connections. Standard library only.

Usage: seed_hosted.py BASE_URL COOKIE CSRF THAW.json [CONNECTIONS]
Prints how many were written; exits 1 if any request failed.
"""

import http.client
import json
import sys
import threading
from urllib.parse import urlsplit

FIELDS = ("at", "mood", "numbness", "energy", "pleasure", "connection",
          "sensations", "triggers", "note", "plan")


def main():
    base, cookie, csrf, doc_path = sys.argv[1:5]
    connections = int(sys.argv[5]) if len(sys.argv) > 5 else 4
    with open(doc_path) as f:
        checkins = json.load(f)["checkins"]
    bodies = [json.dumps({k: c[k] for k in FIELDS if c.get(k) is not None}).encode()
              for c in checkins]
    url = urlsplit(base)
    headers = {"Cookie": cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json"}
    failures = []
    written = [0] * connections

    def work(t):
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        for body in bodies[t::connections]:
            conn.request("POST", "/api/v1/checkins", body=body, headers=headers)
            response = conn.getresponse()
            text = response.read()
            if response.status != 201:
                failures.append(f"{response.status}: {text[:200]!r}")
                return
            written[t] += 1
        conn.close()

    threads = [threading.Thread(target=work, args=(t,)) for t in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{sum(written)} check-ins written through the API")
    if failures:
        print("failed: " + failures[0], file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
