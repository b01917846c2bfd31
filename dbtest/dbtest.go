// Package dbtest gives tests a fresh DynamoDB table of their own.
//
// Tests run against the endpoint in the DYNAMODB_ENDPOINT environment
// variable, such as AWS's DynamoDB Local started by `make test`. When it is
// not set, tests that need a table are skipped.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dokklib/db"
)

// EndpointEnv is the environment variable that names the DynamoDB endpoint
// for tests, as "http://127.0.0.1:8000".
const EndpointEnv = "DYNAMODB_ENDPOINT"

// Endpoint returns the endpoint tests use, or skips the test when none is set.
func Endpoint(t testing.TB) string {
	t.Helper()
	ep := os.Getenv(EndpointEnv)
	if ep == "" {
		t.Skipf("%s is not set: run `make test` to start DynamoDB Local", EndpointEnv)
	}
	return ep
}

// Client returns a DynamoDB client for the endpoint tests use.
func Client(t testing.TB) *dynamodb.Client {
	t.Helper()
	return NewClient(Endpoint(t))
}

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
