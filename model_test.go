package db_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
)

// The entities of the model tests: a small SaaS.
type (
	Org struct {
		OrgID string
		Name  string
	}
	Member struct {
		OrgID  string
		UserID string
		Role   string
	}
	Project struct {
		OrgID     string
		ProjectID string
		Name      string
		Version   int
		CreatedAt time.Time
		UpdatedAt time.Time
	}
	Task struct {
		OrgID  string
		TaskID string
		Status string
		Due    time.Time
		Seq    int
		Title  string
	}
	Account struct {
		UserID string
		Email  string
		Name   string
	}
)

var byStatus = db.GlobalIndex("GSI_2", "GSI2PK", "GSI2SK")

// models declares the entities on a fresh table.
type models struct {
	table    *db.Table
	orgs     *db.Model[Org]
	members  *db.Model[Member]
	projects *db.Model[Project]
	tasks    *db.Model[Task]
	accounts *db.Model[Account]
}

func newModels(t *testing.T, opts ...db.TableOption) models {
	t.Helper()
	table := dbtest.Table(t, append([]db.TableOption{db.WithIndexes(db.InverseGlobalIndex, byStatus)}, opts...)...)
	m := models{
		table:   table,
		orgs:    db.NewModel[Org](table, "ORG", db.Keys("ORG#{OrgID}", "ORG#{OrgID}")),
		members: db.NewModel[Member](table, "MEMBER", db.Keys("ORG#{OrgID}", "USER#{UserID}"), db.IndexKeys(db.InverseGlobalIndex, "USER#{UserID}", "ORG#{OrgID}")),
		projects: db.NewModel[Project](table, "PROJECT", db.Keys("ORG#{OrgID}", "PROJECT#{ProjectID}"),
			db.Versioned("Version")),
		tasks: db.NewModel[Task](table, "TASK", db.Keys("ORG#{OrgID}", "TASK#{TaskID}"),
			db.IndexKeys(byStatus, "ORG#{OrgID}", "STATUS#{Status}#{Due}#{Seq}")),
		accounts: db.NewModel[Account](table, "ACCOUNT", db.Keys("USER#{UserID}", "ACCOUNT"), db.Unique("Email")),
	}
	for _, err := range []error{m.orgs.Err(), m.members.Err(), m.projects.Err(), m.tasks.Err(), m.accounts.Err()} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

func TestModelWritesAndReads(t *testing.T) {
	m := newModels(t)
	acme := Org{OrgID: "acme", Name: "Acme"}
	if _, err := m.orgs.Create(ctx, acme); err != nil {
		t.Fatal(err)
	}
	if _, err := m.orgs.Create(ctx, acme); !errors.Is(err, db.ErrExists) {
		t.Errorf("second Create: err = %v, want ErrExists", err)
	}
	got, err := m.orgs.Get(ctx, Org{OrgID: "acme"})
	if err != nil || got != acme {
		t.Errorf("Get = %+v, %v; want %+v", got, err, acme)
	}
	// The item carries its keys and entity, which the struct does not.
	raw, err := m.table.Get(ctx, db.RawPK("ORG#acme"), db.RawSK("ORG#acme"))
	if err != nil || raw[db.EntityAttribute] != "ORG" || raw[db.SchemaAttribute] != db.Number("1") || raw["Name"] != "Acme" {
		t.Errorf("stored item = %v, %v", raw, err)
	}
	if _, err := m.orgs.Put(ctx, Org{OrgID: "acme", Name: "Acme Inc"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := m.orgs.Get(ctx, Org{OrgID: "acme"}); got.Name != "Acme Inc" {
		t.Errorf("after Put: %+v", got)
	}
	if err := m.orgs.Delete(ctx, Org{OrgID: "acme"}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.orgs.Get(ctx, Org{OrgID: "acme"}); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("after Delete: err = %v, want ErrNotFound", err)
	}
	if err := m.orgs.Delete(ctx, Org{OrgID: "acme"}); err != nil {
		t.Errorf("deleting what is gone: %v", err)
	}
}

// TestModelReadsOnlyItsEntity checks that reads of a partition shared by
// several entities return only the entity's items.
func TestModelReadsOnlyItsEntity(t *testing.T) {
	m := newModels(t)
	mustCreate(t, m.orgs, Org{OrgID: "acme", Name: "Acme"})
	mustCreate(t, m.members, Member{OrgID: "acme", UserID: "alice", Role: "owner"})
	for _, id := range []string{"p1", "p2"} {
		mustCreate(t, m.projects, Project{OrgID: "acme", ProjectID: id, Name: strings.ToUpper(id)})
	}
	projects, err := m.projects.Query(Project{OrgID: "acme"}).All(ctx)
	if err != nil || len(projects) != 2 || projects[0].ProjectID != "p1" || projects[1].Name != "P2" {
		t.Errorf("projects = %+v, %v", projects, err)
	}
	// A Get of another entity's key finds nothing of this one.
	if _, err := m.projects.Get(ctx, Project{OrgID: "acme", ProjectID: "x"}); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("Get of a missing project: %v", err)
	}
	scanned, err := m.members.Scan(ctx)
	if err != nil || len(scanned) != 1 || scanned[0].UserID != "alice" {
		t.Errorf("scan of members = %+v, %v", scanned, err)
	}
	// An item written without the model, in the projects' key space, is
	// passed over, or fails a strict query.
	if err := m.table.Put(ctx, db.RawPK("ORG#acme"), db.RawSK("PROJECT#legacy"), db.Attrs(db.Item{"Name": "?"})); err != nil {
		t.Fatal(err)
	}
	if projects, err := m.projects.Query(Project{OrgID: "acme"}).All(ctx); err != nil || len(projects) != 2 {
		t.Errorf("projects beside a legacy item = %+v, %v", projects, err)
	}
	if _, err = m.projects.Query(Project{OrgID: "acme"}).Strict().All(ctx); err == nil {
		t.Error("a strict query of a mixed partition succeeded")
	}
	n, err := m.projects.Query(Project{OrgID: "acme"}).Count(ctx)
	if err != nil || n != 2 {
		t.Errorf("Count = %d, %v; want 2", n, err)
	}
	// The inverse index: alice's orgs.
	mine, err := m.members.Query(Member{UserID: "alice"}).On(db.InverseGlobalIndex).All(ctx)
	if err != nil || len(mine) != 1 || mine[0].Role != "owner" {
		t.Errorf("alice's memberships = %+v, %v", mine, err)
	}
}

// joined lists the ids of values, or says the error.
func joined[T any](vs []T, err error, id func(T) string) string {
	if err != nil {
		return err.Error()
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = id(v)
	}
	return strings.Join(out, " ")
}

func mustCreate[T any](t *testing.T, m *db.Model[T], v T) T {
	t.Helper()
	out, err := m.Create(ctx, v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestModelSortsByTemplates checks queries by leading fields and ranges
// over the next: tasks by status, then due date, then a number.
func TestModelSortsByTemplates(t *testing.T) {
	m := newModels(t)
	day := func(d int) time.Time { return time.Date(2026, 1, d, 9, 0, 0, 0, time.UTC) }
	for i, tc := range []struct {
		status string
		due    int
		seq    int
	}{{"open", 3, 10}, {"open", 1, 9}, {"open", 2, 100}, {"done", 1, 1}, {"open", 2, 7}} {
		mustCreate(t, m.tasks, Task{OrgID: "acme", TaskID: fmt.Sprint("t", i), Status: tc.status, Due: day(tc.due), Seq: tc.seq})
	}
	ids := func(ts []Task, err error) string { return joined(ts, err, func(x Task) string { return x.TaskID }) }
	open := m.tasks.Query(Task{OrgID: "acme", Status: "open"}).On(byStatus)
	for name, tc := range map[string]struct {
		got, want string
	}{
		"open by due":        {ids(open.All(ctx)), "t1 t4 t2 t0"},
		"open, due day 2":    {ids(open.BeginsWith(Task{Due: day(2)}).All(ctx)), "t4 t2"},
		"open from day 2":    {ids(open.From(Task{Due: day(2)}).All(ctx)), "t4 t2 t0"},
		"open to day 2":      {ids(open.To(Task{Due: day(2)}).All(ctx)), "t1 t4 t2"},
		"open, days 2 to 3":  {ids(open.Between(Task{Due: day(2)}, Task{Due: day(3)}).All(ctx)), "t4 t2 t0"},
		"open, last first":   {ids(open.All(ctx, db.Reverse(), db.Limit(2))), "t0 t2"},
		"exact key":          {ids(open.BeginsWith(Task{Due: day(2), Seq: 7}).All(ctx)), "t4"},
		"all statuses":       {ids(m.tasks.Query(Task{OrgID: "acme"}).On(byStatus).All(ctx)), "t3 t1 t4 t2 t0"},
		"primary, by TaskID": {ids(m.tasks.Query(Task{OrgID: "acme"}).All(ctx)), "t0 t1 t2 t3 t4"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %s, want %s", name, tc.got, tc.want)
		}
	}
	// Pages of a query, resumed with their cursors.
	var pages []string
	for next := ""; ; {
		p, err := open.Page(ctx, db.Limit(3), db.After(next))
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, ids(p.Items, nil))
		if next = p.Next; next == "" || len(pages) > 3 {
			break
		}
	}
	if got := strings.Join(pages, "|"); got != "t1 t4 t2|t0" && got != "t1 t4 t2|t0|" {
		t.Errorf("pages = %q", pages)
	}
}

func TestModelVersions(t *testing.T) {
	m := newModels(t)
	p := mustCreate(t, m.projects, Project{OrgID: "acme", ProjectID: "p1", Name: "One"})
	if p.Version != 1 || p.CreatedAt.IsZero() || p.UpdatedAt.IsZero() {
		t.Errorf("created = %+v, want version 1 and stamps", p)
	}
	p.Name = "Uno"
	p2, err := m.projects.Put(ctx, p)
	if err != nil || p2.Version != 2 {
		t.Fatalf("Put = %+v, %v; want version 2", p2, err)
	}
	if _, err := m.projects.Put(ctx, p); !errors.Is(err, db.ErrVersionConflict) || !errors.Is(err, db.ErrConditionFailed) {
		t.Errorf("Put at a stale version: err = %v, want ErrVersionConflict", err)
	}
	p3, err := m.projects.Patch(ctx, Project{OrgID: "acme", ProjectID: "p1", Name: "Eins", Version: 2}, "Name")
	if err != nil || p3.Version != 3 || p3.Name != "Eins" || !p3.CreatedAt.Equal(p.CreatedAt) {
		t.Errorf("Patch = %+v, %v; want version 3, the name, and the first CreatedAt", p3, err)
	}
	if _, err := m.projects.Patch(ctx, Project{OrgID: "acme", ProjectID: "p1", Name: "x", Version: 2}, "Name"); !errors.Is(err, db.ErrVersionConflict) {
		t.Errorf("Patch at a stale version: err = %v, want ErrVersionConflict", err)
	}
	if _, err := m.projects.Patch(ctx, Project{OrgID: "acme", ProjectID: "nope", Name: "x"}, "Name"); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("Patch of a missing project: err = %v, want ErrNotFound", err)
	}
	if err := m.projects.Delete(ctx, Project{OrgID: "acme", ProjectID: "p1", Version: 2}); !errors.Is(err, db.ErrVersionConflict) {
		t.Errorf("Delete at a stale version: err = %v, want ErrVersionConflict", err)
	}
	if err := m.projects.Delete(ctx, p3); err != nil {
		t.Errorf("Delete at the version: %v", err)
	}
}

func TestModelUniqueFields(t *testing.T) {
	m := newModels(t)
	mustCreate(t, m.accounts, Account{UserID: "alice", Email: "a@example.com"})
	_, err := m.accounts.Create(ctx, Account{UserID: "bob", Email: "a@example.com"})
	if !errors.Is(err, db.ErrNotUnique) {
		t.Fatalf("a taken email: err = %v, want ErrNotUnique", err)
	}
	if _, err := m.accounts.Get(ctx, Account{UserID: "bob"}); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("the refused account was written: %v", err)
	}
	// Alice changes her email: the old one is free again.
	if _, err := m.accounts.Patch(ctx, Account{UserID: "alice", Email: "alice@example.com"}, "Email"); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, m.accounts, Account{UserID: "bob", Email: "a@example.com"})
	if _, err := m.accounts.Put(ctx, Account{UserID: "bob", Email: "alice@example.com"}); !errors.Is(err, db.ErrNotUnique) {
		t.Errorf("Put to a taken email: err = %v, want ErrNotUnique", err)
	}
	if err := m.accounts.Delete(ctx, Account{UserID: "alice"}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.accounts.Put(ctx, Account{UserID: "bob", Email: "alice@example.com", Name: "Bob"}); err != nil {
		t.Errorf("Put to the email freed by a delete: %v", err)
	}
	// Guards are items of their own, never read as accounts.
	all, err := m.accounts.Scan(ctx)
	if err != nil || len(all) != 1 || all[0].Name != "Bob" {
		t.Errorf("accounts = %+v, %v", all, err)
	}
	n, err := m.table.ScanCount(ctx)
	if err != nil || n != 2 {
		t.Errorf("%d items in the table, %v; want bob and one guard", n, err)
	}
}

func TestModelTransactions(t *testing.T) {
	m := newModels(t)
	err := m.table.TransactWrite(ctx,
		m.orgs.CreateArg(Org{OrgID: "acme", Name: "Acme"}),
		m.members.CreateArg(Member{OrgID: "acme", UserID: "alice", Role: "owner"}),
		m.accounts.CreateArg(Account{UserID: "alice", Email: "a@example.com"}))
	if err != nil {
		t.Fatal(err)
	}
	err = m.table.TransactWrite(ctx,
		m.members.CreateArg(Member{OrgID: "acme", UserID: "bob"}),
		m.accounts.CreateArg(Account{UserID: "bob", Email: "a@example.com"}))
	var tce *db.TransactionCanceledError
	if !errors.As(err, &tce) || !errors.Is(err, db.ErrNotUnique) || tce.Failed()[0].Index != 1 {
		t.Fatalf("err = %v, want a cancellation by item 1's email", err)
	}
	if _, err := m.members.Get(ctx, Member{OrgID: "acme", UserID: "bob"}); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("bob's membership was written: %v", err)
	}
	err = m.table.TransactWrite(ctx,
		m.members.PatchArg(Member{OrgID: "acme", UserID: "alice", Role: "admin"}, "Role"),
		m.orgs.DeleteArg(Org{OrgID: "acme"}))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := m.members.Get(ctx, Member{OrgID: "acme", UserID: "alice"}); err != nil || got.Role != "admin" {
		t.Errorf("alice = %+v, %v", got, err)
	}
}

