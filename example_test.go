package db_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/dokklib/db"
	"github.com/dokklib/db/local"
)

// Order is an entity of the examples: its keys look like "ORDER#2026-001".
type Order struct{}

// exampleTable returns a fresh table on an in-process engine, without
// timestamps so that the output is the same on every run.
func exampleTable() *db.Table {
	table := db.NewTable(local.New().Client(), "Example", db.WithoutTimestamps())
	if err := table.Create(context.Background()); err != nil {
		log.Fatal(err)
	}
	return table
}

func ExamplePK() {
	pk := db.PK[User]("alice")
	fmt.Println(pk, pk.Entity(), pk.Value())
	fmt.Println(db.SK[Group]("admins"), db.Prefix[Order]("2026-"))
	// Output:
	// USER#alice USER alice
	// GROUP#admins ORDER#2026-
}

func ExampleParsePK() {
	pk, err := db.ParsePK[User]("USER#alice")
	fmt.Println(pk.Value(), err)
	_, err = db.ParsePK[User]("GROUP#admins")
	fmt.Println(err)
	// Output:
	// alice <nil>
	// db: invalid argument: invalid key: "GROUP#admins" is a key of entity GROUP, not USER
}

func ExampleTable_Insert() {
	ctx := context.Background()
	table := exampleTable()
	alice, admins := db.PK[User]("alice"), db.SK[Group]("admins")
	fmt.Println(table.Insert(ctx, alice, admins, db.Attrs(db.Item{"Role": "owner"})))
	err := table.Insert(ctx, alice, admins)
	fmt.Println(errors.Is(err, db.ErrExists))
	// Output:
	// <nil>
	// true
}

func ExampleTable_Get() {
	ctx := context.Background()
	table := exampleTable()
	alice, admins := db.PK[User]("alice"), db.SK[Group]("admins")
	_ = table.Put(ctx, alice, admins, db.Attrs(db.Item{"Role": "owner", "Since": 2024}))
	item, err := table.Get(ctx, alice, admins, db.Project("Role", "Since"))
	fmt.Println(item, err)
	_, err = table.Get(ctx, alice, db.SK[Group]("nobody"))
	fmt.Println(errors.Is(err, db.ErrNotFound))
	// Output:
	// map[Role:owner Since:2024] <nil>
	// true
}

func ExampleTable_Update() {
	ctx := context.Background()
	table := exampleTable()
	alice, profile := db.PK[User]("alice"), db.SK[User]("alice")
	var item db.Item
	err := table.Update(ctx, alice, profile,
		db.Set("Name", "Alice"),
		db.Add("Visits", 1),
		db.Append("Log", "signed up"),
		db.Return(db.ReturnAllNew, &item))
	fmt.Println(item["Name"], item["Visits"], item["Log"], err)
	// Optimistic locking: the update happens only at the version read.
	err = table.Update(ctx, alice, profile, db.Set("Name", "Al"), db.If(db.Eq("Visits", 2)))
	fmt.Println(errors.Is(err, db.ErrConditionFailed))
	// Output:
	// Alice 1 [signed up] <nil>
	// true
}

func ExampleTable_Delete() {
	ctx := context.Background()
	table := exampleTable()
	alice, admins := db.PK[User]("alice"), db.SK[Group]("admins")
	_ = table.Insert(ctx, alice, admins, db.Attrs(db.Item{"Role": "owner"}))
	var old db.Item
	err := table.Delete(ctx, alice, admins, db.If(db.Eq("Role", "owner")), db.Return(db.ReturnAllOld, &old))
	fmt.Println(old["Role"], err)
	// Output: owner <nil>
}

func ExampleTable_Query() {
	ctx := context.Background()
	table := exampleTable()
	alice := db.PK[User]("alice")
	for _, id := range []string{"2025-007", "2026-001", "2026-002"} {
		_ = table.Insert(ctx, alice, db.SK[Order](id), db.Attrs(db.Item{"Total": len(id)}))
	}
	orders, err := table.Query(ctx, alice, db.SortKeyBeginsWith(db.Prefix[Order]("2026-")), db.Reverse(), db.Project("SK"))
	fmt.Println(orders, err)
	n, err := table.Count(ctx, alice, db.SortKeyBeginsWith(db.Prefix[Order]()))
	fmt.Println(n, err)
	// Output:
	// [map[SK:ORDER#2026-002] map[SK:ORDER#2026-001]] <nil>
	// 3 <nil>
}

