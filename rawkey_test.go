package db_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
)

func TestRawKeys(t *testing.T) {
	type Email string
	for _, tc := range []struct {
		key interface {
			Type() db.Type
			Value() string
			IsRaw() bool
			Err() error
		}
		typ   db.Type
		value string
	}{
		{db.RawPK("alice@example.com"), db.TypeString, "alice@example.com"},
		{db.RawPK(Email("bob@example.com")), db.TypeString, "bob@example.com"},
		{db.RawSK(42), db.TypeNumber, "42"},
		{db.RawSK(uint8(7)), db.TypeNumber, "7"},
		{db.RawSK(db.Number("-1.5e3")), db.TypeNumber, "-1.5e3"},
		{db.RawPK([]byte{0, 1, 2}), db.TypeBinary, "\x00\x01\x02"},
		{db.RawPrefix("2024-"), db.TypeString, "2024-"},
	} {
		if tc.key.Err() != nil || !tc.key.IsRaw() || tc.key.Type() != tc.typ || tc.key.Value() != tc.value {
			t.Errorf("key %v: type %s, value %q, raw %v, err %v; want %s %q", tc.key, tc.key.Type(), tc.key.Value(), tc.key.IsRaw(), tc.key.Err(), tc.typ, tc.value)
		}
	}
	if k := db.PK[User]("alice"); k.IsRaw() || k.Type() != db.TypeString {
		t.Errorf("an entity key: raw %v, type %s", k.IsRaw(), k.Type())
	}
	for name, err := range map[string]error{
		"empty string":  db.RawPK("").Err(),
		"empty bytes":   db.RawSK([]byte{}).Err(),
		"not a number":  db.RawSK(db.Number("twelve")).Err(),
		"not finite":    db.RawSK(db.Number("NaN")).Err(),
		"empty by name": db.PK[emptyName]("x").Err(),
	} {
		if !errors.Is(err, db.ErrInvalidKey) {
			t.Errorf("%s: err = %v, want ErrInvalidKey", name, err)
		}
	}
	if err := db.PK[emptyName]("x").Err(); !strings.Contains(err.Error(), "EntityName method returned an empty name") {
		t.Errorf("an entity named \"\": err = %v, want it to say where the empty name came from", err)
	}
}

type emptyName struct{}

func (emptyName) EntityName() string { return "" }

var (
	byEmail = db.GlobalIndex("ByEmail", "Email", "").Project()
	byScore = db.GlobalIndex("ByScore", "Game", "Score").Types(db.TypeString, db.TypeNumber)
	byHash  = db.GlobalIndex("ByHash", "Hash", "Seq").Types(db.TypeBinary, db.TypeNumber).Project("Name")
)

