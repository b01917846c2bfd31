package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// exportLines returns n export lines of items with every attribute type,
// as DynamoDB's JSON writes them: members sorted by name, numbers and
// sets in canonical form, keys PK=p<i%5>, SK=s<i>.
func exportLines(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf(`{"Item":{"B":{"B":"AAH/"},"BOOL":{"BOOL":%t},"BS":{"BS":["AQ==","AgM="]},`+
			`"L":{"L":[{"S":"x"},{"N":"%d"},{"NULL":true}]},"M":{"M":{"inner":{"M":{"deep":{"SS":["a","b"]}}}}},`+
			`"N":{"N":"-12.5"},"NS":{"NS":["1","2.5"]},"NULL":{"NULL":true},"PK":{"S":"p%d"},"S":{"S":"héllo \"q\"\n"},`+
			`"SK":{"S":"s%05d"},"SS":{"SS":["a","b"]}}}`, i%2 == 0, i, i%5, i)
	}
	return lines
}

// tool runs the built command with args and returns its standard output
// and error, failing the test unless it exits with code want.
func tool(t *testing.T, bin string, env []string, want int, args ...string) (string, string) {
	t.Helper()
	stdout, stderr, err := command(t, toolTimeout, env, bin, args...)
	code := 0
	if err != nil {
		code = -1
		if ee, ok := err.(interface{ ExitCode() int }); ok {
			code = ee.ExitCode()
		}
	}
	if code != want {
		t.Fatalf("dokklib-local %s: exit %d (%v), want %d\nstderr:\n%s", strings.Join(args, " "), code, err, want, stderr)
	}
	return string(stdout), string(stderr)
}

// sortedLines returns the non-empty lines of s, sorted.
func sortedLines(s string) []string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(l)
	return l
}

func TestExportImportCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts the server; skipped with -short")
	}
	bin := buildServer(t)
	endpoint := startServer(t, bin)
	env := clientEnv(t)
	dir := t.TempDir()
	lines := exportLines(600) // 24 batches
	want := slices.Sorted(slices.Values(lines))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(strings.Join(lines, "\n") + "\n"))
	mustNoErr(t, zw.Close())
	in := filepath.Join(dir, "in.json.gz")
	mustNoErr(t, os.WriteFile(in, gz.Bytes(), 0o600))

	_, stderr := tool(t, bin, env, 0, "import", "-endpoint", endpoint, "-table", "Src", "-key", "PK:S,SK:S", in)
	if !strings.Contains(stderr, "600 items of table Src") {
		t.Errorf("import said %q", stderr)
	}
	out, _ := tool(t, bin, env, 0, "export", "-endpoint", endpoint, "-table", "Src")
	if got := sortedLines(out); !slices.Equal(got, want) {
		t.Fatalf("export differs from the import: %d lines, first %.300s", len(got), got[0])
	}

	// A gzipped export, imported into a table of a definition with an index.
	outGz := filepath.Join(dir, "out.json.gz")
	tool(t, bin, env, 0, "export", "-endpoint", endpoint, "-table", "Src", outGz)
	def := filepath.Join(dir, "def.json")
	mustNoErr(t, os.WriteFile(def, []byte(`{"AttributeDefinitions":[{"AttributeName":"PK","AttributeType":"S"},{"AttributeName":"SK","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"PK","KeyType":"HASH"},{"AttributeName":"SK","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST",
		"GlobalSecondaryIndexes":[{"IndexName":"bySK","KeySchema":[{"AttributeName":"SK","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]}`), 0o600))
	tool(t, bin, env, 0, "import", "-endpoint", endpoint, "-table", "Dst", "-table-definition", def, outGz)
	out, _ = tool(t, bin, env, 0, "export", "-endpoint", endpoint, "-table", "Dst", "-")
	if got := sortedLines(out); !slices.Equal(got, want) {
		t.Fatal("the round trip through a gzipped file changed the items")
	}

	// Into an existing table, from standard input: nothing to create.
	tool(t, bin, env, 0, "import", "-endpoint", endpoint, "-table", "Dst", outGz)
	_, stderr = tool(t, bin, env, 1, "import", "-endpoint", endpoint, "-table", "Missing", outGz)
	if !strings.Contains(stderr, "ResourceNotFoundException") {
		t.Errorf("import into a missing table said %q", stderr)
	}
}

func TestToolFlags(t *testing.T) {
	var out bytes.Buffer
	if code, ok := runTool([]string{"export", "-h"}, nil, &out, &out); !ok || code != 0 || !strings.Contains(out.String(), "usage: dokklib-local export") {
		t.Errorf("export -h: %d %v %s", code, ok, out.String())
	}
	for _, args := range [][]string{
		{"export"}, // no -table
		{"import", "-table", "T", "-key", "PK:X"}, // bad type
		{"import", "-table", "T", "-key", "a:S,b:S,c:S"},
		{"import", "-table", "T", "-key", "PK:S", "-table-definition", "d.json"},
		{"export", "-table", "T", "a", "b"},
	} {
		out.Reset()
		if code, ok := runTool(args, nil, &out, &out); !ok || code != 2 {
			t.Errorf("%v: exit %d, %v: %s", args, code, ok, out.String())
		}
	}
	if _, ok := runTool([]string{"-port", "1"}, nil, &out, &out); ok {
		t.Error("the server's flags taken for a subcommand")
	}
	out.Reset()
	if _, err := parseFlags([]string{"-h"}, &out); !errors.Is(err, flag.ErrHelp) || !strings.Contains(out.String(), "dokklib-local export|import -h") {
		t.Errorf("the server's -h does not point to the subcommands: %v\n%s", err, out.String())
	}
}

func FuzzParseKey(f *testing.F) {
	for _, s := range []string{"PK:S", "PK:S,SK:N", "a:B, b:S", ":S", "PK", "a:S,b:S,c:S", "PK:s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		defs, err := parseKey(s)
		if err != nil {
			return
		}
		in, err := keyTable("T", s)
		if err != nil || len(defs) < 1 || len(defs) > 2 || len(in.KeySchema) != len(defs) {
			t.Fatalf("parseKey(%q) = %v; keyTable: %v, %v", s, defs, in, err)
		}
	})
}

func FuzzParseTableDefinition(f *testing.F) {
	f.Add([]byte(`{"KeySchema":[{"AttributeName":"PK","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"PK","AttributeType":"S"}]}`))
	f.Add([]byte(`{"TableName":"x","KeySchema":[],"Extra":1}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := parseTableDefinition(b)
		if err == nil && len(p.KeySchema) == 0 {
			t.Fatalf("%s: accepted without a key schema", b)
		}
	})
}

// mustNoErr fails the test on err.
func mustNoErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
