package db_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

type session struct {
	SessionID string
	Expires   time.Time `dynamodbav:",unixtime"`
}

// definedTable declares a table with every kind of index and a model with
// a TTL, on client.
func definedTable(client db.Client, name string) *db.Table {
	lean := db.GlobalIndex("ByScore", "Game", "Score").Types(db.TypeString, db.TypeNumber).Project("Player")
	table := db.NewTable(client, name, db.WithIndexes(db.InverseGlobalIndex, lean, db.LocalIndex("ByDate", "Date").Project()))
	db.NewModel[session](table, "SESSION", db.Keys("SESSION#{SessionID}", "SESSION"), db.TTL("Expires"))
	return table
}

func TestTableDefinitionExports(t *testing.T) {
	table := definedTable(&noCalls{}, "App-Table.1")
	cfn, err := table.CloudFormation()
	if err != nil {
		t.Fatal(err)
	}
	var parsed map[string]any
	if err := json.Unmarshal(cfn, &parsed); err != nil {
		t.Fatalf("CloudFormation is not JSON: %v", err)
	}
	golden(t, "table.cfn.json", string(cfn)+"\n")
	tf, err := table.Terraform()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "table.tf", tf)
}

// golden compares got with the file testdata/name, or rewrites the file
// with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -run %s -update rewrites it):\n%s", path, t.Name(), got)
	}
}

func TestTableDefinitionCreateAndDiff(t *testing.T) {
	ctx := context.Background()
	client := dbtest.Client(t)
	name := dbtest.TableName(t)
	table := definedTable(client, name)
	if diffs, err := table.Diff(ctx); err != nil || len(diffs) != 1 || !strings.Contains(diffs[0], "does not exist") {
		t.Errorf("Diff before Create = %q, %v", diffs, err)
	}
	if err := table.Create(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { table.Drop(context.Background()) })
	if diffs, err := table.Diff(ctx); err != nil || len(diffs) != 0 {
		t.Errorf("Diff after Create = %q, %v; want none (TTL on)", diffs, err)
	}
	other := db.NewTable(client, name, db.WithIndexes(db.InverseGlobalIndex.Project("Role"), db.GlobalIndex("ByEmail", "Email", "")))
	diffs, err := other.Diff(ctx)
	want := []string{
		`index GSI_1 projects ALL, not INCLUDE Role`,
		`index ByEmail is missing`,
		`index ByScore exists, and is not declared`,
		`index ByDate exists, and is not declared`,
		`TTL is on "Expires", not ""`,
	}
	if err != nil || strings.Join(diffs, "\n") != strings.Join(want, "\n") {
		t.Errorf("Diff = %v\n%s\nwant\n%s", err, strings.Join(diffs, "\n"), strings.Join(want, "\n"))
	}
}
