package db_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
)

var byOrgYear = db.CompositeIndex("ByOrgYear",
	[]db.KeyAttribute{db.StringKey("Org"), db.NumberKey("Year")},
	[]db.KeyAttribute{db.StringKey("Status"), db.NumberKey("Due")})

// TestCompositeIndexQueries queries an index whose keys are several
// attributes, by typed values, with no key strings composed.
func TestCompositeIndexQueries(t *testing.T) {
	table := dbtest.Table(t, db.WithoutTimestamps(), db.WithIndexes(byOrgYear))
	for i, it := range []struct {
		org    string
		year   int
		status string
		due    int
	}{{"acme", 2026, "open", 3}, {"acme", 2026, "open", 10}, {"acme", 2026, "done", 1}, {"acme", 2025, "open", 5}, {"other", 2026, "open", 4}, {"acme", 2026, "opened", 2}} {
		attrs := db.Item{"Org": it.org, "Year": it.year, "Status": it.status, "Due": it.due}
		if err := table.Put(ctx, db.PK[User](fmt.Sprint(i)), db.SK[User]("task"), db.Attrs(attrs)); err != nil {
			t.Fatal(err)
		}
	}
	// An item without all the index's attributes is not in it.
	if err := table.Put(ctx, db.PK[User]("sparse"), db.SK[User]("task"), db.Attrs(db.Item{"Org": "acme", "Year": 2026})); err != nil {
		t.Fatal(err)
	}
	acme2026 := db.CompositePK(db.RawPK("acme"), db.RawPK(2026))
	on := db.OnIndex(byOrgYear)
	for name, tc := range map[string]struct {
		opts []db.QueryOption
		want string
	}{
		"partition":      {nil, "done/1 open/3 open/10 opened/2"},
		"status":         {[]db.QueryOption{db.SortKeyEq(db.CompositeSK(db.RawSK("open")))}, "open/3 open/10"},
		"status and due": {[]db.QueryOption{db.SortKeyEq(db.CompositeSK(db.RawSK("open"), db.RawSK(10)))}, "open/10"},
		"due range": {[]db.QueryOption{db.SortKeyBetween(
			db.CompositeSK(db.RawSK("open"), db.RawSK(2)), db.CompositeSK(db.RawSK("open"), db.RawSK(9)))}, "open/3"},
		"due from":      {[]db.QueryOption{db.SortKeyGe(db.CompositeSK(db.RawSK("open"), db.RawSK(4)))}, "open/10"},
		"status prefix": {[]db.QueryOption{db.SortKeyBeginsWith(db.CompositePrefix(nil, db.RawPrefix("open")))}, "open/3 open/10 opened/2"},
		"reverse":       {[]db.QueryOption{db.SortKeyEq(db.CompositeSK(db.RawSK("open"))), db.Reverse()}, "open/10 open/3"},
	} {
		items, err := table.Query(ctx, acme2026, append(tc.opts, on)...)
		if got := statusDue(items); err != nil || got != tc.want {
			t.Errorf("%s: %s, %v; want %s", name, got, err, tc.want)
		}
	}
	// Pages resume with cursors that hold every key attribute.
	var pages []string
	for next := ""; len(pages) < 5; {
		p, err := table.QueryPage(ctx, acme2026, on, db.Limit(3), db.After(next))
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, statusDue(p.Items))
		if next = p.Next; next == "" {
			break
		}
	}
	if got := strings.TrimSuffix(strings.Join(pages, "|"), "|"); got != "done/1 open/3 open/10|opened/2" {
		t.Errorf("pages = %q", pages)
	}
}

func statusDue(items []db.Item) string {
	var out []string
	for _, it := range items {
		out = append(out, fmt.Sprintf("%v/%v", it["Status"], it["Due"]))
	}
	return strings.Join(out, " ")
}

