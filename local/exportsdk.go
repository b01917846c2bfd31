package local

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db/internal/ddbtype"
)

// batchSize is how many items one BatchWriteItem puts: DynamoDB's most.
const batchSize = 25

// Retries of the items a BatchWriteItem leaves unprocessed: at most
// importAttempts requests per batch, backing off from importBackoff,
// doubling up to importMaxBackoff.
const (
	importAttempts   = 10
	importBackoff    = 25 * time.Millisecond
	importMaxBackoff = 2 * time.Second
)

// ErrUnprocessed is the error of an import when DynamoDB keeps leaving
// items of a batch unprocessed after every retry.
var ErrUnprocessed = errors.New("local: items left unprocessed")

// ExportItems writes every item of table, read through c with strongly
// consistent Scans, to w in the format of ExportTable, and returns how
// many it wrote. Unlike ExportTable's, its items are not those of one
// instant should the table change while it runs. It works with any
// DynamoDB endpoint.
func ExportItems(ctx context.Context, c *dynamodb.Client, table string, w io.Writer) (int64, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	p := dynamodb.NewScanPaginator(c, &dynamodb.ScanInput{TableName: aws.String(table), ConsistentRead: aws.Bool(true)})
	var n int64
	buf := make([]byte, 0, 1024)
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return n, err
		}
		for _, av := range out.Items {
			item, err := fromAttributeValues(av)
			if err != nil {
				return n, err
			}
			buf = appendExportLine(buf[:0], item)
			if _, err := bw.Write(buf); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, bw.Flush()
}

// ImportItems writes the items of an export file read from r (see
// ExportTable; gzipped or not) to table through c, in BatchWriteItem
// requests of 25, retrying the items DynamoDB leaves unprocessed, and
// returns how many it wrote. The table must exist. A line that is not an
// item fails the import with an *ImportError; the items before it are
// written. It works with any DynamoDB endpoint.
func ImportItems(ctx context.Context, c *dynamodb.Client, table string, r io.Reader) (int64, error) {
	desc, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
	if err != nil {
		return 0, err
	}
	lr, err := newLineReader(r)
	if err != nil {
		return 0, err
	}
	b := &importBatch{c: c, table: table, keys: desc.Table.KeySchema, seen: map[string]bool{}}
	for {
		item, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return b.written, err
		}
		if err := b.add(ctx, item); err != nil {
			return b.written, err
		}
	}
	return b.written, b.flush(ctx)
}

// importBatch collects the items of one BatchWriteItem.
type importBatch struct {
	c       *dynamodb.Client
	table   string
	keys    []types.KeySchemaElement
	puts    []types.WriteRequest
	seen    map[string]bool // the keys in puts: a batch may not put one item twice
	written int64
}

// add adds an item to the batch, writing the batch first when it is full
// or already puts an item of the same key.
func (b *importBatch) add(ctx context.Context, item ddbtype.Item) error {
	key := b.keyOf(item)
	if len(b.puts) == batchSize || b.seen[key] {
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	b.seen[key] = true
	b.puts = append(b.puts, types.WriteRequest{PutRequest: &types.PutRequest{Item: toAttributeValues(item)}})
	return nil
}

// keyOf returns the item's key values as a string.
func (b *importBatch) keyOf(item ddbtype.Item) string {
	var k []byte
	for _, e := range b.keys {
		k = item[aws.ToString(e.AttributeName)].AppendJSON(k)
	}
	return string(k)
}

// flush writes the batch, retrying unprocessed items with backoff.
func (b *importBatch) flush(ctx context.Context) error {
	pending := b.puts
	wait := importBackoff
	for attempt := 1; len(pending) > 0; attempt++ {
		if attempt > importAttempts {
			return fmt.Errorf("%w: %d after %d attempts", ErrUnprocessed, len(pending), importAttempts)
		}
		out, err := b.c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{b.table: pending}})
		if err != nil {
			return err
		}
		left := out.UnprocessedItems[b.table]
		b.written += int64(len(pending) - len(left))
		if pending = left; len(pending) > 0 {
			if err := sleep(ctx, wait); err != nil {
				return err
			}
			wait = min(2*wait, importMaxBackoff)
		}
	}
	b.puts = b.puts[:0]
	clear(b.seen)
	return nil
}

// sleep waits for d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