type invalidName struct{ ID string }

func (v invalidName) Validate() error {
	if strings.ContainsAny(v.ID, " ") {
		return errors.New("no spaces")
	}
	return nil
}

func TestModelDeclarationsAndArguments(t *testing.T) {
	table := db.NewTable(&noCalls{}, "Table", db.WithIndexes(db.InverseGlobalIndex, byStatus))
	for name, err := range map[string]error{
		"no keys":          db.NewModel[Org](table, "ORG").Err(),
		"unknown field":    db.NewModel[Org](table, "ORG", db.Keys("ORG#{Nope}", "X")).Err(),
		"adjacent fields":  db.NewModel[Org](table, "ORG", db.Keys("ORG#{OrgID}{Name}", "X")).Err(),
		"unclosed":         db.NewModel[Org](table, "ORG", db.Keys("ORG#{OrgID", "X")).Err(),
		"unsortable type":  db.NewModel[struct{ F float64 }](table, "F", db.Keys("F#{F}", "X")).Err(),
		"not a struct":     db.NewModel[string](table, "S", db.Keys("S", "S")).Err(),
		"bad name":         db.NewModel[Org](table, "A#B", db.Keys("A", "B")).Err(),
		"unknown index":    db.NewModel[Org](table, "ORG", db.Keys("A", "B"), db.IndexKeys(db.GlobalIndex("GSI_9", "X", "Y"), "A", "B")).Err(),
		"index twice":      db.NewModel[Org](table, "ORG", db.Keys("A", "B"), db.IndexKeys(byStatus, "A", "B"), db.IndexKeys(byStatus, "A", "B")).Err(),
		"version not int":  db.NewModel[Org](table, "ORG", db.Keys("A", "B"), db.Versioned("Name")).Err(),
		"key attribute":    db.NewModel[struct{ PK, X string }](table, "K", db.Keys("K#{X}", "K")).Err(),
		"no sort template": db.NewModel[Org](table, "ORG", db.Keys("A", "")).Err(),
	} {
		if !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: Err = %v, want ErrInvalidArgument", name, err)
		}
	}
	orgs := db.NewModel[Org](table, "ORG", db.Keys("ORG#{OrgID}", "ORG#{OrgID}"))
	projects := db.NewModel[Project](table, "PROJECT", db.Keys("ORG#{OrgID}", "PROJECT#{ProjectID}"))
	named := db.NewModel[invalidName](table, "NAMED", db.Keys("N#{ID}", "N"))
	for name, err := range map[string]error{
		"empty key field":     first(orgs.Create(ctx, Org{Name: "no id"})),
		"get without key":     first(orgs.Get(ctx, Org{})),
		"patch no fields":     first(projects.Patch(ctx, Project{OrgID: "a", ProjectID: "b"})),
		"patch key field":     first(projects.Patch(ctx, Project{OrgID: "a", ProjectID: "b"}, "ProjectID")),
		"patch unknown field": first(projects.Patch(ctx, Project{OrgID: "a", ProjectID: "b"}, "Nope")),
		"query no partition":  first(projects.Query(Project{}).All(ctx)),
		"query other index":   first(projects.Query(Project{OrgID: "a"}).On(byStatus).All(ctx)),
		"query with options":  first(projects.Query(Project{OrgID: "a"}).All(ctx, db.SortKeyEq(db.RawSK("x")))),
		"validation":          first(named.Create(ctx, invalidName{ID: "a b"})),
	} {
		if !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
}

