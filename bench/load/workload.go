package load

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The shape of the data every backend is measured on.
const (
	// TableName is the table the workload creates and uses.
	TableName = "bench"
	// ItemBytes is the size of every item, as DynamoDB counts it: the
	// lengths of attribute names and values.
	ItemBytes = 200
	// PartitionItems is the number of items in a seeded partition.
	PartitionItems = 100
	// QueryItems is how many items of a partition a Query reads.
	QueryItems = 25
	// TransactItems and BatchItems are the puts in a transaction and a batch.
	TransactItems = 4
	BatchItems    = 25
	// keyCycle bounds the distinct keys a worker writes, so that long runs
	// overwrite items instead of growing the table.
	keyCycle = 1024
	// stride spreads reads over the table: a prime that divides no power of
	// ten, so i*stride visits every item of a table of 10^k items.
	stride = 7919
	// maxSeedTime bounds seeding, which writes up to millions of items.
	maxSeedTime = 15 * time.Minute
)

// The operations, by their DynamoDB names.
const (
	OpPut      = "PutItem"
	OpGet      = "GetItem"
	OpQuery    = "Query"
	OpTransact = "TransactWriteItems"
	OpBatch    = "BatchWriteItem"
)

// OpNames lists the operations in the order they are measured and shown.
var OpNames = []string{OpPut, OpGet, OpQuery, OpTransact, OpBatch}

// payload fills items up to ItemBytes.
var payload = strings.Repeat("abcdefghijklmnopqrstuvwxyz0123456789", ItemBytes/36+1)

// Item returns the attributes of an item with the given key, ItemBytes in
// size: PK, SK and a "data" string that fills the rest.
func Item(pk, sk string) map[string]string {
	n := ItemBytes - len("PK") - len(pk) - len("SK") - len(sk) - len("data")
	return map[string]string{"PK": pk, "SK": sk, "data": payload[:max(0, n)]}
}

// attrs converts an item of strings to SDK attribute values.
func attrs(item map[string]string) map[string]types.AttributeValue {
	m := make(map[string]types.AttributeValue, len(item))
	for k, v := range item {
		m[k] = &types.AttributeValueMemberS{Value: v}
	}
	return m
}

// key returns prefix followed by n in decimal.
func key(prefix string, n int) string { return prefix + strconv.Itoa(n) }

// partitionKey names seeded partition n.
func partitionKey(n int) string { return key("q#", n) }

// sortKey names item n of a seeded partition; the zero padding makes the
// names sort as the numbers do.
func sortKey(n int) string { return fmt.Sprintf("s#%03d", n) }

// Workload runs the five operations on a table of Partitions seeded
// partitions of PartitionItems items each.
type Workload struct {
	Client     *dynamodb.Client
	Partitions int
}

// Ops returns the workload's operations by name.
func (wl *Workload) Ops() map[string]Op {
	return map[string]Op{
		OpPut:      wl.put,
		OpGet:      wl.get,
		OpQuery:    wl.query,
		OpTransact: wl.transact,
		OpBatch:    wl.batch,
	}
}

// CreateTable creates the table, keyed by the strings PK and SK.
func (wl *Workload) CreateTable(ctx context.Context) error {
	s := types.ScalarAttributeTypeS
	_, err := wl.Client.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:   aws.String(TableName),
		BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("PK"), AttributeType: s},
			{AttributeName: aws.String("SK"), AttributeType: s},
		},
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("PK"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("SK"), KeyType: types.KeyTypeRange},
		},
	})
	return err
}

// Seed writes partitions [from, to) with b.Workers workers, a batch of
// BatchItems items per request.
func (wl *Workload) Seed(ctx context.Context, from, to, workers int) error {
	perPartition := PartitionItems / BatchItems
	batches := (to - from) * perPartition
	b := Bounds{Workers: workers, Count: batches, Time: maxSeedTime}
	s := Run(ctx, b, func(ctx context.Context, w, i int) error {
		n := w + i*workers // batches are dealt round robin
		p, first := from+n/perPartition, n%perPartition*BatchItems
		return wl.writeBatch(ctx, func(k int) (string, string) {
			return partitionKey(p), sortKey(first + k)
		})
	})
	if s.FirstErr != nil {
		return fmt.Errorf("load: seed: %w", s.FirstErr)
	}
	if s.Ops != batches {
		return fmt.Errorf("load: seed: wrote %d of %d batches in %v", s.Ops, batches, maxSeedTime)
	}
	return nil
}

// put writes one item of the worker's own partition.
func (wl *Workload) put(ctx context.Context, w, i int) error {
	_, err := wl.Client.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(TableName),
		Item:      attrs(Item(key("p#", w), key("", i%keyCycle))),
	})
	return err
}

// get reads one seeded item, spread over the whole table.
func (wl *Workload) get(ctx context.Context, w, i int) error {
	n := (i*stride + w*PartitionItems/2) % (wl.Partitions * PartitionItems)
	out, err := wl.Client.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(TableName),
		Key:       attrs(map[string]string{"PK": partitionKey(n / PartitionItems), "SK": sortKey(n % PartitionItems)}),
	})
	if err == nil && out.Item == nil {
		err = fmt.Errorf("load: GetItem found no item %d", n)
	}
	return err
}

// query reads QueryItems consecutive items of a seeded partition.
func (wl *Workload) query(ctx context.Context, w, i int) error {
	p := (i*stride + w) % wl.Partitions
	first := i % (PartitionItems - QueryItems + 1)
	out, err := wl.Client.Query(ctx, &dynamodb.QueryInput{
		TableName:              aws.String(TableName),
		KeyConditionExpression: aws.String("PK = :p AND SK BETWEEN :lo AND :hi"),
		ExpressionAttributeValues: attrs(map[string]string{
			":p": partitionKey(p), ":lo": sortKey(first), ":hi": sortKey(first + QueryItems - 1),
		}),
	})
	if err == nil && len(out.Items) != QueryItems {
		err = fmt.Errorf("load: Query returned %d items, want %d", len(out.Items), QueryItems)
	}
	return err
}

// transact writes TransactItems items of the worker's own partition in a
// transaction.
func (wl *Workload) transact(ctx context.Context, w, i int) error {
	items := make([]types.TransactWriteItem, TransactItems)
	for k := range items {
		items[k].Put = &types.Put{
			TableName: aws.String(TableName),
			Item:      attrs(Item(key("t#", w), key(key("", i%keyCycle)+"#", k))),
		}
	}
	_, err := wl.Client.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	return err
}

// batch writes BatchItems items of the worker's own partition.
func (wl *Workload) batch(ctx context.Context, w, i int) error {
	return wl.writeBatch(ctx, func(k int) (string, string) {
		return key("b#", w), key(key("", i%keyCycle)+"#", k)
	})
}

// writeBatch writes BatchItems items, keyed by keyOf, in one request.
func (wl *Workload) writeBatch(ctx context.Context, keyOf func(k int) (pk, sk string)) error {
	reqs := make([]types.WriteRequest, BatchItems)
	for k := range reqs {
		reqs[k].PutRequest = &types.PutRequest{Item: attrs(Item(keyOf(k)))}
	}
	out, err := wl.Client.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{
		RequestItems: map[string][]types.WriteRequest{TableName: reqs},
	})
	if err == nil && len(out.UnprocessedItems) > 0 {
		err = fmt.Errorf("load: BatchWriteItem left %d items unprocessed", len(out.UnprocessedItems[TableName]))
	}
	return err
}
