package db_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
)

type Post struct{}

var (
	ctx   = context.Background()
	alice = db.PK[User]("alice")
	bob   = db.PK[User]("bob")
	carol = db.PK[User]("carol")
	g1    = db.SK[Group]("group1")
	g2    = db.SK[Group]("group2")
)

func TestInsertTwiceGivesErrExists(t *testing.T) {
	table := dbtest.Table(t)
	if err := table.Insert(ctx, alice, g1); err != nil {
		t.Fatal(err)
	}
	err := table.Insert(ctx, alice, g1)
	if !errors.Is(err, db.ErrExists) || !errors.Is(err, db.ErrConditionFailed) {
		t.Fatalf("second insert: err = %v, want ErrExists", err)
	}
	var ccf *types.ConditionalCheckFailedException
	if !errors.As(err, &ccf) {
		t.Errorf("second insert: err does not wrap the service's %T", ccf)
	}
	var cfe *db.ConditionFailedError
	if !errors.As(err, &cfe) || cfe.Key != db.KeyOf(alice, g1) || err.Error() != "db: insert USER#alice GROUP#group1: condition failed: item exists" {
		t.Errorf("second insert: err = %q, want it to name the key", err)
	}
}

func TestInsertWithCondition(t *testing.T) {
	table := dbtest.Table(t)
	// The condition is checked on the absent item, so Exists cannot hold.
	err := table.Insert(ctx, alice, g1, db.If(db.Exists("Name")))
	if !errors.Is(err, db.ErrConditionFailed) {
		t.Fatalf("err = %v, want ErrConditionFailed", err)
	}
	if err := table.Insert(ctx, alice, g1, db.If(db.NotExists("Name"))); err != nil {
		t.Fatal(err)
	}
}

func TestPutAndGetValues(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps())
	attrs := db.Item{
		"S":      "text",
		"N":      db.Number("12345678901234567890123456789012345678"),
		"Int":    42,
		"Float":  1.5,
		"B":      []byte{0, 1, 2},
		"BOOL":   true,
		"NULL":   nil,
		"L":      []any{"a", db.Number("1"), false},
		"M":      map[string]any{"k": "v", "n": db.Item{"deep": db.Number("-0.5")}},
		"SS":     db.StringSet{"a", "b"},
		"NS":     db.NumberSet{"1", "2.5"},
		"BS":     db.BinarySet{{1}, {2}},
		"Hashes": "USER#not-a-key",
	}
	if err := table.Put(ctx, alice, g1, db.Attrs(attrs)); err != nil {
		t.Fatal(err)
	}
	got, err := table.Get(ctx, alice, g1, db.ConsistentRead())
	if err != nil {
		t.Fatal(err)
	}
	want := db.Item{
		"PK": "USER#alice", "SK": "GROUP#group1",
		"S": "text", "N": db.Number("12345678901234567890123456789012345678"),
		"Int": db.Number("42"), "Float": db.Number("1.5"), "B": []byte{0, 1, 2},
		"BOOL": true, "NULL": nil, "L": []any{"a", db.Number("1"), false},
		"M":  map[string]any{"k": "v", "n": map[string]any{"deep": db.Number("-0.5")}},
		"SS": db.StringSet{"a", "b"}, "NS": db.NumberSet{"1", "2.5"}, "BS": db.BinarySet{{1}, {2}},
		"Hashes": "USER#not-a-key",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Get =\n%v\nwant\n%v", got, want)
	}
}

func TestPutStruct(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps())
	type profile struct {
		Name  string
		Age   int      `dynamodbav:"age"`
		Tags  []string `dynamodbav:",stringset"`
		Empty string   `dynamodbav:",omitempty"`
	}
	err := table.Put(ctx, alice, g1, db.Attrs(profile{Name: "Alice", Age: 30, Tags: []string{"x"}}))
	if err != nil {
		t.Fatal(err)
	}
	got, err := table.Get(ctx, alice, g1, db.Project("Name", "age", "Tags", "Empty"))
	if err != nil {
		t.Fatal(err)
	}
	want := db.Item{"Name": "Alice", "age": db.Number("30"), "Tags": db.StringSet{"x"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Get = %v, want %v", got, want)
	}
}

