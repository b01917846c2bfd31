package db_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
)

// tiny makes retries of unprocessed items wait next to nothing.
var tiny = db.BatchBackoff(time.Microsecond, time.Microsecond)

// userKey is the key of the i-th user in group1, whose partition key value
// is "u007" for i = 7.
func userKey(i int) db.Key { return db.KeyOf(db.PK[User](fmt.Sprintf("u%03d", i)), g1) }

// userKeys returns the keys of users from to to-1.
func userKeys(from, to int) []db.Key {
	var ks []db.Key
	for i := from; i < to; i++ {
		ks = append(ks, userKey(i))
	}
	return ks
}

// userPuts returns puts of users from to to-1, each with N = i.
func userPuts(from, to int) []db.BatchWriteArg {
	var ws []db.BatchWriteArg
	for i := from; i < to; i++ {
		k := userKey(i)
		ws = append(ws, db.BatchPut(k.PK, k.SK, db.Attrs(db.Item{"N": i})))
	}
	return ws
}

// keysOf returns the partition key values of the keys, for comparisons.
func keysOf(ks []db.Key) string {
	var s []string
	for _, k := range ks {
		s = append(s, k.PK.Value())
	}
	return strings.Join(s, " ")
}

// itemsOf returns the partition keys of the items, for comparisons.
func itemsOf(items []db.Item) string { return sortKeys(items, "PK") }

// withPrefix returns "USER#u001 USER#u002" for "u001 u002".
func withPrefix(values string) string {
	if values == "" {
		return ""
	}
	return "USER#" + strings.ReplaceAll(values, " ", " USER#")
}

