package app_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dokklib/db"
	"github.com/dokklib/db/examples/saas/app"
)

// join writes items one a word, as f writes each.
func join[T any](items []T, f func(T) string) string {
	words := make([]string, len(items))
	for i, v := range items {
		words[i] = f(v)
	}
	return strings.Join(words, " ")
}

func taskIDs(ts []app.Task) string { return join(ts, func(t app.Task) string { return t.TaskID }) }

func orgIDs(os []app.Org) string { return join(os, func(o app.Org) string { return o.OrgID }) }

func memberships(ms []app.Membership) string {
	return join(ms, func(m app.Membership) string { return m.OrgID + "/" + m.UserID + ":" + string(m.Role) })
}

// wantErr fails the test unless err is target, per errors.Is.
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: err = %v, want %v", what, err, target)
	}
}

func TestUsersHaveUniqueEmails(t *testing.T) {
	s := newService(t)
	alice, err := s.CreateUser(ctx, app.User{UserID: "alice", Email: " Alice@Example.com", Name: "Alice"})
	if err != nil || alice.Email != "alice@example.com" || alice.CreatedAt.IsZero() {
		t.Fatalf("CreateUser = %+v, %v; want the email lower-cased and a stamp", alice, err)
	}
	_, err = s.CreateUser(ctx, app.User{UserID: "bob", Email: "ALICE@example.com"})
	wantErr(t, "bob with alice's email", err, db.ErrNotUnique)
	if _, err := s.User(ctx, "bob"); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("the refused user was written: %v", err)
	}
	_, err = s.CreateUser(ctx, app.User{UserID: "alice", Email: "other@example.com"})
	wantErr(t, "a second alice", err, db.ErrExists)
	_, err = s.CreateUser(ctx, app.User{UserID: "carol", Email: "carol"})
	wantErr(t, "an email without @", err, db.ErrInvalidArgument)

	// Alice moves to a new email: bob can have the old one, not the new.
	if _, err := s.ChangeEmail(ctx, "alice", "alice@new.example.com"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateUser(ctx, app.User{UserID: "bob", Email: "alice@example.com"}); err != nil {
		t.Errorf("the freed email: %v", err)
	}
	_, err = s.ChangeEmail(ctx, "bob", "Alice@New.example.com")
	wantErr(t, "bob to alice's new email", err, db.ErrNotUnique)
	_, err = s.ChangeEmail(ctx, "bob", "nope")
	wantErr(t, "an email without @", err, db.ErrInvalidArgument)
	_, err = s.ChangeEmail(ctx, "nobody", "nobody@example.com")
	wantErr(t, "the email of no one", err, db.ErrNotFound)
}

func TestCreateOrgWritesItsOwnerAtomically(t *testing.T) {
	s := newService(t)
	f := fixture{t, s}
	f.user("alice")
	f.user("bob")
	acme, err := s.CreateOrg(ctx, app.Org{OrgID: "acme", Name: "Acme"}, "alice")
	if err != nil || acme.Name != "Acme" || acme.CreatedAt.IsZero() {
		t.Fatalf("CreateOrg = %+v, %v", acme, err)
	}
	if got, err := s.Members(ctx, "acme"); err != nil || memberships(got) != "acme/alice:owner" {
		t.Errorf("members of acme = %s, %v", memberships(got), err)
	}
	// A taken org id: the transaction writes neither item.
	_, err = s.CreateOrg(ctx, app.Org{OrgID: "acme", Name: "Acme 2"}, "bob")
	wantErr(t, "acme again", err, db.ErrExists)
	// An owner who does not exist: nor here.
	_, err = s.CreateOrg(ctx, app.Org{OrgID: "initech", Name: "Initech"}, "nobody")
	wantErr(t, "an unknown owner", err, app.ErrUnknownUser)
	var tce *db.TransactionCanceledError
	if !errors.As(err, &tce) || !errors.Is(err, db.ErrNotFound) {
		t.Errorf("err = %v, want a cancelled transaction that wraps db.ErrNotFound", err)
	}
	_, err = s.CreateOrg(ctx, app.Org{OrgID: "initech"}, "bob")
	wantErr(t, "an org without a name", err, db.ErrInvalidArgument)
	for _, user := range []string{"bob", "nobody"} {
		if got, err := s.Memberships(ctx, user); err != nil || len(got) != 0 {
			t.Errorf("memberships of %s = %s, %v; want none", user, memberships(got), err)
		}
	}
	if _, err := s.Org(ctx, "initech"); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("the refused org was written: %v", err)
	}
}

