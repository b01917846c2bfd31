package db_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
)

// TestOptionSlicesAreNotWritten checks that no listing writes into the
// spare capacity of the caller's options slice, which concurrent calls
// sharing the slice would race on.
func TestOptionSlicesAreNotWritten(t *testing.T) {
	table, _ := listTable(t, 3)
	queryOpts := append(make([]db.QueryOption, 0, 4), db.Filter(db.Ge("n", 0)))
	countOpts := append(make([]db.CountOption, 0, 4), db.Filter(db.Ge("n", 0)))
	scanOpts := append(make([]db.ScanOption, 0, 4), db.Filter(db.Ge("n", 0)))
	scanCountOpts := append(make([]db.ScanCountOption, 0, 4), db.Filter(db.Ge("n", 0)))
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(5)
		go func() { defer wg.Done(); table.Query(ctx, alice, queryOpts...) }()
		go func() { defer wg.Done(); table.QueryPrefix(ctx, alice, db.Prefix[Post](), queryOpts...) }()
		go func() { defer wg.Done(); table.Count(ctx, alice, countOpts...) }()
		go func() { defer wg.Done(); table.Scan(ctx, scanOpts...) }()
		go func() { defer wg.Done(); table.ScanCount(ctx, scanCountOpts...) }()
	}
	wg.Wait()
	if queryOpts[:4][1] != nil || countOpts[:4][1] != nil || scanOpts[:4][1] != nil || scanCountOpts[:4][1] != nil {
		t.Error("a listing wrote into the caller's options slice")
	}
}

func TestCountsHonourLimit(t *testing.T) {
	table, counter := listTable(t, 10)
	n, err := table.Count(ctx, alice, db.Limit(4), db.PageSize(2))
	if err != nil || n != 4 {
		t.Errorf("Count with Limit(4) = %d, %v; want 4", n, err)
	}
	if q := counter.queries.Load(); q != 2 {
		t.Errorf("Count with Limit(4) in pages of 2 sent %d queries, want 2", q)
	}
	n, err = table.Count(ctx, alice, db.Limit(4), db.Filter(db.Ge("n", 8)))
	if err != nil || n != 2 {
		t.Errorf("Count of 2 matches with Limit(4) = %d, %v; want 2", n, err)
	}
	n, err = table.ScanCount(ctx, db.Limit(7), db.Segments(3))
	if err != nil || n != 7 {
		t.Errorf("ScanCount with Limit(7) = %d, %v; want 7", n, err)
	}
	n, err = table.ScanCount(ctx, db.Limit(20))
	if err != nil || n != 10 {
		t.Errorf("ScanCount with Limit(20) = %d, %v; want 10", n, err)
	}
}

// TestWholeListingsResumeAfterCursors checks that Query, QueryIter and
// Scan given After read from the cursor on.
func TestWholeListingsResumeAfterCursors(t *testing.T) {
	table, _ := listTable(t, 6)
	page, err := table.QueryPage(ctx, alice, db.Limit(4))
	if err != nil || page.Next == "" {
		t.Fatalf("page = %+v, %v", page, err)
	}
	rest, err := table.Query(ctx, alice, db.After(page.Next))
	if err != nil || sortKeys(rest, "SK") != "POST#p04 POST#p05" {
		t.Errorf("Query after the cursor = %v, %v", sortKeys(rest, "SK"), err)
	}
	scanPage, err := table.ScanPage(ctx, db.Limit(5))
	if err != nil {
		t.Fatal(err)
	}
	scanRest, err := table.Scan(ctx, db.After(scanPage.Next))
	if err != nil || len(scanRest) != 1 {
		t.Errorf("Scan after the cursor = %v, %v; want the last item", scanRest, err)
	}
	if _, err := table.Scan(ctx, db.After(scanPage.Next), db.Segments(2)); !errors.Is(err, db.ErrInvalidArgument) {
		t.Errorf("a parallel scan after a cursor: err = %v, want ErrInvalidArgument", err)
	}
}

