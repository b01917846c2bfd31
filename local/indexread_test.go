package local

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// A local index fetches from the table only the items its filter keeps,
// so only those count as read from the table.
func TestLocalIndexFetchesFilteredItems(t *testing.T) {
	_, c := newClient(t)
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("fetch"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: attrDefs("P", "S", "N", "N", "L", "N"), KeySchema: keySchemaOf("P", "N"),
		LocalSecondaryIndexes: []types.LocalSecondaryIndex{{IndexName: aws.String("byL"), KeySchema: keySchemaOf("P", "L"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeInclude, NonKeyAttributes: []string{"x"}}}},
	})
	mustOK(t, err)
	for _, n := range []string{"1", "2", "3"} {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("fetch"), Item: map[string]av{
			"P": str("p"), "N": num(n), "L": num(n), "x": str("x" + n), "y": str(strings.Repeat("y", 3000))}})
		mustOK(t, err)
	}
	out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("fetch"), IndexName: aws.String("byL"),
		KeyConditionExpression: aws.String("P = :p"), FilterExpression: aws.String("x = :x"), ProjectionExpression: aws.String("y"),
		ExpressionAttributeValues: map[string]av{":p": str("p"), ":x": str("x2")},
		ConsistentRead:            aws.Bool(true), ReturnConsumedCapacity: types.ReturnConsumedCapacityIndexes})
	mustOK(t, err)
	if len(out.Items) != 1 {
		t.Fatalf("items: %v", out.Items)
	}
	// One unit for the index's entries, one for the one item of 3 KB
	// fetched; three more if the filtered items were fetched too.
	if got := aws.ToFloat64(out.ConsumedCapacity.Table.CapacityUnits); got != 1 {
		t.Errorf("table units %v, want 1", got)
	}
	if got := aws.ToFloat64(out.ConsumedCapacity.CapacityUnits); got != 2 {
		t.Errorf("units %v, want 2", got)
	}
}
