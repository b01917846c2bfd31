#!/usr/bin/env bash
# Installs the DynamoDB clients that cmd/dokklib-local's foreign-client tests
# drive, from Debian's packages, when they are missing:
#
#   the AWS CLI   /usr/bin/aws or `aws` on PATH        (Debian: awscli)
#   boto3         for /usr/bin/python3 or `python3`    (Debian: python3-boto3)
#
# Idempotent: apt-get runs only for what is missing. The tests look for the
# tools in the same order, so what this script accepts is what they use.
# Prints the tools it found on stderr.
set -euo pipefail

log() { printf 'install-clients: %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}

# first_working CHECK CANDIDATE...: prints the first candidate for which
# `CHECK CANDIDATE` succeeds.
first_working() {
	local check=$1 c
	shift
	for c in "$@"; do
		[[ -n $c && -x $c ]] && "$check" "$c" && {
			printf '%s\n' "$c"
			return 0
		}
	done
	return 1
}

aws_works() { "$1" --version >/dev/null 2>&1; }
boto3_works() { "$1" -c 'import boto3' >/dev/null 2>&1; }

find_aws() { first_working aws_works /usr/bin/aws "$(command -v aws || true)"; }
find_python() { first_working boto3_works /usr/bin/python3 "$(command -v python3 || true)"; }

missing=()
find_aws >/dev/null || missing+=(awscli)
find_python >/dev/null || missing+=(python3-boto3)

if ((${#missing[@]})); then
	command -v apt-get >/dev/null 2>&1 ||
		die "missing ${missing[*]} and apt-get is not available; install the AWS CLI and boto3"
	sudo=()
	if ((EUID != 0)); then
		command -v sudo >/dev/null 2>&1 || die "missing ${missing[*]}; run as root or install them"
		sudo=(sudo -n)
	fi
	log "installing ${missing[*]} with apt-get"
	${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
	${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >&2
	hash -r
fi

aws=$(find_aws) || die "the AWS CLI still does not run after installing awscli"
python=$(find_python) || die "boto3 is still missing after installing python3-boto3"
log "aws: $aws ($("$aws" --version 2>&1 | head -n 1))"
log "boto3: $python (boto3 $("$python" -c 'import boto3; print(boto3.__version__)'))"
