// Package conformance holds table-driven tests of Amazon DynamoDB's
// behaviour that run against every available backend and compare them.
//
// # Backends
//
//   - "dynamodb-local": AWS's DynamoDB Local at the endpoint in
//     DYNAMODB_ENDPOINT (`make test`, or scripts/dynamodb-local.sh run -- go
//     test ./conformance/). Without it, its runs are skipped, saying so.
//     DYNAMODB_LOCAL_SHARED_DB, which the script sets, says whether it runs
//     with -sharedDb (1, the script's default) or keeps a database per
//     access key and region (0), for the cases that depend on it.
//   - "engine": the pure-Go engine in package local, in process
//     (engine_test.go): SDK calls through Engine.Client, raw requests
//     straight to its handler.
//
// Each case runs on each backend in turn, on fresh tables; when both pass,
// their normalized responses are compared request by request (volatile
// fields such as dates, ARNs, sizes and statuses left out).
//
// # Cases
//
// A Case (case_test.go) is a table to create and a list of Steps: an SDK
// input (Call) or a request sent without the SDK (Raw), with the outcome
// Amazon DynamoDB documents: JSON the response must contain (Want, matched
// as described in match_test.go), or the exception type (Err) and, where a
// source records it, the message (Msg, '*' matching any text). Run holds
// checks that do not fit steps, such as paging or concurrency.
//
// In requests "$T" and "$T2" stand for the case's tables, "$ARN" for the
// first one's ARN and "$R" for a random string; a nil TableName means "$T".
// Responses and messages get the placeholders back, so Want and Msg can use
// them.
//
// # Differences
//
// Where DynamoDB Local is known to differ from DynamoDB, the step (or the
// whole case) says so in LocalDiffers, with a source (sources_test.go), and
// checks DynamoDB Local only for what it gets right (Local). Where the
// engine does not behave as DynamoDB yet, the case carries an EngineGap: it
// still runs on the engine and is reported as a skip naming the gap, and it
// fails once the engine passes so that the mark gets removed
// (grep EngineGap).
//
// The package has no non-test code; everything lives in _test.go files.
package conformance
