package main

// Three of the app's access patterns written again with the plain API of
// package db (Table methods, raw keys, attributes), without models, and
// tests that both give the same results on the same table.

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dokklib/db"
	"github.com/dokklib/db/dbtest"
	"github.com/dokklib/db/examples/saas/app"
)

// plainTasksDue is Service.TasksDue: the tasks of a project due from
// from to to, both included, by due time; a zero time leaves its end open.
func plainTasksDue(ctx context.Context, t *db.Table, orgID, projectID string, from, to time.Time) ([]app.Task, error) {
	if !to.IsZero() && to.Before(from) {
		return nil, fmt.Errorf("%w: the range ends before it begins", db.ErrInvalidArgument)
	}
	lo, hi := "DUE#", "DUE$" // '$' follows '#': hi is above every DUE# key
	if !from.IsZero() {
		lo += stamp(from)
	}
	if !to.IsZero() {
		hi = "DUE#" + stamp(to) + "$" // above the keys DUE#{to}#{TaskID}
	}
	pk := db.RawPK("ORG#" + orgID + "#PROJECT#" + projectID)
	return db.As[app.Task](t).Query(ctx, pk, db.OnIndex(app.ByProject), db.SortKeyBetween(db.RawSK(lo), db.RawSK(hi)))
}

// stamp writes a time as the keys hold it: in UTC, to the millisecond.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// plainMemberships is Service.Memberships: the memberships of a user, by
// org id, from the inverse index.
func plainMemberships(ctx context.Context, t *db.Table, userID string) ([]app.Membership, error) {
	return db.As[app.Membership](t).Query(ctx, db.RawPK("USER#"+userID), db.OnIndex(app.ByUser),
		db.SortKeyBeginsWith(db.RawPrefix("ORG#")))
}

// plainCreateOrg is Service.CreateOrg: it writes an org and the
// membership of its owner, in one transaction, if the owner exists.
func plainCreateOrg(ctx context.Context, t *db.Table, org app.Org, ownerID string) error {
	if err := org.Validate(); err != nil {
		return fmt.Errorf("%w: %w", db.ErrInvalidArgument, err)
	}
	pk, user := db.RawPK("ORG#"+org.OrgID), "USER#"+ownerID
	err := t.TransactWrite(ctx,
		db.InsertArg(pk, db.RawSK("ORG#"+org.OrgID), db.Attrs(db.Item{
			db.EntityAttribute: "ORG", "OrgID": org.OrgID, "Name": org.Name})),
		db.InsertArg(pk, db.RawSK(user), db.Attrs(db.Item{
			db.EntityAttribute: "MEMBERSHIP", "OrgID": org.OrgID, "UserID": ownerID, "Role": string(app.Owner)})),
		db.ConditionCheck(db.RawPK(user), db.RawSK(user), db.Exists("PK")))
	var tce *db.TransactionCanceledError
	if errors.As(err, &tce) && slices.ContainsFunc(tce.Failed(), func(r db.CancellationReason) bool { return r.Index == 2 }) {
		return fmt.Errorf("%w: %w", app.ErrUnknownUser, err)
	}
	return err
}

