package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/dokklib/db/dbtest"
	"github.com/dokklib/db/examples/saas/app"
)

var ctx = context.Background()

// newService returns a service on a fresh table of the test: on the
// embedded engine, or on DYNAMODB_ENDPOINT when it is set.
func newService(t *testing.T, opts ...app.Option) *app.Service {
	t.Helper()
	s, err := app.New(dbtest.Table(t, app.TableOptions()...), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// day returns 09:00 UTC on the given day of March 2026.
func day(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }

// fixture writes through the service, failing the test on an error.
type fixture struct {
	t *testing.T
	s *app.Service
}

func (f fixture) check(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f fixture) user(id string) {
	f.t.Helper()
	_, err := f.s.CreateUser(ctx, app.User{UserID: id, Email: id + "@example.com", Name: id})
	f.check(err)
}

func (f fixture) org(id, owner string) {
	f.t.Helper()
	_, err := f.s.CreateOrg(ctx, app.Org{OrgID: id, Name: "Org " + id}, owner)
	f.check(err)
}

func (f fixture) member(org, user string, role app.Role) {
	f.t.Helper()
	_, err := f.s.AddMember(ctx, org, user, role)
	f.check(err)
}

func (f fixture) project(org, id string) {
	f.t.Helper()
	_, err := f.s.CreateProject(ctx, app.Project{OrgID: org, ProjectID: id, Name: "Project " + id})
	f.check(err)
}

func (f fixture) task(org, project, id string, status app.Status, due time.Time) {
	f.t.Helper()
	_, err := f.s.CreateTask(ctx, app.Task{OrgID: org, ProjectID: project, TaskID: id, Title: "Task " + id, Status: status, Due: due})
	f.check(err)
}

// seeded returns a service with two orgs:
//
//	acme:   owner alice, member bob; projects web and api
//	globex: owner bob, admin alice; project web (an id acme has too)
//
// and tasks, by project, with their status and day of March:
//
//	acme/web:   w1 open 3, w2 open 1, w3 done 5, w4 open 3
//	acme/api:   a1 open 2, a2 done 4
//	globex/web: g1 open 3
func seeded(t *testing.T, opts ...app.Option) *app.Service {
	t.Helper()
	f := fixture{t, newService(t, opts...)}
	for _, u := range []string{"alice", "bob", "carol"} {
		f.user(u)
	}
	f.org("acme", "alice")
	f.org("globex", "bob")
	f.member("acme", "bob", app.Member)
	f.member("globex", "alice", app.Admin)
	f.project("acme", "web")
	f.project("acme", "api")
	f.project("globex", "web")
	for _, tc := range []struct {
		org, project, id string
		status           app.Status
		day              int
	}{
		{"acme", "web", "w1", app.Open, 3}, {"acme", "web", "w2", app.Open, 1},
		{"acme", "web", "w3", app.Done, 5}, {"acme", "web", "w4", app.Open, 3},
		{"acme", "api", "a1", app.Open, 2}, {"acme", "api", "a2", app.Done, 4},
		{"globex", "web", "g1", app.Open, 3},
	} {
		f.task(tc.org, tc.project, tc.id, tc.status, day(tc.day))
	}
	return f.s
}