func first[T any](_ T, err error) error { return err }

// OrgView is the org collection: an org with its members and projects.
type OrgView struct {
	Orgs     []Org
	Members  []Member
	Projects []Project
}

func TestCollections(t *testing.T) {
	m := newModels(t)
	view := db.NewCollection[OrgView]("org", m.table.Indexes()[0].Project(), m.orgs)
	if view.Err() == nil {
		t.Error("a collection on an index its members do not declare was accepted")
	}
	orgView := db.NewCollection[OrgView]("org", db.PrimaryIndex, m.orgs, m.members, m.projects)
	if err := orgView.Err(); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, m.orgs, Org{OrgID: "acme", Name: "Acme"})
	mustCreate(t, m.orgs, Org{OrgID: "other", Name: "Other"})
	for _, u := range []string{"alice", "bob"} {
		mustCreate(t, m.members, Member{OrgID: "acme", UserID: u})
	}
	mustCreate(t, m.projects, Project{OrgID: "acme", ProjectID: "p1"})
	mustCreate(t, m.tasks, Task{OrgID: "acme", TaskID: "t1", Status: "open"})
	got, err := orgView.Query(ctx, Org{OrgID: "acme"})
	if err != nil || len(got.Orgs) != 1 || got.Orgs[0].Name != "Acme" || len(got.Members) != 2 || len(got.Projects) != 1 {
		t.Errorf("org view = %+v, %v", got, err)
	}
	// Delete the org with its members and projects, two items a call.
	var deleted int
	next := ""
	for calls := 0; calls < 5; calls++ {
		report, err := orgView.Delete(ctx, Member{OrgID: "acme"}, db.Limit(2), db.After(next))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range report.Deleted {
			deleted += n
		}
		if next = report.Next; next == "" {
			break
		}
	}
	if deleted != 4 || next != "" {
		t.Errorf("deleted %d items, next %q; want 4 and done", deleted, next)
	}
	got, err = orgView.Query(ctx, Org{OrgID: "acme"})
	if err != nil || len(got.Orgs)+len(got.Members)+len(got.Projects) != 0 {
		t.Errorf("after the delete: %+v, %v", got, err)
	}
	// The task is not a member: it stays, as does the other org.
	if _, err := m.tasks.Get(ctx, Task{OrgID: "acme", TaskID: "t1"}); err != nil {
		t.Errorf("the task: %v", err)
	}
	if _, err := m.orgs.Get(ctx, Org{OrgID: "other"}); err != nil {
		t.Errorf("the other org: %v", err)
	}
	for name, err := range map[string]error{
		"no members":         db.NewCollection[OrgView]("x", db.PrimaryIndex).Err(),
		"no field":           db.NewCollection[struct{ Orgs []Org }]("x", db.PrimaryIndex, m.orgs, m.members).Err(),
		"partitions differ":  db.NewCollection[OrgView]("x", db.PrimaryIndex, m.orgs, m.accounts).Err(),
		"no keys there":      db.NewCollection[OrgView]("x", byStatus, m.members).Err(),
		"not a struct":       db.NewCollection[[]Org]("x", db.PrimaryIndex, m.orgs).Err(),
		"two fields of type": db.NewCollection[struct{ A, B []Org }]("x", db.PrimaryIndex, m.orgs).Err(),
	} {
		if !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: Err = %v, want ErrInvalidArgument", name, err)
		}
	}
	// Members by user, on the inverse index, is a collection too.
	if err := db.NewCollection[OrgView]("by user", db.InverseGlobalIndex, m.members).Err(); err != nil {
		t.Errorf("a collection on the inverse index: %v", err)
	}
}