func ExampleTable_QueryPrefix() {
	ctx := context.Background()
	table := exampleTable()
	group := db.SK[Group]("admins")
	for _, name := range []string{"alice", "bob"} {
		_ = table.Insert(ctx, db.PK[User](name), group)
	}
	members, err := table.QueryPrefix(ctx, db.PK[Group]("admins"), db.Prefix[User](), db.OnIndex(db.InverseGlobalIndex))
	fmt.Println(members, err)
	// Output: [map[PK:alice] map[PK:bob]] <nil>
}

func ExampleTable_QueryIter() {
	ctx := context.Background()
	table := exampleTable()
	alice := db.PK[User]("alice")
	for _, id := range []string{"1", "2", "3", "4"} {
		_ = table.Insert(ctx, alice, db.SK[Order](id))
	}
	// Pages are read as the loop needs them; breaking stops reading.
	for item, err := range table.QueryIter(ctx, alice, db.PageSize(2)) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(item["SK"])
		if item["SK"] == "ORDER#2" {
			break
		}
	}
	// Output:
	// ORDER#1
	// ORDER#2
}

func ExampleTable_QueryPage() {
	ctx := context.Background()
	table := exampleTable()
	alice := db.PK[User]("alice")
	for _, id := range []string{"1", "2", "3"} {
		_ = table.Insert(ctx, alice, db.SK[Order](id))
	}
	// A web handler would send page.Next to its client, and get it back.
	cursor := ""
	for {
		page, err := table.QueryPage(ctx, alice, db.Limit(2), db.After(cursor), db.Project("SK"))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(page.Items)
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	// Output:
	// [map[SK:ORDER#1] map[SK:ORDER#2]]
	// [map[SK:ORDER#3]]
}

func ExampleTable_Scan() {
	ctx := context.Background()
	table := exampleTable()
	for _, name := range []string{"alice", "bob", "carol"} {
		_ = table.Insert(ctx, db.PK[User](name), db.SK[User](name), db.Attrs(db.Item{"Age": len(name) * 10}))
	}
	n, err := table.ScanCount(ctx, db.Filter(db.Gt("Age", 30)), db.Segments(2))
	fmt.Println(n, err)
	// Output: 2 <nil>
}

func ExampleTable_TransactWrite() {
	ctx := context.Background()
	table := exampleTable()
	alice, bob := db.PK[User]("alice"), db.PK[User]("bob")
	g1, g2 := db.SK[Group]("group1"), db.SK[Group]("group2")
	_ = table.Insert(ctx, alice, g1)
	_ = table.Insert(ctx, bob, g2)
	// Move alice and bob to group2: bob is there already, so nothing happens.
	err := table.TransactWrite(ctx,
		db.DeleteArg(alice, g1), db.InsertArg(alice, g2), db.InsertArg(bob, g2))
	var tce *db.TransactionCanceledError
	if errors.As(err, &tce) {
		for _, r := range tce.Failed() {
			fmt.Println(r.Index, r.Code)
		}
	}
	fmt.Println(errors.Is(err, db.ErrExists))
	// Output:
	// 2 ConditionalCheckFailed
	// true
}

func ExampleTable_BatchWrite() {
	ctx := context.Background()
	table := exampleTable()
	var writes []db.BatchWriteArg
	var keys []db.Key
	for i := range 60 {
		pk, sk := db.PK[User](fmt.Sprint("user", i)), db.SK[User]("profile")
		writes = append(writes, db.BatchPut(pk, sk, db.Attrs(db.Item{"N": i})))
		keys = append(keys, db.KeyOf(pk, sk))
	}
	// 60 writes go as three requests of at most 25.
	fmt.Println(table.BatchWrite(ctx, writes))
	items, err := table.BatchGet(ctx, keys[:3], db.Project("N"))
	fmt.Println(items, err)
	// Output:
	// <nil>
	// [map[N:0] map[N:1] map[N:2]] <nil>
}
