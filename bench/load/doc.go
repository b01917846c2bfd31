// Package load measures DynamoDB backends side by side: the embedded
// engine of github.com/dokklib/db/local as a server and in process, AWS's
// DynamoDB Local, and a no-op server that answers every operation with a
// fixed response, which is the limit of the HTTP transport and the SDK.
//
// A phase runs one operation with N workers, bounded by a count and a
// time, and records each request's latency. For servers it also reads the
// server process's CPU time from /proc before and after the phase, since on
// a small machine the client's own cost caps throughput and CPU per
// operation is the fairer figure. The writes are measured again on the
// engine on disk (its server with -data, and local.Open in process) beside
// the engine in memory, with one writer and with several; large tables'
// memory and start-up are measured in memory and on disk, and the heap
// under a bounded mixed load. The command in cmd/loadbench runs every
// measurement and writes the results as JSON and Markdown; bench/chart
// draws them.
package load
