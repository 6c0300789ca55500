#!/usr/bin/env bash
# What must hold when two app servers share one PostgreSQL behind nginx; run by `cluster.sh test`.
# Usage: scripts/cluster-checks.sh FRONT_URL CLUSTER_DIR PORT_1 PORT_2
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
front="$1" dir="$2" first_port="$3"
failures=0
check() { # check DESCRIPTION EXPECTED ACTUAL
  if [[ "$2" == "$3" ]]; then echo "ok: $1 ($3)"; else echo "FAILED: $1: expected $2, got $3" >&2; failures=$((failures + 1)); fi
}

step "both servers answer through nginx"
seen=""
for _ in 1 2 3 4; do
  seen+="$(curl -s -o /dev/null -w '%{http_code} ' "$front/centres")"
done
check "four pages through nginx" "200 200 200 200 " "$seen"
upstreams="$(tail -n 4 "$dir/nginx-access.log" | grep -oE 'upstream=[0-9.:]+' | sort -u | wc -l)"
check "pages served by distinct servers" 2 "$upstreams"

step "the request id of nginx reaches the response"
id="$(curl -s -D - -o /dev/null "$front/centres" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-request-id" { print $2 }')"
logged="$(grep -c "id=$id" "$dir/nginx-access.log" || true)"
check "X-Request-Id is nginx's id" 1 "$logged"

database_url="${CLUSTER_DATABASE_URL:-${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}}"
[[ -z "${CLUSTER_DATABASE_URL:-}" ]] && database_url="${database_url%/*}/cluster"
sql() { psql "$database_url" -qtAF' ' -c "$1"; }

step "twelve residents enrol at once, through both servers, in a course with fewer free seats"
# The synthetic residents are 14; a course that has not started yet takes them.
read -r course free <<<"$(sql "SELECT slug, capacity - seats_taken FROM course WHERE min_age <= 14 AND max_age >= 15
  AND capacity - seats_taken BETWEEN 2 AND 8 AND next_session_at > now()
  AND NOT EXISTS (SELECT 1 FROM course_session s WHERE s.course_id = course.id AND s.starts_at <= now())
  ORDER BY id LIMIT 1")"
check "a course to race for" yes "$([[ -n "$course" ]] && echo yes || echo no)"
for n in $(seq 1 12); do
  curl -s -c "$dir/resident-$n.jar" -o /dev/null -d "login=bench-resident-$n%40demo.kz&password=demo-password" \
    "$front/api/accounts/sign_in"
done
for n in $(seq 1 12); do
  curl -s -b "$dir/resident-$n.jar" -o /dev/null -w '%{http_code}\n' -d "course=$course" "$front/api/courses/enrol" &
done >"$dir/enrol-codes.txt"
wait
check "every enrolment answered without a server error" 0 "$(grep -c '^5' "$dir/enrol-codes.txt" || true)"
enrolled="$(sql "SELECT count(*) FROM enrolment e JOIN course c ON c.id = e.course_id JOIN resident r ON r.id = e.resident_id
  JOIN app_user u ON u.id = r.user_id WHERE c.slug = '$course' AND e.status = 'enrolled' AND u.login LIKE 'bench-resident-%'")"
check "as many got a seat as there were free seats ($course)" "$free" "$enrolled"
check "seats taken never exceed the capacity" t "$(sql "SELECT seats_taken <= capacity AND seats_taken =
  (SELECT count(*) FROM enrolment WHERE course_id = course.id AND status = 'enrolled') FROM course WHERE slug = '$course'")"

step "ten bookings of one room at one time at once, through both servers"
curl -s -c "$dir/admin.jar" -o /dev/null -d "login=admin%40demo.kz&password=demo-password" "$front/api/accounts/sign_in"
room="$(sql "SELECT r.id FROM room r JOIN centre c ON c.id = r.centre_id WHERE c.slug = 'almaly-youth-centre'
  AND r.kind = 'classroom' ORDER BY r.id LIMIT 1")"
# A Saturday ten weeks ahead in Almaty (UTC+5), 20:00–20:30: the demo data puts nothing there.
today="$(date -u -d '+5 hours' +%F)"
saturday="$(date -u -d "$today +$(( (6 - $(date -u -d "$today" +%u) + 7) % 7 + 70 )) days" +%F)"
purpose="cluster-race-$$-$(date +%s)"
for n in $(seq 1 10); do
  curl -s -b "$dir/admin.jar" -o /dev/null -w '%{http_code}\n' \
    --data-urlencode "form[room]=$room" --data-urlencode "form[date]=$saturday" --data-urlencode "form[starts]=20:00" \
    --data-urlencode "form[ends]=20:30" --data-urlencode "form[attendees]=5" --data-urlencode "form[purpose]=$purpose" \
    "$front/api/rooms/book" &
