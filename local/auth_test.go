package local

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

var testSecrets = map[string]string{"AKIDB": "secret-b", "AKIDA": "secret-a"}

// withCreds returns a client option signing with key and secret.
func withCreds(key, secret string) func(*dynamodb.Options) {
	return func(o *dynamodb.Options) {
		o.Credentials = credentials.NewStaticCredentialsProvider(key, secret, "")
	}
}

func TestSignatureChecks(t *testing.T) {
	e, c := newClient(t, WithCredentials(testSecrets))
	_, err := c.ListTables(ctx, &dynamodb.ListTablesInput{})
	mustOK(t, err)
	_, err = e.Client(withCreds("AKIDB", "secret-b")).ListTables(ctx, &dynamodb.ListTablesInput{})
	mustOK(t, err)
	_, err = e.Client(withCreds("AKIDB", "wrong"), noRetry).ListTables(ctx, &dynamodb.ListTablesInput{})
	wantErr(t, err, "InvalidSignatureException", msgSignatureMismatch)
	_, err = e.Client(withCreds("AKIDX", "secret-a"), noRetry).ListTables(ctx, &dynamodb.ListTablesInput{})
	wantErr(t, err, "UnrecognizedClientException", "The security token included in the request is invalid.")
	_, err = e.Client(noRetry, func(o *dynamodb.Options) { o.Region = "eu-west-3" }).ListTables(ctx, &dynamodb.ListTablesInput{})
	mustOK(t, err)
}

// noRetry turns the SDK's retries off.
func noRetry(o *dynamodb.Options) { o.RetryMaxAttempts = 1 }

func TestSignatureOverHTTP(t *testing.T) {
	e := New(WithCredentials(testSecrets))
	defer e.Close()
	srv := httptest.NewServer(e)
	defer srv.Close()
	c := dynamodb.New(dynamodb.Options{Region: "us-west-2", BaseEndpoint: aws.String(srv.URL), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider("AKIDA", "secret-a", "")})
	_, err := c.ListTables(ctx, &dynamodb.ListTablesInput{})
	mustOK(t, err)
	c = dynamodb.New(dynamodb.Options{Region: "us-west-2", BaseEndpoint: aws.String(srv.URL), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider("AKIDA", "secret-b", "")})
	_, err = c.ListTables(ctx, &dynamodb.ListTablesInput{})
	wantErr(t, err, "InvalidSignatureException", msgSignatureMismatch)
}

// signedRequest returns a ListTables request with body signed by the SDK's
// signer; the headers in unusual are signed too, even those the signer
// leaves out (given in lower case, they escape its list).
func signedRequest(t *testing.T, body []byte, service string, unusual map[string]string) *http.Request {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8000/", bytes.NewReader(body))
	r.Header.Set("Content-Type", contentType)
	r.Header.Set("X-Amz-Target", targetPrefix+"ListTables")
	for k, v := range unusual {
		r.Header[k] = []string{v}
	}
	sum := sha256.Sum256(body)
	creds := aws.Credentials{AccessKeyID: "AKIDA", SecretAccessKey: "secret-a"}
	mustOK(t, v4.NewSigner().SignHTTP(ctx, creds, r, hex.EncodeToString(sum[:]), service, "us-east-1", time.Now()))
	for k := range unusual {
		if !strings.Contains(r.Header.Get("Authorization"), k) {
			t.Fatalf("%s not signed: %s", k, r.Header.Get("Authorization"))
		}
		r.Header[http.CanonicalHeaderKey(k)] = r.Header[k]
		delete(r.Header, k)
	}
	return r
}

// serveRaw answers r with e and returns the status and body.
func serveRaw(e *Engine, r *http.Request) (int, string) {
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	return w.Code, w.Body.String()
}

func TestSignatureEdgeCases(t *testing.T) {
	e := New(WithCredentials(testSecrets))
	defer e.Close()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(`{}`))
	mustOK(t, zw.Close())
	tests := []struct {
		name   string
		req    *http.Request
		status int
		want   string
	}{
		{"signed user agent", signedRequest(t, []byte(`{}`), "dynamodb", map[string]string{"user-agent": "aws-sdk-java/1.12"}), 200, `"TableNames":[]`},
		{"gzip body", signedRequest(t, gz.Bytes(), "dynamodb", map[string]string{"content-encoding": "gzip"}), 200, `"TableNames":[]`},
		{"other service", signedRequest(t, []byte(`{}`), "s3", nil), 400,
			`{"__type":"com.amazon.coral.service#InvalidSignatureException","message":"Credential should be scoped to correct service: 'dynamodb'. "}`},
		{"body changed", func() *http.Request {
			r := signedRequest(t, []byte(`{}`), "dynamodb", nil)
			r.Body = http.NoBody
			return r
		}(), 400, "InvalidSignatureException"},
		{"unsigned", httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{}`)), 400,
			`{"__type":"com.amazon.coral.service#MissingAuthenticationTokenException","message":"Request is missing Authentication Token"}`},
		{"malformed", func() *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{}`))
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDA/20240101/us-east-1/dynamodb/aws4_request")
			return r
		}(), 400, "IncompleteSignatureException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := serveRaw(e, tt.req)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Fatalf("got %d %s, want %d %s", status, body, tt.status, tt.want)
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	e := New(WithMaxBodyBytes(1000))
	defer e.Close()
	want := `{"__type":"com.amazon.coral.service#RequestEntityTooLargeException","message":"Request Entity Too Large: the request body exceeds 1000 bytes"}`
	status, body := post(t, e, targetPrefix+"ListTables", []byte(`{"x":"`+strings.Repeat("a", 1000)+`"}`))
	if status != http.StatusRequestEntityTooLarge || body != want {
		t.Fatalf("large body: %d %s", status, body)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(`{"x":"` + strings.Repeat("a", 5000) + `"}`))
	mustOK(t, zw.Close())
	status, body = post(t, e, targetPrefix+"ListTables", gz.Bytes(), "Content-Encoding", "gzip")
	if status != http.StatusRequestEntityTooLarge || body != want {
		t.Fatalf("large gzip body: %d %s", status, body)
	}
	status, _ = post(t, e, targetPrefix+"ListTables", []byte(`{}`))
	if status != http.StatusOK {
		t.Fatalf("small body: %d", status)
	}
}