func TestCollectionDeletesGuards(t *testing.T) {
	m := newModels(t)
	accounts := db.NewCollection[struct{ Accounts []Account }]("account", db.PrimaryIndex, m.accounts)
	mustCreate(t, m.accounts, Account{UserID: "alice", Email: "a@example.com"})
	report, err := accounts.Delete(ctx, Account{UserID: "alice"})
	if err != nil || report.Deleted["ACCOUNT"] != 1 || report.Guards != 1 || report.Next != "" {
		t.Errorf("report = %+v, %v", report, err)
	}
	if n, err := m.table.ScanCount(ctx); err != nil || n != 0 {
		t.Errorf("%d items left, %v", n, err)
	}
}

func TestAccessPatterns(t *testing.T) {
	m := newModels(t)
	got := m.table.AccessPatterns().String()
	for _, want := range []string{
		"| ORG | primary | `PK = ORG#{OrgID}` | `SK = ORG#{OrgID}` | `PK = ORG#{OrgID} AND SK = ORG#{OrgID}` |",
		"| MEMBER | GSI_1 | `SK = USER#{UserID}` | `PK = ORG#{OrgID}` | `SK = USER#{UserID} AND begins_with(PK, ORG#)` |",
		"| TASK | GSI_2 | `GSI2PK = ORG#{OrgID}` | `GSI2SK = STATUS#{Status}#{Due}#{Seq}` | `GSI2PK = ORG#{OrgID} AND begins_with(GSI2SK, STATUS#)` |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("access patterns lack\n%s\nin\n%s", want, got)
		}
	}
	if err := m.table.Check(); err != nil {
		t.Errorf("Check: %v", err)
	}
}

