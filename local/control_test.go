package local

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestCreateDescribeDeleteTable(t *testing.T) {
	_, c := newClient(t)
	createPKSK(t, c, "users")
	out, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("users")})
	mustOK(t, err)
	d := out.Table
	if d.TableStatus != types.TableStatusActive || *d.TableArn != "arn:aws:dynamodb:us-east-1:000000000000:table/users" {
		t.Fatalf("status %s arn %s", d.TableStatus, *d.TableArn)
	}
	if len(d.GlobalSecondaryIndexes) != 1 || d.GlobalSecondaryIndexes[0].IndexStatus != types.IndexStatusActive {
		t.Fatalf("gsis %+v", d.GlobalSecondaryIndexes)
	}
	if d.BillingModeSummary.BillingMode != types.BillingModePayPerRequest || d.CreationDateTime == nil {
		t.Fatalf("billing %+v", d.BillingModeSummary)
	}
	_, err = c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("users"),
		AttributeDefinitions: attrDefs("PK", "S"), KeySchema: keySchemaOf("PK"), BillingMode: types.BillingModePayPerRequest})
	wantErr(t, err, "ResourceInUseException", "Table already exists: users")
	_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("users")})
	mustOK(t, err)
	_, err = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("users")})
	wantErr(t, err, "ResourceNotFoundException", "Requested resource not found: Table: users not found")
	_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("users")})
	wantErr(t, err, "ResourceNotFoundException", "Requested resource not found: Table: users not found")
}

func TestCreateTableValidation(t *testing.T) {
	_, c := newClient(t)
	s := aws.String
	ppr := types.BillingModePayPerRequest
	all := &types.Projection{ProjectionType: types.ProjectionTypeAll}
	gsis := func(n int) []types.GlobalSecondaryIndex {
		var out []types.GlobalSecondaryIndex
		for i := range n {
			out = append(out, types.GlobalSecondaryIndex{IndexName: s(fmt.Sprintf("gsi%d", i)), KeySchema: keySchemaOf("b"), Projection: all})
		}
		return out
	}
	lsis := func(n int) []types.LocalSecondaryIndex {
		var out []types.LocalSecondaryIndex
		for i := range n {
			out = append(out, types.LocalSecondaryIndex{IndexName: s(fmt.Sprintf("lsi%d", i)), KeySchema: keySchemaOf("a", "c"), Projection: all})
		}
		return out
	}
	tests := []struct {
		name string
		in   dynamodb.CreateTableInput
		msg  string
	}{
		{"short name", dynamodb.CreateTableInput{TableName: s("ab"), AttributeDefinitions: attrDefs("a", "S"), KeySchema: keySchemaOf("a"), BillingMode: ppr},
			"TableName must be at least 3 characters long and at most 255 characters long"},
		{"bad chars", dynamodb.CreateTableInput{TableName: s("ab;c"), AttributeDefinitions: attrDefs("a", "S"), KeySchema: keySchemaOf("a"), BillingMode: ppr},
			"1 validation error detected: Value 'ab;c' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"bad type", dynamodb.CreateTableInput{TableName: s("abc"), AttributeDefinitions: attrDefs("a", "X"), KeySchema: keySchemaOf("a"), BillingMode: ppr},
			"1 validation error detected: Value 'X' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]"},
		{"no throughput", dynamodb.CreateTableInput{TableName: s("abc"), AttributeDefinitions: attrDefs("a", "S"), KeySchema: keySchemaOf("a")},
			"One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"},
		{"throughput on demand", dynamodb.CreateTableInput{TableName: s("abc"), AttributeDefinitions: attrDefs("a", "S"), KeySchema: keySchemaOf("a"), BillingMode: ppr,
			ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)}},
			"One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"},
		{"undefined key", dynamodb.CreateTableInput{TableName: s("abc"), AttributeDefinitions: attrDefs("a", "S", "b", "S"), KeySchema: keySchemaOf("a", "c"), BillingMode: ppr},
			"One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [a, c], AttributeDefinitions: [a, b]"},
		{"unused definition", dynamodb.CreateTableInput{TableName: s("abc"), AttributeDefinitions: attrDefs("a", "S", "b", "S"), KeySchema: keySchemaOf("a"), BillingMode: ppr},
			"One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"},
		{"unused definition with index", dynamodb.CreateTableInput{TableName: s("abc"), AttributeDefinitions: attrDefs("a", "S", "b", "S", "c", "S"), KeySchema: keySchemaOf("a"), BillingMode: ppr,
			GlobalSecondaryIndexes: gsis(1)},
			"One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: [a, b, c], keys used: [a, b]"},
		{"same names", dynamodb.CreateTableInput{TableName: s("abc"), AttributeDefinitions: attrDefs("a", "S", "b", "S"), KeySchema: keySchemaOf("a", "a"), BillingMode: ppr},
			"Both the Hash Key and the Range Key element in the KeySchema have the same name"},
		{"range first", dynamodb.CreateTableInput{TableName: s("abc"), AttributeDefinitions: attrDefs("a", "S"), BillingMode: ppr,
			KeySchema: []types.KeySchemaElement{{AttributeName: s("a"), KeyType: types.KeyTypeRange}}},
			"Invalid KeySchema: The first KeySchemaElement is not a HASH key type"},
		{"21 GSIs", dynamodb.CreateTableInput{TableName: s("abc"), AttributeDefinitions: attrDefs("a", "S", "b", "S"), KeySchema: keySchemaOf("a"), BillingMode: ppr,
			GlobalSecondaryIndexes: gsis(21)},
			"One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20"},
		{"6 LSIs", dynamodb.CreateTableInput{TableName: s("abc"), AttributeDefinitions: attrDefs("a", "S", "b", "S", "c", "S"), KeySchema: keySchemaOf("a", "b"), BillingMode: ppr,
			LocalSecondaryIndexes: lsis(6)},
			"One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5"},
		{"LSI without range", dynamodb.CreateTableInput{TableName: s("abc"), AttributeDefinitions: attrDefs("a", "S", "c", "S"), KeySchema: keySchemaOf("a"), BillingMode: ppr,
			LocalSecondaryIndexes: lsis(1)},
			"One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"},
		{"non-key attributes with ALL", dynamodb.CreateTableInput{TableName: s("abc"), AttributeDefinitions: attrDefs("a", "S", "b", "S"), KeySchema: keySchemaOf("a"), BillingMode: ppr,
			GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{IndexName: s("gsi"), KeySchema: keySchemaOf("b"),
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll, NonKeyAttributes: []string{"x"}}}}},
			"One or more parameter values were invalid: ProjectionType is ALL, but NonKeyAttributes is specified"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.CreateTable(ctx, &tc.in)
			wantErr(t, err, "ValidationException", tc.msg)
		})
	}
}

