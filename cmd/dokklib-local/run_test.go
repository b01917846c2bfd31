package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/dokklib/db/local"
)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		args  []string
		addr  string
		creds map[string]string
		err   string
	}{
		{nil, "127.0.0.1:8000", map[string]string{}, ""},
		{[]string{"-port", "9000"}, "127.0.0.1:9000", map[string]string{}, ""},
		{[]string{"-addr", "0.0.0.0:1", "-port", "2"}, "0.0.0.0:2", map[string]string{}, ""},
		{[]string{"-credentials", "a:b,c:d:e", "-credentials", "f:g"}, "127.0.0.1:8000", map[string]string{"a": "b", "c": "d:e", "f": "g"}, ""},
		{[]string{"-credentials", "nosecret"}, "", nil, "want ACCESS_KEY:SECRET"},
		{[]string{"-log-format", "xml"}, "", nil, `-log-format "xml"`},
		{[]string{"-max-body", "0"}, "", nil, "-max-body must be positive"},
		{[]string{"-token-limit", "0"}, "", nil, "-token-limit must be positive"},
		{[]string{"-stream-memory", "-1"}, "", nil, "-stream-memory, -recovery-memory and -token-limit must be positive"},
		{[]string{"-recovery-memory", "0"}, "", nil, "-recovery-memory and -token-limit must be positive"},
		{[]string{"-addr", "nohost"}, "", nil, "-addr"},
		{[]string{"-port", "70000"}, "", nil, "not a port"},
		{[]string{"extra"}, "", nil, "unexpected arguments: extra"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		c, err := parseFlags(tt.args, &out)
		if tt.err != "" {
			if err == nil || !strings.Contains(out.String(), tt.err) {
				t.Errorf("%v: err %v, output %q, want %q", tt.args, err, out.String(), tt.err)
			}
			continue
		}
		if err != nil || c.addr != tt.addr || !reflect.DeepEqual(c.credentials, tt.creds) {
			t.Errorf("%v: %+v, %v; want addr %s, credentials %v", tt.args, c, err, tt.addr, tt.creds)
		}
	}
	if _, err := parseFlags([]string{"-h"}, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v", err)
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent use, for logs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// inProcess is a server run by run in this process.
type inProcess struct {
	endpoint string
	log      *syncBuffer
	stop     context.CancelFunc
	done     chan error
}

// serveInProcess runs the server with args on a free loopback port and
// stops it when the test ends.
func serveInProcess(t *testing.T, args ...string) *inProcess {
	t.Helper()
	cfg, err := parseFlags(append([]string{"-addr", "127.0.0.1:0", "-log-format", "json", "-log-level", "debug"}, args...), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &inProcess{log: &syncBuffer{}, stop: cancel, done: make(chan error, 1)}
	ready := make(chan net.Addr, 1)
	go func() {
		s.done <- run(ctx, cfg, newLogger(s.log, cfg.logLevel, cfg.logFormat), func(a net.Addr) { ready <- a })
	}()
	select {
	case a := <-ready:
		s.endpoint = "http://" + a.String()
	case err := <-s.done:
		t.Fatalf("run: %v\n%s", err, s.log)
	}
	t.Cleanup(func() {
		if err := s.shutdown(); err != nil {
			t.Errorf("run: %v\n%s", err, s.log)
		}
	})
	return s
}

// shutdown stops the server as a signal does and returns run's error.
func (s *inProcess) shutdown() error {
	s.stop()
	select {
	case err := <-s.done:
		s.done <- err
		return err
	case <-time.After(shutdownTimeout + time.Second):
		return errors.New("run did not return")
	}
}

// client returns an SDK client of the server signing with key and secret.
func (s *inProcess) client(key, secret string) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(s.endpoint), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider(key, secret, ""),
	})
}

// errorCode returns the API error code of err, or "".
func errorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