// newService returns a service on a fresh table of the test.
func newService(t *testing.T, opts ...db.TableOption) *app.Service {
	t.Helper()
	s, err := app.New(dbtest.Table(t, append(app.TableOptions(), opts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// marchOrZero returns march(day), or the zero time for 0.
func marchOrZero(day int) time.Time {
	if day == 0 {
		return time.Time{}
	}
	return march(day)
}

// seed writes, through the service, two orgs with members, projects
// named alike, and tasks due on days of March.
func seed(t *testing.T, s *app.Service) {
	ctx := context.Background()
	check := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []string{"alice", "bob", "carol"} {
		check(s.CreateUser(ctx, app.User{UserID: u, Email: u + "@example.com"}))
	}
	check(s.CreateOrg(ctx, app.Org{OrgID: "acme", Name: "Acme"}, "alice"))
	check(s.CreateOrg(ctx, app.Org{OrgID: "globex", Name: "Globex"}, "bob"))
	check(s.AddMember(ctx, "acme", "bob", app.Member))
	check(s.AddMember(ctx, "globex", "alice", app.Admin))
	for _, p := range []string{"acme/web", "acme/api", "globex/web"} {
		org, id, _ := strings.Cut(p, "/")
		check(s.CreateProject(ctx, app.Project{OrgID: org, ProjectID: id, Name: id}))
	}
	for i, tc := range []struct {
		project string
		day     int
	}{{"acme/web", 1}, {"acme/web", 3}, {"acme/web", 3}, {"acme/web", 5}, {"acme/api", 2}, {"globex/web", 3}} {
		org, id, _ := strings.Cut(tc.project, "/")
		check(s.CreateTask(ctx, app.Task{OrgID: org, ProjectID: id, TaskID: fmt.Sprint("t", i), Title: "x", Due: march(tc.day)}))
	}
}

func TestPlainTasksDueAsModels(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	seed(t, s)
	for _, project := range []string{"acme/web", "acme/api", "globex/web", "acme/none"} {
		org, id, _ := strings.Cut(project, "/")
		for _, days := range [][2]int{{0, 0}, {2, 3}, {3, 3}, {3, 0}, {0, 2}, {6, 9}, {5, 3}} {
			from, to := marchOrZero(days[0]), marchOrZero(days[1])
			want, werr := s.TasksDue(ctx, org, id, from, to)
			got, err := plainTasksDue(ctx, s.Table(), org, id, from, to)
			if !reflect.DeepEqual(got, want) || kind(err) != kind(werr) {
				t.Errorf("%s due %v: plain %+v, %v\nmodels %+v, %v", project, days, got, err, want, werr)
			}
		}
	}
}

func TestPlainMembershipsAsModels(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	seed(t, s)
	for _, user := range []string{"alice", "bob", "carol", "nobody"} {
		want, err := s.Memberships(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		got, err := plainMemberships(ctx, s.Table(), user)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("memberships of %s: plain %+v, %v\nmodels %+v", user, got, err, want)
		}
	}
}

// TestPlainCreateOrgAsModels runs the same writes with each
// implementation, on a table of its own with a clock that stands still,
// and compares what they return and what the models read back.
func TestPlainCreateOrgAsModels(t *testing.T) {
	implementations := map[string]func(context.Context, *app.Service, app.Org, string) error{
		"models": func(ctx context.Context, s *app.Service, org app.Org, owner string) error {
			_, err := s.CreateOrg(ctx, org, owner)
			return err
		},
		"plain": func(ctx context.Context, s *app.Service, org app.Org, owner string) error {
			return plainCreateOrg(ctx, s.Table(), org, owner)
		},
	}
	outcomes := map[string]string{}
	for name, createOrg := range implementations {
		outcomes[name] = createOrgsWith(t, createOrg)
	}
	if outcomes["models"] != outcomes["plain"] {
		t.Errorf("models:\n%s\nplain:\n%s", outcomes["models"], outcomes["plain"])
	}
}

// createOrgsWith creates orgs with createOrg, and writes what it returned and
// what the models read back.
func createOrgsWith(t *testing.T, createOrg func(context.Context, *app.Service, app.Org, string) error) string {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s := newService(t, db.WithClock(func() time.Time { return now }))
	if _, err := s.CreateUser(ctx, app.User{UserID: "alice", Email: "alice@example.com"}); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, tc := range []struct {
		org, name, owner string
	}{{"acme", "Acme", "alice"}, {"acme", "Acme 2", "alice"}, {"acme", "Acme 3", "nobody"}, {"initech", "Initech", "nobody"}, {"initech", "", "alice"}} {
		err := createOrg(ctx, s, app.Org{OrgID: tc.org, Name: tc.name}, tc.owner)
		fmt.Fprintf(&b, "%s %q %s: %s\n", tc.org, tc.name, tc.owner, kind(err))
	}
	for _, org := range []string{"acme", "initech"} {
		o, err := s.Org(ctx, org)
		members, merr := s.Members(ctx, org)
		fmt.Fprintf(&b, "%s: %+v %s; members %+v %s\n", org, o, kind(err), members, kind(merr))
	}
	ms, err := s.Memberships(ctx, "alice")
	fmt.Fprintf(&b, "memberships of alice: %+v %s\n", ms, kind(err))
	return b.String()
}

// kind names the kind of an error.
func kind(err error) string {
	for _, k := range []struct {
		err  error
		name string
	}{{app.ErrUnknownUser, "unknown user"}, {db.ErrNotFound, "not found"}, {db.ErrExists, "exists"}, {db.ErrInvalidArgument, "invalid"}} {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	if err != nil {
		return err.Error()
	}
	return "ok"
}
