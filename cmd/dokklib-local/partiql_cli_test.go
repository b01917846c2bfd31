package main

// The AWS CLI's PartiQL commands against the built server:
// execute-statement (INSERT, SELECT with paging, UPDATE, DELETE and a
// refused INSERT), batch-execute-statement and execute-transaction.

import (
	"errors"
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

// wantAt checks values at paths (as lookup reads them) of a command's
// output.
func wantAt(t *testing.T, what string, out map[string]any, want map[string]any) {
	t.Helper()
	for path, w := range want {
		if got, ok := lookup(out, path); !ok || !reflect.DeepEqual(got, w) {
			t.Errorf("%s: %s = %v, want %v\n%v", what, path, got, w, out)
		}
	}
}

// failed runs a command that must fail and returns its standard error.
func (c awsCLI) failed(args ...string) string {
	c.t.Helper()
	stdout, stderr, err := c.command(args)
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		c.t.Fatalf("aws dynamodb %s: %v, want a failure\nstdout:\n%s", args[0], err, stdout)
	}
	return string(stderr)
}

func TestPartiQLCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("the AWS CLI takes seconds; skipped with -short")
	}
	env := clientEnv(t)
	aws := findTool(t, env, "the AWS CLI", []string{"--version"}, "/usr/bin/aws", "aws")
	cli := awsCLI{t: t, path: aws, endpoint: startServer(t, buildServer(t)), env: env}
	cli.exec("create-table", "--table-name", "Music", "--billing-mode", "PAY_PER_REQUEST",
		"--attribute-definitions", "AttributeName=Artist,AttributeType=S", "AttributeName=Year,AttributeType=N",
		"--key-schema", "AttributeName=Artist,KeyType=HASH", "AttributeName=Year,KeyType=RANGE")

	for _, year := range []string{"1720", "1721", "1722"} {
		cli.exec("execute-statement", "--statement", `INSERT INTO "Music" VALUE {'Artist': ?, 'Year': ?, 'Plays': 0}`,
			"--parameters", `[{"S":"Bach"},{"N":"`+year+`"}]`)
	}
	stderr := cli.failed("execute-statement", "--statement", `INSERT INTO Music VALUE {'Artist': 'Bach', 'Year': 1720}`)
	if !strings.Contains(stderr, "(DuplicateItemException)") || !strings.Contains(stderr, "Duplicate primary key exists in table") {
		t.Errorf("duplicate INSERT: %s", stderr)
	}

	// Pages of one item, resumed with the NextToken.
	var years []any
	args := []string{"execute-statement", "--statement", `SELECT "Year" FROM Music WHERE Artist = 'Bach' ORDER BY "Year" DESC`, "--limit", "1"}
	for range 5 {
		page := cli.run(args...)
		if items, _ := page["Items"].([]any); len(items) == 1 {
			years = append(years, items[0].(map[string]any)["Year"])
		}
		token, ok := page["NextToken"].(string)
		if !ok {
			break
		}
		args = []string{"execute-statement", "--statement", `SELECT "Year" FROM Music WHERE Artist = 'Bach' ORDER BY "Year" DESC`, "--limit", "1", "--next-token", token}
	}
	if !reflect.DeepEqual(years, []any{1722.0, 1721.0, 1720.0}) {
		t.Errorf("paged SELECT: years %v", years)
	}

	wantAt(t, "UPDATE", cli.run("execute-statement", "--statement",
		`UPDATE Music SET Plays = Plays + 1 WHERE Artist = 'Bach' AND "Year" = 1720 RETURNING MODIFIED NEW *`),
		map[string]any{"Items.0.Plays": 1.0})
	wantAt(t, "DELETE", cli.run("execute-statement", "--statement",
		`DELETE FROM Music WHERE Artist = 'Bach' AND "Year" = 1722 RETURNING ALL OLD *`, "--return-consumed-capacity", "TOTAL"),
		map[string]any{"Items.0.Year": 1722.0, "ConsumedCapacity.TableName": "Music", "ConsumedCapacity.CapacityUnits": 1.0})

	batch := cli.run("batch-execute-statement", "--statements",
		`[{"Statement":"SELECT * FROM Music WHERE Artist = ? AND \"Year\" = ?","Parameters":[{"S":"Bach"},{"N":"1720"}]},`+
			`{"Statement":"SELECT * FROM Music WHERE Artist = 'Bach' AND \"Year\" = 1722"},`+
			`{"Statement":"SELECT * FROM Music WHERE Artist = 'Bach'"}]`)
	wantAt(t, "batch-execute-statement", batch, map[string]any{
		"Responses.0.TableName": "Music", "Responses.0.Item.Plays.N": "1", "Responses.1.TableName": "Music",
		"Responses.2.Error.Code": "ValidationError", "Responses.2.Error.Message": "Only single item select is supported"})
	if _, ok := lookup(batch, "Responses.1.Item"); ok {
		t.Errorf("batch-execute-statement: an item for a deleted key: %v", batch)
	}

	cli.exec("execute-transaction", "--client-request-token", "tx-1", "--transact-statements",
		`[{"Statement":"UPDATE Music SET Plays = Plays + 10 WHERE Artist = 'Bach' AND \"Year\" = 1721"},`+
			`{"Statement":"INSERT INTO Music VALUE {'Artist': 'Handel', 'Year': 1741}"}]`)
	got := cli.cancelled("execute-transaction", "--transact-statements",
		`[{"Statement":"INSERT INTO Music VALUE {'Artist': 'Telemann', 'Year': 1740}"},`+
			`{"Statement":"INSERT INTO Music VALUE {'Artist': 'Handel', 'Year': 1741}"}]`)
	if !reflect.DeepEqual(got, map[string]any{"Code": "TransactionCanceledException", "Reasons": []string{"None", "DuplicateItem"}}) {
		t.Errorf("cancelled execute-transaction: %v", got)
	}
	read := cli.run("execute-transaction", "--transact-statements",
		`[{"Statement":"SELECT Plays FROM Music WHERE Artist = 'Bach' AND \"Year\" = 1721"},`+
			`{"Statement":"SELECT * FROM Music WHERE Artist = 'Telemann' AND \"Year\" = 1740"}]`)
	wantAt(t, "read execute-transaction", read, map[string]any{"Responses.0.Item.Plays.N": "10"})
	if r, _ := lookup(read, "Responses.1"); !reflect.DeepEqual(r, map[string]any{}) {
		t.Errorf("read execute-transaction: the cancelled INSERT left %v", r)
	}
}
