package local

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestReadValidation(t *testing.T) {
	_, c := newClient(t)
	createNumTable(t, c)
	nums := aws.String("nums")
	kc := aws.String("P = :p")
	vals := map[string]av{":p": str("p")}
	tests := []struct {
		name string
		run  func() error
		msg  string
	}{
		{"count with projection", func() error {
			_, err := c.Query(ctx, &dynamodb.QueryInput{TableName: nums, KeyConditionExpression: kc, ExpressionAttributeValues: vals,
				Select: types.SelectCount, ProjectionExpression: aws.String("x")})
			return err
		}, "Cannot specify the ProjectionExpression when choosing to get only the Count"},
		{"projected on table", func() error {
			_, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: nums, Select: types.SelectAllProjectedAttributes})
			return err
		}, "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"},
		{"all attributes on keys-only GSI", func() error {
			_, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: nums, IndexName: aws.String("byG"), Select: types.SelectAllAttributes})
			return err
		}, "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index byG because its projection type is not ALL"},
		{"no key condition", func() error {
			_, err := c.Query(ctx, &dynamodb.QueryInput{TableName: nums})
			return err
		}, "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."},
		{"limit zero", func() error {
			_, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: nums, Limit: aws.Int32(0)})
			return err
		}, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"segment without total", func() error {
			_, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: nums, Segment: aws.Int32(1)})
			return err
		}, "The TotalSegments parameter is required but was not present in the request when Segment parameter is present"},
		{"bad start key", func() error {
			_, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: nums, ExclusiveStartKey: map[string]av{"P": str("p")}})
			return err
		}, "The provided starting key is invalid: The provided key element does not match the schema"},
		{"duplicate AttributesToGet", func() error {
			_, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: nums, AttributesToGet: []string{"x", "x"}})
			return err
		}, "One or more parameter values were invalid: Duplicate value in attribute name: x"},
		{"unused name", func() error {
			_, err := c.Query(ctx, &dynamodb.QueryInput{TableName: nums, KeyConditionExpression: kc, ExpressionAttributeValues: vals,
				ExpressionAttributeNames: map[string]string{"#n": "n"}})
			return err
		}, "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, tc.run(), "ValidationException", tc.msg) })
	}
}

func TestLegacyQueryAndScanFilters(t *testing.T) {
	_, c := newClient(t)
	createNumTable(t, c)
	out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("nums"),
		KeyConditions: map[string]types.Condition{
			"P": {ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []av{str("p")}},
			"N": {ComparisonOperator: types.ComparisonOperatorBetween, AttributeValueList: []av{num("0"), num("10")}},
		},
		QueryFilter: map[string]types.Condition{"x": {ComparisonOperator: types.ComparisonOperatorNe, AttributeValueList: []av{str("v3")}}}})
	mustOK(t, err)
	if nums(out.Items) != "0 7 10 " {
		t.Fatalf("legacy query %q", nums(out.Items))
	}
	sc, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("nums"), ConditionalOperator: types.ConditionalOperatorOr,
		ScanFilter: map[string]types.Condition{"G": {ComparisonOperator: types.ComparisonOperatorNull}, "x": {ComparisonOperator: types.ComparisonOperatorBeginsWith, AttributeValueList: []av{str("v1")}}}})
	mustOK(t, err)
	if sc.Count != 4 { // N=0 and P=q have no G; v10 and v100 begin with v1
		t.Fatalf("legacy scan count %d", sc.Count)
	}
}

func TestPageLimitAndCapacity(t *testing.T) {
	_, c := newClient(t)
	createPKSK(t, c, "big")
	big := str(strings.Repeat("x", 300_000))
	for _, sk := range []string{"a", "b", "c", "d", "e"} {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("big"), Item: withAttrs(pk("p", sk), "v", big)})
		mustOK(t, err)
	}
	out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("big"), KeyConditionExpression: aws.String("PK = :p"),
		ExpressionAttributeValues: map[string]av{":p": str("p")}, ReturnConsumedCapacity: types.ReturnConsumedCapacityIndexes})
	mustOK(t, err)
	if out.Count != 4 || out.LastEvaluatedKey == nil {
		t.Fatalf("1 MB page: %d items, LEK %v", out.Count, out.LastEvaluatedKey)
	}
	if cc := out.ConsumedCapacity; *cc.CapacityUnits != 146.5 || *cc.Table.CapacityUnits != 146.5 { // 293 units, halved
		t.Fatalf("query capacity %v", *cc.CapacityUnits)
	}
	put, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("big"), Item: withAttrs(pk("p", "a"), "v", str("small")),
		ReturnConsumedCapacity: types.ReturnConsumedCapacityIndexes})
	mustOK(t, err)
	cc := put.ConsumedCapacity
	if *cc.Table.CapacityUnits != 293 || *cc.GlobalSecondaryIndexes["GSI_1"].CapacityUnits != 293 || *cc.CapacityUnits != 586 {
		t.Fatalf("put capacity table %v gsi %v total %v", *cc.Table.CapacityUnits, *cc.GlobalSecondaryIndexes["GSI_1"].CapacityUnits, *cc.CapacityUnits)
	}
}

func TestControlErrors(t *testing.T) {
	_, c := newClient(t)
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("prot"), AttributeDefinitions: attrDefs("a", "S"),
		KeySchema: keySchemaOf("a"), BillingMode: types.BillingModePayPerRequest, DeletionProtectionEnabled: aws.Bool(true)})
	mustOK(t, err)
	_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("prot")})
	wantErr(t, err, "ValidationException", "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("prot"), DeletionProtectionEnabled: aws.Bool(false)})
	mustOK(t, err)
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("prot"),
		ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)}})
	wantErr(t, err, "ValidationException", "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("prot"), GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{
		{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("nope")}}}})
	wantErr(t, err, "ResourceNotFoundException", "")
	_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("prot")})
	mustOK(t, err)
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("prot"), BillingMode: types.BillingModePayPerRequest})
	wantErr(t, err, "ResourceNotFoundException", "Requested resource not found: Table: prot not found")
}
