package db_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
)

func TestUpdateActions(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps())
	start := db.Item{
		"n": 1, "l": []any{"a", "b", "c"}, "m": map[string]any{"x": 1, "size": "s"},
		"ss": db.StringSet{"a", "b"}, "ss2": db.StringSet{"a", "b"}, "gone": "x",
	}
	if err := table.Put(ctx, alice, g1, db.Attrs(start)); err != nil {
		t.Fatal(err)
	}
	var got db.Item
	err := table.Update(ctx, alice, g1,
		db.Set("n", db.Plus(db.Attr("n"), 10)),
		db.Set("m.size", "reserved"),
		db.Set("fresh", db.Plus(db.IfNotExists("fresh", 100), 1)),
		db.Remove("l[0]"),
		db.Remove("gone"),
		db.Add("count", 2),
		db.Add("ss", db.StringSet{"c"}),
		db.DeleteFromSet("ss2", db.StringSet{"a"}),
		db.Append("tail", "x", "y"),
		db.Return(db.ReturnAllNew, &got))
	if err != nil {
		t.Fatal(err)
	}
	want := db.Item{
		"PK": "USER#alice", "SK": "GROUP#group1",
		"n": db.Number("11"), "l": []any{"b", "c"},
		"m":     map[string]any{"x": db.Number("1"), "size": "reserved"},
		"fresh": db.Number("101"), "count": db.Number("2"), "ss": db.StringSet{"a", "b", "c"}, "ss2": db.StringSet{"b"},
		"tail": []any{"x", "y"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ALL_NEW =\n%v\nwant\n%v", got, want)
	}
	err = table.Update(ctx, alice, g1, db.Set("n", db.Minus(db.Attr("n"), 1)), db.Prepend("tail", "w"),
		db.Return(db.ReturnUpdatedNew, &got))
	want = db.Item{"n": db.Number("10"), "tail": []any{"w", "x", "y"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("UPDATED_NEW = %v, %v; want %v", got, err, want)
	}
	err = table.Update(ctx, alice, g1, db.Set("n", 0), db.Return(db.ReturnUpdatedOld, &got))
	if err != nil || !reflect.DeepEqual(got, db.Item{"n": db.Number("10")}) {
		t.Errorf("UPDATED_OLD = %v, %v", got, err)
	}
}

func TestUpdateStampsTimes(t *testing.T) {
	now := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
	table := dbtest.Table(t, db.WithClock(func() time.Time { return now }))
	var got db.Item
	if err := table.Update(ctx, alice, g1, db.Set("a", 1), db.Return(db.ReturnAllNew, &got)); err != nil {
		t.Fatal(err)
	}
	if got[db.CreatedAt] != "2026-05-06T07:08:09.000Z" || got[db.UpdatedAt] != "2026-05-06T07:08:09.000Z" {
		t.Errorf("new item = %v, want CreatedAt and UpdatedAt", got)
	}
	now = now.Add(time.Hour)
	if err := table.Update(ctx, alice, g1, db.Set("a", 2), db.Return(db.ReturnAllNew, &got)); err != nil {
		t.Fatal(err)
	}
	if got[db.CreatedAt] != "2026-05-06T07:08:09.000Z" || got[db.UpdatedAt] != "2026-05-06T08:08:09.000Z" {
		t.Errorf("updated item = %v, want the first CreatedAt and a new UpdatedAt", got)
	}
	if err := table.Update(ctx, alice, g1, db.Set(db.UpdatedAt, "mine"), db.Return(db.ReturnAllNew, &got)); err != nil || got[db.UpdatedAt] != "mine" {
		t.Errorf("UpdatedAt set by the caller = %v, %v", got[db.UpdatedAt], err)
	}
}

func TestUpdateCondition(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps())
	if err := table.Put(ctx, alice, g1, db.Attrs(db.Item{"v": 1})); err != nil {
		t.Fatal(err)
	}
	err := table.Update(ctx, alice, g1, db.Set("v", 2), db.If(db.Eq("v", 5)), db.ReturnItemOnFailure())
	var cfe *db.ConditionFailedError
	if !errors.As(err, &cfe) || !errors.Is(err, db.ErrConditionFailed) {
		t.Fatalf("err = %v, want a *ConditionFailedError", err)
	}
	if cfe.Op != "update" || cfe.Item["v"] != db.Number("1") {
		t.Errorf("ConditionFailedError = %+v, want op update and the item", cfe)
	}
	// Optimistic locking: update only the version read.
	if err := table.Update(ctx, alice, g1, db.Set("v", 2), db.If(db.Eq("v", 1))); err != nil {
		t.Errorf("update at the right version: %v", err)
	}
}

