package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dokklib/db"
)

// TestInvalidArgumentsSendNothing checks that bad keys and arguments fail
// with ErrInvalidArgument before any request is sent.
func TestInvalidArgumentsSendNothing(t *testing.T) {
	ctx := context.Background()
	client := &noCalls{}
	table := db.NewTable(client, "Table")
	good, goodSK := db.PK[User]("alice"), db.SK[Group]("g")
	many := make([]db.TransactArg, db.MaxTransactItems+1)
	for i := range many {
		many[i] = db.DeleteArg(db.PK[User](strings.Repeat("u", i+1)), goodSK)
	}
	cases := map[string]error{
		"get empty pk":        get(table, db.PK[User](""), goodSK),
		"get zero sk":         get(table, good, db.SortKey{}),
		"put bad entity":      table.Put(ctx, db.PK[badName]("x"), goodSK),
		"put key in attrs":    table.Put(ctx, good, goodSK, db.Attrs(db.Item{"PK": "x"})),
		"put bad number":      table.Put(ctx, good, goodSK, db.Attrs(db.Item{"n": db.Number("1x")})),
		"put unsupported":     table.Put(ctx, good, goodSK, db.Attrs(db.Item{"c": make(chan int)})),
		"insert long pk":      table.Insert(ctx, db.PK[User](strings.Repeat("x", 2048)), goodSK),
		"insert long sk":      table.Insert(ctx, good, db.SK[Group](strings.Repeat("x", 1024))),
		"delete empty sk":     table.Delete(ctx, good, db.SK[Group]("")),
		"delete nil cond":     table.Delete(ctx, good, goodSK, db.If(db.And())),
		"delete empty attr":   table.Delete(ctx, good, goodSK, db.If(db.Exists(""))),
		"query empty pk":      query(table, db.PK[User]("")),
		"query bad prefix":    query(table, good, db.SortKeyBeginsWith(db.Prefix[struct{}]())),
		"query unknown index": query(table, good, db.OnIndex(db.GlobalIndex("GSI_9", "A", "B"))),
		"query wrong primary": query(table, good, db.OnIndex(db.Index{PartitionKey: "A", SortKey: "B"})),
		"query empty project": query(table, good, db.Project("")),
		"prefix empty pk":     prefix(table, db.PK[Group](""), db.Prefix[User]()),
		"prefix bad entity":   prefix(table, good, db.Prefix[badName]()),
		"transact none":       table.TransactWrite(ctx),
		"transact 101":        table.TransactWrite(ctx, many...),
		"transact nil":        table.TransactWrite(ctx, nil),
		"transact bad key":    table.TransactWrite(ctx, db.DeleteArg(good, goodSK), db.InsertArg(good, db.SK[Group](""))),
		"transact duplicate":  table.TransactWrite(ctx, db.DeleteArg(good, goodSK), db.InsertArg(good, goodSK)),
		"transact no cond":    table.TransactWrite(ctx, db.ConditionCheck(good, goodSK, nil)),
		"update no action":    table.Update(ctx, good, goodSK),
		"update only a cond":  table.Update(ctx, good, goodSK, db.If(db.Exists("PK"))),
		"transact no update":  table.TransactWrite(ctx, db.UpdateArg(good, goodSK)),
		"prefix and sort key": prefix(table, good, db.Prefix[User](), db.SortKeyEq(goodSK)),
		"page bad cursor":     page(table, good, db.After("AAAA")),
	}
	for name, err := range cases {
		if !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
	if n := client.n.Load(); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
}

func TestTransactErrorNamesItem(t *testing.T) {
	table := db.NewTable(&noCalls{}, "Table")
	sk := db.SK[Group]("g")
	err := table.TransactWrite(context.Background(), db.DeleteArg(db.PK[User]("a"), sk), db.InsertArg(db.PK[User](""), sk))
	if err == nil || !strings.Contains(err.Error(), "transaction item 1") {
		t.Errorf("err = %v, want it to name item 1", err)
	}
	err = table.TransactWrite(context.Background(), db.DeleteArg(db.PK[User]("a"), sk), db.PutArg(db.PK[User]("a"), sk))
	if err == nil || !strings.Contains(err.Error(), "items 0 and 1") {
		t.Errorf("err = %v, want it to name items 0 and 1", err)
	}
}

func TestInvalidTableConfig(t *testing.T) {
	ctx := context.Background()
	for name, table := range map[string]*db.Table{
		"nil client":      db.NewTable(nil, "Table"),
		"short name":      db.NewTable(&noCalls{}, "T"),
		"bad name":        db.NewTable(&noCalls{}, "a table"),
		"named primary":   db.NewTable(&noCalls{}, "Table", db.WithPrimaryIndex(db.GlobalIndex("G", "A", "B"))),
		"same attrs":      db.NewTable(&noCalls{}, "Table", db.WithPrimaryIndex(db.Index{PartitionKey: "A", SortKey: "A"})),
		"duplicate index": db.NewTable(&noCalls{}, "Table", db.WithIndexes(db.InverseGlobalIndex, db.InverseGlobalIndex)),
		"bad index name":  db.NewTable(&noCalls{}, "Table", db.WithIndexes(db.GlobalIndex("G!", "A", "B"))),
		"local other pk":  db.NewTable(&noCalls{}, "Table", db.WithIndexes(db.Index{Name: "LSI", PartitionKey: "X", SortKey: "B", Local: true})),
		"no sort key":     db.NewTable(&noCalls{}, "Table", db.WithPrimaryIndex(db.Index{PartitionKey: "A"})),
		"projected":       db.NewTable(&noCalls{}, "Table", db.WithPrimaryIndex(db.PrimaryIndex.Project())),
	} {
		if !errors.Is(table.Err(), db.ErrInvalidArgument) {
			t.Errorf("%s: Err = %v, want ErrInvalidArgument", name, table.Err())
		}
		for op, err := range map[string]error{
			"create": table.Create(ctx),
			"drop":   table.Drop(ctx),
			"get":    get(table, db.PK[User]("a"), db.SK[User]("b")),
			"query":  query(table, db.PK[User]("a")),
		} {
			if !errors.Is(err, db.ErrInvalidArgument) {
				t.Errorf("%s: %s: err = %v, want ErrInvalidArgument", name, op, err)
			}
		}
	}
}

func page(table *db.Table, pk db.PartitionKey, opts ...db.QueryOption) error {
	_, err := table.QueryPage(context.Background(), pk, opts...)
	return err
}

func get(table *db.Table, pk db.PartitionKey, sk db.SortKey) error {
	_, err := table.Get(context.Background(), pk, sk)
	return err
}

func query(table *db.Table, pk db.PartitionKey, opts ...db.QueryOption) error {
	_, err := table.Query(context.Background(), pk, opts...)
	return err
}

func prefix(table *db.Table, pk db.PartitionKey, p db.PrefixSortKey, opts ...db.QueryOption) error {
	_, err := table.QueryPrefix(context.Background(), pk, p, opts...)
	return err
}
