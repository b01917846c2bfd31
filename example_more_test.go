package db_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"

	"github.com/dokklib/db"
	"github.com/dokklib/db/local"
)

// Profile is a struct of the examples, stored with the codec's rules.
type Profile struct {
	Name  string
	Email string
	Tags  []string `dynamodbav:",stringset,omitempty"`
}

func ExampleAttrs() {
	ctx := context.Background()
	table := exampleTable()
	alice := db.PK[User]("alice")
	// A struct's fields become the item's attributes, beside its key.
	err := table.Put(ctx, alice, db.SK[User]("profile"), db.Attrs(Profile{Name: "Alice", Email: "alice@example.com"}))
	item, _ := table.Get(ctx, alice, db.SK[User]("profile"), db.Project("Name", "Email"))
	fmt.Println(item, err)
	// Output: map[Email:alice@example.com Name:Alice] <nil>
}

func ExampleAs() {
	ctx := context.Background()
	table := exampleTable()
	alice := db.PK[User]("alice")
	_ = table.Put(ctx, alice, db.SK[User]("profile"), db.Attrs(Profile{Name: "Alice", Tags: []string{"admin"}}))
	_ = table.Put(ctx, db.PK[User]("bob"), db.SK[User]("profile"), db.Attrs(Profile{Name: "Bob"}))
	profiles := db.As[Profile](table)
	p, err := profiles.Get(ctx, alice, db.SK[User]("profile"))
	fmt.Printf("%+v %v\n", p, err)
	all, err := profiles.Scan(ctx)
	fmt.Println(len(all), err)
	// Output:
	// {Name:Alice Email: Tags:[admin]} <nil>
	// 2 <nil>
}

func ExampleReturnItemOnFailure() {
	ctx := context.Background()
	table := exampleTable()
	alice, profile := db.PK[User]("alice"), db.SK[User]("profile")
	_ = table.Put(ctx, alice, profile, db.Attrs(db.Item{"Version": 3}))
	// Optimistic locking at version 2 fails, and says what is there now.
	err := table.Update(ctx, alice, profile, db.Set("Name", "Al"), db.Add("Version", 1),
		db.If(db.Eq("Version", 2)), db.ReturnItemOnFailure())
	var cfe *db.ConditionFailedError
	if errors.As(err, &cfe) {
		fmt.Println(cfe.Key, cfe.Item["Version"])
	}
	// Output: USER#alice USER#profile 3
}

func ExampleTable_TransactGet() {
	ctx := context.Background()
	table := exampleTable()
	alice, bob := db.PK[User]("alice"), db.PK[User]("bob")
	_ = table.Put(ctx, alice, db.SK[User]("balance"), db.Attrs(db.Item{"Cents": 500}))
	_ = table.Put(ctx, bob, db.SK[User]("balance"), db.Attrs(db.Item{"Cents": 20}))
	// Both balances as of one moment; nil for a key without an item.
	items, err := table.TransactGet(ctx,
		db.KeyOf(alice, db.SK[User]("balance")),
		db.KeyOf(bob, db.SK[User]("balance")),
		db.KeyOf(db.PK[User]("carol"), db.SK[User]("balance")))
	fmt.Println(items[0]["Cents"], items[1]["Cents"], items[2] == nil, err)
	// Output: 500 20 true <nil>
}

func ExampleGlobalIndex() {
	ctx := context.Background()
	// An index on a plain attribute: Email, with no entity prefix and no
	// sort key, holding only the keys of the items.
	byEmail := db.GlobalIndex("ByEmail", "Email", "").Project()
	table := db.NewTable(local.New().Client(), "Example", db.WithoutTimestamps(),
		db.WithIndexes(db.InverseGlobalIndex, byEmail))
	if err := table.Create(ctx); err != nil {
		log.Fatal(err)
	}
	_ = table.Put(ctx, db.PK[User]("alice"), db.SK[User]("profile"), db.Attrs(Profile{Name: "Alice", Email: "alice@example.com"}))
	found, err := table.Query(ctx, db.RawPK("alice@example.com"), db.OnIndex(byEmail))
	fmt.Println(found, err)
	key, err := table.ItemKey(found[0])
	fmt.Println(key.PK.Entity(), key.PK.Value(), err)
	// Output:
	// [map[Email:alice@example.com PK:USER#alice SK:USER#profile]] <nil>
	// USER alice <nil>
}

