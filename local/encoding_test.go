package local

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// squeeze returns s written through the compressor newWriter makes.
func squeeze(s string, newWriter func(io.Writer) io.WriteCloser) []byte {
	var buf bytes.Buffer
	zw := newWriter(&buf)
	_, _ = zw.Write([]byte(s))
	_ = zw.Close()
	return buf.Bytes()
}

// gzipped returns s compressed with gzip.
func gzipped(s string) []byte {
	return squeeze(s, func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) })
}

// deflated returns s compressed in the zlib format.
func deflated(s string) []byte {
	return squeeze(s, func(w io.Writer) io.WriteCloser { return zlib.NewWriter(w) })
}

func TestRequestCodings(t *testing.T) {
	e := New()
	defer e.Close()
	const list = `{"Limit":5}`
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	whole := gzipped(list)
	tests := []struct {
		name, coding string
		body         []byte
		status       int
	}{
		{"gzip", "gzip", whole, 200},
		{"gzip, upper case", " GZIP ", whole, 200},
		{"two gzip members", "gzip", cat(gzipped(list[:4]), gzipped(list[4:])), 200},
		{"gzip and junk", "gzip", cat(whole, []byte("junk")), 200},
		{"gzip and one byte", "gzip", cat(whole, []byte("j")), 200},
		{"truncated gzip", "gzip", whole[:len(whole)-1], 500},
		{"not gzip", "gzip", []byte(list), 500},
		{"empty gzip", "gzip", nil, 500},
		{"deflate", "deflate", deflated(list), 200},
		{"not deflate", "deflate", []byte(list), 500},
		{"empty deflate", "deflate", nil, 500},
		{"truncated deflate", "deflate", deflated(list)[:8], 500},
		{"identity", "identity", []byte(list), 200},
		{"unknown coding", "garbage", []byte(list), 500},
		{"br", "br", []byte(list), 500},
	}
	for _, tt := range tests {
		status, body := post(t, e, targetPrefix+"ListTables", tt.body, "Content-Encoding", tt.coding)
		if status != tt.status {
			t.Errorf("%s: %d %s, want %d", tt.name, status, body, tt.status)
		}
		if tt.status == 500 && !strings.Contains(body, `"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError"`) {
			t.Errorf("%s: %s, want an InternalServerError", tt.name, body)
		}
	}
}

func TestDecompressedBodyLimit(t *testing.T) {
	e := New(WithMaxBodyBytes(100))
	defer e.Close()
	body := `{"Limit":5` + strings.Repeat(" ", 200) + `}`
	for coding, z := range map[string][]byte{"gzip": gzipped(body), "deflate": deflated(body)} {
		if status, out := post(t, e, targetPrefix+"ListTables", z, "Content-Encoding", coding); status != 413 {
			t.Errorf("%s body of 212 bytes over a limit of 100: %d %s", coding, status, out)
		}
	}
}

// The Accept-Encoding headers of scylladb's
// test/alternator/test_compressed_response.py, with the coding DynamoDB
// answers them with.
func TestAcceptedCoding(t *testing.T) {
	tests := map[string]string{
		"": "", "identity": "", "br": "", "zstd": "", "compress": "", "x-gzip": "",
		"gzip": "gzip", "deflate": "deflate",
		"gzip, deflate":                                 "gzip",
		"br, identity, deflate, gzip":                   "deflate",
		"GZIP, identity":                                "gzip",
		"dog, gzip ,, cat":                              "gzip",
		"gzip;q=0.8, deflate;q=0.5":                     "gzip",
		"br, gzip;q=0, deflate; q = 0.5 , identity;q=0": "deflate",
		"*":                               "gzip",
		"*, deflate;q=0.5":                "gzip",
		"*, deflate":                      "deflate",
		"*, identity":                     "gzip",
		"*, gzip;q=0.5":                   "deflate",
		"gzip ;q=0":                       "",
		"identity;q=0":                    "",
		"*;q=0":                           "",
		"*;q=0.5,identity":                "gzip",
		"gzip;q=0.5,identity;q=0.8":       "gzip",
		"br;q=0.8,identity;q=0.5,*;q=0":   "",
		`"gzip"`:                          "",
		"gzip br":                         "",
		"gzip:q=1":                        "",
		"deflate;q=0.5, gzip;q=31":        "gzip",
		"gzip;q=31,deflate;q=51":          "gzip",
		"deflate;q=0.5, gzip;q=0.2":       "deflate",
		"deflate;q=0.5, gzip;q=1;q=0.2":   "gzip",
		"deflate;q=0.5,gzip;q=0.":         "deflate",
		"deflate;q=0.5,gzip;q=0.x":        "gzip",
		"deflate;q=-0.5,gzip;q=0.2":       "gzip",
		"gzip;nq=1;q=0 ":                  "",
		"gzip;q=0, gzip;q=1, gzip;q=0":    "gzip",
		"br,identity;q=0.5,gzip;q=0.0001": "gzip",
	}
	for header, want := range tests {
		if got := acceptedCoding(header); got != want {
			t.Errorf("acceptedCoding(%q) = %q, want %q", header, got, want)
		}
	}
}