func TestCheckFindsMistakes(t *testing.T) {
	lean := db.GlobalIndex("Lean", "LPK", "LSK").Project()
	table := db.NewTable(&noCalls{}, "Table", db.WithIndexes(lean))
	db.NewModel[Org](table, "ORG", db.Keys("ORG#{OrgID}", "META#{OrgID}"), db.IndexKeys(lean, "ORGS", "ORG#{OrgID}"))
	db.NewModel[Org](table, "TEAM", db.Keys("ORG#{OrgID}", "META#{Name}"))
	db.NewModel[Org](table, "PLAIN", db.Keys("ORG#{OrgID}", "META"))
	db.NewModel[Account](table, "ACCOUNT", db.Keys("UNIQUE#ACCOUNT#Email#{UserID}", "UNIQUE#ACCOUNT#Email#{UserID}"), db.Unique("Email"))
	type expiring struct {
		ID string
		A  int64
		B  int64
	}
	db.NewModel[expiring](table, "E1", db.Keys("E1#{ID}", "E"), db.TTL("A"))
	db.NewModel[expiring](table, "E2", db.Keys("E2#{ID}", "E"), db.TTL("B"))
	err := table.Check()
	if err != nil && strings.Contains(err.Error(), "PLAIN") {
		t.Errorf("META and META#{Name} cannot be equal: %v", err)
	}
	for _, want := range []string{
		"ORG is read from index Lean, which does not project _entity, OrgID, Name",
		"the keys of ORG (ORG#{OrgID}, META#{OrgID}) and TEAM (ORG#{OrgID}, META#{Name}) can be equal on primary index",
		"the keys of ACCOUNT",
		"the TTL attributes A and B",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Check = %v\nwant it to say %q", err, want)
		}
	}
	db.NewModel[Org](table, "BAD", db.Keys("{Nope}", "x"))
	if err := table.Check(); !errors.Is(err, db.ErrInvalidArgument) || !strings.Contains(err.Error(), "no exported field Nope") {
		t.Errorf("Check of a bad model = %v", err)
	}
}