func ExampleIndex_Types() {
	ctx := context.Background()
	// A leaderboard: games by score, a number, so that 100 sorts after 9.
	byScore := db.GlobalIndex("ByScore", "Game", "Score").Types(db.TypeString, db.TypeNumber).Project("Player")
	table := db.NewTable(local.New().Client(), "Example", db.WithoutTimestamps(), db.WithIndexes(byScore))
	if err := table.Create(ctx); err != nil {
		log.Fatal(err)
	}
	for player, score := range map[string]int{"alice": 100, "bob": 9, "carol": 50} {
		_ = table.Put(ctx, db.PK[User](player), db.SK[User]("chess"),
			db.Attrs(db.Item{"Game": "chess", "Score": score, "Player": player}))
	}
	top, err := table.Query(ctx, db.RawPK("chess"), db.OnIndex(byScore), db.SortKeyGe(db.RawSK(10)), db.Reverse())
	for _, it := range top {
		fmt.Println(it["Player"], it["Score"])
	}
	fmt.Println(err)
	// Output:
	// alice 100
	// carol 50
	// <nil>
}

func ExampleLocalIndex() {
	ctx := context.Background()
	// A user's orders by date, beside the orders by id of the primary key.
	byDate := db.LocalIndex("ByDate", "Date")
	table := db.NewTable(local.New().Client(), "Example", db.WithoutTimestamps(), db.WithIndexes(byDate))
	if err := table.Create(ctx); err != nil {
		log.Fatal(err)
	}
	alice := db.PK[User]("alice")
	_ = table.Put(ctx, alice, db.SK[Order]("1"), db.Attrs(db.Item{"Date": "2026-03-01"}))
	_ = table.Put(ctx, alice, db.SK[Order]("2"), db.Attrs(db.Item{"Date": "2026-01-15"}))
	orders, err := table.Query(ctx, alice, db.OnIndex(byDate), db.SortKeyGe(db.RawSK("2026-01")), db.Project("SK"))
	fmt.Println(orders, err)
	// Output: [map[SK:ORDER#2] map[SK:ORDER#1]] <nil>
}

func ExampleWithKeyFormat() {
	ctx := context.Background()
	format := db.KeyFormat{Namespace: "app", LowerCase: true}
	table := db.NewTable(local.New().Client(), "Example", db.WithoutTimestamps(), db.WithKeyFormat(format))
	if err := table.Create(ctx); err != nil {
		log.Fatal(err)
	}
	_ = table.Insert(ctx, db.PK[User]("alice"), db.SK[Group]("admins"))
	items, _ := table.Scan(ctx)
	fmt.Println(items)
	pk, err := db.ParsePKIn[User](table.KeyFormat(), items[0]["PK"].(string))
	fmt.Println(pk.Value(), err)
	// Output:
	// [map[PK:app#user#alice SK:app#group#admins]]
	// alice <nil>
}

func ExampleAdd() {
	ctx := context.Background()
	table := exampleTable()
	alice, profile := db.PK[User]("alice"), db.SK[User]("profile")
	var item db.Item
	// Sets grow with Add and shrink with DeleteFromSet; no duplicates.
	_ = table.Update(ctx, alice, profile, db.Add("Tags", db.StringSet{"admin", "beta"}))
	err := table.Update(ctx, alice, profile,
		db.Add("Tags", db.StringSet{"admin", "ops"}),
		db.Add("Logins", 1),
		db.Return(db.ReturnAllNew, &item))
	fmt.Println(item["Tags"], item["Logins"], err)
	err = table.Update(ctx, alice, profile, db.DeleteFromSet("Tags", db.StringSet{"beta"}), db.Return(db.ReturnUpdatedNew, &item))
	fmt.Println(item, err)
	// Output:
	// [admin beta ops] 1 <nil>
	// map[Tags:[admin ops]] <nil>
}

func ExamplePath() {
	ctx := context.Background()
	table := exampleTable()
	alice, profile := db.PK[User]("alice"), db.SK[User]("profile")
	// Map keys with dots, as domains, are one name of the path.
	verified := db.Path("Domains", "example.com")
	fmt.Println(verified)
	_ = table.Put(ctx, alice, profile, db.Attrs(db.Item{"Domains": map[string]any{}}))
	err := table.Update(ctx, alice, profile, db.Set(verified, true), db.If(db.NotExists(verified)))
	item, _ := table.Get(ctx, alice, profile, db.Project(verified))
	fmt.Println(item, err)
	// Output:
	// Domains.example\.com
	// map[Domains:map[example.com:true]] <nil>
}

func ExampleTable_Count() {
	ctx := context.Background()
	table := exampleTable()
	alice := db.PK[User]("alice")
	for _, id := range []string{"1", "2", "3", "4", "5"} {
		_ = table.Insert(ctx, alice, db.SK[Order](id))
	}
	// "At least three orders?" reads no further than three.
	n, err := table.Count(ctx, alice, db.SortKeyBeginsWith(db.Prefix[Order]()), db.Limit(3))
	fmt.Println(n >= 3, err)
	// Output: true <nil>
}

func ExampleNumber_MarshalJSON() {
	item := db.Item{"Name": "Alice", "Visits": db.Number("7"), "Tags": db.StringSet{"admin"}}
	out, err := json.Marshal(item)
	fmt.Println(string(out), err)
	// Output: {"Name":"Alice","Tags":["admin"],"Visits":7} <nil>
}