func TestPutReplacesAndStampsCreatedAt(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 7_890_000, time.FixedZone("X", 3600))
	table := dbtest.Table(t, db.WithClock(func() time.Time { return now }))
	if err := table.Put(ctx, alice, g1, db.Attrs(db.Item{"A": "1"})); err != nil {
		t.Fatal(err)
	}
	if err := table.Put(ctx, alice, g1, db.Attrs(db.Item{"B": "2"})); err != nil {
		t.Fatal(err)
	}
	got, err := table.Get(ctx, alice, g1)
	if err != nil {
		t.Fatal(err)
	}
	// Milliseconds, in UTC; a Put replaces the item, CreatedAt included.
	want := db.Item{"PK": "USER#alice", "SK": "GROUP#group1", "B": "2", "CreatedAt": "2026-01-02T02:04:05.007Z"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Get = %v, want %v", got, want)
	}
	// A CreatedAt given by the caller wins.
	if err := table.Put(ctx, bob, g1, db.Attrs(db.Item{db.CreatedAt: "then"})); err != nil {
		t.Fatal(err)
	}
	if got, err := table.Get(ctx, bob, g1); err != nil || got[db.CreatedAt] != "then" {
		t.Errorf("Get = %v, %v; want CreatedAt then", got, err)
	}
}

// TestZeroCreatedAtIsStamped checks that a zero time, as a struct with an
// unset CreatedAt field encodes it, counts as no time.
func TestZeroCreatedAtIsStamped(t *testing.T) {
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	table := dbtest.Table(t, db.WithClock(func() time.Time { return now }))
	type profile struct {
		Name      string
		CreatedAt time.Time
	}
	type unixProfile struct {
		CreatedAt time.Time `dynamodbav:",unixtime"`
	}
	type ptrProfile struct{ CreatedAt *time.Time }
	for i, attrs := range []any{profile{Name: "a"}, unixProfile{}, ptrProfile{}, db.Item{db.CreatedAt: ""}, db.Item{db.CreatedAt: nil}} {
		sk := db.SK[Group](fmt.Sprint(i))
		if err := table.Put(ctx, alice, sk, db.Attrs(attrs)); err != nil {
			t.Fatal(err)
		}
		got, err := db.As[profile](table).Get(ctx, alice, sk)
		if err != nil || !got.CreatedAt.Equal(now) {
			t.Errorf("%T: CreatedAt = %v, %v; want %v", attrs, got.CreatedAt, err, now)
		}
	}
	then := now.Add(-time.Hour)
	if err := table.Put(ctx, bob, g1, db.Attrs(profile{CreatedAt: then})); err != nil {
		t.Fatal(err)
	}
	if got, err := db.As[profile](table).Get(ctx, bob, g1); err != nil || !got.CreatedAt.Equal(then) {
		t.Errorf("a time given: CreatedAt = %v, %v; want %v", got.CreatedAt, err, then)
	}
}

// TestStampsSortAsTimes checks that stamps have a fixed width, so that
// comparing them as strings compares the times.
func TestStampsSortAsTimes(t *testing.T) {
	times := []time.Time{
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 0, 1_000_000, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 0, 100_000_000, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 1, 0, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 1, 990_000_000, time.UTC),
	}
	var now time.Time
	table := dbtest.Table(t, db.WithClock(func() time.Time { return now }))
	var stamps []string
	for i, at := range times {
		now = at
		sk := db.SK[Group](fmt.Sprint(i))
		if err := table.Insert(ctx, alice, sk); err != nil {
			t.Fatal(err)
		}
		got, err := table.Get(ctx, alice, sk)
		if err != nil {
			t.Fatal(err)
		}
		stamps = append(stamps, got[db.CreatedAt].(string))
	}
	for i := 1; i < len(stamps); i++ {
		if len(stamps[i]) != len(stamps[0]) || stamps[i-1] >= stamps[i] {
			t.Errorf("stamps %q and %q do not sort as their times", stamps[i-1], stamps[i])
		}
	}
}