// TestCursorsAreBoundToTheirListing checks that a cursor resumes only the
// listing that made it.
func TestCursorsAreBoundToTheirListing(t *testing.T) {
	table, _ := listTable(t, 6)
	base := []db.QueryOption{db.Limit(2), db.Filter(db.Ge("n", 0)), db.Project("SK", "n"), db.SortKeyBeginsWith(db.Prefix[Post]())}
	page, err := table.QueryPage(ctx, alice, base...)
	if err != nil || page.Next == "" {
		t.Fatalf("page = %+v, %v", page, err)
	}
	same, err := table.QueryPage(ctx, alice, append(base, db.After(page.Next))...)
	if err != nil || sortKeys(same.Items, "SK") != "POST#p02 POST#p03" {
		t.Errorf("the same listing = %v, %v", sortKeys(same.Items, "SK"), err)
	}
	for name, opts := range map[string][]db.QueryOption{
		"reversed":           {db.Reverse(), base[1], base[2], base[3]},
		"unfiltered":         {base[2], base[3]},
		"another filter":     {db.Filter(db.Ge("n", 1)), base[2], base[3]},
		"another projection": {base[1], db.Project("SK"), base[3]},
		"no sort condition":  {base[1], base[2]},
		"another condition":  {base[1], base[2], db.SortKeyGe(db.SK[Post]("p"))},
	} {
		_, err := table.QueryPage(ctx, alice, append(opts, db.After(page.Next))...)
		if !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
}

// TestCursorsAreOpaque checks that a cursor does not show the keys it
// holds, and that one made with a secret opens only with it.
func TestCursorsAreOpaque(t *testing.T) {
	table, _ := listTable(t, 3)
	secret := db.NewTable(dbtest.Client(t), table.Name(), db.WithCursorSecret([]byte("0123456789abcdef0123456789abcdef")))
	renamed := db.NewTable(dbtest.Client(t), table.Name()+"x")
	for _, tb := range []*db.Table{table, secret} {
		page, err := tb.QueryPage(ctx, alice, db.Limit(1))
		if err != nil || page.Next == "" {
			t.Fatalf("page = %+v, %v", page, err)
		}
		raw, err := base64.RawURLEncoding.DecodeString(page.Next)
		if err != nil || strings.Contains(string(raw), "alice") || strings.Contains(string(raw), "p00") {
			t.Errorf("the cursor shows its key: %q, %v", raw, err)
		}
		other := secret
		if tb == secret {
			other = table
		}
		for name, tb := range map[string]*db.Table{"other secret": other, "other table": renamed} {
			if _, err := tb.QueryPage(ctx, alice, db.After(page.Next)); !errors.Is(err, db.ErrInvalidArgument) {
				t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
			}
		}
	}
}

// TestCursorsBindFilterValues checks that cursors tell apart filters
// whose values are lists, maps and sets.
func TestCursorsBindFilterValues(t *testing.T) {
	table, _ := listTable(t, 4)
	filters := []db.Condition{
		db.In("n", 0, 1, 2, 3),
		db.Ne("n", []any{1, "x"}),
		db.Ne("n", map[string]any{"a": 1}),
		db.Ne("n", db.StringSet{"a"}),
		db.Ne("n", db.NumberSet{"1"}),
		db.Ne("n", db.BinarySet{[]byte{1}}),
		db.Ne("n", true),
		db.Ne("n", nil),
	}
	for i, f := range filters {
		page, err := table.QueryPage(ctx, alice, db.Limit(1), db.Filter(f))
		if err != nil || page.Next == "" {
			t.Fatalf("filter %d: page = %+v, %v", i, page, err)
		}
		if _, err := table.QueryPage(ctx, alice, db.Filter(f), db.After(page.Next)); err != nil {
			t.Errorf("filter %d: its own cursor: %v", i, err)
		}
		other := filters[(i+1)%len(filters)]
		if _, err := table.QueryPage(ctx, alice, db.Filter(other), db.After(page.Next)); !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("filter %d: a cursor of another filter: err = %v", i, err)
		}
	}
}
