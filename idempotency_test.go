package db_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
	"github.com/dokklib/db/local"
)

// tickingClock is a clock that moves one second on at every reading.
type tickingClock struct {
	mu    sync.Mutex
	now   time.Time
	reads int
}

func (c *tickingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reads++
	c.now = c.now.Add(time.Second)
	return c.now
}

func TestIdempotentTransactionRetried(t *testing.T) {
	clock := &tickingClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	table := dbtest.Table(t, db.WithClock(clock.Now))
	// Tokens live for ten minutes across tables: make them unique to the run.
	token := "retry-" + table.Name()[len(table.Name())-8:]
	write := func() error {
		return table.TransactWrite(ctx, db.IdempotencyToken(token),
			db.PutArg(alice, g1, db.Attrs(db.Item{"n": 1})),
			db.UpdateArg(bob, g1, db.Add("visits", 1)))
	}
	if err := write(); err != nil {
		t.Fatal(err)
	}
	first, err := table.Get(ctx, alice, g1)
	if err != nil {
		t.Fatal(err)
	}
	// The retry comes later, by the clock: it must be the same request.
	if err := write(); err != nil {
		t.Fatalf("retry with the same token: %v", err)
	}
	again, err := table.Get(ctx, alice, g1)
	if err != nil || again[db.CreatedAt] != first[db.CreatedAt] {
		t.Errorf("after the retry: CreatedAt %v, %v; want %v", again[db.CreatedAt], err, first[db.CreatedAt])
	}
	if got, err := table.Get(ctx, bob, g1); err != nil || got["visits"] != db.Number("1") {
		t.Errorf("after the retry: bob = %v, %v; want visits 1, written once", got, err)
	}
	// Other writes under the same token are another transaction, which
	// DynamoDB refuses.
	err = table.TransactWrite(ctx, db.IdempotencyToken(token), db.UpdateArg(bob, g1, db.Add("visits", 2)))
	var mismatch *types.IdempotentParameterMismatchException
	if !errors.As(err, &mismatch) {
		t.Errorf("other writes with the same token: err = %v, want IdempotentParameterMismatchException", err)
	}
}

func TestBatchRetriesKeepStamps(t *testing.T) {
	clock := &tickingClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	table := dbtest.Table(t, db.WithClock(clock.Now))
	addFault(t, table, local.Fault{Op: "BatchWriteItem", Unprocessed: true, Count: 5})
	writes, keys := batchOf(5)
	if err := table.BatchWrite(ctx, writes, fastRetries...); err != nil {
		t.Fatal(err)
	}
	if clock.reads != len(writes) {
		t.Errorf("the clock was read %d times for %d puts: retries stamped again", clock.reads, len(writes))
	}
	items, err := table.BatchGet(ctx, keys)
	seen := map[any]bool{}
	for _, it := range items {
		seen[it[db.CreatedAt]] = true
	}
	if err != nil || len(items) != 5 || len(seen) != 5 {
		t.Errorf("read back %d items with %d stamps, %v; want 5 of each", len(items), len(seen), err)
	}
}
