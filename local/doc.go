// Package local is an embedded, pure-Go engine that speaks Amazon
// DynamoDB's wire protocol (JSON 1.0, DynamoDB_20120810, and DynamoDB
// Streams' DynamoDBStreams_20120810 on the same endpoint) and behaves like
// DynamoDB, down to its error types and messages.
//
// An Engine is an http.Handler: serve it with net/http for any DynamoDB
// client, or call Engine.Client for an SDK client served in process with no
// sockets:
//
//	eng := local.New()
//	defer eng.Close()
//	client := eng.Client() // *dynamodb.Client
//
// New keeps everything in memory. Open keeps it in a directory as well, in
// one bbolt file: every write is synced to disk before it is answered (an
// acknowledged write survives the process being killed), concurrent
// writes share their syncs (group commit), a read is answered once the
// writes it saw are on disk, batches and transactions are written all or
// nothing, and one process at a time may open the directory:
//
//	eng, err := local.Open("data") // ErrLocked, ErrCorrupt
//
// Tables are kept apart by the access key and region that requests are
// signed with, as DynamoDB Local keeps a database per access key and
// region (and DynamoDB keeps tables per account and region): a table
// created by a client of us-east-2 is not seen by one of us-east-1, nor
// by another access key, and its ARN reads
// arn:aws:dynamodb:us-east-2:000000000000:table/NAME (the account is
// always 000000000000). This is the default so that the engine is a
// drop-in for DynamoDB Local and code that mixes regions meets
// DynamoDB's behaviour; in process it changes nothing, since
// Engine.Client signs with fixed credentials in the engine's region
// (WithRegion, default us-east-1) and requests without credentials use
// the same tables as Client. WithSharedDB keeps one set of tables for
// every request, as DynamoDB Local's -sharedDb does; its ARNs carry the
// engine's region. Open keeps every namespace and reopens it, the
// default one's tables under their bare names, so that a data directory
// opened with WithSharedDB serves the tables Client made; ListTables
// lists the caller's namespace, DescribeLimits answers the same quotas
// in each, the TTL sweeper covers them all, and a fault scoped to a
// table matches that table name in any namespace.
//
// Differences from DynamoDB that are by design: tables and indexes are
// ACTIVE as soon as CreateTable or UpdateTable returns (DynamoDB reports
// CREATING or UPDATING for a while), there is no throughput limit, every
// read is strongly consistent, and DescribeTable's ItemCount and sizes are
// live (DynamoDB refreshes them about every six hours). Expired TTL items
// are deleted by a background sweeper (see WithTTLInterval) and can be
// read until then, as in DynamoDB. Requests are not authenticated unless
// the engine is given credentials (WithCredentials): then every request's
// AWS Signature Version 4 is checked, as DynamoDB does, and Client signs
// with them. Request bodies over 16 MB (WithMaxBodyBytes) are refused,
// before and after decompression (DynamoDB does not bound what a
// compressed body expands to). Sets are kept in the order DynamoDB Local
// returns them in, which tests written against it depend on (DynamoDB
// keeps none): strings by UTF-16 code units, numbers by value, binaries
// by signed bytes.
//
// Over HTTP the engine answers as DynamoDB does: request bodies may be
// compressed with gzip or deflate (Content-Encoding), responses of 4 KB
// or more are compressed with the coding the client prefers
// (Accept-Encoding, with quality values), a body that does not decompress
// or another Content-Encoding gets a 500 InternalServerError, GET /
// answers the health check, requests with Origin get CORS headers and
// OPTIONS preflights an answer allowing them, and every response carries
// Server: Server. A request line or head over 8 KB is refused with 414 or
// 431, as DynamoDB Local refuses it.
//
// Items are kept in B-trees keyed by the order-preserving encoding of
// their keys, in ddbtype's compact binary encoding; each secondary index
// is a B-tree of its own holding only keys, and is sparse. Point reads and
// queries cost O(log n + k). Each table has its own lock: readers of one
// table never wait on writers of another, and batches and transactions
// lock their tables in name order. An engine of Open serves reads from
// the same in-memory trees, loaded at Open; each write's changes are
// encoded under the table's lock and queued, and written to the file
// with those of the writes queued meanwhile, one transaction and one sync
// for all, before any of them is answered; indexes are rebuilt from the
// items when the file is opened.
//
// A global secondary index may have a multi-attribute key, as DynamoDB's
// may since November 2025: up to four partition key attributes and four
// sort key attributes, each with its own type. Its key is the attributes'
// encodings one after the other, so a query reads one contiguous range:
// equality on every partition attribute and on the leading sort
// attributes, and any key comparison on the next.
//
// Beyond items and tables, the engine has DynamoDB's streams (records of
// every change, 24 hours, read over the Streams API, with
// Engine.StreamsClient, or with Engine.StreamRecords in process), PartiQL
// (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction), on-demand
// backups and point-in-time recovery (which DynamoDB Local lacks), and
// export and import of tables as DynamoDB's export to S3 writes them
// (Engine.ExportTable, ImportTable, ExportItems, ImportItems). Streams,
// backups and the recovery log are kept in the data file of Open, written
// with the commits they describe.
//
// Beyond the items, memory is bounded under any load: each stream keeps
// at most WithStreamMemory bytes of records in memory (an engine of New
// trims the oldest past it; one of Open reads them from its file), each
// table's point-in-time recovery log keeps at most WithRecoveryMemory
// bytes of changes in memory (an engine of New folds the oldest into its
// base past it; one of Open keeps the log in its file), and each
// namespace remembers at most WithTokenLimit ClientRequestTokens.
//
// Faults make the engine misbehave on purpose, for testing retry and
// error paths: Engine.Faults adds faults scoped by operation, table,
// index and item key that fail requests with DynamoDB's transient errors
// (throttling, provisioned throughput exceeded, internal server error,
// transaction conflict), delay them, or leave batch items unprocessed,
// every time, a number of times, or with a probability drawn from a
// seeded source (WithFaultSeed):
//
//	eng.Faults().Add(local.Fault{Op: "PutItem", Table: "T", Err: local.ErrThrottling, Count: 2})
//
// Errors follow DynamoDB: validation errors are
// com.amazon.coral.validate#ValidationException with a "message" field,
// service errors use the com.amazonaws.dynamodb.v20120810 namespace, and
// TransactionCanceledException and SerializationException spell their
// message field "Message", as DynamoDB does.
package local
