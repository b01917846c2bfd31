package main

import (
	"context"
	"crypto/rand"
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
	"github.com/dokklib/db/examples/saas/app"
)

// Example runs the demo on a fresh table and checks what it prints.
func Example() {
	ctx := context.Background()
	if err := run(ctx, dbtest.EnvClient(), "SaaSExample-"+rand.Text(), "", os.Stdout); err != nil {
		os.Stdout.WriteString(err.Error())
	}
	// Output:
	// users: alice bob carol
	// mallory signs up as ALICE@example.com: refused, the email is taken
	// an org owned by nobody: refused, no such user
	// members of acme: alice (owner) bob (member)
	// members of globex: alice (admin) bob (owner)
	// orgs of alice: Acme Globex
	// orgs of bob: Acme Globex
	// orgs of carol: none
	// acme/web renamed "Website" at version 1: now at version 2
	// a second rename at version 1: refused, a version conflict
	// tasks of acme/web due March 3 to 6: t2 t3
	// open tasks of acme overdue on March 4: t4 t2
	// t4 is done; done tasks of acme: t4 t1
	// GET /orgs/acme/tasks?status=open&limit=2, page by page: [t2 t3] [t5 t6] []
	// deleted acme: 2 MEMBERSHIP, 1 ORG, 2 PROJECT, 6 TASK
	// left of acme: 0 items; globex: 1 org, 2 members, 1 project
}

var update = flag.Bool("update", false, "rewrite the access-pattern table of ACCESS_PATTERNS.md")

// The lines around the access-pattern table in ACCESS_PATTERNS.md.
const (
	tableBegins = "<!-- The table is generated: go test ./examples/saas -run TestAccessPatterns -update -->\n"
	tableEnds   = "<!-- End of the generated table. -->\n"
)

// TestAccessPatterns checks that ACCESS_PATTERNS.md has the access
// patterns that the app's models declare, or writes them there with
// -update.
func TestAccessPatterns(t *testing.T) {
	s, err := app.New(db.NewTable(dbtest.Client(t), "SaaS", app.TableOptions()...))
	if err != nil {
		t.Fatal(err)
	}
	got := s.Table().AccessPatterns().String()
	const path = "ACCESS_PATTERNS.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := strings.Cut(string(doc), tableBegins)
	want, after, ok2 := strings.Cut(rest, tableEnds)
	if !ok1 || !ok2 {
		t.Fatalf("%s lacks the lines around the table:\n%s%s", path, tableBegins, tableEnds)
	}
	if *update {
		want = got
		if err := os.WriteFile(path, []byte(before+tableBegins+got+tableEnds+after), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got != want {
		t.Errorf("the access patterns in %s are not the models' (go test -run %s -update rewrites them):\n%s", path, t.Name(), got)
	}
}

// TestServeStopsWithItsContext checks that -http serves until the
// context ends, then stops cleanly.
func TestServeStopsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	table := dbtest.Table(t, app.TableOptions()...)
	s, err := app.New(table)
	if err != nil {
		t.Fatal(err)
	}
	if err := serve(ctx, "127.0.0.1:0", app.NewHandler(s)); err != nil {
		t.Errorf("serve = %v, want nil after the context ends", err)
	}
}
