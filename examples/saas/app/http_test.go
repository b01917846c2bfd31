package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dokklib/db"
	"github.com/dokklib/db/examples/saas/app"
)

// send sends a request with a JSON body, if any, and returns the status
// code and the body of the reply.
func send(t *testing.T, srv *httptest.Server, method, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func TestHTTPTaskPagesRoundTrip(t *testing.T) {
	s := seeded(t)
	f := fixture{t, s}
	for i := range 6 {
		f.task("acme", "api", fmt.Sprint("x", i), app.Open, day(10+i))
	}
	want, err := s.ListTasks(ctx, "acme", app.Open, "", app.MaxPageSize)
	if err != nil || len(want.Items) != 10 {
		t.Fatalf("open tasks = %d, %v", len(want.Items), err)
	}
	srv := httptest.NewServer(app.NewHandler(s))
	defer srv.Close()

	var got []string
	pages, cursor := 0, ""
	for ; pages < 10; pages++ {
		code, body := send(t, srv, "GET", "/orgs/acme/tasks?status=open&limit=3&cursor="+url.QueryEscape(cursor), "")
		var page struct {
			Items []map[string]any
			Next  string
		}
		if err := json.Unmarshal([]byte(body), &page); code != http.StatusOK || err != nil || len(page.Items) > 3 {
			t.Fatalf("page %d: %d %s (%v)", pages, code, body, err)
		}
		for _, item := range page.Items {
			if _, isNumber := item["version"].(float64); !isNumber || item["status"] != "open" {
				t.Errorf("item %v: want a numeric version, and open", item)
			}
			got = append(got, item["task_id"].(string))
		}
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	if strings.Join(got, " ") != taskIDs(want.Items) || pages < 3 {
		t.Errorf("in %d pages: %v\nwant %s", pages+1, got, taskIDs(want.Items))
	}

	// The cursor of one listing is refused by another; limits are bounded.
	_, body := send(t, srv, "GET", "/orgs/acme/tasks?status=open&limit=3", "")
	var first struct{ Next string }
	if err := json.Unmarshal([]byte(body), &first); err != nil || first.Next == "" {
		t.Fatalf("first page: %s", body)
	}
	for _, query := range []string{
		"status=done&cursor=" + first.Next,
		"cursor=" + first.Next,
		"status=open&cursor=" + first.Next + "x",
		"status=later",
		"limit=0",
		"limit=101",
		"limit=ten",
	} {
		if code, body := send(t, srv, "GET", "/orgs/acme/tasks?"+query, ""); code != http.StatusBadRequest || !strings.Contains(body, `"error"`) {
			t.Errorf("?%s: %d %s; want 400 and an error", query, code, body)
		}
	}
	if code, body := send(t, srv, "GET", "/orgs/initech/tasks", ""); code != http.StatusOK || body != "{\"items\":[]}\n" {
		t.Errorf("the tasks of no org: %d %s", code, body)
	}
}

func TestHTTPRoutes(t *testing.T) {
	srv := httptest.NewServer(app.NewHandler(newService(t)))
	defer srv.Close()
	for i, step := range []struct {
		method, path, body string
		code               int
		want               string // in the reply
	}{
		{"POST", "/users", `{"user_id":"alice","email":"Alice@example.com","name":"Alice"}`, 201, `"email":"alice@example.com"`},
		{"POST", "/users", `{"user_id":"bob","email":"alice@example.com"}`, 409, "another user has that email"},
		{"POST", "/users", `{"user_id":"bob","email":"bob@example.com","name":"Bob"}`, 201, `"user_id":"bob"`},
		{"POST", "/users", `{"user_id":"eve","email":"eve@example.com","admin":true}`, 400, "unknown field"},
		{"PATCH", "/users/bob", `{"email":"robert@example.com"}`, 200, `"email":"robert@example.com"`},
		{"PATCH", "/users/bob", `{"email":"robert"}`, 400, "not an address"},
		{"POST", "/orgs", `{"org_id":"acme","name":"Acme","owner":"alice"}`, 201, `"name":"Acme"`},
		{"POST", "/orgs", `{"org_id":"acme","name":"Acme","owner":"bob"}`, 409, "id is taken"},
		{"POST", "/orgs", `{"org_id":"initech","name":"Initech","owner":"nobody"}`, 404, "no such user"},
		{"POST", "/orgs", `not json`, 400, "body"},
		{"PUT", "/orgs/acme/members/bob", `{"role":"admin"}`, 201, `"role":"admin"`},
		{"PUT", "/orgs/acme/members/carol", `{"role":"admin"}`, 404, "no such user"},
		{"PUT", "/orgs/initech/members/bob", `{"role":"admin"}`, 404, "no such org"},
		{"GET", "/orgs/acme/members", "", 200, `"user_id":"alice","role":"owner"`},
		{"GET", "/users/bob/orgs", "", 200, `{"items":[{"org_id":"acme","name":"Acme"`},
		{"POST", "/orgs/acme/projects", `{"project_id":"web","name":"Web"}`, 201, `"version":1`},
		{"PATCH", "/orgs/acme/projects/web", `{"name":"Website","version":1}`, 200, `"name":"Website","version":2`},
		{"PATCH", "/orgs/acme/projects/web", `{"name":"Site","version":1}`, 409, "version conflict"},
		{"PATCH", "/orgs/acme/projects/web", `{"name":"Site"}`, 400, "version"},
		{"PATCH", "/orgs/acme/projects/nope", `{"name":"Site","version":1}`, 404, `{"error":"not found"}`},
		{"POST", "/orgs/acme/projects/web/tasks", `{"task_id":"t1","title":"Ship","due":"2026-03-02T09:00:00Z"}`, 201, `"status":"open"`},
		{"POST", "/orgs/acme/projects/web/tasks", `{"task_id":"t2","title":"Test","due":"2026-03-04T10:00:00+01:00"}`, 201, `"due":"2026-03-04T09:00:00Z"`},
		{"POST", "/orgs/acme/projects/web/tasks", `{"title":"Undated"}`, 400, "due"},
		{"POST", "/orgs/acme/projects/nope/tasks", `{"title":"x","due":"2026-03-04T09:00:00Z"}`, 404, "no such project"},
		{"GET", "/orgs/acme/projects/web/tasks?from=2026-03-03T00:00:00Z", "", 200, `{"items":[{"org_id":"acme","project_id":"web","task_id":"t2"`},
		{"GET", "/orgs/acme/projects/web/tasks?to=2026-03-03T00:00:00Z", "", 200, `{"items":[{"org_id":"acme","project_id":"web","task_id":"t1"`},
		{"GET", "/orgs/acme/projects/web/tasks?from=monday", "", 400, "from"},
		{"GET", "/orgs/acme/projects/web/tasks?from=2026-03-05T00:00:00Z&to=2026-03-01T00:00:00Z", "", 400, "ends before it begins"},
		{"PATCH", "/orgs/acme/tasks/t1", `{"status":"done"}`, 200, `"status":"done","due":"2026-03-02T09:00:00Z","version":2`},
		{"PATCH", "/orgs/acme/tasks/t1", `{"status":"later"}`, 400, "not open or done"},
		{"GET", "/orgs/acme/tasks?status=done", "", 200, `{"items":[{"org_id":"acme","project_id":"web","task_id":"t1"`},
		{"GET", "/orgs/acme", "", 200, `"projects":[{"org_id":"acme","project_id":"web","name":"Website"`},
		{"DELETE", "/orgs/acme", "", 200, `{"deleted":{"MEMBERSHIP":2,"ORG":1,"PROJECT":1,"TASK":2}}`},
		{"DELETE", "/orgs/acme", "", 404, "no such org"},
		{"GET", "/orgs/acme", "", 404, "no such org"},
		{"GET", "/users/bob/orgs", "", 200, `{"items":[]}`},
		{"GET", "/nowhere", "", 404, ""},
	} {
		code, body := send(t, srv, step.method, step.path, step.body)
		if code != step.code || !strings.Contains(body, step.want) {
			t.Errorf("step %d: %s %s: %d %s\nwant %d and %s", i, step.method, step.path, code, body, step.code, step.want)
		}
	}
}

// failingQueries is a client whose queries fail.
type failingQueries struct{ db.Client }

func (failingQueries) Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	return nil, errNetwork
}

// TestHTTPHidesInternalErrors checks that a failure of the service is a
// 500 that says nothing of it, and is logged.
func TestHTTPHidesInternalErrors(t *testing.T) {
	table := newService(t).Table()
	s, err := app.New(db.NewTable(failingQueries{table.Client()}, table.Name(), app.TableOptions()...))
	if err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&log, nil)))
	srv := httptest.NewServer(app.NewHandler(s))
	defer srv.Close()
	code, body := send(t, srv, "GET", "/orgs/acme/members", "")
	if code != http.StatusInternalServerError || body != "{\"error\":\"Internal Server Error\"}\n" {
		t.Errorf("reply = %d %s", code, body)
	}
	if !strings.Contains(log.String(), "network down") {
		t.Errorf("log = %q, want the error", log.String())
	}
}
