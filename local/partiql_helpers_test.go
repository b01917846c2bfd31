package local

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// createStmtTable creates an on-demand table with key pk (S) and sk (N)
// and a global secondary index "gsi" on g (S) projecting keys only.
func createStmtTable(t testing.TB, c *dynamodb.Client, name string) {
	t.Helper()
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String(name),
		AttributeDefinitions: attrDefs("pk", "S", "sk", "N", "g", "S"),
		KeySchema:            keySchemaOf("pk", "sk"),
		BillingMode:          types.BillingModePayPerRequest,
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName:  aws.String("gsi"),
			KeySchema:  keySchemaOf("g"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
		}},
	})
	mustOK(t, err)
}

// exec runs a statement, failing the test on an error.
func exec(t testing.TB, c *dynamodb.Client, s string, params ...types.AttributeValue) *dynamodb.ExecuteStatementOutput {
	t.Helper()
	out, err := execErr(c, s, params...)
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return out
}

// execErr runs a statement.
func execErr(c *dynamodb.Client, s string, params ...types.AttributeValue) (*dynamodb.ExecuteStatementOutput, error) {
	return c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String(s), Parameters: params})
}

// show renders items compactly, attributes in name order, for
// comparisons.
func show(items ...map[string]types.AttributeValue) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = showMap(it)
	}
	return strings.Join(parts, " ")
}

func showMap(m map[string]types.AttributeValue) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k + ":" + showValue(m[k]))
	}
	return b.String() + "}"
}

func showValue(v types.AttributeValue) string {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return "'" + v.Value + "'"
	case *types.AttributeValueMemberN:
		return v.Value
	case *types.AttributeValueMemberBOOL:
		if v.Value {
			return "true"
		}
		return "false"
	case *types.AttributeValueMemberNULL:
		return "null"
	case *types.AttributeValueMemberSS:
		return "<<" + strings.Join(v.Value, ",") + ">>"
	case *types.AttributeValueMemberNS:
		return "<<" + strings.Join(v.Value, ",") + ">>"
	case *types.AttributeValueMemberL:
		parts := make([]string, len(v.Value))
		for i, x := range v.Value {
			parts[i] = showValue(x)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case *types.AttributeValueMemberM:
		return showMap(v.Value)
	}
	return "?"
}
