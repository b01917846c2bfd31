package db_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
	"github.com/dokklib/db/local"
)

// These tests make the embedded engine misbehave, to check the library's
// retries and error reports against DynamoDB's own transient errors.

// addFault adds a fault for the test's table and removes it at the end.
func addFault(t *testing.T, table *db.Table, f local.Fault) {
	t.Helper()
	faults := dbtest.Engine(t).Faults()
	f.Table = table.Name()
	id, err := faults.Add(f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { faults.Remove(id) })
}

func keyOf(pk db.PartitionKey, sk db.SortKey) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: pk.String()},
		"SK": &types.AttributeValueMemberS{Value: sk.String()},
	}
}

// batchOf returns n puts of users and their keys.
func batchOf(n int) ([]db.BatchWriteArg, []db.Key) {
	var writes []db.BatchWriteArg
	var keys []db.Key
	for i := range n {
		pk, sk := db.PK[User](fmt.Sprint("u", i)), db.SK[User]("profile")
		writes = append(writes, db.BatchPut(pk, sk, db.Attrs(db.Item{"N": i})))
		keys = append(keys, db.KeyOf(pk, sk))
	}
	return writes, keys
}

// Retries with a short backoff, so that the tests are quick.
var (
	fastRetries    = []db.BatchOption{db.BatchBackoff(time.Millisecond, 2*time.Millisecond), db.BatchMaxAttempts(4)}
	fastGetRetries = []db.BatchGetOption{fastRetries[0], fastRetries[1]}
)

func TestBatchWriteRetriesUnprocessedItems(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps())
	addFault(t, table, local.Fault{Op: "BatchWriteItem", Unprocessed: true, Count: 30})
	writes, keys := batchOf(60)
	if err := table.BatchWrite(ctx, writes, fastRetries...); err != nil {
		t.Fatal(err)
	}
	items, err := table.BatchGet(ctx, keys)
	if err != nil || len(items) != 60 {
		t.Errorf("read back %d items, %v; want 60", len(items), err)
	}
}

func TestBatchWriteReportsWhatStaysUnprocessed(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps())
	writes, keys := batchOf(30)
	stuck := keys[7]
	addFault(t, table, local.Fault{Op: "BatchWriteItem", Unprocessed: true, Key: keyOf(stuck.PK, stuck.SK)})
	err := table.BatchWrite(ctx, writes, fastRetries...)
	var be *db.BatchError
	if !errors.As(err, &be) || len(be.Writes) != 1 || be.Writes[0].Key() != stuck {
		t.Fatalf("err = %v, want a *BatchError listing only %v", err, stuck)
	}
	if !errors.Is(err, db.ErrUnprocessed) {
		t.Errorf("err = %v, want ErrUnprocessed", err)
	}
	items, err := table.BatchGet(ctx, keys)
	if err != nil || len(items) != 29 {
		t.Errorf("read back %d items, %v; want the 29 others", len(items), err)
	}
}

func TestBatchGetRetriesAndReports(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps())
	writes, keys := batchOf(10)
	if err := table.BatchWrite(ctx, writes); err != nil {
		t.Fatal(err)
	}
	addFault(t, table, local.Fault{Op: "BatchGetItem", Unprocessed: true, Count: 5})
	items, err := table.BatchGet(ctx, keys, fastGetRetries...)
	if err != nil || len(items) != 10 {
		t.Fatalf("got %d items, %v; want all 10 after retries", len(items), err)
	}
	stuck := keys[3]
	addFault(t, table, local.Fault{Op: "BatchGetItem", Unprocessed: true, Key: keyOf(stuck.PK, stuck.SK)})
	items, err = table.BatchGet(ctx, keys, fastGetRetries...)
	var be *db.BatchError
	if !errors.As(err, &be) || !reflect.DeepEqual(be.Keys, []db.Key{stuck}) || len(items) != 9 {
		t.Errorf("got %d items, err %v; want 9 and a *BatchError listing %v", len(items), err, stuck)
	}
}

func TestTransactionConflict(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps())
	addFault(t, table, local.Fault{Op: "TransactWriteItems", Key: keyOf(bob, g1), Err: local.ErrTransactionConflict})
	err := table.TransactWrite(ctx, db.PutArg(alice, g1), db.PutArg(bob, g1))
	var tce *db.TransactionCanceledError
	if !errors.As(err, &tce) {
		t.Fatalf("err = %v, want *TransactionCanceledError", err)
	}
	if failed := tce.Failed(); len(failed) != 1 || failed[0].Index != 1 || failed[0].Code != "TransactionConflict" {
		t.Errorf("failed = %+v, want item 1 with TransactionConflict", failed)
	}
	if errors.Is(err, db.ErrConditionFailed) {
		t.Errorf("a conflict is not a failed condition: %v", err)
	}
	if _, err := table.Get(ctx, alice, g1); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("a cancelled transaction wrote item 0: %v", err)
	}
}

func TestThrottlingIsRetriedBySDKThenReported(t *testing.T) {
	created := dbtest.Table(t, db.WithoutTimestamps())
	// The SDK retries throttling up to three attempts in all; here without
	// waiting long between them.
	client := dbtest.Engine(t).Client(func(o *dynamodb.Options) {
		o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) { so.MaxBackoff = time.Millisecond })
	})
	table := db.NewTable(client, created.Name(), db.WithoutTimestamps())
	addFault(t, table, local.Fault{Op: "PutItem", Err: local.ErrThrottling, Count: 2})
	if err := table.Put(ctx, alice, g1); err != nil {
		t.Fatalf("put after two throttled attempts: %v", err)
	}
	addFault(t, table, local.Fault{Op: "GetItem", Err: local.ErrProvisionedThroughputExceeded})
	_, err := table.Get(ctx, alice, g1)
	var pte *types.ProvisionedThroughputExceededException
	if !errors.As(err, &pte) {
		t.Errorf("err = %v, want the service's ProvisionedThroughputExceededException", err)
	}
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "ProvisionedThroughputExceededException" {
		t.Errorf("err = %v, want an API error", err)
	}
}