func TestRunWithDataAndCredentials(t *testing.T) {
	dir := t.TempDir()
	s := serveInProcess(t, "-data", dir, "-credentials", "AKID:secret")
	ctx := context.Background()
	createTable(t, s.client("AKID", "secret"), "kept")
	if _, err := s.client("AKID", "wrong").ListTables(ctx, &dynamodb.ListTablesInput{}); errorCode(err) != "InvalidSignatureException" {
		t.Fatalf("wrong secret: %v", err)
	}
	if err := s.shutdown(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"msg":"data opened"`, `"msg":"listening"`, `"op":"CreateTable","status":200`, `"status":400`, `"msg":"stopped"`} {
		if !strings.Contains(s.log.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, s.log)
		}
	}
	s = serveInProcess(t, "-data", dir, "-credentials", "AKID:secret")
	out, err := s.client("AKID", "secret").ListTables(ctx, &dynamodb.ListTablesInput{})
	if err != nil || !reflect.DeepEqual(out.TableNames, []string{"kept"}) {
		t.Fatalf("after restart: %v, %v", out, err)
	}
}

// clientIn returns an SDK client of the server in region.
func (s *inProcess) clientIn(key, region string) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region: region, BaseEndpoint: aws.String(s.endpoint), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider(key, "secret", ""),
	})
}

// createTable creates an on-demand table called name with a string hash
// key id.
func createTable(t *testing.T, c *dynamodb.Client, name string) {
	t.Helper()
	_, err := c.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String(name),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
	})
	if err != nil {
		t.Fatal(err)
	}
}

// tableNames returns the tables c lists.
func tableNames(t *testing.T, c *dynamodb.Client) []string {
	t.Helper()
	out, err := c.ListTables(context.Background(), &dynamodb.ListTablesInput{})
	if err != nil {
		t.Fatal(err)
	}
	return out.TableNames
}

func TestRunKeepsTablesApartUnlessShared(t *testing.T) {
	for _, shared := range []bool{false, true} {
		var args []string
		if shared {
			args = append(args, "-shared-db")
		}
		s := serveInProcess(t, args...)
		createTable(t, s.clientIn("a", "us-east-2"), "tab")
		want := len(tableNames(t, s.clientIn("a", "us-east-2")))
		if got := len(tableNames(t, s.clientIn("a", "us-east-1"))); (got == want) != shared {
			t.Errorf("-shared-db=%v: us-east-1 lists %d tables, us-east-2 %d", shared, got, want)
		}
		if got := len(tableNames(t, s.clientIn("b", "us-east-2"))); (got == want) != shared {
			t.Errorf("-shared-db=%v: another access key lists %d tables, want %d", shared, got, want)
		}
	}
}

func TestRunRefusesOversizedHeads(t *testing.T) {
	s := serveInProcess(t)
	long := strings.Repeat("a", 9000)
	tests := []struct {
		name, path, header string
		want               int
	}{
		{"request line of 9 KB", "/?" + long, "", http.StatusRequestURITooLong},
		{"header of 9 KB", "/", long, http.StatusRequestHeaderFieldsTooLarge},
		{"header of 90 KB", "/", strings.Repeat(long, 10), http.StatusRequestHeaderFieldsTooLarge},
	}
	for _, tt := range tests {
		req, err := http.NewRequest(http.MethodPost, s.endpoint+tt.path, strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("X-Amz-Target", "DynamoDB_20120810.ListTables")
		if tt.header != "" {
			req.Header.Set("X-Big", tt.header)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close()
		if res.StatusCode != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, res.StatusCode, tt.want)
		}
	}
}

func TestRunRefusesLockedData(t *testing.T) {
	dir := t.TempDir()
	serveInProcess(t, "-data", dir)
	cfg, err := parseFlags([]string{"-addr", "127.0.0.1:0", "-data", dir}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	err = run(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err == nil || !strings.Contains(err.Error(), "in use by another process") {
		t.Fatalf("second server: %v", err)
	}
}

func TestLogRecordsAreJSON(t *testing.T) {
	s := serveInProcess(t)
	if err := s.shutdown(); err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(strings.TrimSpace(s.log.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil || rec["msg"] == nil {
			t.Errorf("not a JSON record: %s", line)
		}
	}
}

// TestTokenLimitFlag runs an engine made from -token-limit 2: after three
// transactions with tokens, the first token is forgotten and the second
// still recognised.
func TestTokenLimitFlag(t *testing.T) {
	c, err := parseFlags([]string{"-token-limit", "2"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	e := local.New(c.engineOptions()...)
	defer e.Close()
	ctx := context.Background()
	client := e.Client()
	_, err = client.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("tok"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("k"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("k"), KeyType: types.KeyTypeHash}},
	})
	if err != nil {
		t.Fatal(err)
	}
	put := func(token, v string) error {
		_, err := client.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{ClientRequestToken: aws.String(token),
			TransactItems: []types.TransactWriteItem{{Put: &types.Put{TableName: aws.String("tok"),
				Item: map[string]types.AttributeValue{"k": &types.AttributeValueMemberS{Value: v}}}}}})
		return err
	}
	for _, tok := range []string{"t1", "t2", "t3"} {
		if err := put(tok, "a"); err != nil {
			t.Fatal(err)
		}
	}
	if err := put("t1", "b"); err != nil {
		t.Errorf("the oldest token is still remembered: %v", err)
	}
	var mismatch *types.IdempotentParameterMismatchException
	if err := put("t3", "b"); !errors.As(err, &mismatch) {
		t.Errorf("a remembered token: %v, want IdempotentParameterMismatchException", err)
	}
}

// TestRecoveryMemoryFlag runs an engine made from -recovery-memory 300:
// once the writes after recovery was enabled outgrow it, the earliest
// restorable time has moved past the time recovery was enabled.
func TestRecoveryMemoryFlag(t *testing.T) {
	c, err := parseFlags([]string{"-recovery-memory", "300"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	e := local.New(c.engineOptions()...)
	defer e.Close()
	ctx := context.Background()
	client := e.Client()
	_, err = client.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("pitr"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("k"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("k"), KeyType: types.KeyTypeHash}},
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := client.UpdateContinuousBackups(ctx, &dynamodb.UpdateContinuousBackupsInput{TableName: aws.String("pitr"),
		PointInTimeRecoverySpecification: &types.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: aws.Bool(true)}})
	if err != nil {
		t.Fatal(err)
	}
	enabled := *out.ContinuousBackupsDescription.PointInTimeRecoveryDescription.EarliestRestorableDateTime
	for i := range 20 {
		time.Sleep(time.Millisecond) // each change at its own time
		_, err := client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("pitr"),
			Item: map[string]types.AttributeValue{"k": &types.AttributeValueMemberS{Value: strconv.Itoa(i)}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	d, err := client.DescribeContinuousBackups(ctx, &dynamodb.DescribeContinuousBackupsInput{TableName: aws.String("pitr")})
	if err != nil {
		t.Fatal(err)
	}
	if earliest := d.ContinuousBackupsDescription.PointInTimeRecoveryDescription.EarliestRestorableDateTime; !earliest.After(enabled) {
		t.Errorf("EarliestRestorableDateTime %v is still the time recovery was enabled", earliest)
	}
}