func TestGetMissing(t *testing.T) {
	table := dbtest.Table(t)
	_, err := table.Get(ctx, alice, g1)
	if !errors.Is(err, db.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	if !strings.Contains(err.Error(), "USER#alice GROUP#group1") {
		t.Errorf("err = %v, want it to name the key", err)
	}
}

func TestDelete(t *testing.T) {
	table := dbtest.Table(t)
	if err := table.Insert(ctx, alice, g1); err != nil {
		t.Fatal(err)
	}
	if err := table.Delete(ctx, alice, g1, db.If(db.Eq("CreatedAt", "never"))); !errors.Is(err, db.ErrConditionFailed) {
		t.Fatalf("conditional delete: err = %v, want ErrConditionFailed", err)
	}
	if err := table.Delete(ctx, alice, g1, db.If(db.Exists("PK"))); err != nil {
		t.Fatal(err)
	}
	if _, err := table.Get(ctx, alice, g1); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("Get after delete: err = %v, want ErrNotFound", err)
	}
	if err := table.Delete(ctx, alice, g1); err != nil {
		t.Errorf("deleting a missing item: err = %v", err)
	}
}

func TestConditions(t *testing.T) {
	table := dbtest.Table(t)
	if err := table.Put(ctx, alice, g1, db.Attrs(db.Item{"n": 5, "s": "abc", "size": "reserved word"})); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		c    db.Condition
		ok   bool
	}{
		{"eq", db.Eq("n", 5), true},
		{"eq false", db.Eq("n", 6), false},
		{"ne", db.Ne("n", 6), true},
		{"lt", db.Lt("n", 6), true},
		{"le", db.Le("n", 5), true},
		{"gt", db.Gt("n", 5), false},
		{"ge", db.Ge("n", 5), true},
		{"begins", db.BeginsWith("s", "ab"), true},
		{"reserved name", db.Eq("size", "reserved word"), true},
		{"and", db.And(db.Eq("n", 5), db.Exists("s")), true},
		{"or", db.Or(db.Eq("n", 6), db.NotExists("x")), true},
		{"not", db.Not(db.Eq("n", 5)), false},
	} {
		err := table.Put(ctx, alice, g1, db.Attrs(db.Item{"n": 5, "s": "abc", "size": "reserved word"}), db.If(tc.c))
		if tc.ok && err != nil || !tc.ok && !errors.Is(err, db.ErrConditionFailed) {
			t.Errorf("%s: err = %v, want ok = %v", tc.name, err, tc.ok)
		}
	}
}

// members inserts users into groups and posts into group1, so that prefix
// queries have other entities to leave out.
func members(t *testing.T, table *db.Table) {
	t.Helper()
	for _, m := range []struct {
		pk db.PartitionKey
		sk db.SortKey
	}{{alice, g1}, {bob, g1}, {carol, g2}, {db.PK[Post]("p1"), g1}} {
		if err := table.Insert(ctx, m.pk, m.sk, db.Attrs(db.Item{"Note": m.pk.String()})); err != nil {
			t.Fatal(err)
		}
	}
}

