// Command streams keeps a materialized view and an audit log of a table up
// to date from the table's DynamoDB stream, in process: writes go to an
// Orders table of an in-memory engine (package local), and a consumer
// reads the stream's records as they come with Engine.StreamRecords,
// counting orders by status and logging each change.
//
// The consumer's code is what it would be against DynamoDB Streams: the
// records are the SDK's types, and it keeps a checkpoint, the sequence
// number of the last record it applied, to resume from.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/dokklib/db/local"
)

const table = "Orders"

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// run writes a few orders, waits until the consumer has applied their
// records, and prints the audit log and the view.
func run(ctx context.Context, w io.Writer) error {
	e := local.New()
	defer e.Close()
	client := e.Client()
	if err := createOrders(ctx, client); err != nil {
		return err
	}
	v := newView()
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	applied := make(chan struct{}, 64)
	done := make(chan error, 1)
	go func() { done <- v.follow(cctx, e, applied) }()

	writes := []func() error{
		func() error { return setStatus(ctx, client, "o1", "placed") },
		func() error { return setStatus(ctx, client, "o2", "placed") },
		func() error { return setStatus(ctx, client, "o3", "placed") },
		func() error { return setStatus(ctx, client, "o1", "paid") },
		func() error { return setStatus(ctx, client, "o2", "paid") },
		func() error { return setStatus(ctx, client, "o2", "paid") }, // changes nothing: no record
		func() error { return setStatus(ctx, client, "o1", "shipped") },
		func() error { return cancelOrder(ctx, client, "o3") },
	}
	for _, write := range writes {
		if err := write(); err != nil {
			return err
		}
	}
	if err := waitApplied(applied, len(writes)-1, 10*time.Second); err != nil {
		return err
	}
	cancel()
	if err := <-done; err != nil {
		return err
	}
	v.print(w)
	return nil
}

// createOrders creates the Orders table, keyed by ID, with a stream of
// new and old images.
func createOrders(ctx context.Context, client *dynamodb.Client) error {
	_, err := client.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String(table),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("ID"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("ID"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
		StreamSpecification:  &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewAndOldImages},
	})
	return err
}

// setStatus puts order id with a status.
func setStatus(ctx context.Context, client *dynamodb.Client, id, status string) error {
	_, err := client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: map[string]types.AttributeValue{
		"ID": &types.AttributeValueMemberS{Value: id}, "Status": &types.AttributeValueMemberS{Value: status},
	}})
	return err
}

// cancelOrder deletes order id.
func cancelOrder(ctx context.Context, client *dynamodb.Client, id string) error {
	_, err := client.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table),
		Key: map[string]types.AttributeValue{"ID": &types.AttributeValueMemberS{Value: id}}})
	return err
}

// waitApplied waits until n records have been applied, or fails after
// timeout.
func waitApplied(applied <-chan struct{}, n int, timeout time.Duration) error {
	deadline := time.After(timeout)
	for range n {
		select {
		case <-applied:
		case <-deadline:
			return fmt.Errorf("the consumer did not apply %d records within %v", n, timeout)
		}
	}
	return nil
}

// view is what the consumer keeps: orders by status, an audit log, and
// its checkpoint.
type view struct {
	byStatus   map[string]int
	audit      []string
	checkpoint string
}

func newView() *view { return &view{byStatus: map[string]int{}} }

// follow applies the stream's records from the view's checkpoint until
// ctx ends, signalling each on applied.
func (v *view) follow(ctx context.Context, e *local.Engine, applied chan<- struct{}) error {
	for rec, err := range e.StreamRecords(ctx, table, local.StreamReadOptions{After: v.checkpoint, Follow: true}) {
		if err != nil {
			return err
		}
		v.apply(rec)
		applied <- struct{}{}
	}
	return nil
}

// apply updates the view with one record.
func (v *view) apply(rec stypes.Record) {
	id := attr(rec.Dynamodb.Keys, "ID")
	before, after := attr(rec.Dynamodb.OldImage, "Status"), attr(rec.Dynamodb.NewImage, "Status")
	switch rec.EventName {
	case stypes.OperationTypeInsert:
		v.audit = append(v.audit, id+" "+after)
	case stypes.OperationTypeModify:
		v.audit = append(v.audit, id+" "+before+" -> "+after)
	case stypes.OperationTypeRemove:
		v.audit = append(v.audit, id+" cancelled (was "+before+")")
	}
	if before != "" {
		v.byStatus[before]--
	}
	if after != "" {
		v.byStatus[after]++
	}
	v.checkpoint = aws.ToString(rec.Dynamodb.SequenceNumber)
}

// attr returns the string attribute name of an image, "" when absent.
func attr(image map[string]stypes.AttributeValue, name string) string {
	if s, ok := image[name].(*stypes.AttributeValueMemberS); ok {
		return s.Value
	}
	return ""
}

// print writes the audit log and the counts of the statuses with orders.
func (v *view) print(w io.Writer) {
	for _, line := range v.audit {
		fmt.Fprintln(w, line)
	}
	var counts []string
	for status, n := range v.byStatus {
		if n != 0 {
			counts = append(counts, fmt.Sprintf("%s=%d", status, n))
		}
	}
	slices.Sort(counts)
	fmt.Fprintln(w, "orders by status:", strings.Join(counts, " "))
}