func TestBatchWriteAndGetMany(t *testing.T) {
	table := dbtest.Table(t)
	if err := table.BatchWrite(ctx, userPuts(0, 250)); err != nil {
		t.Fatal(err)
	}
	// Read them back in reverse order, with missing keys among them.
	var keys []db.Key
	for i := 249; i >= 0; i-- {
		keys = append(keys, userKey(i))
		if i%50 == 0 {
			keys = append(keys, db.KeyOf(db.PK[User](fmt.Sprint("missing", i)), g1))
		}
	}
	items, err := table.BatchGet(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 250 {
		t.Fatalf("got %d items, want 250", len(items))
	}
	for i, item := range items {
		want := db.Item{"PK": fmt.Sprintf("USER#u%03d", 249-i), "SK": "GROUP#group1", "N": db.Number(fmt.Sprint(249 - i))}
		if _, ok := item[db.CreatedAt].(string); !ok {
			t.Errorf("item %d has no %s: %v", i, db.CreatedAt, item)
		}
		delete(item, db.CreatedAt)
		if !reflect.DeepEqual(item, want) {
			t.Fatalf("item %d = %v, want %v", i, item, want)
		}
	}
}

func TestBatchDeleteAndPut(t *testing.T) {
	table := dbtest.Table(t)
	if err := table.BatchWrite(ctx, userPuts(0, 30)); err != nil {
		t.Fatal(err)
	}
	var writes []db.BatchWriteArg
	for _, k := range userKeys(0, 30) {
		writes = append(writes, db.BatchDelete(k.PK, k.SK))
	}
	writes[3] = db.BatchPut(userKey(3).PK, g1, db.Attrs(db.Item{"N": "kept"}))
	if err := table.BatchWrite(ctx, append(writes, userPuts(40, 42)...)); err != nil {
		t.Fatal(err)
	}
	items, err := table.BatchGet(ctx, userKeys(0, 50))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := itemsOf(items), withPrefix("u003 u040 u041"); got != want {
		t.Errorf("items = %s, want %s", got, want)
	}
}

func TestBatchGetConsistentAndProjected(t *testing.T) {
	table := dbtest.Table(t)
	if err := table.BatchWrite(ctx, userPuts(0, 3)); err != nil {
		t.Fatal(err)
	}
	keys := []db.Key{userKey(2), userKey(0)}
	items, err := table.BatchGet(ctx, keys, db.ConsistentRead(), db.Project("N"))
	want := []db.Item{{"N": db.Number("2")}, {"N": db.Number("0")}}
	if err != nil || !reflect.DeepEqual(items, want) {
		t.Errorf("BatchGet projecting N = %v, %v; want %v", items, err, want)
	}
	items, err = table.BatchGet(ctx, keys, db.Project("SK", "N"))
	want = []db.Item{{"SK": "GROUP#group1", "N": db.Number("2")}, {"SK": "GROUP#group1", "N": db.Number("0")}}
	if err != nil || !reflect.DeepEqual(items, want) {
		t.Errorf("BatchGet projecting SK and N = %v, %v; want %v", items, err, want)
	}
}

// TestBatchRefusesBeforeSending checks that bad keys and writes fail with
// ErrInvalidArgument before any request, even when the bad one is late.
func TestBatchRefusesBeforeSending(t *testing.T) {
	client := &noCalls{}
	table := db.NewTable(client, "Table")
	many := userKeys(0, 200)
	many[150] = db.KeyOf(db.PK[User](""), g1)
	dupKeys := []db.Key{userKey(0), userKey(1), userKey(0)}
	put := func(opts ...db.PutOption) []db.BatchWriteArg {
		return append(userPuts(0, 30), db.BatchPut(alice, g1, opts...))
	}
	var old db.Item
	cases := map[string]error{
		"get invalid key":      batchGet(table, many),
		"get zero key":         batchGet(table, []db.Key{{}}),
		"get duplicate":        batchGet(table, dupKeys),
		"get empty projection": batchGet(table, many[:2], db.Project("")),
		"write duplicate":      table.BatchWrite(ctx, append(userPuts(0, 30), db.BatchDelete(userKey(7).PK, g1))),
		"write condition":      table.BatchWrite(ctx, put(db.If(db.Exists("N")))),
		"write on failure":     table.BatchWrite(ctx, put(db.ReturnItemOnFailure())),
		"write return":         table.BatchWrite(ctx, put(db.Return(db.ReturnAllOld, &old))),
		"write key in attrs":   table.BatchWrite(ctx, put(db.Attrs(db.Item{"PK": "x"}))),
		"write invalid key":    table.BatchWrite(ctx, append(userPuts(0, 30), db.BatchDelete(alice, db.SK[Group]("")))),
		"write zero":           table.BatchWrite(ctx, []db.BatchWriteArg{{}}),
	}
	for name, err := range cases {
		if !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
	if err := cases["get duplicate"]; !strings.Contains(fmt.Sprint(err), "items 0 and 2") {
		t.Errorf("err = %v, want it to name positions 0 and 2", err)
	}
	if err := cases["write duplicate"]; !strings.Contains(fmt.Sprint(err), "items 7 and 30") {
		t.Errorf("err = %v, want it to name positions 7 and 30", err)
	}
	if items, err := table.BatchGet(ctx, nil); items != nil || err != nil {
		t.Errorf("BatchGet of no keys = %v, %v", items, err)
	}
	if err := table.BatchWrite(ctx, nil); err != nil {
		t.Errorf("BatchWrite of nothing: %v", err)
	}
	if n := client.n.Load(); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
}

func batchGet(table *db.Table, keys []db.Key, opts ...db.BatchGetOption) error {
	_, err := table.BatchGet(ctx, keys, opts...)
	return err
}

func TestBatchRetriesUnprocessed(t *testing.T) {
	table := dbtest.Table(t)
	chosen := []string{"u005", "u030", "u059"}
	client := newHoldBack(t, 2, chosen...)
	held := db.NewTable(client, table.Name())
	if err := held.BatchWrite(ctx, userPuts(0, 60), tiny); err != nil {
		t.Fatal(err)
	}
	client.wantHeld(t, 2)
	items, err := table.BatchGet(ctx, userKeys(0, 60))
	if err != nil || len(items) != 60 {
		t.Fatalf("after BatchWrite, BatchGet found %d items, %v; want 60", len(items), err)
	}

	client = newHoldBack(t, 3, chosen...)
	held = db.NewTable(client, table.Name())
	items, err = held.BatchGet(ctx, userKeys(0, 60), tiny)
	if err != nil || len(items) != 60 {
		t.Fatalf("BatchGet found %d items, %v; want 60", len(items), err)
	}
	client.wantHeld(t, 3)
}

func TestBatchErrorListsUnprocessed(t *testing.T) {
	table := dbtest.Table(t)
	// One request at a time, so that the failing last chunk stops nothing.
	opts := []db.BatchOption{tiny, db.BatchMaxAttempts(3), db.BatchConcurrency(1)}
	client := newHoldBack(t, -1, "u051", "u055", "u059")
	held := db.NewTable(client, table.Name())
	err := held.BatchWrite(ctx, userPuts(0, 60), opts...)
	be := wantBatchError(t, err, db.ErrUnprocessed, "u051 u055 u059")
	var writes []string
	for _, w := range be.Writes {
		writes = append(writes, w.Key().PK.Value())
	}
	if got := strings.Join(writes, " "); got != "u051 u055 u059" || be.Writes[0].IsDelete() {
		t.Errorf("Writes = %s, want the puts of u051 u055 u059", got)
	}
	client.wantHeld(t, 3)

	items, err := table.BatchGet(ctx, userKeys(0, 60))
	if err != nil || len(items) != 57 {
		t.Fatalf("BatchGet found %d items, %v; want 57", len(items), err)
	}
	if err := table.BatchWrite(ctx, be.Writes); err != nil {
		t.Fatal(err)
	}
	client = newHoldBack(t, -1, "u003", "u051")
	items, err = db.NewTable(client, table.Name()).BatchGet(ctx, userKeys(0, 60), tiny, db.BatchMaxAttempts(2))
	wantBatchError(t, err, db.ErrUnprocessed, "u003 u051")
	if len(items) != 58 || strings.Contains(itemsOf(items), "u003") {
		t.Errorf("BatchGet returned %d items, want the 58 others", len(items))
	}
}

func TestBatchStopsAfterFailure(t *testing.T) {
	table := dbtest.Table(t)
	injected := errors.New("injected")
	client := newHoldBack(t, -1, "u030")
	client.err = injected
	held := db.NewTable(client, table.Name())
	err := held.BatchWrite(ctx, userPuts(0, 100), db.BatchConcurrency(1))
	// The chunk of u030 failed: the two after it were never sent.
	wantBatchError(t, err, injected, keysOf(userKeys(25, 100)))
	if n := client.calls.Load(); n != 2 {
		t.Errorf("sent %d requests, want 2", n)
	}
	items, err := table.BatchGet(ctx, userKeys(0, 100))
	if err != nil || len(items) != 25 {
		t.Errorf("BatchGet found %d items, %v; want 25", len(items), err)
	}
}

func TestBatchCancelDuringBackoff(t *testing.T) {
	table := dbtest.Table(t)
	if err := table.BatchWrite(ctx, userPuts(0, 60)); err != nil {
		t.Fatal(err)
	}
	slow := []db.BatchOption{db.BatchBackoff(time.Hour, time.Hour), db.BatchConcurrency(1)}
	for _, op := range []struct {
		name string
		run  func(context.Context, *db.Table) error
		want string
	}{
		{"write", func(ctx context.Context, tb *db.Table) error {
			return tb.BatchWrite(ctx, userPuts(0, 60), slow...)
		}, "u010 " + keysOf(userKeys(25, 60))},
		{"get", func(ctx context.Context, tb *db.Table) error {
			items, err := tb.BatchGet(ctx, userKeys(0, 60), slow[0], slow[1])
			if len(items) != 59 {
				t.Errorf("get: %d items returned, want 59", len(items))
			}
			return err
		}, "u010"},
	} {
		ctx, cancel := context.WithCancel(ctx)
		client := newHoldBack(t, -1, "u010")
		client.afterHold = cancel
		err := op.run(ctx, db.NewTable(client, table.Name()))
		wantBatchError(t, err, context.Canceled, op.want)
		cancel()
	}
}

func TestBatchConcurrencyBound(t *testing.T) {
	table := dbtest.Table(t)
	for _, tc := range []struct {
		opts []db.BatchOption
		want int32
	}{
		{[]db.BatchOption{db.BatchConcurrency(3)}, 3},
		{[]db.BatchOption{db.BatchConcurrency(0)}, 4},
		{nil, 4},
	} {
		client := &gate{Client: dbtest.Client(t), n: tc.want, open: make(chan struct{})}
		gated := db.NewTable(client, table.Name())
		if err := gated.BatchWrite(ctx, userPuts(0, 200), tc.opts...); err != nil {
			t.Fatal(err)
		}
		if p := client.peak.Load(); p != tc.want {
			t.Errorf("BatchWrite with %d options: %d requests at once, want %d", len(tc.opts), p, tc.want)
		}
	}
}

// wantBatchError checks that err is a *BatchError for the keys with the
// given partition key values, whose cause is cause.
func wantBatchError(t *testing.T, err, cause error, keys string) *db.BatchError {
	t.Helper()
	var be *db.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want a *BatchError", err)
	}
	if !errors.Is(err, cause) {
		t.Errorf("err = %v, want it to wrap %v", err, cause)
	}
	if got := keysOf(be.Keys); got != keys {
		t.Errorf("BatchError.Keys = %s, want %s", got, keys)
	}
	return be
}

// holdBack is a client that keeps the chosen items out of the batch
// requests it is given, and answers them as unprocessed, times times for
// each (always when times < 0), before it lets them through. When err is
// set, it fails the requests with a chosen item instead.
type holdBack struct {
	db.Client
	chosen    map[string]bool // partition key values, as "USER#u001"
	times     int
	err       error
	afterHold func() // called after a response that held items back

	calls atomic.Int32
	mu    sync.Mutex
	held  map[string]int // how often each chosen item was held back
}

func newHoldBack(t *testing.T, times int, chosen ...string) *holdBack {
	c := &holdBack{Client: dbtest.Client(t), chosen: map[string]bool{}, times: times, held: map[string]int{}}
	for _, v := range chosen {
		c.chosen["USER#"+v] = true
	}
	return c
}

// wantHeld checks that every chosen item was held back n times.
func (c *holdBack) wantHeld(t *testing.T, n int) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	for pk := range c.chosen {
		if c.held[pk] != n {
			t.Errorf("%s was held back %d times, want %d", pk, c.held[pk], n)
		}
	}
}