func TestQueryPrefixOnInverseIndex(t *testing.T) {
	table := dbtest.Table(t)
	members(t, table)
	got, err := table.QueryPrefix(ctx, db.PK[Group]("group1"), db.Prefix[User](), db.OnIndex(db.InverseGlobalIndex))
	if err != nil {
		t.Fatal(err)
	}
	want := []db.Item{{"PK": "alice"}, {"PK": "bob"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("QueryPrefix = %v, want %v", got, want)
	}
	// Projected attributes come as they are; only key attributes are stripped.
	got, err = table.QueryPrefix(ctx, db.PK[Group]("group1"), db.Prefix[Post](), db.OnIndex(db.InverseGlobalIndex), db.Project("Note", "SK"))
	if err != nil {
		t.Fatal(err)
	}
	want = []db.Item{{"PK": "p1", "SK": "group1", "Note": "POST#p1"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("QueryPrefix with projection = %v, want %v", got, want)
	}
}

func TestQueryPrefixOnPrimaryIndex(t *testing.T) {
	table := dbtest.Table(t)
	for _, sk := range []db.SortKey{g1, g2, db.SK[Post]("p")} {
		if err := table.Insert(ctx, alice, sk); err != nil {
			t.Fatal(err)
		}
	}
	got, err := table.QueryPrefix(ctx, alice, db.Prefix[Group](), db.Reverse())
	if err != nil {
		t.Fatal(err)
	}
	want := []db.Item{{"SK": "group2"}, {"SK": "group1"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("QueryPrefix = %v, want %v", got, want)
	}
}

func TestQuerySortKeyConditions(t *testing.T) {
	table := dbtest.Table(t)
	for _, v := range []string{"a", "b", "c", "d"} {
		if err := table.Insert(ctx, alice, db.SK[Post](v)); err != nil {
			t.Fatal(err)
		}
	}
	if err := table.Insert(ctx, alice, g1); err != nil {
		t.Fatal(err)
	}
	post := func(v string) db.SortKey { return db.SK[Post](v) }
	for _, tc := range []struct {
		name string
		opts []db.QueryOption
		want string
	}{
		{"all", nil, "GROUP#group1 POST#a POST#b POST#c POST#d"},
		{"eq", []db.QueryOption{db.SortKeyEq(post("b"))}, "POST#b"},
		{"lt", []db.QueryOption{db.SortKeyLt(post("b"))}, "GROUP#group1 POST#a"},
		{"le", []db.QueryOption{db.SortKeyLe(post("b"))}, "GROUP#group1 POST#a POST#b"},
		{"gt", []db.QueryOption{db.SortKeyGt(post("b"))}, "POST#c POST#d"},
		{"ge", []db.QueryOption{db.SortKeyGe(post("b"))}, "POST#b POST#c POST#d"},
		{"between", []db.QueryOption{db.SortKeyBetween(post("b"), post("c"))}, "POST#b POST#c"},
		{"begins", []db.QueryOption{db.SortKeyBeginsWith(db.Prefix[Post]())}, "POST#a POST#b POST#c POST#d"},
		{"limit", []db.QueryOption{db.SortKeyBeginsWith(db.Prefix[Post]()), db.Limit(2)}, "POST#a POST#b"},
		{"reverse", []db.QueryOption{db.Reverse(), db.Limit(3), db.ConsistentRead()}, "POST#d POST#c POST#b"},
	} {
		items, err := table.Query(ctx, alice, tc.opts...)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := sortKeys(items, "SK"); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}

// sortKeys lists the values of attr in items, strings and numbers.
func sortKeys(items []db.Item, attr string) string {
	var ks []string
	for _, it := range items {
		ks = append(ks, fmt.Sprint(it[attr]))
	}
	return strings.Join(ks, " ")
}

// pageCounter counts the Query requests a table sends.
type pageCounter struct {
	db.Client
	queries atomic.Int32
}

func (c *pageCounter) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	c.queries.Add(1)
	return c.Client.Query(ctx, in, opts...)
}

func TestQueryReadsAllPages(t *testing.T) {
	table := dbtest.Table(t)
	big := strings.Repeat("x", 200_000)
	const n = 12 // 2.4 MB: more than two pages of 1 MB
	for i := range n {
		if err := table.Insert(ctx, db.PK[User](string(rune('a'+i))), g1, db.Attrs(db.Item{"Big": big})); err != nil {
			t.Fatal(err)
		}
	}
	counter := &pageCounter{Client: dbtest.Client(t)}
	paged := db.NewTable(counter, table.Name())
	items, err := paged.QueryPrefix(ctx, db.PK[Group]("group1"), db.Prefix[User](), db.OnIndex(db.InverseGlobalIndex), db.Project("Big"))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != n {
		t.Errorf("got %d items, want %d", len(items), n)
	}
	if q := counter.queries.Load(); q < 2 {
		t.Errorf("read %d pages, want at least 2", q)
	}
}

func TestCustomIndexes(t *testing.T) {
	byEmail := db.GlobalIndex("ByEmail", "Email", "PK")
	byDate := db.LocalIndex("ByDate", "Date")
	table := dbtest.Table(t, db.WithIndexes(db.InverseGlobalIndex, byEmail, byDate))
	type email struct{}
	if err := table.Put(ctx, alice, db.SK[Post]("p1"), db.Attrs(db.Item{"Email": "EMAIL#a@x", "Date": "2026-01-02"})); err != nil {
		t.Fatal(err)
	}
	if err := table.Put(ctx, alice, db.SK[Post]("p2"), db.Attrs(db.Item{"Date": "2026-01-01"})); err != nil {
		t.Fatal(err)
	}
	items, err := table.Query(ctx, db.PK[email]("a@x"), db.OnIndex(byEmail))
	if err != nil || len(items) != 1 || items[0]["SK"] != "POST#p1" {
		t.Errorf("query by email = %v, %v", items, err)
	}
	items, err = table.Query(ctx, alice, db.OnIndex(byDate))
	if err != nil || sortKeys(items, "SK") != "POST#p2 POST#p1" {
		t.Errorf("query by date = %v, %v", items, err)
	}
}

func TestCustomKeyFormat(t *testing.T) {
	f := db.KeyFormat{Separator: "|", Namespace: "app", LowerCase: true}
	table := dbtest.Table(t, db.WithKeyFormat(f))
	if err := table.Insert(ctx, alice, g1); err != nil {
		t.Fatal(err)
	}
	item, err := table.Get(ctx, alice, g1)
	if err != nil || item["PK"] != "app|user|alice" || item["SK"] != "app|group|group1" {
		t.Fatalf("Get = %v, %v", item, err)
	}
	got, err := table.QueryPrefix(ctx, db.PK[Group]("group1"), db.Prefix[User](), db.OnIndex(db.InverseGlobalIndex))
	if err != nil || !reflect.DeepEqual(got, []db.Item{{"PK": "alice"}}) {
		t.Errorf("QueryPrefix = %v, %v", got, err)
	}
}

func TestTransactWrite(t *testing.T) {
	table := dbtest.Table(t)
	members(t, table)
	err := table.TransactWrite(ctx,
		db.DeleteArg(alice, g1), db.DeleteArg(bob, g1),
		db.InsertArg(alice, g2), db.PutArg(bob, g2, db.Attrs(db.Item{"Role": "admin"})))
	if err != nil {
		t.Fatal(err)
	}
	got, err := table.QueryPrefix(ctx, db.PK[Group]("group2"), db.Prefix[User](), db.OnIndex(db.InverseGlobalIndex), db.Project("Role"))
	want := []db.Item{{"PK": "alice"}, {"PK": "bob", "Role": "admin"}, {"PK": "carol"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("group2 = %v, %v; want %v", got, err, want)
	}
}

func TestTransactionConflictWritesNothing(t *testing.T) {
	table := dbtest.Table(t)
	members(t, table)
	// carol is in group2 already: her insert fails, so nothing happens.
	err := table.TransactWrite(ctx,
		db.DeleteArg(alice, g1), db.DeleteArg(bob, g1),
		db.InsertArg(alice, g2), db.InsertArg(carol, g2))
	var tce *db.TransactionCanceledError
	if !errors.As(err, &tce) {
		t.Fatalf("err = %v, want a *TransactionCanceledError", err)
	}
	if !errors.Is(err, db.ErrExists) || !errors.Is(err, db.ErrConditionFailed) {
		t.Errorf("err = %v, want ErrExists and ErrConditionFailed", err)
	}
	var sdkErr *types.TransactionCanceledException
	if !errors.As(err, &sdkErr) {
		t.Errorf("err does not wrap the service's %T", sdkErr)
	}
	failed := tce.Failed()
	if len(tce.Reasons) != 4 || len(failed) != 1 || failed[0].Index != 3 || failed[0].Code != "ConditionalCheckFailed" {
		t.Fatalf("reasons = %+v", tce.Reasons)
	}
	if !strings.Contains(err.Error(), "item 3: ConditionalCheckFailed") {
		t.Errorf("message %q does not name item 3", err)
	}
	for _, pk := range []db.PartitionKey{alice, bob} {
		if _, err := table.Get(ctx, pk, g1); err != nil {
			t.Errorf("%s was deleted from group1 by a cancelled transaction: %v", pk, err)
		}
	}
	if _, err := table.Get(ctx, alice, g2); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("alice was inserted into group2 by a cancelled transaction: %v", err)
	}
}

func TestTransactConditionCheck(t *testing.T) {
	table := dbtest.Table(t)
	members(t, table)
	err := table.TransactWrite(ctx,
		db.ConditionCheck(carol, g2, db.Exists("PK")),
		db.InsertArg(carol, g1))
	if err != nil {
		t.Fatal(err)
	}
	err = table.TransactWrite(ctx,
		db.ConditionCheck(alice, g2, db.Exists("PK")),
		db.DeleteArg(bob, g1))
	if !errors.Is(err, db.ErrConditionFailed) || errors.Is(err, db.ErrExists) {
		t.Errorf("err = %v, want ErrConditionFailed but not ErrExists", err)
	}
	var tce *db.TransactionCanceledError
	if !errors.As(err, &tce) || tce.Reasons[0].Err != db.ErrConditionFailed || tce.Reasons[1].Err != nil {
		t.Errorf("reasons = %+v", tce)
	}
}

func TestDropTable(t *testing.T) {
	client := dbtest.Client(t)
	table := db.NewTable(client, dbtest.TableName(t))
	if err := table.Create(ctx); err != nil {
		t.Fatal(err)
	}
	if err := table.Drop(ctx); err != nil {
		t.Fatal(err)
	}
	_, err := table.Get(ctx, alice, g1)
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("Get on a dropped table: err = %v, want ResourceNotFoundException", err)
	}
}

// TestItemSizeLimit checks that the library counts sizes as DynamoDB does:
// an item of exactly 400 KB is stored, and one byte more is refused before
// sending.
func TestItemSizeLimit(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps())
	keys := len("PK") + len("USER#alice") + len("SK") + len("GROUP#group1")
	big := strings.Repeat("x", db.MaxItemSize-keys-len("Big")-len("N")-3)
	attrs := db.Item{"Big": big, "N": db.Number("-42")} // -42 counts 3 bytes
	if err := table.Put(ctx, alice, g1, db.Attrs(attrs)); err != nil {
		t.Fatalf("an item of exactly 400 KB: %v", err)
	}
	attrs["Big"] = big + "x"
	if err := table.Put(ctx, alice, g1, db.Attrs(attrs)); !errors.Is(err, db.ErrInvalidArgument) {
		t.Errorf("an item one byte over 400 KB: err = %v", err)
	}
}

// TestLeanInverseIndex checks the README's inverse index that holds only
// the keys and one attribute.
func TestLeanInverseIndex(t *testing.T) {
	inverse := db.InverseGlobalIndex.Project("Role")
	table := dbtest.Table(t, db.WithoutTimestamps(), db.WithIndexes(inverse))
	for _, name := range []string{"alice", "bob"} {
		if err := table.Insert(ctx, db.PK[User](name), g1, db.Attrs(db.Item{"Role": "member", "Bio": "long"})); err != nil {
			t.Fatal(err)
		}
	}
	members, err := table.QueryPrefix(ctx, db.PK[Group]("group1"), db.Prefix[User](), db.OnIndex(inverse))
	if err != nil || sortKeys(members, "PK") != "alice bob" {
		t.Errorf("QueryPrefix = %v, %v", members, err)
	}
	items, err := table.Query(ctx, db.PK[Group]("group1"), db.OnIndex(inverse))
	if err != nil || len(items) != 2 || items[0]["Role"] != "member" || items[0]["Bio"] != nil {
		t.Errorf("Query of the lean index = %v, %v; want keys and Role only", items, err)
	}
	if _, err := table.Query(ctx, db.PK[Group]("group1"), db.OnIndex(db.InverseGlobalIndex)); !errors.Is(err, db.ErrInvalidArgument) {
		t.Errorf("the index as declared elsewhere: err = %v, want ErrInvalidArgument", err)
	}
}