func TestMembershipsBothWays(t *testing.T) {
	s := seeded(t)
	for _, tc := range []struct {
		name string
		got  func() ([]app.Membership, error)
		want string
	}{
		{"members of acme", func() ([]app.Membership, error) { return s.Members(ctx, "acme") }, "acme/alice:owner acme/bob:member"},
		{"members of globex", func() ([]app.Membership, error) { return s.Members(ctx, "globex") }, "globex/alice:admin globex/bob:owner"},
		{"orgs of alice", func() ([]app.Membership, error) { return s.Memberships(ctx, "alice") }, "acme/alice:owner globex/alice:admin"},
		{"orgs of carol", func() ([]app.Membership, error) { return s.Memberships(ctx, "carol") }, ""},
	} {
		if got, err := tc.got(); err != nil || memberships(got) != tc.want {
			t.Errorf("%s = %q, %v; want %q", tc.name, memberships(got), err, tc.want)
		}
	}
	orgs, err := s.OrgsOf(ctx, "bob")
	if err != nil || orgIDs(orgs) != "acme globex" || orgs[1].Name != "Org globex" {
		t.Errorf("OrgsOf(bob) = %+v, %v", orgs, err)
	}
	if orgs, err := s.OrgsOf(ctx, "carol"); err != nil || len(orgs) != 0 {
		t.Errorf("OrgsOf(carol) = %+v, %v", orgs, err)
	}
	for name, tc := range map[string]struct {
		org, user string
		role      app.Role
		want      error
	}{
		"a member again":  {"acme", "bob", app.Admin, db.ErrExists},
		"an unknown org":  {"initech", "carol", app.Member, app.ErrUnknownOrg},
		"an unknown user": {"acme", "dave", app.Member, app.ErrUnknownUser},
		"an unknown role": {"acme", "carol", "boss", db.ErrInvalidArgument},
	} {
		_, err := s.AddMember(ctx, tc.org, tc.user, tc.role)
		wantErr(t, name, err, tc.want)
	}
	if got, err := s.Memberships(ctx, "carol"); err != nil || len(got) != 0 {
		t.Errorf("carol's refused memberships were written: %s, %v", memberships(got), err)
	}
}

func TestRenameProjectChecksTheVersion(t *testing.T) {
	s := seeded(t)
	p, err := s.RenameProject(ctx, "acme", "web", "Website", 1)
	if err != nil || p.Version != 2 || p.Name != "Website" || p.CreatedAt.IsZero() {
		t.Fatalf("rename at version 1 = %+v, %v; want version 2", p, err)
	}
	_, err = s.RenameProject(ctx, "acme", "web", "Site", 1)
	wantErr(t, "a rename at a stale version", err, db.ErrVersionConflict)
	for name, err := range map[string]error{
		"no version":    second(s.RenameProject(ctx, "acme", "web", "Site", 0)),
		"no name":       second(s.RenameProject(ctx, "acme", "web", " ", 2)),
		"a new project": second(s.CreateProject(ctx, app.Project{OrgID: "acme", ProjectID: "ops"})),
	} {
		wantErr(t, name, err, db.ErrInvalidArgument)
	}
	wantErr(t, "a missing project", second(s.RenameProject(ctx, "acme", "nope", "Site", 1)), db.ErrNotFound)
	wantErr(t, "a project id taken", second(s.CreateProject(ctx, app.Project{OrgID: "acme", ProjectID: "web", Name: "W"})), db.ErrExists)
	wantErr(t, "a project of no org", second(s.CreateProject(ctx, app.Project{OrgID: "initech", ProjectID: "x", Name: "X"})), app.ErrUnknownOrg)

	// Two clients rename version 2 at once: one wins, one conflicts.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = second(s.RenameProject(ctx, "acme", "web", fmt.Sprint("Name ", i), 2))
		}()
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) || !errors.Is(errors.Join(errs...), db.ErrVersionConflict) {
		t.Errorf("concurrent renames: %v; want one conflict", errs)
	}
	projects, err := s.Projects(ctx, "acme")
	if err != nil || len(projects) != 2 || projects[0].ProjectID != "api" || projects[1].Version != 3 {
		t.Errorf("projects of acme = %+v, %v; want api, and web at version 3", projects, err)
	}
}