func (c *holdBack) hold(item map[string]types.AttributeValue) bool {
	pk := item["PK"].(*types.AttributeValueMemberS).Value
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.chosen[pk] || c.times >= 0 && c.held[pk] >= c.times {
		return false
	}
	c.held[pk]++
	return true
}

// split splits a request's items into those to send and those held back.
func split[T any](c *holdBack, reqs []T, key func(T) map[string]types.AttributeValue) (send, held []T, err error) {
	c.calls.Add(1)
	for _, r := range reqs {
		if c.err != nil && c.chosen[key(r)["PK"].(*types.AttributeValueMemberS).Value] {
			return nil, nil, c.err
		}
		if c.hold(key(r)) {
			held = append(held, r)
		} else {
			send = append(send, r)
		}
	}
	return send, held, nil
}

// heldBack calls afterHold, if any, when items were held back.
func (c *holdBack) heldBack(held int) {
	if held > 0 && c.afterHold != nil {
		c.afterHold()
	}
}

func (c *holdBack) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	name, reqs := only(in.RequestItems)
	send, held, err := split(c, reqs, func(w types.WriteRequest) map[string]types.AttributeValue {
		if w.PutRequest != nil {
			return w.PutRequest.Item
		}
		return w.DeleteRequest.Key
	})
	if err != nil {
		return nil, err
	}
	out := &dynamodb.BatchWriteItemOutput{}
	if len(send) > 0 {
		if out, err = c.Client.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{name: send}}, opts...); err != nil {
			return nil, err
		}
	}
	if len(held) > 0 {
		out.UnprocessedItems = map[string][]types.WriteRequest{name: append(out.UnprocessedItems[name], held...)}
	}
	c.heldBack(len(held))
	return out, nil
}

