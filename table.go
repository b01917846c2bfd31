package db

import (
	"context"
	"crypto/cipher"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Client is the part of the SDK's *dynamodb.Client that a Table uses.
// Tests and wrappers (retries, metrics, fault injection) can provide their own.
type Client interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	Scan(ctx context.Context, in *dynamodb.ScanInput, opts ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error)
	BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
	BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error)
	TransactGetItems(ctx context.Context, in *dynamodb.TransactGetItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactGetItemsOutput, error)
	TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
	CreateTable(ctx context.Context, in *dynamodb.CreateTableInput, opts ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error)
	DeleteTable(ctx context.Context, in *dynamodb.DeleteTableInput, opts ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error)
	DescribeTable(ctx context.Context, in *dynamodb.DescribeTableInput, opts ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error)
}

var _ Client = (*dynamodb.Client)(nil)

// DynamoDB's limits on key sizes, in bytes.
const (
	maxPartitionKeyBytes = 2048
	maxSortKeyBytes      = 1024
)

// CreatedAt is the attribute that Put and Insert set to the time of the
// write, unless the attributes given set it or the table was made
// WithoutTimestamps. A zero time, a null and an empty string count as not
// set, so a struct with a zero CreatedAt time.Time field is stamped.
//
// Stamps are RFC 3339 times in UTC with milliseconds, of fixed width so that
// they sort as they compare: "2026-12-04T14:51:16.123Z". Update sets
// CreatedAt only when it creates the item. Put, BatchPut and PutArg replace
// the whole item, and DynamoDB's PutItem cannot keep an attribute of the
// item it replaces, so they stamp CreatedAt anew: to keep the creation
// time of an existing item, change it with Update, or read CreatedAt and
// give it back in the attributes.
const CreatedAt = "CreatedAt"

// stampLayout writes the stamps of CreatedAt and UpdatedAt.
const stampLayout = "2006-01-02T15:04:05.000Z"

// stamp returns the stamp of the time t.
func stamp(t time.Time) string { return t.UTC().Format(stampLayout) }

// unsetStamp reports whether a stamp attribute given by the caller counts
// as not set: missing, null, empty, or the zero time (as a string, or as
// the unix time that the unixtime tag writes).
func unsetStamp(av types.AttributeValue) bool {
	switch v := av.(type) {
	case nil, *types.AttributeValueMemberNULL:
		return true
	case *types.AttributeValueMemberS:
		at, err := time.Parse(time.RFC3339Nano, v.Value)
		return v.Value == "" || (err == nil && at.IsZero())
	case *types.AttributeValueMemberN:
		return v.Value == strconv.FormatInt(time.Time{}.Unix(), 10)
	}
	return false
}

// Table is a DynamoDB table in the single-table design: items keyed by a
// partition key and a sort key, with secondary indexes over them.
// A Table is safe for concurrent use.
type Table struct {
	client     Client
	name       string
	primaryIdx Index
	indexes    []Index
	format     KeyFormat
	timestamps bool
	now        func() time.Time
	tokens     tokenClock
	models     tableModels
	// cursorSecret keys the sealing of cursors; see WithCursorSecret.
	cursorSecret []byte
	cursor       cipher.AEAD
	err          error
}

// TableOption configures a Table made by NewTable.
type TableOption func(*Table)

// WithIndexes sets the table's secondary indexes; by default it has one,
// InverseGlobalIndex.
func WithIndexes(indexes ...Index) TableOption {
	return func(t *Table) { t.indexes = append([]Index(nil), indexes...) }
}

// WithPrimaryIndex sets the attributes of the table's partition and sort
// keys; by default they are PK and SK. The index's Name must be empty.
func WithPrimaryIndex(x Index) TableOption {
	return func(t *Table) { t.primaryIdx = x }
}

// WithKeyFormat sets how the table writes keys; by default "USER#alice".
func WithKeyFormat(f KeyFormat) TableOption {
	return func(t *Table) { t.format = f }
}

// WithoutTimestamps keeps Put and Insert from setting CreatedAt.
func WithoutTimestamps() TableOption {
	return func(t *Table) { t.timestamps = false }
}

// WithClock sets the clock that timestamps writes; by default time.Now.
func WithClock(now func() time.Time) TableOption {
	return func(t *Table) { t.now = now }
}