func second[T any](_ T, err error) error { return err }

func TestTasksDueInARange(t *testing.T) {
	s := seeded(t)
	for _, tc := range []struct {
		project  string
		from, to int // days of March; 0 leaves the end open
		want     string
	}{
		{"web", 0, 0, "w2 w1 w4 w3"}, // by due time, then id
		{"web", 2, 3, "w1 w4"},       // both ends included
		{"web", 3, 0, "w1 w4 w3"},
		{"web", 0, 2, "w2"},
		{"web", 6, 9, ""},
		{"api", 1, 31, "a1 a2"},
	} {
		got, err := s.TasksDue(ctx, "acme", tc.project, orZero(tc.from), orZero(tc.to))
		if err != nil || taskIDs(got) != tc.want {
			t.Errorf("tasks of %s due from %d to %d = %q, %v; want %q", tc.project, tc.from, tc.to, taskIDs(got), err, tc.want)
		}
	}
	wantErr(t, "a range that ends before it begins", second(s.TasksDue(ctx, "acme", "web", day(5), day(3))), db.ErrInvalidArgument)
	// globex has a project web too: its tasks are its own.
	if got, err := s.TasksDue(ctx, "globex", "web", time.Time{}, time.Time{}); err != nil || taskIDs(got) != "g1" {
		t.Errorf("tasks of globex/web = %q, %v", taskIDs(got), err)
	}
}

// orZero returns day(d), or the zero time for 0.
func orZero(d int) time.Time {
	if d == 0 {
		return time.Time{}
	}
	return day(d)
}

func TestTasksByStatus(t *testing.T) {
	s := seeded(t)
	all := func(status app.Status) string {
		t.Helper()
		page, err := s.ListTasks(ctx, "acme", status, "", 100)
		if err != nil || page.Next != "" {
			t.Fatalf("ListTasks(%q) = %+v, %v", status, page, err)
		}
		return taskIDs(page.Items)
	}
	for status, want := range map[app.Status]string{
		app.Open: "w2 a1 w1 w4",
		app.Done: "a2 w3",
		"":       "a2 w3 w2 a1 w1 w4", // done before open, each by due time
	} {
		if got := all(status); got != want {
			t.Errorf("tasks with status %q = %q, want %q", status, got, want)
		}
	}
	if got, err := s.Overdue(ctx, "acme", day(2)); err != nil || taskIDs(got) != "w2 a1" {
		t.Errorf("overdue on day 2 = %q, %v", taskIDs(got), err)
	}
	// Closing a task moves it from the open tasks to the done.
	w1, err := s.SetTaskStatus(ctx, "acme", "w1", app.Done)
	if err != nil || w1.Status != app.Done || w1.Version != 2 || !w1.Due.Equal(day(3)) {
		t.Fatalf("SetTaskStatus = %+v, %v", w1, err)
	}
	if got, want := all(app.Open)+" | "+all(app.Done), "w2 a1 w4 | w1 a2 w3"; got != want {
		t.Errorf("open | done = %q, want %q", got, want)
	}
	if got, err := s.TasksDue(ctx, "acme", "web", day(3), day(3)); err != nil || taskIDs(got) != "w1 w4" {
		t.Errorf("the closed task left the project's listing: %q, %v", taskIDs(got), err)
	}
	wantErr(t, "a status of no task", second(s.SetTaskStatus(ctx, "acme", "nope", app.Done)), db.ErrNotFound)
	wantErr(t, "an unknown status", second(s.SetTaskStatus(ctx, "acme", "w2", "later")), db.ErrInvalidArgument)
	wantErr(t, "listing an unknown status", second(s.ListTasks(ctx, "acme", "later", "", 10)), db.ErrInvalidArgument)
}

