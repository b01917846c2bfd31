package local

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// signedBy returns an Authorization header with the credential scope of
// access key key in region: what namespaces go by (the engine checks no
// signature without WithCredentials).
func signedBy(key, region string) []string {
	return []string{"Authorization", "AWS4-HMAC-SHA256 Credential=" + key + "/20240101/" + region +
		"/dynamodb/aws4_request, SignedHeaders=host, Signature=0"}
}

const nsTable = `{"TableName":"Tab","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],` +
	`"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`

// callAs sends op with body signed by key in region and fails the test
// unless it succeeds.
func callAs(t *testing.T, e *Engine, key, region, op, body string) string {
	t.Helper()
	status, out := post(t, e, targetPrefix+op, []byte(body), signedBy(key, region)...)
	if status != http.StatusOK {
		t.Fatalf("%s as %s in %s: %d %s", op, key, region, status, out)
	}
	return out
}

// tablesOf returns ListTables as key in region sees it.
func tablesOf(t *testing.T, e *Engine, key, region string) string {
	t.Helper()
	return callAs(t, e, key, region, "ListTables", `{}`)
}

func TestNamespacesByAccessKeyAndRegion(t *testing.T) {
	e := New()
	defer e.Close()
	out := callAs(t, e, "k1", "us-east-2", "CreateTable", nsTable)
	if !strings.Contains(out, `"TableArn":"arn:aws:dynamodb:us-east-2:000000000000:table/Tab"`) {
		t.Errorf("CreateTable in us-east-2: %s", out)
	}
	for _, other := range [][2]string{{"k1", "us-east-1"}, {"k2", "us-east-2"}, {"local", "us-east-1"}} {
		if got := tablesOf(t, e, other[0], other[1]); got != `{"TableNames":[]}` {
			t.Errorf("%s in %s sees %s", other[0], other[1], got)
		}
	}
	if got := tablesOf(t, e, "k1", "us-east-2"); got != `{"TableNames":["Tab"]}` {
		t.Errorf("k1 in us-east-2 sees %s", got)
	}
	status, out := post(t, e, targetPrefix+"DescribeTable", []byte(`{"TableName":"Tab"}`), signedBy("k1", "eu-west-1")...)
	if status != http.StatusBadRequest || !strings.Contains(out, "ResourceNotFoundException") {
		t.Errorf("DescribeTable from another region: %d %s", status, out)
	}
	// The same name in another namespace is another table.
	callAs(t, e, "k1", "us-east-1", "CreateTable", nsTable)
	callAs(t, e, "k1", "us-east-1", "PutItem", `{"TableName":"Tab","Item":{"id":{"S":"a"}}}`)
	if got := callAs(t, e, "k1", "us-east-2", "Scan", `{"TableName":"Tab"}`); !strings.Contains(got, `"Count":0`) {
		t.Errorf("the us-east-2 table holds the us-east-1 item: %s", got)
	}
}

func TestNamespaceOfClientAndUnsignedRequests(t *testing.T) {
	e := New(WithRegion("eu-central-1"))
	defer e.Close()
	_, err := e.Client().CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("Tab"),
		AttributeDefinitions: attrDefs("id", "S"), KeySchema: keySchemaOf("id"), BillingMode: "PAY_PER_REQUEST"})
	mustOK(t, err)
	if _, out := post(t, e, targetPrefix+"ListTables", []byte(`{}`)); out != `{"TableNames":["Tab"]}` {
		t.Errorf("an unsigned request sees %s, want Client's table", out)
	}
	if got := tablesOf(t, e, "local", "eu-central-1"); got != `{"TableNames":["Tab"]}` {
		t.Errorf("a request signed as Client signs sees %s", got)
	}
	other := e.Client(func(o *dynamodb.Options) { o.Region = "ap-south-1" })
	res, err := other.ListTables(ctx, &dynamodb.ListTablesInput{})
	mustOK(t, err)
	if len(res.TableNames) != 0 {
		t.Errorf("Client in another region sees %v", res.TableNames)
	}
	d, err := e.Client().DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("Tab")})
	mustOK(t, err)
	if arn := aws.ToString(d.Table.TableArn); arn != "arn:aws:dynamodb:eu-central-1:000000000000:table/Tab" {
		t.Errorf("TableArn %s", arn)
	}
}

