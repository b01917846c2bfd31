package db_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
)

// listTable makes a table with n posts of alice, "p00" to "p(n-1)", each
// with a number "n" equal to its position.
func listTable(t *testing.T, n int) (*db.Table, *requestCounter) {
	t.Helper()
	table := dbtest.Table(t, db.WithoutTimestamps())
	for i := range n {
		if err := table.Put(ctx, alice, db.SK[Post](fmt.Sprintf("p%02d", i)), db.Attrs(db.Item{"n": i})); err != nil {
			t.Fatal(err)
		}
	}
	counter := &requestCounter{Client: dbtest.Client(t)}
	return db.NewTable(counter, table.Name(), db.WithoutTimestamps()), counter
}

// requestCounter counts the queries and scans a table sends.
type requestCounter struct {
	db.Client
	queries, scans atomic.Int32
}

func (c *requestCounter) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	c.queries.Add(1)
	return c.Client.Query(ctx, in, opts...)
}

func (c *requestCounter) Scan(ctx context.Context, in *dynamodb.ScanInput, opts ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
	c.scans.Add(1)
	return c.Client.Scan(ctx, in, opts...)
}

func TestQueryFilterAndCount(t *testing.T) {
	table, _ := listTable(t, 10)
	items, err := table.Query(ctx, alice, db.Filter(db.Ge("n", 7)))
	if err != nil || sortKeys(items, "SK") != "POST#p07 POST#p08 POST#p09" {
		t.Errorf("filtered query = %v, %v", items, err)
	}
	n, err := table.Count(ctx, alice, db.Filter(db.Lt("n", 4)))
	if err != nil || n != 4 {
		t.Errorf("Count = %d, %v; want 4", n, err)
	}
	n, err = table.Count(ctx, alice, db.PageSize(3))
	if err != nil || n != 10 {
		t.Errorf("Count over pages of 3 = %d, %v; want 10", n, err)
	}
	// Limit counts returned items, also when a filter leaves some out.
	items, err = table.Query(ctx, alice, db.Filter(db.Ne("n", 1)), db.Limit(3), db.PageSize(2))
	if err != nil || sortKeys(items, "SK") != "POST#p00 POST#p02 POST#p03" {
		t.Errorf("limited filtered query = %v, %v", sortKeys(items, "SK"), err)
	}
}

func TestQueryIterStopsPaging(t *testing.T) {
	table, counter := listTable(t, 10)
	var got []string
	for item, err := range table.QueryIter(ctx, alice, db.PageSize(2)) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, item["SK"].(string))
		if len(got) == 3 {
			break
		}
	}
	if strings.Join(got, " ") != "POST#p00 POST#p01 POST#p02" {
		t.Errorf("got %v", got)
	}
	if q := counter.queries.Load(); q != 2 {
		t.Errorf("sent %d queries for 3 items in pages of 2, want 2", q)
	}
}

func TestQueryIterError(t *testing.T) {
	table, _ := listTable(t, 1)
	n := 0
	for _, err := range table.QueryIter(ctx, db.PK[User]("")) {
		n++
		if !errors.Is(err, db.ErrInvalidKey) {
			t.Errorf("err = %v, want ErrInvalidKey", err)
		}
	}
	if n != 1 {
		t.Errorf("yielded %d times, want once", n)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	for _, err := range table.QueryIter(cancelled, alice) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled: err = %v, want context.Canceled", err)
		}
	}
}

func TestQueryPages(t *testing.T) {
	table, _ := listTable(t, 7)
	var all []string
	next := ""
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("too many pages")
		}
		page, err := table.QueryPage(ctx, alice, db.Limit(3), db.After(next), db.Filter(db.Ne("n", 4)))
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) > 3 {
			t.Errorf("page of %d items, want at most 3", len(page.Items))
		}
		all = append(all, sortKeys(page.Items, "SK"))
		if next = page.Next; next == "" {
			break
		}
		if strings.ContainsAny(next, "+/=") {
			t.Errorf("cursor %q is not URL-safe", next)
		}
	}
	if got := strings.Fields(strings.Join(all, " ")); strings.Join(got, " ") != "POST#p00 POST#p01 POST#p02 POST#p03 POST#p05 POST#p06" {
		t.Errorf("pages = %q", all)
	}
}

