package app_test

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dokklib/db"
	"github.com/dokklib/db/examples/saas/app"
)

// acmeItems counts the items of acme's partition by entity, as seeded.
var acmeItems = map[string]int{"ORG": 1, "MEMBERSHIP": 2, "PROJECT": 2, "TASK": 6}

func TestDeleteOrgLeavesNothingOfIt(t *testing.T) {
	s := seeded(t, app.WithDeleteBatch(3))
	globex, err := s.Export(ctx, "globex")
	if err != nil || len(globex.Orgs)+len(globex.Members)+len(globex.Projects)+len(globex.Tasks) != 5 {
		t.Fatalf("globex = %+v, %v", globex, err)
	}
	deleted, err := s.DeleteOrg(ctx, "acme")
	if err != nil || !maps.Equal(deleted, acmeItems) {
		t.Fatalf("DeleteOrg = %v, %v; want %v", deleted, err, acmeItems)
	}
	// No item of the table is acme's, or points to it.
	items, err := s.Table().Scan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, item := range items {
		if item["OrgID"] == "acme" || strings.Contains(item["PK"].(string), "acme") || strings.Contains(item["SK"].(string), "acme") {
			t.Errorf("left behind: %v", item)
		}
	}
	// The other org is untouched, and the users stay, with their emails.
	if after, err := s.Export(ctx, "globex"); err != nil || !reflect.DeepEqual(after, globex) {
		t.Errorf("globex after = %+v, %v\nwant %+v", after, err, globex)
	}
	if orgs, err := s.OrgsOf(ctx, "bob"); err != nil || orgIDs(orgs) != "globex" {
		t.Errorf("orgs of bob = %q, %v", orgIDs(orgs), err)
	}
	wantErr(t, "alice's email", second(s.CreateUser(ctx, app.User{UserID: "eve", Email: "alice@example.com"})), db.ErrNotUnique)
	// Writes into the deleted org fail: they check what they refer to.
	wantErr(t, "a member", second(s.AddMember(ctx, "acme", "carol", app.Member)), app.ErrUnknownOrg)
	wantErr(t, "a project", second(s.CreateProject(ctx, app.Project{OrgID: "acme", ProjectID: "new", Name: "New"})), app.ErrUnknownOrg)
	wantErr(t, "a task", second(s.CreateTask(ctx, app.Task{OrgID: "acme", ProjectID: "web", Title: "x", Due: day(1)})), app.ErrUnknownProject)
	if again, err := s.DeleteOrg(ctx, "acme"); err != nil || len(again) != 0 {
		t.Errorf("deleting acme again = %v, %v; want nothing", again, err)
	}
}

// failingWrites is a client whose BatchWriteItem fails at the given call.
type failingWrites struct {
	db.Client
	calls, failAt atomic.Int32
}

var errNetwork = errors.New("network down")

func (c *failingWrites) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	if c.calls.Add(1) == c.failAt.Load() {
		return nil, errNetwork
	}
	return c.Client.BatchWriteItem(ctx, in, opts...)
}

func TestDeleteOrgFinishesWhenRunAgain(t *testing.T) {
	s := seeded(t)
	// The same table, through a client that fails the third batch.
	client := &failingWrites{Client: s.Table().Client()}
	client.failAt.Store(3)
	failing, err := app.New(db.NewTable(client, s.Table().Name(), app.TableOptions()...), app.WithDeleteBatch(2))
	if err != nil {
		t.Fatal(err)
	}
	first, err := failing.DeleteOrg(ctx, "acme")
	if !errors.Is(err, errNetwork) || sum(first) != 4 {
		t.Fatalf("first run = %v, %v; want 4 items deleted, then the failure", first, err)
	}
	rest, err := failing.DeleteOrg(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	for entity, n := range first {
		rest[entity] += n
	}
	if !maps.Equal(rest, acmeItems) {
		t.Errorf("deleted in the two runs: %v, want %v", rest, acmeItems)
	}
	if data, err := s.Export(ctx, "acme"); err != nil || !reflect.DeepEqual(data, app.OrgData{}) {
		t.Errorf("acme after = %+v, %v", data, err)
	}
}

func sum(counts map[string]int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}