func TestCreateTask(t *testing.T) {
	s := seeded(t)
	task, err := s.CreateTask(ctx, app.Task{OrgID: "acme", ProjectID: "api", Title: "Docs", Due: day(9).In(time.FixedZone("CET", 3600))})
	if err != nil || task.TaskID == "" || task.Status != app.Open || task.Version != 1 || task.Due.Location() != time.UTC {
		t.Fatalf("CreateTask = %+v, %v; want a fresh id, open, version 1, due in UTC", task, err)
	}
	if got, err := s.TasksDue(ctx, "acme", "api", day(9), day(9)); err != nil || taskIDs(got) != task.TaskID {
		t.Errorf("tasks due on day 9 = %q, %v", taskIDs(got), err)
	}
	for name, tc := range map[string]struct {
		task app.Task
		want error
	}{
		"in no project":   {app.Task{OrgID: "acme", ProjectID: "nope", Title: "x", Due: day(1)}, app.ErrUnknownProject},
		"in another org":  {app.Task{OrgID: "globex", ProjectID: "api", Title: "x", Due: day(1)}, app.ErrUnknownProject},
		"due at no time":  {app.Task{OrgID: "acme", ProjectID: "api", Title: "x"}, db.ErrInvalidArgument},
		"with no title":   {app.Task{OrgID: "acme", ProjectID: "api", Due: day(1)}, db.ErrInvalidArgument},
		"an id taken":     {app.Task{OrgID: "acme", ProjectID: "api", TaskID: "w1", Title: "x", Due: day(1)}, db.ErrExists},
		"a status so odd": {app.Task{OrgID: "acme", ProjectID: "api", Title: "x", Due: day(1), Status: "odd"}, db.ErrInvalidArgument},
	} {
		wantErr(t, name, second(s.CreateTask(ctx, tc.task)), tc.want)
	}
}

func TestListTasksInPages(t *testing.T) {
	s := seeded(t)
	var pages []string
	for cursor := ""; len(pages) < 10; {
		page, err := s.ListTasks(ctx, "acme", "", cursor, 4)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, taskIDs(page.Items))
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	if got := strings.Join(pages, " | "); got != "a2 w3 w2 a1 | w1 w4" {
		t.Errorf("pages = %q", got)
	}
	// A cursor resumes only its own listing.
	page, err := s.ListTasks(ctx, "acme", app.Open, "", 1)
	if err != nil || page.Next == "" {
		t.Fatalf("first page of the open tasks = %+v, %v", page, err)
	}
	for name, tc := range map[string]struct {
		org    string
		status app.Status
		cursor string
	}{
		"another status":   {"acme", app.Done, page.Next},
		"every status":     {"acme", "", page.Next},
		"another org":      {"globex", app.Open, page.Next},
		"a changed cursor": {"acme", app.Open, page.Next[:len(page.Next)-2] + "AA"},
	} {
		wantErr(t, name, second(s.ListTasks(ctx, tc.org, tc.status, tc.cursor, 1)), db.ErrInvalidArgument)
	}
}