// TestIndexesOnPlainAttributes queries indexes whose keys are plain
// values: a string without an entity prefix, numbers and bytes.
func TestIndexesOnPlainAttributes(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps(), db.WithIndexes(db.InverseGlobalIndex, byEmail, byScore, byHash))
	hash := []byte{0xca, 0xfe}
	for i, p := range []struct {
		user  string
		score int
	}{{"alice", 9}, {"bob", 100}, {"carol", 50}} {
		attrs := db.Item{"Email": p.user + "@example.com", "Game": "chess", "Score": p.score, "Hash": hash, "Seq": i, "Name": p.user}
		if err := table.Put(ctx, db.PK[User](p.user), db.SK[User]("profile"), db.Attrs(attrs)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := table.Query(ctx, db.RawPK("bob@example.com"), db.OnIndex(byEmail))
	if err != nil || len(got) != 1 || got[0]["PK"] != "USER#bob" || got[0]["Name"] != nil {
		t.Errorf("by email = %v, %v; want bob's keys only", got, err)
	}
	// Numbers sort as numbers: 9 < 50 < 100.
	got, err = table.Query(ctx, db.RawPK("chess"), db.OnIndex(byScore), db.SortKeyGe(db.RawSK(9)), db.Reverse())
	if err != nil || sortKeys(got, "Score") != "100 50 9" {
		t.Errorf("by score = %v, %v; want 100 50 9", sortKeys(got, "Score"), err)
	}
	var pages []string
	opts := []db.QueryOption{db.OnIndex(byScore), db.Limit(1), db.SortKeyBetween(db.RawSK(10), db.RawSK(db.Number("1e3")))}
	for next := "start"; next != ""; {
		page, err := table.QueryPage(ctx, db.RawPK("chess"), append(opts, db.After(strings.TrimPrefix(next, "start")))...)
		if err != nil || len(pages) > 3 {
			t.Fatalf("page %d: %v", len(pages), err)
		}
		pages = append(pages, sortKeys(page.Items, "Score"))
		next = page.Next
	}
	if strings.Join(pages, "|") != "50|100|" && strings.Join(pages, "|") != "50|100" {
		t.Errorf("pages by score = %q, want 50 then 100", pages)
	}
	got, err = table.Query(ctx, db.RawPK(hash), db.OnIndex(byHash), db.SortKeyLt(db.RawSK(2)))
	if err != nil || len(got) != 2 || !bytes.Equal(got[0]["Hash"].([]byte), hash) || got[1]["Name"] != "bob" {
		t.Errorf("by hash = %v, %v", got, err)
	}
}

// TestKeyTypesAreChecked checks that a key of the wrong type for its
// index's attribute fails before any request.
func TestKeyTypesAreChecked(t *testing.T) {
	fake := &noCalls{}
	table := db.NewTable(fake, "Table", db.WithIndexes(byEmail, byScore))
	for name, opts := range map[string]struct {
		pk   db.PartitionKey
		opts []db.QueryOption
	}{
		"number for a string":      {db.RawPK(5), []db.QueryOption{db.OnIndex(byEmail)}},
		"entity key for a number":  {db.RawPK("chess"), []db.QueryOption{db.OnIndex(byScore), db.SortKeyEq(db.SK[User]("x"))}},
		"prefix of numbers":        {db.RawPK("chess"), []db.QueryOption{db.OnIndex(byScore), db.SortKeyBeginsWith(db.RawPrefix("1"))}},
		"sort key of a hash index": {db.RawPK("a@b"), []db.QueryOption{db.OnIndex(byEmail), db.SortKeyEq(db.RawSK("x"))}},
		"zero key":                 {db.PartitionKey{}, nil},
	} {
		if _, err := table.Query(ctx, opts.pk, opts.opts...); !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
	if fake.n.Load() != 0 {
		t.Errorf("%d requests sent", fake.n.Load())
	}
	for name, opt := range map[string]db.TableOption{
		"two types":         db.WithIndexes(db.GlobalIndex("G1", "A", "").Types(db.TypeNumber, ""), db.GlobalIndex("G2", "A", "")),
		"set type":          db.WithIndexes(db.GlobalIndex("G1", "A", "").Types(db.TypeStringSet, "")),
		"keys and includes": db.WithIndexes(db.Index{Name: "G1", PartitionKey: "A", KeysOnly: true, Include: []string{"x"}}),
		"local, no sort":    db.WithIndexes(db.Index{Name: "L1", PartitionKey: "PK", Local: true}),
	} {
		if err := db.NewTable(fake, "Table", opt).Err(); !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: Err = %v, want ErrInvalidArgument", name, err)
		}
	}
}

// TestItemKeys checks that keys read back from items are the keys they
// were written with, in the table's format, entity and raw keys alike.
func TestItemKeys(t *testing.T) {
	format := db.KeyFormat{Namespace: "app", LowerCase: true}
	numbered := db.Index{PartitionKey: "PK", SortKey: "SK", SortKeyType: db.TypeNumber}
	table := dbtest.Table(t, db.WithKeyFormat(format), db.WithPrimaryIndex(numbered), db.WithIndexes())
	keys := []db.Key{
		db.KeyOf(db.PK[User]("alice"), db.RawSK(1)),
		db.KeyOf(db.RawPK("USER#bob"), db.RawSK(2)),
		db.KeyOf(db.RawPK("plain"), db.RawSK(3)),
	}
	for _, k := range keys {
		if err := table.Put(ctx, k.PK, k.SK); err != nil {
			t.Fatal(err)
		}
	}
	items, err := table.Scan(ctx)
	if err != nil || len(items) != 3 {
		t.Fatalf("scan = %v, %v", items, err)
	}
	for _, item := range items {
		k, err := table.ItemKey(item)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := table.Get(ctx, k.PK, k.SK); err != nil {
			t.Errorf("the key of %v does not read it back: %v", item, err)
		}
		if item["PK"] == "app#user#alice" && (k.PK.Entity() != "user" || k.PK.Value() != "alice") {
			t.Errorf("alice's key = %v (entity %q)", k.PK, k.PK.Entity())
		}
	}
	pk, err := db.ParsePKIn[User](format, "app#user#alice")
	if err != nil || pk.Value() != "alice" || pk.Entity() != "USER" {
		t.Errorf("ParsePKIn = %v, %v", pk, err)
	}
	if _, err := db.ParsePK[User]("app#user#alice"); !errors.Is(err, db.ErrInvalidKey) {
		t.Errorf("ParsePK in the default format of a namespaced key: err = %v", err)
	}
	if _, err := db.ParseSKIn[Group](format, "app#user#alice"); !errors.Is(err, db.ErrInvalidKey) {
		t.Errorf("ParseSKIn of another entity's key: err = %v", err)
	}
	if _, err := table.ItemKey(db.Item{"PK": true, "SK": db.Number("1")}); !errors.Is(err, db.ErrInvalidKey) {
		t.Errorf("ItemKey of a bool: err = %v", err)
	}
}

func TestBetweenBoundsInOrder(t *testing.T) {
	table := db.NewTable(&noCalls{}, "Table", db.WithIndexes(byScore))
	on := db.OnIndex(byScore)
	for name, cond := range map[string]db.SortKeyCondition{
		"strings": db.SortKeyBetween(db.SK[User]("b"), db.SK[User]("a")),
		"numbers": db.SortKeyBetween(db.RawSK(10), db.RawSK(9)),
	} {
		opts := []db.QueryOption{cond}
		pk := db.PK[User]("x")
		if name == "numbers" {
			opts, pk = append(opts, on), db.RawPK("chess")
		}
		if err := query(table, pk, opts...); !errors.Is(err, db.ErrInvalidArgument) || !strings.Contains(err.Error(), "low bound") {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
}