func TestSharedDB(t *testing.T) {
	e := New(WithSharedDB())
	defer e.Close()
	out := callAs(t, e, "k1", "us-east-2", "CreateTable", nsTable)
	if !strings.Contains(out, "arn:aws:dynamodb:us-east-1:") {
		t.Errorf("a shared engine's ARNs carry its own region: %s", out)
	}
	if got := tablesOf(t, e, "k2", "eu-west-1"); got != `{"TableNames":["Tab"]}` {
		t.Errorf("another key and region see %s", got)
	}
}

func TestTagsByARNOfAnotherRegion(t *testing.T) {
	e := New()
	defer e.Close()
	callAs(t, e, "k", "us-east-2", "CreateTable", nsTable)
	status, out := post(t, e, targetPrefix+"ListTagsOfResource",
		[]byte(`{"ResourceArn":"arn:aws:dynamodb:us-east-2:000000000000:table/Tab"}`), signedBy("k", "us-east-1")...)
	if status != http.StatusBadRequest || !strings.Contains(out, "ResourceNotFoundException") {
		t.Errorf("tags of a us-east-2 table from us-east-1: %d %s", status, out)
	}
	callAs(t, e, "k", "us-east-2", "ListTagsOfResource", `{"ResourceArn":"arn:aws:dynamodb:us-east-2:000000000000:table/Tab"}`)
}

func TestSweepCoversEveryNamespace(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	e := New(WithClock(clock.now), WithTTLInterval(0))
	defer e.Close()
	callAs(t, e, "k", "us-west-2", "CreateTable", nsTable)
	callAs(t, e, "k", "us-west-2", "UpdateTimeToLive", `{"TableName":"Tab","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}}`)
	callAs(t, e, "k", "us-west-2", "PutItem", `{"TableName":"Tab","Item":{"id":{"S":"a"},"exp":{"N":"1700000100"}}}`)
	clock.set(time.Unix(1_700_000_200, 0))
	e.SweepExpired()
	if got := callAs(t, e, "k", "us-west-2", "Scan", `{"TableName":"Tab"}`); !strings.Contains(got, `"Count":0`) {
		t.Errorf("the expired item of a us-west-2 table is still there: %s", got)
	}
}

func TestOpenKeepsNamespaces(t *testing.T) {
	dir := t.TempDir()
	e := openT(t, dir)
	mustCall(t, e, "CreateTable", nsTable)
	callAs(t, e, "k1", "us-east-2", "CreateTable", strings.Replace(nsTable, `"Tab"`, `"Other"`, 1))
	callAs(t, e, "k1", "us-east-2", "PutItem", `{"TableName":"Other","Item":{"id":{"S":"a"}}}`)
	mustOK(t, e.Close())

	e = openT(t, dir)
	if got := tablesOf(t, e, "k1", "us-east-2"); got != `{"TableNames":["Other"]}` {
		t.Errorf("after reopening, k1 in us-east-2 sees %s", got)
	}
	if got := callAs(t, e, "k1", "us-east-2", "Scan", `{"TableName":"Other"}`); !strings.Contains(got, `"Count":1`) {
		t.Errorf("after reopening: %s", got)
	}
	if got := mustCall(t, e, "ListTables", `{}`); got != `{"TableNames":["Tab"]}` {
		t.Errorf("after reopening, the default namespace holds %s", got)
	}
	mustOK(t, e.Close())

	e = openT(t, dir, WithSharedDB())
	if got := tablesOf(t, e, "k1", "us-east-2"); got != `{"TableNames":["Tab"]}` {
		t.Errorf("shared, the default namespace's tables alone are served: %s", got)
	}
	mustOK(t, e.Close())
}

func TestCredentialScope(t *testing.T) {
	tests := []struct {
		header string
		want   nsID
		ok     bool
	}{
		{"AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x",
			nsID{"AKID", "eu-west-1"}, true},
		{"AWS4-HMAC-SHA256 SignedHeaders=host,Credential=k/d/r/dynamodb/aws4_request,Signature=x", nsID{"k", "r"}, true},
		{"AWS4-HMAC-SHA256 Credential=/d//s/t", nsID{"", ""}, true},
		{"", nsID{}, false},
		{"AWS4-HMAC-SHA256 Credential=AKID", nsID{}, false},
		{"AWS4-HMAC-SHA256 Credential=AKID/20240101", nsID{}, false},
		{"AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1", nsID{}, false},
	}
	for _, tt := range tests {
		got, ok := credentialScope(tt.header)
		if got != tt.want || ok != tt.ok {
			t.Errorf("credentialScope(%q) = %v, %v; want %v, %v", tt.header, got, ok, tt.want, tt.ok)
		}
	}
}
