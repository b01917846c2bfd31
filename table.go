package db

import (
	"context"
	"errors"
	"fmt"
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
// write, in RFC 3339 format and UTC, unless the item has it already or the
// table was made WithoutTimestamps.
const CreatedAt = "CreatedAt"

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
	// cursorSecret signs cursors; see WithCursorSecret.
	cursorSecret []byte
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

// WithCursorSecret signs the cursors of the table's pages with a secret
// key, so that a client given a cursor cannot forge another. Without it,
// a cursor carries a checksum that finds damage, and is refused by any
// listing but the one that made it. Every server that reads the cursors
// of one table needs the same secret.
func WithCursorSecret(secret []byte) TableOption {
	return func(t *Table) { t.cursorSecret = append([]byte(nil), secret...) }
}

// NewTable returns the table with the given name, reached through client,
// which is usually a *dynamodb.Client. An invalid configuration is reported
// by every operation of the table.
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
	return t
}

// Client returns the client the table sends its requests through.
func (t *Table) Client() Client { return t.client }

// Name returns the table's name.
func (t *Table) Name() string { return t.name }

// Indexes returns the table's secondary indexes.
func (t *Table) Indexes() []Index { return append([]Index(nil), t.indexes...) }

// KeyFormat returns how the table writes keys.
func (t *Table) KeyFormat() KeyFormat { return t.format }

func (t *Table) primary() Index { return t.primaryIdx }

func (t *Table) validate() error {
	if t.client == nil {
		return invalid("table %q has no client", t.name)
	}
	if len(t.name) < 3 || len(t.name) > 255 || !validIndexName(t.name) {
		return invalid("table name %q: use 3 to 255 of a-z, A-Z, 0-9, '_', '-' and '.'", t.name)
	}
	if t.primaryIdx.Name != "" || t.primaryIdx.Local {
		return invalid("the primary index must have no name and not be local")
	}
	if err := t.primaryIdx.validate(); err != nil {
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
		if x.Local && x.PartitionKey != t.primaryIdx.PartitionKey {
			return invalid("local index %s must have the table's partition key %q", x.Name, t.primaryIdx.PartitionKey)
		}
	}
	return nil
}

// keyAttrs renders the primary key of an item, checking it first.
func (t *Table) keyAttrs(pk PartitionKey, sk SortKey) (map[string]types.AttributeValue, error) {
	if t.err != nil {
		return nil, t.err
	}
	p, err := t.format.render(pk.key, "partition key", maxPartitionKeyBytes)
	if err != nil {
		return nil, err
	}
	s, err := t.format.render(sk.key, "sort key", maxSortKeyBytes)
	if err != nil {
		return nil, err
	}
	return map[string]types.AttributeValue{
		t.primaryIdx.PartitionKey: &types.AttributeValueMemberS{Value: p},
		t.primaryIdx.SortKey:      &types.AttributeValueMemberS{Value: s},
	}, nil
}

// Create creates the table with its key schema and secondary indexes, with
// on-demand billing, and waits until it is active or ctx ends.
func (t *Table) Create(ctx context.Context) error {
	if t.err != nil {
		return t.err
	}
	in := t.createInput()
	if _, err := t.client.CreateTable(ctx, in); err != nil {
		return fmt.Errorf("db: create table %s: %w", t.name, err)
	}
	return t.waitUntil(ctx, func(out *dynamodb.DescribeTableOutput, err error) (bool, error) {
		if err != nil {
			return false, err
		}
		return out.Table.TableStatus == types.TableStatusActive && indexesActive(out.Table), nil
	})
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
	if t.err != nil {
		return t.err
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
	attrs := map[string]bool{}
	var defs []types.AttributeDefinition
	define := func(names ...string) {
		for _, n := range names {
			if !attrs[n] {
				attrs[n] = true
				defs = append(defs, types.AttributeDefinition{AttributeName: aws.String(n), AttributeType: types.ScalarAttributeTypeS})
			}
		}
	}
	p := t.primaryIdx
	define(p.PartitionKey, p.SortKey)
	in := &dynamodb.CreateTableInput{
		TableName:   &t.name,
		BillingMode: types.BillingModePayPerRequest,
		KeySchema:   keySchema(p),
	}
	all := &types.Projection{ProjectionType: types.ProjectionTypeAll}
	for _, x := range t.indexes {
		define(x.PartitionKey, x.SortKey)
		if x.Local {
			in.LocalSecondaryIndexes = append(in.LocalSecondaryIndexes, types.LocalSecondaryIndex{
				IndexName: aws.String(x.Name), KeySchema: keySchema(x), Projection: all})
			continue
		}
		in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, types.GlobalSecondaryIndex{
			IndexName: aws.String(x.Name), KeySchema: keySchema(x), Projection: all})
	}
	in.AttributeDefinitions = defs
	return in
}

func keySchema(x Index) []types.KeySchemaElement {
	return []types.KeySchemaElement{
		{AttributeName: aws.String(x.PartitionKey), KeyType: types.KeyTypeHash},
		{AttributeName: aws.String(x.SortKey), KeyType: types.KeyTypeRange},
	}
}