func TestPutAndDeleteReturnOld(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps())
	var old db.Item
	if err := table.Put(ctx, alice, g1, db.Attrs(db.Item{"v": "1"}), db.Return(db.ReturnAllOld, &old)); err != nil || old != nil {
		t.Fatalf("first put: old = %v, %v; want nil", old, err)
	}
	if err := table.Put(ctx, alice, g1, db.Attrs(db.Item{"v": "2"}), db.Return(db.ReturnAllOld, &old)); err != nil || old["v"] != "1" {
		t.Errorf("second put: old = %v, %v", old, err)
	}
	var s struct{ V string }
	if err := table.Delete(ctx, alice, g1, db.Return(db.ReturnAllOld, &s)); err != nil || s.V != "2" {
		t.Errorf("delete: old = %+v, %v", s, err)
	}
	for name, err := range map[string]error{
		"put all new":       table.Put(ctx, alice, g1, db.Return(db.ReturnAllNew, &old)),
		"delete updated":    table.Delete(ctx, alice, g1, db.Return(db.ReturnUpdatedOld, &old)),
		"nil target":        table.Put(ctx, alice, g1, db.Return(db.ReturnAllOld, nil)),
		"non-pointer":       table.Put(ctx, alice, g1, db.Return(db.ReturnAllOld, old)),
		"return in a tx":    table.TransactWrite(ctx, db.PutArg(alice, g1, db.Return(db.ReturnAllOld, &old))),
		"update key":        table.Update(ctx, alice, g1, db.Set("PK", "x")),
		"overlapping paths": table.Update(ctx, alice, g1, db.Set("a.b", 1), db.Remove("a")),
	} {
		if !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
}

func TestMoreConditions(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps())
	attrs := db.Item{"n": 5, "s": "hello", "tags": db.StringSet{"a", "b"}, "l": []any{"x", db.Number("1")},
		"m": map[string]any{"deep": []any{map[string]any{"v": "w"}}}, "lo": 1, "hi": 9}
	if err := table.Put(ctx, alice, g1, db.Attrs(attrs)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		c    db.Condition
		ok   bool
	}{
		{"between", db.Between("n", 1, 5), true},
		{"between attrs", db.Between("n", db.Attr("lo"), db.Attr("hi")), true},
		{"not between", db.Between("n", 6, 9), false},
		{"in", db.In("s", "x", "hello"), true},
		{"not in", db.In("n", 1, 2), false},
		{"type SS", db.AttributeType("tags", db.TypeStringSet), true},
		{"type N", db.AttributeType("s", db.TypeNumber), false},
		{"contains string", db.Contains("s", "ell"), true},
		{"contains set", db.Contains("tags", "b"), true},
		{"contains list", db.Contains("l", db.Number("1")), true},
		{"size of set", db.Eq(db.Size("tags"), 2), true},
		{"size of string", db.Gt(db.Size("s"), 5), false},
		{"nested path", db.Eq("m.deep[0].v", "w"), true},
		{"compare attrs", db.Lt("lo", db.Attr("hi")), true},
	} {
		err := table.Put(ctx, alice, g1, db.Attrs(attrs), db.If(tc.c))
		if tc.ok && err != nil || !tc.ok && !errors.Is(err, db.ErrConditionFailed) {
			t.Errorf("%s: err = %v, want ok = %v", tc.name, err, tc.ok)
		}
	}
	got, err := table.Get(ctx, alice, g1, db.Project("m.deep[0].v", "l[1]"))
	want := db.Item{"m": map[string]any{"deep": []any{map[string]any{"v": "w"}}}, "l": []any{db.Number("1")}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("nested projection = %v, %v; want %v", got, err, want)
	}
}

