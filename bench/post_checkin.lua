-- wrk script for bench/run: every request is a check-in POST to the JSON API
-- (the session cookie, and in hosted mode the X-CSRF-Token, come as -H flags).
wrk.method = "POST"
wrk.path = "/api/v1/checkins"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"mood": 4, "numbness": 7, "energy": 3, "sensations": ["I feel detached"], "plan": "short walk"}'
