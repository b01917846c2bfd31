package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"reflect"
	"testing"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
)

// Example runs the seed's example on a fresh table and checks what it prints.
func Example() {
	table := db.NewTable(dbtest.EnvClient(), "SeedExample-"+randomSuffix())
	ctx := context.Background()
	if err := table.Create(ctx); err != nil {
		fmt.Println(err)
		return
	}
	defer table.Drop(ctx)
	if err := run(ctx, table, os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output: [map[PK:alice] map[PK:bob]]
}

// TestRunMovesUsers checks the example's transaction: both users are in
// group two afterwards, and none in group one.
func TestRunMovesUsers(t *testing.T) {
	ctx := context.Background()
	table := dbtest.Table(t)
	var out nopWriter
	if err := run(ctx, table, &out); err != nil {
		t.Fatal(err)
	}
	members := func(group string) []db.Item {
		items, err := table.QueryPrefix(ctx, db.PK[Group](group), db.Prefix[User](), db.OnIndex(db.InverseGlobalIndex))
		if err != nil {
			t.Fatal(err)
		}
		return items
	}
	if got := members("group1"); len(got) != 0 {
		t.Errorf("group1 members after the move = %v, want none", got)
	}
	want := []db.Item{{"PK": "alice"}, {"PK": "bob"}}
	if got := members("group2"); !reflect.DeepEqual(got, want) {
		t.Errorf("group2 members = %v, want %v", got, want)
	}
}

func randomSuffix() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

type nopWriter struct{}

func (*nopWriter) Write(p []byte) (int, error) { return len(p), nil }