func (c *holdBack) BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	name, ka := only(in.RequestItems)
	send, held, err := split(c, ka.Keys, func(k map[string]types.AttributeValue) map[string]types.AttributeValue { return k })
	if err != nil {
		return nil, err
	}
	out := &dynamodb.BatchGetItemOutput{}
	if len(send) > 0 {
		ka.Keys = send
		if out, err = c.Client.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{name: ka}}, opts...); err != nil {
			return nil, err
		}
	}
	if len(held) > 0 {
		ka.Keys = append(out.UnprocessedKeys[name].Keys, held...)
		out.UnprocessedKeys = map[string]types.KeysAndAttributes{name: ka}
	}
	c.heldBack(len(held))
	return out, nil
}

// only returns the one entry of a request's map of tables.
func only[V any](m map[string]V) (string, V) {
	for k, v := range m {
		return k, v
	}
	var zero V
	return "", zero
}

// gate is a client that holds its first n batch writes until n of them are
// running at once, and records the most that ever ran at once.
type gate struct {
	db.Client
	n            int32
	open         chan struct{}
	arrived, now atomic.Int32
	peak         atomic.Int32
}

func (c *gate) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	now := c.now.Add(1)
	defer c.now.Add(-1)
	for p := c.peak.Load(); now > p; p = c.peak.Load() {
		if c.peak.CompareAndSwap(p, now) {
			break
		}
	}
	if c.arrived.Add(1) == c.n {
		close(c.open)
	}
	select {
	case <-c.open:
	case <-time.After(time.Minute): // only when the batch is less concurrent than it should be
		return nil, fmt.Errorf("fewer than %d requests ran at once", c.n)
	}
	return c.Client.BatchWriteItem(ctx, in, opts...)
}
