-- wrk script: the evaluate body of spec/items.md example 1, posted again and again.
-- wrk -t2 -c16 -d20s --latency -s scripts/evaluate.lua http://127.0.0.1:8080/api/v1/items/individual-business-registration/evaluate
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{ "asOf": "2026-11-27", "applicant": { "kind": "PERSON", "idNumber": "310101199001011234", "name": "张三", "hukouRegion": "310101", "identityVerified": true }, "form": { "businessScope": ["retail-general"], "premisesAddress": "上海市黄浦区南京东路1号" }, "materials": [ { "code": "premises-proof", "mediaType": "application/pdf" } ], "options": { "delivery": "ONLINE" } }]]
