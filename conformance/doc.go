// Package conformance holds table-driven tests of Amazon DynamoDB's
// behaviour that run against every available backend and compare them.
//
// Backends:
//
//   - "dynamodb-local": AWS's DynamoDB Local at the endpoint in
//     DYNAMODB_ENDPOINT (`make test`, or scripts/dynamodb-local.sh run -- go
//     test ./conformance/). Without it, its runs are skipped.
//   - "engine": the pure-Go engine in package local, in process
//     (engine_test.go).
//
// Each Case states what Amazon DynamoDB documents. Where DynamoDB Local is
// known to differ, the case or step says so in LocalDiffers (with a source)
// and checks DynamoDB Local only for what it gets right. Where the engine does
// not behave as DynamoDB yet, the case carries an EngineGap: it still runs on
// the engine and is reported as a skip naming the gap, and it fails once the
// engine passes so that the mark gets removed.
//
// The package has no non-test code; everything lives in _test.go files.
package conformance
