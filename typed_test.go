package db_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
)

type profile struct {
	PK, SK string
	Name   string   `dynamodbav:"name"`
	Age    int      `dynamodbav:"age,omitempty"`
	Tags   []string `dynamodbav:"tags,stringset,omitempty"`
}

func typedTable(t *testing.T) (*db.Table, []profile) {
	t.Helper()
	table := dbtest.Table(t, db.WithoutTimestamps())
	want := []profile{
		{PK: "USER#alice", SK: "USER#alice", Name: "Alice", Age: 30, Tags: []string{"admin"}},
		{PK: "USER#bob", SK: "USER#bob", Name: "Bob", Age: 25},
	}
	for _, p := range want {
		pk, _ := db.ParsePK[User](p.PK)
		sk, _ := db.ParseSK[User](p.SK)
		attrs := db.Item{"name": p.Name, "age": p.Age}
		if p.Tags != nil {
			attrs["tags"] = db.StringSet(p.Tags)
		}
		if err := table.Put(ctx, pk, sk, db.Attrs(attrs)); err != nil {
			t.Fatal(err)
		}
	}
	return table, want
}

func TestTypedReads(t *testing.T) {
	table, want := typedTable(t)
	users := db.As[profile](table)
	if users.Table() != table {
		t.Error("Table() is not the table")
	}
	got, err := users.Get(ctx, alice, db.SK[User]("alice"))
	if err != nil || !reflect.DeepEqual(got, want[0]) {
		t.Errorf("Get = %+v, %v; want %+v", got, err, want[0])
	}
	if _, err := users.Get(ctx, carol, db.SK[User]("carol")); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("Get of a missing item: err = %v", err)
	}
	list, err := users.Query(ctx, bob)
	if err != nil || !reflect.DeepEqual(list, want[1:]) {
		t.Errorf("Query = %+v, %v", list, err)
	}
	for p, err := range users.QueryIter(ctx, alice) {
		if err != nil || p.Name != "Alice" {
			t.Errorf("QueryIter: %+v, %v", p, err)
		}
	}
	page, err := users.QueryPage(ctx, alice, db.Limit(1))
	if err != nil || len(page.Items) != 1 || page.Items[0].Age != 30 {
		t.Errorf("QueryPage = %+v, %v", page, err)
	}
	all, err := users.Scan(ctx, db.Segments(2))
	if err != nil || len(all) != 2 {
		t.Errorf("Scan = %+v, %v", all, err)
	}
	scanned, err := users.ScanPage(ctx, db.Filter(db.Lt("age", 27)))
	if err != nil || !reflect.DeepEqual(scanned.Items, want[1:]) {
		t.Errorf("ScanPage = %+v, %v", scanned, err)
	}
	batch, err := users.BatchGet(ctx, []db.Key{db.KeyOf(bob, db.SK[User]("bob")), db.KeyOf(alice, db.SK[User]("alice"))})
	if err != nil || !reflect.DeepEqual(batch, []profile{want[1], want[0]}) {
		t.Errorf("BatchGet = %+v, %v", batch, err)
	}
}

func TestTypedDecodeError(t *testing.T) {
	table, _ := typedTable(t)
	type wrong struct {
		Name int `dynamodbav:"name"`
	}
	if _, err := db.As[wrong](table).Get(ctx, alice, db.SK[User]("alice")); err == nil {
		t.Error("decoding a string into an int did not fail")
	}
	n := 0
	for _, err := range db.As[wrong](table).ScanIter(ctx) {
		n++
		if err == nil {
			t.Error("decoding a string into an int did not fail")
		}
	}
	if n != 1 {
		t.Errorf("the iteration went on after an error: %d values", n)
	}
}