func TestCursorChecks(t *testing.T) {
	table, _ := listTable(t, 3)
	page, err := table.QueryPage(ctx, alice, db.Limit(1))
	if err != nil || page.Next == "" {
		t.Fatalf("page = %+v, %v", page, err)
	}
	tampered := []byte(page.Next)
	tampered[2] ^= 1
	other := db.NewTable(dbtest.Client(t), table.Name(), db.WithCursorSecret([]byte("s3cret")))
	for name, f := range map[string]func() error{
		"tampered":       func() error { _, err := table.QueryPage(ctx, alice, db.After(string(tampered))); return err },
		"garbage":        func() error { _, err := table.QueryPage(ctx, alice, db.After("not a cursor")); return err },
		"other pk":       func() error { _, err := table.QueryPage(ctx, bob, db.After(page.Next)); return err },
		"other index":    func() error { _, err := table.ScanPage(ctx, db.After(page.Next)); return err },
		"other secret":   func() error { _, err := other.QueryPage(ctx, alice, db.After(page.Next)); return err },
		"parallel pages": func() error { _, err := table.ScanPage(ctx, db.Segments(2)); return err },
	} {
		if err := f(); !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
	signed, err := other.QueryPage(ctx, alice, db.Limit(1))
	if err != nil {
		t.Fatal(err)
	}
	rest, err := other.QueryPage(ctx, alice, db.After(signed.Next))
	if err != nil || sortKeys(rest.Items, "SK") != "POST#p01 POST#p02" {
		t.Errorf("signed cursor: %v, %v", rest.Items, err)
	}
}

func TestScan(t *testing.T) {
	table, counter := listTable(t, 20)
	if err := table.Put(ctx, bob, g1); err != nil {
		t.Fatal(err)
	}
	items, err := table.Scan(ctx, db.Filter(db.BeginsWith("SK", "POST#")), db.PageSize(7))
	if err != nil || len(items) != 20 {
		t.Errorf("scan = %d items, %v; want 20", len(items), err)
	}
	if s := counter.scans.Load(); s < 3 {
		t.Errorf("scan with pages of 7 sent %d requests, want at least 3", s)
	}
	n, err := table.ScanCount(ctx, db.Segments(3))
	if err != nil || n != 21 {
		t.Errorf("ScanCount = %d, %v; want 21", n, err)
	}
	page, err := table.ScanPage(ctx, db.Limit(5))
	if err != nil || len(page.Items) != 5 || page.Next == "" {
		t.Errorf("ScanPage = %d items, next %q, %v", len(page.Items), page.Next, err)
	}
	inverse, err := table.Scan(ctx, db.OnIndex(db.InverseGlobalIndex), db.Project("PK"), db.Filter(db.Eq("SK", "GROUP#group1")))
	if err != nil || len(inverse) != 1 || inverse[0]["PK"] != "USER#bob" {
		t.Errorf("scan of the inverse index = %v, %v", inverse, err)
	}
}

func TestParallelScan(t *testing.T) {
	table, _ := listTable(t, 30)
	items, err := table.Scan(ctx, db.Segments(4), db.PageSize(3))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, it := range items {
		keys = append(keys, it["SK"].(string))
	}
	sort.Strings(keys)
	for i, k := range keys {
		if want := fmt.Sprintf("POST#p%02d", i); k != want || len(keys) != 30 {
			t.Fatalf("parallel scan read %d items: %v", len(keys), keys)
		}
	}
	limited, err := table.Scan(ctx, db.Segments(4), db.Limit(7))
	if err != nil || len(limited) != 7 {
		t.Errorf("parallel scan with limit 7: %d items, %v", len(limited), err)
	}
	n := 0
	for _, err := range table.ScanIter(ctx, db.Segments(3), db.PageSize(1)) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 2 {
			break
		}
	}
	if _, err := table.Scan(ctx, db.Segments(db.MaxSegments+1)); !errors.Is(err, db.ErrInvalidArgument) {
		t.Errorf("too many segments: err = %v", err)
	}
}

// failingScans fails every scan of one segment.
type failingScans struct {
	db.Client
	segment int32
}

var errSegment = errors.New("segment failed")

func (c *failingScans) Scan(ctx context.Context, in *dynamodb.ScanInput, opts ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
	if in.Segment != nil && *in.Segment == c.segment {
		return nil, errSegment
	}
	return c.Client.Scan(ctx, in, opts...)
}

func TestParallelScanError(t *testing.T) {
	table, _ := listTable(t, 10)
	failing := db.NewTable(&failingScans{Client: dbtest.Client(t), segment: 1}, table.Name())
	_, err := failing.Scan(ctx, db.Segments(3), db.PageSize(1))
	if !errors.Is(err, errSegment) || !strings.Contains(err.Error(), "scan segment 1") {
		t.Errorf("err = %v, want segment 1's error", err)
	}
}

// failingClient fails every request.
type failingClient struct{ db.Client }

func (failingClient) Scan(context.Context, *dynamodb.ScanInput, ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
	return nil, errSegment
}

func TestScanErrorsNameTheScan(t *testing.T) {
	table := db.NewTable(failingClient{}, "Table")
	_, err := table.Scan(ctx)
	if !errors.Is(err, errSegment) || err.Error() != "db: scan: segment failed" {
		t.Errorf("plain scan: err = %q", err)
	}
	_, err = table.Scan(ctx, db.Segments(2))
	if !errors.Is(err, errSegment) || !strings.HasPrefix(err.Error(), "db: scan segment 0 of 2: ") && !strings.HasPrefix(err.Error(), "db: scan segment 1 of 2: ") {
		t.Errorf("parallel scan: err = %q", err)
	}
}