// getRaw sends a GetItem of the item whose key is id with the
// Accept-Encoding headers given, and returns the response undecoded.
func getRaw(e *Engine, id string, accept ...string) *http.Response {
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"TableName":"Tab","Key":{"id":{"S":"`+id+`"}}}`))
	req.Header.Set("X-Amz-Target", targetPrefix+"GetItem")
	for _, a := range accept {
		req.Header.Add("Accept-Encoding", a)
	}
	w := httptest.NewRecorder()
	e.ServeHTTP(w, req)
	return w.Result()
}

// decompressed returns the body of res decompressed as its
// Content-Encoding says.
func decompressed(t *testing.T, res *http.Response) string {
	t.Helper()
	var r io.Reader = res.Body
	var err error
	switch res.Header.Get("Content-Encoding") {
	case "gzip":
		r, err = gzip.NewReader(r)
	case "deflate":
		r, err = zlib.NewReader(r)
	}
	mustOK(t, err)
	b, err := io.ReadAll(r)
	mustOK(t, err)
	return string(b)
}

func TestCompressedResponses(t *testing.T) {
	e := New()
	defer e.Close()
	mustCall(t, e, "CreateTable", nsTable)
	// {"Item":{"id":{"S":"big"},"x":{"S":"..."}}} is 4096 bytes: compressed;
	// one byte less is not.
	x := strings.Repeat("x", 4096-len(`{"Item":{"id":{"S":"big"},"x":{"S":""}}}`))
	mustCall(t, e, "PutItem", `{"TableName":"Tab","Item":{"id":{"S":"big"},"x":{"S":"`+x+`"}}}`)
	mustCall(t, e, "PutItem", `{"TableName":"Tab","Item":{"id":{"S":"bi"},"x":{"S":"`+x+`"}}}`)
	tests := []struct {
		id     string
		accept []string
		want   string
	}{
		{"big", nil, ""},
		{"big", []string{"gzip"}, "gzip"},
		{"big", []string{"deflate"}, "deflate"},
		{"bi", []string{"gzip"}, ""},
		{"big", []string{"identity", "deflate"}, "deflate"}, // the last header counts
		{"big", []string{"gzip", "identity"}, ""},
	}
	for _, tt := range tests {
		res := getRaw(e, tt.id, tt.accept...)
		if got := res.Header.Get("Content-Encoding"); got != tt.want {
			t.Errorf("GetItem %s with Accept-Encoding %q: Content-Encoding %q, want %q", tt.id, tt.accept, got, tt.want)
		}
		if body := decompressed(t, res); !strings.HasSuffix(body, x+`"}}}`) {
			t.Errorf("GetItem %s with Accept-Encoding %q: %.80s", tt.id, tt.accept, body)
		}
	}
}

// FuzzWire feeds arbitrary HTTP requests to the handler: methods, paths,
// codings, accepted codings, origins, credential scopes and bodies. The
// engine must never panic, and answers 500 only to a body it cannot
// decode, as DynamoDB does.
func FuzzWire(f *testing.F) {
	f.Add("POST", "/", "gzip", "gzip, deflate", "", "AWS4-HMAC-SHA256 Credential=k/d/r/dynamodb/aws4_request", "ListTables", gzipped(`{}`))
	f.Add("POST", "/", "deflate", "*;q=0.5", "http://x", "", "CreateTable", deflated(nsTable))
	f.Add("OPTIONS", "/", "", "", "http://x", "", "", []byte(nil))
	f.Add("GET", "/?a", "identity", "br;q=1", "", "Credential=a/b", "", []byte("null"))
	e := New(WithTTLInterval(0))
	defer e.Close()
	f.Fuzz(func(t *testing.T, method, path, coding, accept, origin, auth, op string, body []byte) {
		req, err := http.NewRequest(method, "http://engine.local/"+strings.TrimPrefix(path, "/"), bytes.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("X-Amz-Target", targetPrefix+op)
		for k, v := range map[string]string{"Content-Encoding": coding, "Accept-Encoding": accept, "Origin": origin, "Authorization": auth} {
			if v != "" {
				req.Header.Set(k, v)
			}
		}
		w := httptest.NewRecorder()
		e.ServeHTTP(w, req)
		if w.Code >= 500 && (coding == "" || !strings.Contains(w.Body.String(), "InternalServerError")) {
			t.Fatalf("%s %s coding %q: %d %s", method, path, coding, w.Code, w.Body)
		}
	})
}
