#!/usr/bin/env bash
# An access token of the embedded identity provider (统一身份认证) for a demo account, for curl users of the API:
#   TOKEN=$(scripts/token.sh zhangsan)
#   curl -H "Authorization: Bearer $TOKEN" http://localhost:8080/api/v1/certificates
# Authorization code with PKCE (client tongban-cli) through the provider's own sign-in form, with a cookie jar: what a
# browser does, with curl. The password is demo-<user> unless TONGBAN_PASSWORD says otherwise; the server is
# TONGBAN_URL (http://localhost:8080). Needs curl and openssl. Prints the token; errors go to stderr, exit status 1.
set -euo pipefail
user=${1:?usage: scripts/token.sh <user>  (a demo account, e.g. zhangsan)}
password=${TONGBAN_PASSWORD:-demo-$user}
base=${TONGBAN_URL:-http://localhost:8080}
base=${base%/}
client=tongban-cli
redirect=http://127.0.0.1/tongban-cli
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT

fail() { echo "token.sh: $*" >&2; exit 1; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
# the value of one query parameter of a URL (codes and states are URL-safe)
param() { sed -n "s/.*[?&]$1=\([^&#]*\).*/\1/p" <<<"$2"; }

verifier=$(openssl rand 32 | b64url)
challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | b64url)
state=$(openssl rand 16 | b64url)

# 1. the sign-in form: a session and its CSRF token
form=$(curl -sS -f -c "$jar" -b "$jar" "$base/id/login") || fail "no sign-in form at $base/id/login (is the embedded provider on?)"
csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' <<<"$form" | head -n 1)
[[ -n $csrf ]] || fail "the sign-in form has no CSRF token"

# 2. sign in; a refused password comes back to the form with ?error
signed=$(curl -sS -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" \
  --data-urlencode "username=$user" --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" \
  "$base/id/login/password")
[[ $signed != *error* ]] || fail "user name or password refused for $user"

# 3. the authorization code, from the redirect (never followed: nothing listens there)
location=$(curl -sS -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" -G "$base/oauth2/authorize" \
  --data-urlencode response_type=code --data-urlencode "client_id=$client" --data-urlencode "redirect_uri=$redirect" \
  --data-urlencode scope=openid --data-urlencode "state=$state" \
  --data-urlencode "code_challenge=$challenge" --data-urlencode code_challenge_method=S256)
code=$(param code "$location")
[[ -n $code && $(param state "$location") == "$state" ]] || fail "no authorization code (${location:-no redirect})"

# 4. the code and the PKCE verifier for the token
answer=$(curl -sS -f "$base/oauth2/token" --data-urlencode grant_type=authorization_code \
  --data-urlencode "code=$code" --data-urlencode "redirect_uri=$redirect" --data-urlencode "client_id=$client" \
  --data-urlencode "code_verifier=$verifier") || fail "the token endpoint refused the code"
token=$(sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' <<<"$answer")
[[ -n $token ]] || fail "no access token in the answer"
printf '%s\n' "$token"
