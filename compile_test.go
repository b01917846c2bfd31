package db_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMistakesDoNotCompile checks that the type system refuses what would
// otherwise compile and do nothing, or the wrong thing: a key of one kind
// where another belongs, and options given to calls they do not apply to.
func TestMistakesDoNotCompile(t *testing.T) {
	mustNotCompile(t, map[string]string{
		"sort key as partition key":   `var pk db.PartitionKey = db.SK[User]("alice"); _ = pk`,
		"partition key as sort key":   `var sk db.SortKey = db.RawPK("a"); _ = sk`,
		"sort key as prefix":          `var p db.PrefixSortKey = db.SK[User]("a"); _ = p`,
		"count with a projection":     `table.Count(ctx, pk, db.Project("a"))`,
		"count with a cursor":         `table.Count(ctx, pk, db.After("c"))`,
		"count in reverse":            `table.Count(ctx, pk, db.Reverse())`,
		"scan count with a cursor":    `table.ScanCount(ctx, db.After("c"))`,
		"scan count with projection":  `table.ScanCount(ctx, db.Project("a"))`,
		"scan in reverse":             `table.Scan(ctx, db.Reverse())`,
		"scan with a sort condition":  `table.Scan(ctx, db.SortKeyEq(db.SK[User]("a")))`,
		"query in segments":           `table.Query(ctx, pk, db.Segments(2))`,
		"get with a limit":            `table.Get(ctx, pk, db.SK[User]("a"), db.Limit(1))`,
		"put with a projection":       `table.Put(ctx, pk, db.SK[User]("a"), db.Project("a"))`,
		"delete with attributes":      `table.Delete(ctx, pk, db.SK[User]("a"), db.Attrs(nil))`,
		"batch write with projection": `table.BatchWrite(ctx, nil, db.Project("a"))`,
		"raw key of a float":          `_ = db.RawPK(1.5)`,
		"raw prefix of a number":      `_ = db.RawPrefix(5)`,
	})
}

// mustNotCompile builds a program with each statement in a function of
// its own, and checks that the compiler refuses every one of them.
func mustNotCompile(t *testing.T, statements map[string]string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a program")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	var src strings.Builder
	src.WriteString(`package main

import (
	"context"

	"github.com/dokklib/db"
)

type User struct{}

var (
	ctx   = context.Background()
	table *db.Table
	pk    = db.PK[User]("alice")
)

func main() {}
`)
	lines := map[int]string{} // line of each statement -> its name
	line := strings.Count(src.String(), "\n") + 1
	i := 0
	for name, stmt := range statements {
		fmt.Fprintf(&src, "func f%d() {\n\t%s\n}\n", i, stmt)
		lines[line+1] = name
		line += 3
		i++
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	// -e reports every error, not only the first ten.
	cmd := exec.Command(gobin, "build", "-gcflags=-e", "-o", os.DevNull, filepath.Join(dir, "main.go"))
	cmd.Dir = wd
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatal("every statement compiled")
	}
	failed := map[int]bool{}
	// Each error must be a type error on a statement's line.
	for _, m := range regexp.MustCompile(`main\.go:(\d+):\d+: (.*)`).FindAllStringSubmatch(string(out), -1) {
		var n int
		fmt.Sscan(m[1], &n)
		if _, ok := lines[n]; !ok || !strings.Contains(m[2], "cannot use") && !strings.Contains(m[2], "does not satisfy") {
			t.Errorf("the program fails for another reason:\n%s", out)
			return
		}
		failed[n] = true
	}
	for n, name := range lines {
		if !failed[n] {
			t.Errorf("%s: compiles: %s", name, statements[name])
		}
	}
}
