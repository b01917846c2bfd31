package local

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

var ctx = context.Background()

// newClient returns a client of a fresh engine that is closed when the
// test ends.
func newClient(t testing.TB, opts ...Option) (*Engine, *dynamodb.Client) {
	t.Helper()
	e := New(opts...)
	t.Cleanup(func() { _ = e.Close() })
	return e, e.Client(func(o *dynamodb.Options) { o.RetryMaxAttempts = 1 })
}

// wantErr checks that err is the API error code with message msg ("" to
// skip the message check).
func wantErr(t testing.TB, err error, code, msg string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("error = %v, want %s", err, code)
	}
	if ae.ErrorCode() != code || (msg != "" && ae.ErrorMessage() != msg) {
		t.Fatalf("error = %s: %q\nwant    %s: %q", ae.ErrorCode(), ae.ErrorMessage(), code, msg)
	}
}

// mustOK fails the test on err.
func mustOK(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// attrDefs builds attribute definitions from name, type pairs.
func attrDefs(nt ...string) []types.AttributeDefinition {
	var out []types.AttributeDefinition
	for i := 0; i+1 < len(nt); i += 2 {
		out = append(out, types.AttributeDefinition{AttributeName: aws.String(nt[i]), AttributeType: types.ScalarAttributeType(nt[i+1])})
	}
	return out
}

// keySchemaOf builds a key schema: a hash key and an optional range key.
func keySchemaOf(hash string, rng ...string) []types.KeySchemaElement {
	out := []types.KeySchemaElement{{AttributeName: aws.String(hash), KeyType: types.KeyTypeHash}}
	if len(rng) > 0 {
		out = append(out, types.KeySchemaElement{AttributeName: aws.String(rng[0]), KeyType: types.KeyTypeRange})
	}
	return out
}

// createPKSK creates an on-demand table with string keys PK and SK and the
// inverse GSI "GSI_1" (SK, PK).
func createPKSK(t testing.TB, c *dynamodb.Client, name string) {
	t.Helper()
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String(name),
		AttributeDefinitions: attrDefs("PK", "S", "SK", "S"),
		KeySchema:            keySchemaOf("PK", "SK"),
		BillingMode:          types.BillingModePayPerRequest,
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName:  aws.String("GSI_1"),
			KeySchema:  keySchemaOf("SK", "PK"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}},
	})
	mustOK(t, err)
}

// errorsAs is errors.As.
func errorsAs(err error, target any) bool { return errors.As(err, target) }