done >"$dir/book-codes.txt"
wait
check "every booking answered without a server error" 0 "$(grep -c '^5' "$dir/book-codes.txt" || true)"
check "exactly one booking holds the slot" 1 "$(sql "SELECT count(*) FROM booking WHERE purpose = '$purpose'")"

step "a text search kept by each server follows a course changed from outside either"
# Each server keeps a text search's answer per catalogue version (migration m0022); a write by an
# operator's SQL must show on both at the next search.
second_port="$4"
word="clustercheck$$"
total_on() { # total_on PORT: the search's total, asked of one server directly
  curl -s --data-urlencode "query=q=$word" "http://127.0.0.1:$1/api/courses/list" | grep -oE '"total":[0-9]+' | cut -d: -f2
}
check "nothing matches before, on either server" "0 0" "$(total_on "$first_port") $(total_on "$second_port")"
renamed="$(sql "SELECT slug FROM course WHERE next_session_at > now() ORDER BY id LIMIT 1")"
sql "UPDATE course SET search_text = search_text || ' $word' WHERE slug = '$renamed'" >/dev/null
check "the renamed course is found, on either server" "1 1" "$(total_on "$first_port") $(total_on "$second_port")"
sql "UPDATE course SET search_text = replace(search_text, ' $word', '') WHERE slug = '$renamed'" >/dev/null
check "and no longer once renamed back" "0 0" "$(total_on "$first_port") $(total_on "$second_port")"

step "40 wrong passwords for one account, spread over both servers"
codes="$(for n in $(seq 1 40); do
  curl -s -o /dev/null -w '%{http_code}\n' -d 'login=staff%40demo.kz&password=wrong-guess' "$front/api/accounts/sign_in"
done | sort | uniq -c | awk '{ printf "%s×%s ", $1, $2 }')"
check "five checked (401: wrong password), the rest refused (429)" "5×401 35×429 " "$codes"

step "one server stops (SIGTERM) under a stream of requests"
pid="$(cat "$dir/server-$first_port.pid")"
( sleep 2; kill -TERM "$pid" ) &
stream="$(wrk -t1 -c8 -d6s "$front/centres")"
errors="$(awk '/Non-2xx|Socket errors/ { print }' <<<"$stream")"
requests="$(awk '/requests in/ { print $1 }' <<<"$stream")"
echo "$requests requests during the stop"
check "failed requests while a server stopped" "" "$errors"
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
state="$(kill -0 "$pid" 2>/dev/null && echo running || echo exited)"
check "the stopped server exited" exited "$state"
# It logs "stopped" only when serving ended without an error (then it exits 0).
said="$(tail -n 3 "$dir/server-$first_port.log" | sed 's/\x1b\[[0-9;]*m//g' | grep -q ' stopped$' && echo yes || echo no)"
check "it finished its requests and said so" yes "$said"

step "backup and restore drill: pg_dump of the cluster's database, restored into a new one"
restore_url="${database_url%/*}/cluster_restore_drill"
pg_dump --format=custom --file="$dir/backup.dump" "$database_url"
psql "$database_url" -qc "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS cluster_restore_drill" -c "CREATE DATABASE cluster_restore_drill"
pg_restore --no-owner --dbname="$restore_url" "$dir/backup.dump"
counts() {
  psql "$1" -qtAc "SELECT (SELECT count(*) FROM app_user) || ' users, ' || (SELECT count(*) FROM course) || ' courses, '
    || (SELECT count(*) FROM enrolment) || ' enrolments, ' || (SELECT count(*) FROM booking) || ' bookings, '
    || (SELECT count(*) FROM seaql_migrations) || ' migrations'"
}
check "the restored copy holds what the original holds" "$(counts "$database_url")" "$(counts "$restore_url")"
restored_ready="$(DATABASE_URL="$restore_url" "$SERVER_BIN" migrate >/dev/null 2>&1 && echo yes || echo no)"
check "the server accepts the restored copy (nothing left to migrate)" yes "$restored_ready"
psql "$database_url" -qc "DROP DATABASE cluster_restore_drill"
rm -f "$dir/backup.dump"

if ((failures > 0)); then echo "cluster: $failures check(s) failed" >&2; exit 1; fi
echo "cluster: every check passed"
