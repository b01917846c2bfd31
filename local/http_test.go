package local

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// serve sends req to e and returns the response.
func serve(e *Engine, req *http.Request) *http.Response {
	w := httptest.NewRecorder()
	e.ServeHTTP(w, req)
	return w.Result()
}

// bodyOf reads a response body.
func bodyOf(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	mustOK(t, err)
	return string(b)
}

func TestServerHeader(t *testing.T) {
	e := New()
	defer e.Close()
	api := func(body string) *http.Request {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		req.Header.Set("X-Amz-Target", targetPrefix+"DescribeTable")
		return req
	}
	for name, req := range map[string]*http.Request{
		"success":         api(`{}`),
		"error":           api(`{"TableName":"nope"}`),
		"health check":    httptest.NewRequest(http.MethodGet, "/", nil),
		"not an API call": httptest.NewRequest(http.MethodPut, "/", nil),
	} {
		if got := serve(e, req).Header.Get("Server"); got != "Server" {
			t.Errorf("%s: Server %q", name, got)
		}
	}
}

func TestHealthCheck(t *testing.T) {
	e := New(WithRegion("eu-west-3"))
	defer e.Close()
	res := serve(e, httptest.NewRequest(http.MethodGet, "/", nil))
	if body := bodyOf(t, res); res.StatusCode != 200 || body != "healthy: dynamodb.eu-west-3.amazonaws.com " {
		t.Errorf("GET /: %d %q", res.StatusCode, body)
	}
	for _, path := range []string{"/abc", "/health", "/index.htm"} {
		if res := serve(e, httptest.NewRequest(http.MethodGet, path, nil)); res.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404", path, res.StatusCode)
		}
	}
}

func TestCORS(t *testing.T) {
	e := New()
	defer e.Close()
	req := httptest.NewRequest(http.MethodOptions, "/", nil)
	req.Header.Set("Origin", "http://example.com")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type, x-amz-target, authorization")
	res := serve(e, req)
	want := map[string]string{
		"Access-Control-Allow-Origin":   "*",
		"Access-Control-Allow-Methods":  "POST",
		"Access-Control-Allow-Headers":  "content-type, x-amz-target, authorization",
		"Access-Control-Max-Age":        "172800",
		"Access-Control-Expose-Headers": "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date",
		"Content-Length":                "0",
	}
	for k, v := range want {
		if got := res.Header.Get(k); got != v {
			t.Errorf("preflight: %s %q, want %q", k, got, v)
		}
	}
	if body := bodyOf(t, res); res.StatusCode != 200 || body != "" {
		t.Errorf("preflight: %d %q", res.StatusCode, body)
	}

	if res := serve(e, httptest.NewRequest(http.MethodOptions, "/", nil)); res.StatusCode != 404 || bodyOf(t, res) != "<UnknownOperationException/>\n" {
		t.Errorf("OPTIONS without Origin: %d", res.StatusCode)
	}
	api := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{}`))
	api.Header.Set("X-Amz-Target", targetPrefix+"ListTables")
	if res := serve(e, api); res.Header.Get("Access-Control-Allow-Origin") != "" || res.Header.Get("Access-Control-Expose-Headers") != "" {
		t.Errorf("a request without Origin gets CORS headers: %v", res.Header)
	}
	api.Header.Set("Origin", "http://example.com")
	res = serve(e, api)
	if res.Header.Get("Access-Control-Allow-Origin") != "*" || res.Header.Get("Access-Control-Max-Age") != "" {
		t.Errorf("a request with Origin: %v", res.Header)
	}
}

func TestOversizedRequestHead(t *testing.T) {
	e := New()
	defer e.Close()
	long := strings.Repeat("a", 9000)
	req := func(path string, headers ...string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(`{}`))
		r.Header.Set("X-Amz-Target", targetPrefix+"ListTables")
		for i := 0; i+1 < len(headers); i += 2 {
			r.Header.Set(headers[i], headers[i+1])
		}
		return r
	}
	half := strings.Repeat("b", 4500)
	tests := []struct {
		name string
		req  *http.Request
		want int
	}{
		{"long request line", req("/?" + long), 414},
		{"long header", req("/", "X-Big", long), 431},
		{"headers long together", req("/", "X-One", half, "X-Two", half), 431},
		{"under the limit", req("/?"+long[:4000], "X-Big", long[:3000]), 200},
	}
	for _, tt := range tests {
		if res := serve(e, tt.req); res.StatusCode != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, res.StatusCode, tt.want)
		}
	}
}

func TestBodiesThatAreNoObjects(t *testing.T) {
	e := New()
	defer e.Close()
	for _, body := range []string{"null", " null ", "[]", `"x"`, "5", "true"} {
		status, out := post(t, e, targetPrefix+"ListTables", []byte(body))
		if status != 400 || !strings.Contains(out, "SerializationException") {
			t.Errorf("body %s: %d %s", body, status, out)
		}
	}
}