func TestModelBatches(t *testing.T) {
	m := newModels(t)
	var writes []db.BatchWriteArg
	var keys []Task
	for i := range 30 {
		task := Task{OrgID: "acme", TaskID: fmt.Sprintf("t%02d", i), Status: "open", Due: time.Date(2026, 1, 1+i%5, 0, 0, 0, 0, time.UTC)}
		writes = append(writes, m.tasks.BatchPut(task))
		keys = append(keys, Task{OrgID: "acme", TaskID: task.TaskID})
	}
	if err := m.table.BatchWrite(ctx, writes); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, m.orgs, Org{OrgID: "acme"})
	got, err := m.tasks.BatchGet(ctx, append(keys, Task{OrgID: "acme", TaskID: "missing"}))
	if err != nil || len(got) != 30 || got[29].TaskID != "t29" || got[0].Status != "open" {
		t.Errorf("BatchGet = %d tasks, %v", len(got), err)
	}
	// Batch writes set the index keys as Put does.
	if n, err := m.tasks.Query(Task{OrgID: "acme", Status: "open"}).On(byStatus).Count(ctx); err != nil || n != 30 {
		t.Errorf("open tasks = %d, %v; want 30", n, err)
	}
	var deletes []db.BatchWriteArg
	for _, k := range keys[:10] {
		deletes = append(deletes, m.tasks.BatchDelete(k))
	}
	if err := m.table.BatchWrite(ctx, deletes); err != nil {
		t.Fatal(err)
	}
	if n, err := m.tasks.Query(Task{OrgID: "acme"}).Count(ctx); err != nil || n != 20 {
		t.Errorf("tasks after the deletes = %d, %v; want 20", n, err)
	}
	for name, w := range map[string]db.BatchWriteArg{
		"versioned":  m.projects.BatchPut(Project{OrgID: "a", ProjectID: "b"}),
		"unique":     m.accounts.BatchDelete(Account{UserID: "a"}),
		"no key":     m.tasks.BatchPut(Task{}),
		"delete key": m.tasks.BatchDelete(Task{}),
	} {
		if err := m.table.BatchWrite(ctx, []db.BatchWriteArg{w}); !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
}