// WithCursorSecret keys the cursors of the table's pages with a secret, so
// that a client given a cursor can neither read the item key it holds nor
// make another.
//
// A cursor (Page.Next) is the key of the last item read, encrypted and
// authenticated with AES-GCM under a key derived from the table's name and
// its cursor secret, and bound to its listing: the index, partition key,
// sort-key condition, direction, filter and projection. Any other listing,
// any other table, and any change to the cursor make After refuse it with
// ErrInvalidArgument. Without a secret the same holds against mistakes,
// but not against a client that has this library: it can read the key
// inside a cursor and make cursors of its own for the same listing (which
// at worst skips items of that listing; it cannot reach items outside it).
// Give a secret of at least 32 random bytes when cursors reach clients you
// do not trust; every server that reads the cursors of one table needs the
// same secret. Cursors do not expire.
func WithCursorSecret(secret []byte) TableOption {
	return func(t *Table) { t.cursorSecret = append([]byte(nil), secret...) }
}

// NewTable returns the table with the given name, reached through client,
// which is usually a *dynamodb.Client. An invalid configuration is reported
// by Err, and by every operation of the table.
func NewTable(client Client, name string, opts ...TableOption) *Table {
	t := &Table{
		client:     client,
		name:       name,
		primaryIdx: PrimaryIndex,
		indexes:    []Index{InverseGlobalIndex},
		timestamps: true,
		now:        time.Now,
	}
	for _, opt := range opts {
		opt(t)
	}
	t.err = t.validate()
	t.cursor = newCursorAEAD(t.name, t.cursorSecret)
	return t
}

// Err returns the error that makes the table's configuration invalid, or
// nil. Every operation of an invalid table returns this error without
// sending a request.
func (t *Table) Err() error { return t.err }

// Client returns the client the table sends its requests through.
func (t *Table) Client() Client { return t.client }

// Name returns the table's name.
func (t *Table) Name() string { return t.name }

// Indexes returns the table's secondary indexes.
func (t *Table) Indexes() []Index { return append([]Index(nil), t.indexes...) }

// KeyFormat returns how the table writes keys.
func (t *Table) KeyFormat() KeyFormat { return t.format }

func (t *Table) validate() error {
	if t.client == nil {
		return invalid("table %q has no client", t.name)
	}
	if len(t.name) < 3 || len(t.name) > 255 || !validIndexName(t.name) {
		return invalid("table name %q: use 3 to 255 of a-z, A-Z, 0-9, '_', '-' and '.'", t.name)
	}
	if t.primaryIdx.Name != "" || t.primaryIdx.Local || t.primaryIdx.SortKey == "" || !t.primaryIdx.projectsAll() {
		return invalid("the primary index must have a sort key, no name, and not be local or projected")
	}
	if err := t.primaryIdx.validate(); err != nil {
		return err
	}
	if err := checkAttributeTypes(append([]Index{t.primaryIdx}, t.indexes...)); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, x := range t.indexes {
		if err := x.validate(); err != nil {
			return err
		}
		if x.IsPrimary() || seen[x.Name] {
			return invalid("index %q is declared twice or has no name", x.Name)
		}
		seen[x.Name] = true
		if x.Local && (x.PartitionKey != t.primaryIdx.PartitionKey || x.PartitionKeyType.orString() != t.primaryIdx.PartitionKeyType.orString()) {
			return invalid("local index %s must have the table's partition key %q", x.Name, t.primaryIdx.PartitionKey)
		}
	}
	return nil
}

// checkAttributeTypes refuses an attribute that is a key of two indexes
// with two types, which DynamoDB cannot define.
func checkAttributeTypes(indexes []Index) error {
	types := map[string]Type{}
	for _, x := range indexes {
		for _, a := range append(x.partitionAttrs(), x.sortAttrs()...) {
			if prev, ok := types[a.Name]; ok && prev != a.Type {
				return invalid("attribute %s is a key of type %s and of type %s", a.Name, prev, a.Type)
			}
			types[a.Name] = a.Type
		}
	}
	return nil
}

// keyAttrs renders the primary key of an item, checking it first.
func (t *Table) keyAttrs(pk PartitionKey, sk SortKey) (map[string]types.AttributeValue, error) {
	if err := t.Err(); err != nil {
		return nil, err
	}
	x := t.primaryIdx
	p, err := t.format.render(pk.key, "partition key", x.PartitionKeyType, maxPartitionKeyBytes)
	if err != nil {
		return nil, err
	}
	s, err := t.format.render(sk.key, "sort key", x.SortKeyType, maxSortKeyBytes)
	if err != nil {
		return nil, err
	}
	return map[string]types.AttributeValue{x.PartitionKey: p, x.SortKey: s}, nil
}

// isPrimaryKey reports whether attr holds a part of the table's primary key.
func (t *Table) isPrimaryKey(attr string) bool {
	return attr == t.primaryIdx.PartitionKey || attr == t.primaryIdx.SortKey
}

