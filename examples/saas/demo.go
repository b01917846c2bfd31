package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/dokklib/db"
	"github.com/dokklib/db/examples/saas/app"
)

// step is a step of the demo: it works with the service and writes what
// it found to w.
type step func(ctx context.Context, s *app.Service, w io.Writer) error

// demo runs the demo's steps, in order, until one fails.
func demo(ctx context.Context, s *app.Service, w io.Writer) error {
	for _, step := range []step{signUp, createOrgs, editProjects, planTasks, pageTasks, deleteOrg} {
		if err := step(ctx, s, w); err != nil {
			return err
		}
	}
	return nil
}

// march returns noon UTC on the given day of March 2026.
func march(day int) time.Time { return time.Date(2026, 3, day, 12, 0, 0, 0, time.UTC) }

// words writes each value with f, with spaces between; "none" for none.
func words[T any](vs []T, f func(T) string) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = f(v)
	}
	return cmp.Or(strings.Join(out, " "), "none")
}

func taskIDs(ts []app.Task) string { return words(ts, func(t app.Task) string { return t.TaskID }) }

// refused writes that a write was refused for the reason want, or returns
// err when it is another.
func refused(w io.Writer, what string, err, want error, why string) error {
	if !errors.Is(err, want) {
		return fmt.Errorf("%s: err = %v, want %v", what, err, want)
	}
	fmt.Fprintf(w, "%s: refused, %s\n", what, why)
	return nil
}

func signUp(ctx context.Context, s *app.Service, w io.Writer) error {
	for _, name := range []string{"Alice", "Bob", "Carol"} {
		id := strings.ToLower(name)
		if _, err := s.CreateUser(ctx, app.User{UserID: id, Email: id + "@example.com", Name: name}); err != nil {
			return err
		}
	}
	fmt.Fprintln(w, "users: alice bob carol")
	_, err := s.CreateUser(ctx, app.User{UserID: "mallory", Email: "ALICE@example.com"})
	return refused(w, "mallory signs up as ALICE@example.com", err, db.ErrNotUnique, "the email is taken")
}

func createOrgs(ctx context.Context, s *app.Service, w io.Writer) error {
	for _, org := range []struct{ id, name, owner string }{{"acme", "Acme", "alice"}, {"globex", "Globex", "bob"}} {
		if _, err := s.CreateOrg(ctx, app.Org{OrgID: org.id, Name: org.name}, org.owner); err != nil {
			return err
		}
	}
	if _, err := s.AddMember(ctx, "acme", "bob", app.Member); err != nil {
		return err
	}
	if _, err := s.AddMember(ctx, "globex", "alice", app.Admin); err != nil {
		return err
	}
	_, err := s.CreateOrg(ctx, app.Org{OrgID: "initech", Name: "Initech"}, "nobody")
	if err := refused(w, "an org owned by nobody", err, app.ErrUnknownUser, "no such user"); err != nil {
		return err
	}
	for _, org := range []string{"acme", "globex"} {
		ms, err := s.Members(ctx, org)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "members of %s: %s\n", org, words(ms, func(m app.Membership) string { return m.UserID + " (" + string(m.Role) + ")" }))
	}
	for _, user := range []string{"alice", "bob", "carol"} {
		orgs, err := s.OrgsOf(ctx, user)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "orgs of %s: %s\n", user, words(orgs, func(o app.Org) string { return o.Name }))
	}
	return nil
}

func editProjects(ctx context.Context, s *app.Service, w io.Writer) error {
	for _, p := range []app.Project{
		{OrgID: "acme", ProjectID: "web", Name: "Web"},
		{OrgID: "acme", ProjectID: "api", Name: "API"},
		{OrgID: "globex", ProjectID: "web", Name: "Web"},
	} {
		if _, err := s.CreateProject(ctx, p); err != nil {
			return err
		}
	}
	p, err := s.RenameProject(ctx, "acme", "web", "Website", 1)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "acme/web renamed %q at version 1: now at version %d\n", p.Name, p.Version)
	_, err = s.RenameProject(ctx, "acme", "web", "Site", 1)
	return refused(w, "a second rename at version 1", err, db.ErrVersionConflict, "a version conflict")
}

func planTasks(ctx context.Context, s *app.Service, w io.Writer) error {
	for _, t := range []app.Task{
		{ProjectID: "web", TaskID: "t1", Title: "Sketch the pages", Due: march(2), Status: app.Done},
		{ProjectID: "web", TaskID: "t2", Title: "Write the copy", Due: march(3)},
		{ProjectID: "web", TaskID: "t3", Title: "Build the pages", Due: march(5)},
		{ProjectID: "api", TaskID: "t4", Title: "Design the API", Due: march(1)},
		{ProjectID: "api", TaskID: "t5", Title: "Load test", Due: march(6)},
		{ProjectID: "web", TaskID: "t6", Title: "Launch", Due: march(9)},
	} {
		t.OrgID = "acme"
		if _, err := s.CreateTask(ctx, t); err != nil {
			return err
		}
	}
	due, err := s.TasksDue(ctx, "acme", "web", march(3), march(6))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "tasks of acme/web due March 3 to 6: %s\n", taskIDs(due))
	late, err := s.Overdue(ctx, "acme", march(4))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "open tasks of acme overdue on March 4: %s\n", taskIDs(late))
	if _, err := s.SetTaskStatus(ctx, "acme", "t4", app.Done); err != nil {
		return err
	}
	done, err := s.ListTasks(ctx, "acme", app.Done, "", 10)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "t4 is done; done tasks of acme: %s\n", taskIDs(done.Items))
	return nil
}

// pageTasks reads the open tasks of acme over HTTP, two a page, each page
// after the cursor of the one before.
func pageTasks(ctx context.Context, s *app.Service, w io.Writer) error {
	h := app.NewHandler(s)
	var pages []string
	for cursor := ""; ; {
		rec := httptest.NewRecorder()
		req := httptest.NewRequestWithContext(ctx, "GET", "/orgs/acme/tasks?status=open&limit=2&cursor="+url.QueryEscape(cursor), nil)
		h.ServeHTTP(rec, req)
		var page struct {
			Items []app.Task
			Next  string
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || rec.Code != http.StatusOK {
			return fmt.Errorf("GET /orgs/acme/tasks: %d %s", rec.Code, rec.Body)
		}
		ids := make([]string, len(page.Items))
		for i, t := range page.Items {
			ids[i] = t.TaskID
		}
		pages = append(pages, fmt.Sprint(ids))
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	fmt.Fprintf(w, "GET /orgs/acme/tasks?status=open&limit=2, page by page: %s\n", strings.Join(pages, " "))
	return nil
}

func deleteOrg(ctx context.Context, s *app.Service, w io.Writer) error {
	deleted, err := s.DeleteOrg(ctx, "acme")
	if err != nil {
		return err
	}
	var counts []string
	for _, entity := range slices.Sorted(maps.Keys(deleted)) {
		counts = append(counts, fmt.Sprint(deleted[entity], " ", entity))
	}
	fmt.Fprintf(w, "deleted acme: %s\n", strings.Join(counts, ", "))
	left, err := s.Export(ctx, "acme")
	if err != nil {
		return err
	}
	globex, err := s.Export(ctx, "globex")
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "left of acme: %d items; globex: %d org, %d members, %d project\n",
		len(left.Orgs)+len(left.Members)+len(left.Projects)+len(left.Tasks),
		len(globex.Orgs), len(globex.Members), len(globex.Projects))
	return nil
}