func TestListTablesPaging(t *testing.T) {
	_, c := newClient(t)
	for _, n := range []string{"ccc", "aaa", "bbb", "ddd"} {
		_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String(n),
			AttributeDefinitions: attrDefs("a", "S"), KeySchema: keySchemaOf("a"), BillingMode: types.BillingModePayPerRequest})
		mustOK(t, err)
	}
	var got []string
	var start *string
	for {
		out, err := c.ListTables(ctx, &dynamodb.ListTablesInput{Limit: aws.Int32(3), ExclusiveStartTableName: start})
		mustOK(t, err)
		got = append(got, out.TableNames...)
		if out.LastEvaluatedTableName == nil {
			break
		}
		start = out.LastEvaluatedTableName
	}
	if strings.Join(got, ",") != "aaa,bbb,ccc,ddd" {
		t.Fatalf("got %v", got)
	}
	_, err := c.ListTables(ctx, &dynamodb.ListTablesInput{Limit: aws.Int32(101)})
	wantErr(t, err, "ValidationException", "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100")
}

func TestUpdateTableGSI(t *testing.T) {
	_, c := newClient(t)
	createPKSK(t, c, "tbl")
	_, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("tbl"),
		AttributeDefinitions: attrDefs("GK", "N"),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{
			{Create: &types.CreateGlobalSecondaryIndexAction{IndexName: aws.String("byGK"), KeySchema: keySchemaOf("GK"),
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly}}},
			{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("GSI_1")}},
		}})
	mustOK(t, err)
	out, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("tbl")})
	mustOK(t, err)
	if g := out.Table.GlobalSecondaryIndexes; len(g) != 1 || *g[0].IndexName != "byGK" || len(out.Table.AttributeDefinitions) != 3 {
		t.Fatalf("gsis %+v defs %+v", g, out.Table.AttributeDefinitions)
	}
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("tbl")})
	wantErr(t, err, "ValidationException", "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required")
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("tbl"), BillingMode: types.BillingModeProvisioned,
		ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(5)},
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Update: &types.UpdateGlobalSecondaryIndexAction{IndexName: aws.String("byGK"),
			ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(2), WriteCapacityUnits: aws.Int64(2)}}}}})
	mustOK(t, err)
	out, err = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("tbl")})
	mustOK(t, err)
	if *out.Table.ProvisionedThroughput.ReadCapacityUnits != 5 || *out.Table.GlobalSecondaryIndexes[0].ProvisionedThroughput.WriteCapacityUnits != 2 {
		t.Fatalf("throughput %+v", out.Table.ProvisionedThroughput)
	}
}

func TestTagsAndTTL(t *testing.T) {
	_, c := newClient(t)
	createPKSK(t, c, "tbl")
	arn := aws.String("arn:aws:dynamodb:us-east-1:000000000000:table/tbl")
	_, err := c.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: arn, Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("dev")}, {Key: aws.String("team"), Value: aws.String("a")}}})
	mustOK(t, err)
	_, err = c.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: arn, TagKeys: []string{"team"}})
	mustOK(t, err)
	tags, err := c.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: arn})
	mustOK(t, err)
	if len(tags.Tags) != 1 || *tags.Tags[0].Key != "env" {
		t.Fatalf("tags %+v", tags.Tags)
	}
	_, err = c.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: aws.String("arn:aws:dynamodb:us-east-1:000000000000:table/nope")})
	wantErr(t, err, "ResourceNotFoundException", "")
	_, err = c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("tbl"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("exp"), Enabled: aws.Bool(true)}})
	mustOK(t, err)
	d, err := c.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String("tbl")})
	mustOK(t, err)
	if d.TimeToLiveDescription.TimeToLiveStatus != types.TimeToLiveStatusEnabled || *d.TimeToLiveDescription.AttributeName != "exp" {
		t.Fatalf("ttl %+v", d.TimeToLiveDescription)
	}
	_, err = c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("tbl"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("exp"), Enabled: aws.Bool(true)}})
	wantErr(t, err, "ValidationException", "TimeToLive is already enabled")
}

func TestDescribeEndpointsAndLimits(t *testing.T) {
	_, c := newClient(t)
	ep, err := c.DescribeEndpoints(ctx, &dynamodb.DescribeEndpointsInput{})
	mustOK(t, err)
	if len(ep.Endpoints) != 1 || ep.Endpoints[0].CachePeriodInMinutes != 1440 {
		t.Fatalf("endpoints %+v", ep.Endpoints)
	}
	l, err := c.DescribeLimits(ctx, &dynamodb.DescribeLimitsInput{})
	mustOK(t, err)
	if *l.TableMaxReadCapacityUnits != 40000 {
		t.Fatalf("limits %+v", l)
	}
}
