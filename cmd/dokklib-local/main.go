// Command dokklib-local serves the embedded DynamoDB engine of
// github.com/dokklib/db/local over HTTP, for any DynamoDB client:
//
//	go install github.com/dokklib/db/cmd/dokklib-local@latest
//	dokklib-local -port 8000 -data ./ddb
//	aws dynamodb list-tables --endpoint-url http://127.0.0.1:8000
//
// Flags:
//
//	-addr HOST:PORT       address to listen on (default 127.0.0.1:8000, loopback only)
//	-port N               port to listen on, replacing the port of -addr
//	-data DIR             keep tables in DIR, every write synced to disk before it
//	                      is answered; one server at a time per DIR (default: in memory)
//	-credentials KEY:SECRET
//	                      check every request's AWS Signature V4 against these
//	                      credentials; repeatable, or a comma-separated list
//	-shared-db            one set of tables for every access key and region, as
//	                      DynamoDB Local's -sharedDb (default: tables are kept
//	                      apart by the access key and region requests are signed
//	                      with, as DynamoDB Local keeps a database for each)
//	-region REGION        region of requests without credentials, and of every
//	                      table's ARN with -shared-db (default us-east-1)
//	-max-body BYTES       largest request body (default 16 MiB, DynamoDB's limit)
//	-ttl-interval D       how often expired TTL items are deleted (0 disables)
//	-log-level LEVEL      debug, info, warn or error (debug logs every request)
//	-log-format FORMAT    text or json
//	-admin                serve the fault-injection endpoint /_dokklib/faults to
//	                      loopback clients (GET lists, POST adds, DELETE clears,
//	                      DELETE /_dokklib/faults/ID removes one)
//	-fault JSON           a fault injected from the start (repeatable), as the
//	                      endpoint takes it: {"Op":"PutItem","Table":"T",
//	                      "Key":{"PK":{"S":"a"}},"Error":"ThrottlingException",
//	                      "Latency":"100ms","Probability":0.5,"Count":3}; Error is
//	                      ThrottlingException, ProvisionedThroughputExceededException,
//	                      InternalServerError or TransactionConflict, and
//	                      "Unprocessed":true leaves batch items unprocessed
//	-fault-seed N         seed of the faults' probability draws (default random)
//
// Subcommands move a table's items to and from a file, through the AWS
// SDK against any DynamoDB endpoint (-h for their flags):
//
//	dokklib-local export -table NAME [-endpoint URL] [-gzip] [FILE]
//	dokklib-local import -table NAME [-key PK:S[,SK:N] | -table-definition FILE.json] [FILE]
//
// The file holds one {"Item":{...}} line per item, as DynamoDB's export to
// S3 writes DYNAMODB_JSON (gzipped when its name ends in .gz).
//
// SIGINT or SIGTERM shut the server down gracefully: it stops accepting
// connections, lets requests in flight finish and closes its data file. A
// second signal ends it at once.
package main

import (
	"context"
	"errors"
	"flag"
	"os"
	"os/signal"
	"syscall"
)

func main() { os.Exit(serve(os.Args[1:])) }

// serve runs the server with the command-line arguments until a signal
// stops it, and returns the exit code.
func serve(args []string) int {
	if code, ok := runTool(args, os.Stdin, os.Stdout, os.Stderr); ok { // export, import: export.go
		return code
	}
	cfg, err := parseFlags(args, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case err != nil:
		return 2
	}
	log := newLogger(os.Stderr, cfg.logLevel, cfg.logFormat)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal ends the process at once
	}()
	if err := run(ctx, cfg, log, nil); err != nil {
		log.Error("server failed", "err", err)
		return 1
	}
	return 0
}