func TestModelUpdate(t *testing.T) {
	m := newModels(t)
	p := mustCreate(t, m.projects, Project{OrgID: "acme", ProjectID: "p1", Name: "One"})
	got, err := m.projects.Update(ctx, Project{OrgID: "acme", ProjectID: "p1", Version: p.Version}, db.Set("Name", "Uno"))
	if err != nil || got.Name != "Uno" || got.Version != 2 {
		t.Errorf("Update = %+v, %v; want the new name at version 2", got, err)
	}
	if _, err := m.projects.Update(ctx, Project{OrgID: "acme", ProjectID: "p1", Version: 1}, db.Set("Name", "x")); !errors.Is(err, db.ErrVersionConflict) {
		t.Errorf("Update at a stale version: err = %v", err)
	}
	if _, err := m.projects.Update(ctx, Project{OrgID: "acme", ProjectID: "nope"}, db.Set("Name", "x")); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("Update of a missing project: err = %v", err)
	}
	for name, u := range map[string]db.Update{
		"key attribute": db.Set("SK", "x"),
		"key field":     db.Set("ProjectID", "x"),
		"version":       db.Add("Version", 1),
		"entity":        db.Remove(db.EntityAttribute),
	} {
		if _, err := m.projects.Update(ctx, Project{OrgID: "acme", ProjectID: "p1"}, u); !errors.Is(err, db.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
	if _, err := m.accounts.Update(ctx, Account{UserID: "a"}, db.Set("Email", "x")); !errors.Is(err, db.ErrInvalidArgument) {
		t.Errorf("update of a unique field: err = %v, want ErrInvalidArgument", err)
	}
	mustCreate(t, m.tasks, Task{OrgID: "acme", TaskID: "t1", Status: "open"})
	if _, err := m.tasks.Update(ctx, Task{OrgID: "acme", TaskID: "t1"}, db.Set("Status", "done")); !errors.Is(err, db.ErrInvalidArgument) {
		t.Errorf("update of a field in an index's template: err = %v, want ErrInvalidArgument", err)
	}
	if got, err := m.tasks.Update(ctx, Task{OrgID: "acme", TaskID: "t1"}, db.Set("Title", "Write tests")); err != nil || got.Title != "Write tests" || got.Status != "open" {
		t.Errorf("Update of a plain field = %+v, %v", got, err)
	}
	// A patch of the fields of an index's key moves the item there; the
	// primary key's fields count as given.
	due := time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC)
	if _, err := m.tasks.Patch(ctx, Task{OrgID: "acme", TaskID: "t1", Status: "done", Due: due, Seq: 4}, "Status", "Due", "Seq"); err != nil {
		t.Fatal(err)
	}
	done, err := m.tasks.Query(Task{OrgID: "acme", Status: "done"}).On(byStatus).All(ctx)
	if err != nil || len(done) != 1 || done[0].TaskID != "t1" || !done[0].Due.Equal(due) {
		t.Errorf("done tasks after the patch = %+v, %v", done, err)
	}
	if _, err := m.tasks.Patch(ctx, Task{OrgID: "acme", TaskID: "t1", Status: "open"}, "Status"); !errors.Is(err, db.ErrInvalidArgument) {
		t.Errorf("a patch of part of an index's key: err = %v, want ErrInvalidArgument", err)
	}
}

func TestModelCheckArg(t *testing.T) {
	m := newModels(t)
	mustCreate(t, m.accounts, Account{UserID: "alice", Email: "a@example.com", Name: "Alice"})
	err := m.table.TransactWrite(ctx,
		m.accounts.CheckArg(Account{UserID: "alice"}, db.Eq("Name", "Alice")),
		m.members.CreateArg(Member{OrgID: "acme", UserID: "alice"}))
	if err != nil {
		t.Fatal(err)
	}
	err = m.table.TransactWrite(ctx,
		m.accounts.CheckArg(Account{UserID: "bob"}),
		m.members.CreateArg(Member{OrgID: "acme", UserID: "bob"}))
	var tce *db.TransactionCanceledError
	if !errors.As(err, &tce) || !errors.Is(err, db.ErrNotFound) || tce.Failed()[0].Index != 0 {
		t.Errorf("a check of a missing account: err = %v, want a cancellation by item 0 with ErrNotFound", err)
	}
	if !strings.Contains(err.Error(), "item not found") {
		t.Errorf("the message does not say why: %v", err)
	}
	k, err := m.accounts.Key(Account{UserID: "alice"})
	if err != nil || k.String() != "USER#alice ACCOUNT" {
		t.Errorf("Key = %v, %v", k, err)
	}
}

