// Package db is a library for the Amazon DynamoDB single-table design, after
// the Python dokklib-db.
//
// # Models
//
// A Model declares an entity once: a Go struct, the name its items carry in
// EntityAttribute, and templates that write its keys from its fields on the
// table and on its indexes:
//
//	tasks := db.NewModel[Task](table, "TASK",
//		db.Keys("ORG#{OrgID}", "TASK#{TaskID}"),
//		db.IndexKeys(byStatus, "ORG#{OrgID}", "STATUS#{Status}#{Due}#{TaskID}"))
//	open, err := tasks.Query(Task{OrgID: "acme", Status: "open"}).On(byStatus).All(ctx)
//
// Its methods take and return T values (Create, Put, Patch, Update, Delete, Get,
// Query, Scan, batches, transaction writes) and read only the entity's own
// items, whatever else shares a partition. Versioned, Unique and TTL give
// fields roles; NewCollection reads the entities of one partition into one
// value; Table.AccessPatterns and Table.Check describe and check the design;
// Table.Create, Diff, CloudFormation and Terraform deploy it. See Model for
// why templates are strings checked at declaration.
//
// # Entities and keys
//
// An entity is any Go type; its name, upper-cased, prefixes its keys:
//
//	type User struct{}
//	pk := db.PK[User]("alice") // "USER#alice", a PartitionKey
//	sk := db.SK[Group]("g1")   // "GROUP#g1", a SortKey
//
// PartitionKey, SortKey and PrefixSortKey are distinct types, so a sort key
// given where a partition key belongs does not compile. Keys made from an
// invalid entity name or an empty value carry an error, which every
// operation returns before sending a request. KeyFormat changes how keys are
// written (separator, namespace, case), per table.
//
// Raw keys are plain values with no entity prefix, for indexes on plain
// attributes: RawPK("alice@example.com") on an index keyed by Email,
// RawSK(42) on one whose sort key is a number (see Index.Types), RawPK of
// a []byte for binary keys. A key of the wrong type for its attribute
// fails before any request. Keys read back from items become keys again
// with Table.ItemKey, KeyFormat.PKOf and ParsePKIn.
//
// # Tables and indexes
//
// NewTable returns a Table over a *dynamodb.Client (or any Client). A table
// has a primary index (PK, SK) and secondary indexes, by default
// InverseGlobalIndex (GSI_1: SK, PK), as the Python library's tables have;
// Table.Create creates them. Every method takes a context first and options
// last; options are typed per operation, so one that does not apply does not
// compile.
//
// # Items
//
// Get, Put, Insert (a Put that fails with ErrExists when the item exists),
// Update and Delete work on one item. Attributes go in with Attrs, as an
// Item (map[string]any of Go values, with Number for DynamoDB's 38-digit
// decimals) or a struct encoded as the SDK's attributevalue package encodes
// it (see MarshalItem). Conditions (Eq, Between, Exists, BeginsWith, Size,
// And, ...) and updates (Set, Add, Remove, Append, Plus, IfNotExists, ...) are
// built from values: attribute names and values become placeholders, so no
// expression strings are written by hand. Attributes are named by document
// paths, "address.city" or "tags[0]"; a backslash escapes '.', '[', ']' and
// '\' in a name, and Path writes such paths: Path("Domains", "example.com")
// is `Domains.example\.com`.
//
// Put and Insert stamp CreatedAt, and Update UpdatedAt, with the time in a
// fixed-width form that sorts as it compares (see CreatedAt). Items marshal
// to JSON with numbers as numbers, so they can go straight into a response.
//
// # Reading many
//
// Query, QueryPrefix and Scan return all items; QueryIter and ScanIter page
// lazily as iterators; QueryPage and ScanPage return one page and an opaque,
// URL-safe cursor for After, sealed and bound to its listing (see
// WithCursorSecret); Count and ScanCount count. Each takes the options that
// do something there, and no others. BatchGet and BatchWrite take any
// number of keys or writes and retry what DynamoDB leaves unprocessed;
// TransactWrite and TransactGet are atomic, and a transaction retried with
// its IdempotencyToken is written once. As[T] reads items as values of a
// struct type.
//
// Get, Query, QueryPrefix and Scan (and their iterators and pages) read
// their Items from the response's JSON themselves, with a middleware they
// add to the SDK client's call ("dokklib:WireItems", after the SDK's
// deserializer), rather than through the SDK's attribute values: the SDK
// still decodes the rest of the response, and any response the middleware
// does not read exactly as the SDK would it leaves to the SDK. Clients
// that are not the SDK's ignore the option and work as before.
//
// # Errors
//
// ErrNotFound, ErrExists, ErrConditionFailed and ErrInvalidArgument work with
// errors.Is; *ConditionFailedError, *TransactionCanceledError and *BatchError
// with errors.As, and the SDK's own typed errors stay reachable through them.
//
// # Testing
//
// Package dbtest gives each test a fresh table on the embedded engine of
// package local, in process, or on the endpoint in DYNAMODB_ENDPOINT.
package db
