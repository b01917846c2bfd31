// Package dbtest gives tests a fresh DynamoDB table of their own.
//
// Tests run on the embedded engine of package local, in process, unless the
// DYNAMODB_ENDPOINT environment variable names an endpoint, such as AWS's
// DynamoDB Local (which `make test` starts too) or DynamoDB itself.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dokklib/db"
	"github.com/dokklib/db/local"
)

// EndpointEnv is the environment variable that names the DynamoDB endpoint
// for tests, as "http://127.0.0.1:8000".
const EndpointEnv = "DYNAMODB_ENDPOINT"

// Client returns a DynamoDB client for tests: one for the endpoint in
// DYNAMODB_ENDPOINT when it is set, and else one served in process by an
// engine shared by the tests of the package.
func Client(t testing.TB) *dynamodb.Client {
	t.Helper()
	return EnvClient()
}

// EnvClient returns the client that Client returns, for code that has no
// testing.TB, such as Example functions.
func EnvClient() *dynamodb.Client {
	if ep := os.Getenv(EndpointEnv); ep != "" {
		return NewClient(ep)
	}
	return engine().Client()
}

// Backend names what Client talks to: the endpoint, or "engine".
func Backend() string {
	if ep := os.Getenv(EndpointEnv); ep != "" {
		return ep
	}
	return "engine"
}

// Engine returns the in-process engine that Client serves tests with, for
// tests that inject faults; it skips the test when DYNAMODB_ENDPOINT names
// another backend.
func Engine(t testing.TB) *local.Engine {
	t.Helper()
	if ep := os.Getenv(EndpointEnv); ep != "" {
		t.Skipf("this test injects faults into the embedded engine; %s is %s", EndpointEnv, ep)
	}
	return engine()
}

// engine is the in-process engine shared by a test binary's tests; each
// test has tables of its own, so they do not meet.
var engine = sync.OnceValue(func() *local.Engine { return local.New() })

// NewClient returns a DynamoDB client for the given endpoint, with fixed
// test credentials and region, as DynamoDB Local accepts.
func NewClient(endpoint string) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		BaseEndpoint: aws.String(endpoint),
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("dbtest", "dbtest", ""),
	})
}

// Table creates a table with a fresh name for the test, configured by opts
// as db.NewTable configures it, and deletes it when the test ends.
func Table(t testing.TB, opts ...db.TableOption) *db.Table {
	t.Helper()
	table := db.NewTable(Client(t), TableName(t), opts...)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := table.Create(ctx); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := table.Drop(ctx); err != nil {
			t.Errorf("dbtest: %v", err)
		}
	})
	return table
}

// TableName returns a table name unique to this run of the test.
func TableName(t testing.TB) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-', r == '.':
			return r
		}
		return '_'
	}, t.Name())
	if len(name) > 200 {
		name = name[:200]
	}
	return "t-" + name + "-" + hex.EncodeToString(b[:])
}
