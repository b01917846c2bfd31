package local

import (
	"bytes"
	"compress/gzip"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// post sends a raw request to the engine and returns status and body,
// checking the CRC32 and request ID headers.
func post(t *testing.T, e *Engine, target string, body []byte, hdr ...string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	e.ServeHTTP(w, req)
	res := w.Result()
	raw, _ := io.ReadAll(res.Body)
	if got := res.Header.Get("X-Amz-Crc32"); got != strconv.FormatUint(uint64(crc32.ChecksumIEEE(raw)), 10) {
		t.Errorf("X-Amz-Crc32 = %s, body crc %d", got, crc32.ChecksumIEEE(raw))
	}
	if len(res.Header.Get("x-amzn-RequestId")) != 52 {
		t.Errorf("request id %q", res.Header.Get("x-amzn-RequestId"))
	}
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		mustOK(t, err)
		raw, _ = io.ReadAll(zr)
	}
	return res.StatusCode, string(raw)
}

func TestRawProtocolErrors(t *testing.T) {
	e := New()
	defer e.Close()
	const dt = "DynamoDB_20120810.DescribeTable"
	tests := []struct {
		name, target, body string
		status             int
		want               string
	}{
		{"malformed JSON", dt, `{"TableName":`, 400, `{"__type":"com.amazon.coral.service#SerializationException"}`},
		{"empty body", dt, ``, 400, `{"__type":"com.amazon.coral.service#SerializationException"}`},
		{"wrong type", dt, `{"TableName":5}`, 400, `{"__type":"com.amazon.coral.service#SerializationException","Message":"NUMBER_VALUE cannot be converted to String"}`},
		{"object for string", dt, `{"TableName":{}}`, 400, `{"__type":"com.amazon.coral.service#SerializationException","Message":"Start of structure or map found where not expected"}`},
		{"unknown target", "DynamoDB_20120810.Nope", `{}`, 400, `{"__type":"com.amazon.coral.service#UnknownOperationException"}`},
		{"missing target", "", `{}`, 400, `{"__type":"com.amazon.coral.service#UnknownOperationException"}`},
		{"missing table", dt, `{"TableName":"nope"}`, 400, `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found: Table: nope not found"}`},
		{"validation", dt, `{}`, 400, `{"__type":"com.amazon.coral.validate#ValidationException","message":"The parameter 'TableName' is required but was not present in the request"}`},
		{"ok", "DynamoDB_20120810.ListTables", `{}`, 200, `{"TableNames":[]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := post(t, e, tc.target, []byte(tc.body))
			if status != tc.status || body != tc.want {
				t.Fatalf("got %d %s\nwant %d %s", status, body, tc.status, tc.want)
			}
		})
	}
}

func TestGzip(t *testing.T) {
	e := New()
	defer e.Close()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write([]byte(`{"TableName":"abc","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}],"KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`))
	_ = zw.Close()
	status, body := post(t, e, "DynamoDB_20120810.CreateTable", buf.Bytes(), "Content-Encoding", "gzip")
	if status != 200 || !strings.Contains(body, `"TableStatus":"ACTIVE"`) {
		t.Fatalf("gzip request: %d %s", status, body)
	}
	status, body = post(t, e, "DynamoDB_20120810.DescribeTable", []byte(`{"TableName":"abc"}`), "Accept-Encoding", "gzip")
	if status != 200 || !strings.Contains(body, `"TableName":"abc"`) {
		t.Fatalf("gzip response: %d %s", status, body)
	}
	c := e.Client(func(o *dynamodb.Options) { o.EnableAcceptEncodingGzip = true })
	if _, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("abc")}); err != nil {
		t.Fatalf("SDK with gzip responses: %v", err)
	}
}

func TestServerOverHTTP(t *testing.T) {
	e := New()
	defer e.Close()
	srv := httptest.NewServer(e)
	defer srv.Close()
	res, err := http.Get(srv.URL)
	mustOK(t, err)
	body, _ := io.ReadAll(res.Body)
	_ = res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(string(body), "healthy") {
		t.Fatalf("GET: %d %s", res.StatusCode, body)
	}
	c := dynamodb.New(dynamodb.Options{BaseEndpoint: aws.String(srv.URL), Region: "us-east-1",
		Credentials: aws.AnonymousCredentials{}})
	createPKSK(t, c, "over-http")
}