func TestModelIf(t *testing.T) {
	m := newModels(t)
	p := mustCreate(t, m.projects, Project{OrgID: "acme", ProjectID: "p1", Name: "One"})
	named := func(n string) *db.Model[Project] { return m.projects.If(db.Eq("Name", n)) }
	p.Name = "Two"
	_, err := named("Other").Put(ctx, p)
	if !errors.Is(err, db.ErrConditionFailed) || errors.Is(err, db.ErrVersionConflict) || errors.Is(err, db.ErrNotFound) {
		t.Errorf("Put whose condition fails: err = %v, want ErrConditionFailed alone", err)
	}
	if p, err = named("One").Put(ctx, p); err != nil || p.Version != 2 {
		t.Fatalf("Put whose condition holds = %+v, %v", p, err)
	}
	if _, err := named("One").Patch(ctx, Project{OrgID: "acme", ProjectID: "p1", Name: "x"}, "Name"); !errors.Is(err, db.ErrConditionFailed) || errors.Is(err, db.ErrVersionConflict) {
		t.Errorf("Patch whose condition fails: err = %v", err)
	}
	if _, err := named("Two").If(db.Gt("Version", 5)).Update(ctx, Project{OrgID: "acme", ProjectID: "p1"}, db.Set("Name", "y")); !errors.Is(err, db.ErrConditionFailed) {
		t.Errorf("Update whose second condition fails: err = %v", err)
	}
	if err := named("Nope").Delete(ctx, Project{OrgID: "acme", ProjectID: "p1"}); !errors.Is(err, db.ErrConditionFailed) {
		t.Errorf("Delete whose condition fails: err = %v", err)
	}
	if err := named("Two").Delete(ctx, Project{OrgID: "acme", ProjectID: "p1"}); err != nil {
		t.Errorf("Delete whose condition holds: %v", err)
	}
}

func TestModelReplaceInTransactions(t *testing.T) {
	m := newModels(t)
	alice := mustCreate(t, m.accounts, Account{UserID: "alice", Email: "a@example.com", Name: "Alice"})
	changed := alice
	changed.Email = "alice@example.com"
	if err := m.table.TransactWrite(ctx, m.accounts.ReplaceArg(alice, changed)); err != nil {
		t.Fatal(err)
	}
	// The old email is free, the new one taken.
	mustCreate(t, m.accounts, Account{UserID: "bob", Email: "a@example.com"})
	if _, err := m.accounts.Create(ctx, Account{UserID: "carol", Email: "alice@example.com"}); !errors.Is(err, db.ErrNotUnique) {
		t.Errorf("the new email: err = %v, want ErrNotUnique", err)
	}
	// PutArg keeps the unique fields: a stale value fails the transaction.
	changed.Name = "Alice B."
	if err := m.table.TransactWrite(ctx, m.accounts.PutArg(changed)); err != nil {
		t.Errorf("PutArg with the unique fields as stored: %v", err)
	}
	if err := m.table.TransactWrite(ctx, m.accounts.PutArg(alice)); !errors.Is(err, db.ErrConditionFailed) {
		t.Errorf("PutArg with a stale email: err = %v, want ErrConditionFailed", err)
	}
}

func TestModelSchemaVersionAndScanPages(t *testing.T) {
	m := newModels(t)
	orgs := db.NewModel[Org](m.table, "ORG2", db.Keys("ORG2#{OrgID}", "ORG2"), db.SchemaVersion(3))
	for _, id := range []string{"a", "b", "c"} {
		mustCreate(t, orgs, Org{OrgID: id})
	}
	mustCreate(t, m.orgs, Org{OrgID: "x"})
	raw, err := m.table.Get(ctx, db.RawPK("ORG2#a"), db.RawSK("ORG2"))
	if err != nil || raw[db.SchemaAttribute] != db.Number("3") {
		t.Errorf("stored = %v, %v; want schema 3", raw, err)
	}
	var seen []string
	for next, pages := "", 0; pages < 10; pages++ {
		p, err := orgs.ScanPage(ctx, db.Limit(2), db.After(next))
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range p.Items {
			seen = append(seen, o.OrgID)
		}
		if next = p.Next; next == "" {
			break
		}
	}
	if len(seen) != 3 {
		t.Errorf("scanned %v, want the three ORG2 items only", seen)
	}
}