// ItemKey returns the primary key of an item read from the table, such as
// an item of a Query, so that it can be read, written or deleted by key:
// string keys written in the table's KeyFormat are entity keys, and other
// values raw keys (see KeyFormat.PKOf).
func (t *Table) ItemKey(item Item) (Key, error) {
	x := t.primaryIdx
	pk, err := t.format.PKOf(item[x.PartitionKey])
	if err != nil {
		return Key{}, fmt.Errorf("partition key %s: %w", x.PartitionKey, err)
	}
	sk, err := t.format.SKOf(item[x.SortKey])
	if err != nil {
		return Key{}, fmt.Errorf("sort key %s: %w", x.SortKey, err)
	}
	return Key{PK: pk, SK: sk}, nil
}

// Create creates the table with its key schema and secondary indexes, with
// on-demand billing, and waits until it is active or ctx ends; it turns
// on TTL for the attribute its models declare (see TTL). It refuses a
// table whose models Check finds mistakes in.
func (t *Table) Create(ctx context.Context) error {
	if err := errors.Join(t.Err(), t.Check()); err != nil {
		return err
	}
	in := t.createInput()
	if _, err := t.client.CreateTable(ctx, in); err != nil {
		return fmt.Errorf("db: create table %s: %w", t.name, err)
	}
	err := t.waitUntil(ctx, func(out *dynamodb.DescribeTableOutput, err error) (bool, error) {
		if err != nil {
			return false, err
		}
		return out.Table.TableStatus == types.TableStatusActive && indexesActive(out.Table), nil
	})
	if err != nil {
		return err
	}
	return t.enableTTL(ctx)
}

func indexesActive(td *types.TableDescription) bool {
	for _, g := range td.GlobalSecondaryIndexes {
		if g.IndexStatus != types.IndexStatusActive {
			return false
		}
	}
	return true
}

// Drop deletes the table and all its items, and waits until it is gone or
// ctx ends. It is meant for tests and tools.
func (t *Table) Drop(ctx context.Context) error {
	if err := t.Err(); err != nil {
		return err
	}
	if _, err := t.client.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: &t.name}); err != nil {
		return fmt.Errorf("db: delete table %s: %w", t.name, err)
	}
	return t.waitUntil(ctx, func(_ *dynamodb.DescribeTableOutput, err error) (bool, error) {
		var nf *types.ResourceNotFoundException
		if errors.As(err, &nf) {
			return true, nil
		}
		return false, err
	})
}

// waitUntil polls DescribeTable until done says so, with a growing delay.
func (t *Table) waitUntil(ctx context.Context, done func(*dynamodb.DescribeTableOutput, error) (bool, error)) error {
	delay := 20 * time.Millisecond
	for {
		ok, err := done(t.client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: &t.name}))
		if err != nil {
			return fmt.Errorf("db: describe table %s: %w", t.name, err)
		}
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("db: waiting for table %s: %w", t.name, ctx.Err())
		case <-time.After(delay):
		}
		delay = min(2*delay, time.Second)
	}
}

func (t *Table) createInput() *dynamodb.CreateTableInput {
	var defs attributeDefinitions
	p := t.primaryIdx
	in := &dynamodb.CreateTableInput{
		TableName:   &t.name,
		BillingMode: types.BillingModePayPerRequest,
		KeySchema:   defs.keySchema(p),
	}
	for _, x := range t.indexes {
		if x.Local {
			in.LocalSecondaryIndexes = append(in.LocalSecondaryIndexes, types.LocalSecondaryIndex{
				IndexName: aws.String(x.Name), KeySchema: defs.keySchema(x), Projection: x.projection()})
			continue
		}
		in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, types.GlobalSecondaryIndex{
			IndexName: aws.String(x.Name), KeySchema: defs.keySchema(x), Projection: x.projection()})
	}
	in.AttributeDefinitions = defs
	return in
}

// attributeDefinitions collects the key attributes of a table's indexes,
// each once.
type attributeDefinitions []types.AttributeDefinition

// keySchema returns the key schema of x, defining its attributes.
func (d *attributeDefinitions) keySchema(x Index) []types.KeySchemaElement {
	var ks []types.KeySchemaElement
	for _, a := range x.partitionAttrs() {
		ks = append(ks, types.KeySchemaElement{AttributeName: aws.String(a.Name), KeyType: types.KeyTypeHash})
		d.define(a.Name, a.Type)
	}
	for _, a := range x.sortAttrs() {
		ks = append(ks, types.KeySchemaElement{AttributeName: aws.String(a.Name), KeyType: types.KeyTypeRange})
		d.define(a.Name, a.Type)
	}
	return ks
}

func (d *attributeDefinitions) define(name string, t Type) {
	for _, def := range *d {
		if *def.AttributeName == name {
			return
		}
	}
	*d = append(*d, types.AttributeDefinition{AttributeName: aws.String(name), AttributeType: types.ScalarAttributeType(t.orString())})
}
