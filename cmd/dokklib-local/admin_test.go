package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dokklib/db/local"
)

// adminCall sends an admin request and returns the status and body.
func adminCall(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b))
}

func TestStartupFaults(t *testing.T) {
	s := serveInProcess(t, "-fault", `{"Op":"ListTables","Error":"ThrottlingException","Count":1}`, "-fault-seed", "3")
	c := s.client("k", "s")
	if _, err := c.ListTables(context.Background(), &dynamodb.ListTablesInput{}); errorCode(err) != "ThrottlingException" {
		t.Fatalf("first ListTables: %v", err)
	}
	if _, err := c.ListTables(context.Background(), &dynamodb.ListTablesInput{}); err != nil {
		t.Fatalf("second ListTables: %v", err)
	}
}

func TestStartupFaultErrors(t *testing.T) {
	if _, err := parseFlags([]string{"-fault", `{"Error":"Nope"}`}, io.Discard); err == nil {
		t.Error("unknown error name accepted")
	}
	cfg, err := parseFlags([]string{"-addr", "127.0.0.1:0", "-fault", `{"Probability":2,"Error":"ThrottlingException"}`}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openEngine(cfg, newLogger(io.Discard, 0, "text")); err == nil || !strings.Contains(err.Error(), "-fault") {
		t.Fatalf("invalid fault: %v", err)
	}
}

func TestAdminEndpoint(t *testing.T) {
	s := serveInProcess(t, "-admin")
	url := s.endpoint + adminPrefix + "faults"
	status, body := adminCall(t, http.MethodPost, url, `{"Op":"ListTables","Error":"InternalServerError"}`)
	if status != http.StatusCreated || body != `[{"ID":1,"Op":"ListTables","Error":"InternalServerError"}]` {
		t.Fatalf("POST: %d %s", status, body)
	}
	c := s.client("k", "s")
	if _, err := c.ListTables(context.Background(), &dynamodb.ListTablesInput{}); errorCode(err) != "InternalServerError" {
		t.Fatalf("ListTables: %v", err)
	}
	status, body = adminCall(t, http.MethodPost, url, `[{"Op":"GetItem","Latency":"1s"},{"Op":"PutItem","Unprocessed":true}]`)
	if status != http.StatusBadRequest || !strings.Contains(body, "Unprocessed needs Op") {
		t.Fatalf("POST invalid: %d %s", status, body)
	}
	var listed []local.Fault
	status, body = adminCall(t, http.MethodGet, url, "")
	if err := json.Unmarshal([]byte(body), &listed); status != http.StatusOK || err != nil || len(listed) != 2 || listed[1].Latency != time.Second {
		t.Fatalf("GET: %d %s", status, body)
	}
	if status, _ := adminCall(t, http.MethodDelete, url+"/1", ""); status != http.StatusNoContent {
		t.Fatalf("DELETE /1: %d", status)
	}
	if status, _ := adminCall(t, http.MethodDelete, url+"/1", ""); status != http.StatusNotFound {
		t.Fatalf("DELETE /1 again: %d", status)
	}
	if status, _ := adminCall(t, http.MethodDelete, url, ""); status != http.StatusNoContent {
		t.Fatalf("DELETE: %d", status)
	}
	if status, body := adminCall(t, http.MethodGet, url, ""); body != "[]" {
		t.Fatalf("GET after DELETE: %d %s", status, body)
	}
	if _, err := c.ListTables(context.Background(), &dynamodb.ListTablesInput{}); err != nil {
		t.Fatalf("ListTables after DELETE: %v", err)
	}
}

func TestAdminRefusesRemoteClients(t *testing.T) {
	eng := local.New()
	defer eng.Close()
	h := routes(eng, true)
	for addr, want := range map[string]int{"192.0.2.7:4000": http.StatusForbidden, "[::1]:4000": http.StatusOK, "127.0.0.1:4000": http.StatusOK} {
		r := httptest.NewRequest(http.MethodGet, adminPrefix+"faults", nil)
		r.RemoteAddr = addr
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("from %s: %d %s, want %d", addr, w.Code, w.Body, want)
		}
	}
}

func TestAdminOffByDefault(t *testing.T) {
	s := serveInProcess(t)
	status, _ := adminCall(t, http.MethodGet, s.endpoint+adminPrefix+"faults", "")
	if status != http.StatusNotFound { // the engine's answer to a GET of a path other than /, not the endpoint
		t.Fatalf("GET: %d", status)
	}
	if status, _ := adminCall(t, http.MethodPost, s.endpoint+adminPrefix+"faults", `{"Op":"ListTables","Error":"InternalServerError"}`); status == http.StatusCreated {
		t.Fatal("faults added without -admin")
	}
}

func TestShutdownDrainsRequests(t *testing.T) {
	s := serveInProcess(t, "-fault", `{"Op":"ListTables","Latency":"400ms"}`)
	errc := make(chan error, 1)
	go func() {
		_, err := s.client("k", "s").ListTables(context.Background(), &dynamodb.ListTablesInput{})
		errc <- err
	}()
	time.Sleep(150 * time.Millisecond) // the request is in flight
	if err := s.shutdown(); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; err != nil {
		t.Fatalf("request in flight at shutdown: %v", err)
	}
}