// tokenRecorder records the idempotency tokens of the transactions it sends.
type tokenRecorder struct {
	db.Client
	tokens []string
}

func (c *tokenRecorder) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	c.tokens = append(c.tokens, aws.ToString(in.ClientRequestToken))
	return c.Client.TransactWriteItems(ctx, in, opts...)
}

func TestTransactUpdateAndToken(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps())
	members(t, table)
	recorder := &tokenRecorder{Client: dbtest.Client(t)}
	table = db.NewTable(recorder, table.Name(), db.WithoutTimestamps())
	// Tokens live for ten minutes across tables: make them unique to the run.
	token := table.Name()[len(table.Name())-8:]
	err := table.TransactWrite(ctx,
		db.IdempotencyToken(token),
		db.UpdateArg(alice, g1, db.Add("moves", 1)),
		db.ConditionCheck(bob, g1, db.Exists("PK")))
	if err != nil {
		t.Fatal(err)
	}
	if len(recorder.tokens) != 1 || recorder.tokens[0] != token {
		t.Errorf("tokens sent = %q", recorder.tokens)
	}
	got, err := table.Get(ctx, alice, g1)
	if err != nil || got["moves"] != db.Number("1") {
		t.Errorf("after the update: %v, %v; want moves 1", got, err)
	}
	err = table.TransactWrite(ctx,
		db.IdempotencyToken(token+"-2"),
		db.UpdateArg(alice, g1, db.Add("moves", 1)),
		db.ConditionCheck(bob, g1, db.Eq("Note", "wrong"), db.ReturnItemOnFailure()))
	var tce *db.TransactionCanceledError
	if !errors.As(err, &tce) {
		t.Fatalf("err = %v, want *TransactionCanceledError", err)
	}
	failed := tce.Failed()
	if len(failed) != 1 || failed[0].Index != 2 || failed[0].Item["Note"] != "USER#bob" {
		t.Errorf("failed = %+v, want item 2 (counting the token) with bob's item", failed)
	}
	for name, err := range map[string]error{
		"two tokens":  table.TransactWrite(ctx, db.IdempotencyToken("a"), db.IdempotencyToken("b"), db.DeleteArg(alice, g1)),
		"long token":  table.TransactWrite(ctx, db.IdempotencyToken(string(make([]byte, 37))), db.DeleteArg(alice, g1)),
		"only token":  table.TransactWrite(ctx, db.IdempotencyToken("a")),
		"empty token": table.TransactWrite(ctx, db.IdempotencyToken(""), db.DeleteArg(alice, g1)),
	} {
		if !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
}

// TestMapKeysWithDots checks that map keys holding '.', such as domains
// and emails, can be set, read, tested and removed through Path.
func TestMapKeysWithDots(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps())
	domain := db.Path("Domains", "example.com")
	err := table.Update(ctx, alice, g1, db.Set("Domains", map[string]any{}), db.Set(db.Path("a.b"), 1))
	if err != nil {
		t.Fatal(err)
	}
	if err := table.Update(ctx, alice, g1, db.Set(domain, "verified"), db.If(db.NotExists(domain))); err != nil {
		t.Fatal(err)
	}
	got, err := table.Get(ctx, alice, g1, db.Project(domain, db.Path("a.b")))
	want := db.Item{"Domains": map[string]any{"example.com": "verified"}, "a.b": db.Number("1")}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Get = %v, %v; want %v", got, err, want)
	}
	items, err := table.Query(ctx, alice, db.Filter(db.Eq(domain, "verified")))
	if err != nil || len(items) != 1 {
		t.Errorf("filtered on %s: %v, %v", domain, items, err)
	}
	if err := table.Update(ctx, alice, g1, db.Remove(domain)); err != nil {
		t.Fatal(err)
	}
	if got, err := table.Get(ctx, alice, g1); err != nil || len(got["Domains"].(map[string]any)) != 0 {
		t.Errorf("after Remove: %v, %v", got, err)
	}
}