func TestCompositeIndexMistakes(t *testing.T) {
	client := &noCalls{}
	table := db.NewTable(client, "Table", db.WithIndexes(byOrgYear))
	on := db.OnIndex(byOrgYear)
	acme2026 := db.CompositePK(db.RawPK("acme"), db.RawPK(2026))
	for name, err := range map[string]error{
		"one partition part": query(table, db.RawPK("acme"), on),
		"wrong part type":    query(table, db.CompositePK(db.RawPK("acme"), db.RawPK("2026")), on),
		"too many sort parts": query(table, acme2026, on,
			db.SortKeyEq(db.CompositeSK(db.RawSK("a"), db.RawSK(1), db.RawSK("x")))),
		"bounds differ": query(table, acme2026, on, db.SortKeyBetween(
			db.CompositeSK(db.RawSK("open"), db.RawSK(1)), db.CompositeSK(db.RawSK("done"), db.RawSK(2)))),
		"composite on a plain index": query(table, acme2026),
		"empty composite":            query(table, db.CompositePK(), on),
	} {
		if !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
	for name, x := range map[string]db.Index{
		"five attributes": db.CompositeIndex("G", []db.KeyAttribute{db.StringKey("a"), db.StringKey("b"), db.StringKey("c"), db.StringKey("d"), db.StringKey("e")}, nil),
		"twice":           db.CompositeIndex("GGG", []db.KeyAttribute{db.StringKey("a")}, []db.KeyAttribute{db.StringKey("a")}),
		"no type":         db.CompositeIndex("GGG", []db.KeyAttribute{{Name: "a"}}, nil),
		"local":           {Name: "LLL", PartitionKeys: []db.KeyAttribute{db.StringKey("PK")}, SortKeys: []db.KeyAttribute{db.StringKey("x")}, Local: true},
	} {
		if err := db.NewTable(client, "Table", db.WithIndexes(x)).Err(); !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: Err = %v, want ErrInvalidArgument", name, err)
		}
	}
	if n := client.n.Load(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestCompositeIndexDefinition(t *testing.T) {
	table := db.NewTable(&noCalls{}, "Table", db.WithIndexes(byOrgYear))
	cfn, err := table.CloudFormation()
	if err != nil || !strings.Contains(string(cfn), `"AttributeName": "Year",
                "KeyType": "HASH"`) {
		t.Errorf("CloudFormation = %s, %v; want Year as the second HASH element", cfn, err)
	}
	if _, err := table.Terraform(); !errors.Is(err, db.ErrInvalidArgument) {
		t.Errorf("Terraform of a multi-attribute index: err = %v, want ErrInvalidArgument", err)
	}
}

// Ticket is an entity whose keys on a multi-attribute index are its own
// fields, with no key text composed.
type Ticket struct {
	TicketID string
	Org      string
	Year     int
	Status   string
	Due      int
	Email    string `dynamodbav:",omitempty"`
}

func TestModelIndexFields(t *testing.T) {
	byEmail := db.GlobalIndex("ByEmail", "Email", "")
	table := dbtest.Table(t, db.WithoutTimestamps(), db.WithIndexes(byOrgYear, byEmail))
	tickets := db.NewModel[Ticket](table, "TICKET", db.Keys("TICKET#{TicketID}", "TICKET"),
		db.IndexFields(byOrgYear), db.IndexFields(byEmail))
	if err := errors.Join(tickets.Err(), table.Check()); err != nil {
		t.Fatal(err)
	}
	for i, tc := range []Ticket{
		{Org: "acme", Year: 2026, Status: "open", Due: 3, Email: "a@example.com"},
		{Org: "acme", Year: 2026, Status: "open", Due: 10},
		{Org: "acme", Year: 2026, Status: "done", Due: 1},
		{Org: "acme", Year: 2025, Status: "open", Due: 5},
		{Org: "acme", Year: 2026, Status: "opened", Due: 2},
	} {
		tc.TicketID = fmt.Sprint("t", i)
		mustCreate(t, tickets, tc)
	}
	ids := func(ts []Ticket, err error) string {
		return joined(ts, err, func(x Ticket) string { return x.TicketID })
	}
	acme := tickets.Query(Ticket{Org: "acme", Year: 2026}).On(byOrgYear)
	open := tickets.Query(Ticket{Org: "acme", Year: 2026, Status: "open"}).On(byOrgYear)
	for name, tc := range map[string]struct{ got, want string }{
		"partition":      {ids(acme.All(ctx)), "t2 t0 t1 t4"},
		"status":         {ids(open.All(ctx)), "t0 t1"},
		"due from 4":     {ids(open.From(Ticket{Due: 4}).All(ctx)), "t1"},
		"due to 4":       {ids(open.To(Ticket{Due: 4}).All(ctx)), "t0"},
		"due 1 to 10":    {ids(open.Between(Ticket{Due: 1}, Ticket{Due: 10}).All(ctx)), "t0 t1"},
		"status prefix":  {ids(acme.BeginsWith(Ticket{Status: "open"}).All(ctx)), "t0 t1 t4"},
		"exact":          {ids(tickets.Query(Ticket{Org: "acme", Year: 2026, Status: "open", Due: 10}).On(byOrgYear).All(ctx)), "t1"},
		"by email":       {ids(tickets.Query(Ticket{Email: "a@example.com"}).On(byEmail).All(ctx)), "t0"},
		"other year":     {ids(tickets.Query(Ticket{Org: "acme", Year: 2025}).On(byOrgYear).All(ctx)), "t3"},
		"count of open":  {fmt.Sprint(first2(open.Count(ctx))), "2"},
		"every sort key": {ids(tickets.Query(Ticket{Org: "acme", Year: 2026, Status: "open", Due: 3}).On(byOrgYear).From(Ticket{Due: 1}).All(ctx)), "db: invalid argument: the key gives every sort key field: there is none left to narrow by"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %s, want %s", name, tc.got, tc.want)
		}
	}
	if !strings.Contains(table.AccessPatterns().String(), "| TICKET | ByOrgYear | `(Org, Year)` | `(Status, Due)` | `Org = {Org} AND Year = {Year}` |") {
		t.Errorf("access patterns:\n%s", table.AccessPatterns())
	}
	type wrong struct {
		ID   string
		Org  string
		Year string
	}
	if err := db.NewModel[wrong](table, "WRONG", db.Keys("W#{ID}", "W"), db.IndexFields(byOrgYear)).Err(); !errors.Is(err, db.ErrInvalidArgument) {
		t.Errorf("a field of the wrong type: Err = %v", err)
	}
	if err := db.NewModel[Ticket](table, "T2", db.Keys("T#{TicketID}", "T"), db.IndexKeys(byOrgYear, "x", "y")).Err(); !errors.Is(err, db.ErrInvalidArgument) {
		t.Errorf("templates on a multi-attribute index: Err = %v", err)
	}
}

func first2[T any](v T, _ error) T { return v }
