package conformance

import (
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestControlPlane covers CreateTable and its validation, DescribeTable,
// ListTables, DeleteTable, UpdateTable with index changes, TTL and tags.
// Messages are DynamoDB's as recorded by dynalite's test/createTable.js and
// neighbours (see sources_test.go).
func TestControlPlane(t *testing.T) { runCases(t, controlCases) }

// create is a CreateTable of "$T" from spec.
func create(spec *dynamodb.CreateTableInput, want string) Step {
	return Step{Call: spec, Want: want}
}

// createErr is a case whose CreateTable DynamoDB rejects with a
// ValidationException and message msg ("" leaves it unchecked). When
// localDiffers is set, DynamoDB Local is checked for the type only.
func createErr(name string, spec *dynamodb.CreateTableInput, msg, localDiffers string) Case {
	s := Step{Call: spec, Err: "ValidationException", Msg: msg}
	if localDiffers != "" {
		s.LocalDiffers, s.Local = localDiffers, &Expect{Err: "ValidationException"}
	}
	return Case{Name: name, Steps: []Step{s}}
}

// spec returns a copy of table with changes applied.
func spec(table *dynamodb.CreateTableInput, change func(*dynamodb.CreateTableInput)) *dynamodb.CreateTableInput {
	out := *table
	change(&out)
	return &out
}

// describe is a DescribeTable of "$T" wanting want.
func describe(want string) Step {
	return Step{Call: &dynamodb.DescribeTableInput{}, Want: want}
}

const (
	pkHash     = `{"AttributeName":"pk","KeyType":"HASH"}`
	invalidArg = "One or more parameter values were invalid: "
)

var controlCases = []Case{
	{Name: "CreateTable with a hash key", Steps: []Step{
		create(hashS, `{"TableDescription":{"TableName":"$T","KeySchema":[`+pkHash+`],`+
			`"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],`+
			`"BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST"},"ItemCount":0,"TableSizeBytes":0}}`),
		describe(`{"Table":{"TableName":"$T","TableStatus":"ACTIVE","KeySchema":[` + pkHash + `],` +
			`"BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST"},"ItemCount":0}}`),
	}},
	{Name: "CreateTable with number and binary keys", Steps: []Step{
		create(keyTable("pk", "N", "sk", "B"), `{"TableDescription":{"KeySchema":[`+pkHash+`,{"AttributeName":"sk","KeyType":"RANGE"}]}}`),
		describe(`{"Table":{"KeySchema":[` + pkHash + `,{"AttributeName":"sk","KeyType":"RANGE"}]}}`),
	}},
	{Name: "CreateTable with provisioned throughput", Steps: []Step{
		create(spec(hashS, func(in *dynamodb.CreateTableInput) {
			in.BillingMode = types.BillingModeProvisioned
			in.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws64(5), WriteCapacityUnits: aws64(7)}
		}), `{"TableDescription":{"ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":7}}}`),
		describe(`{"Table":{"ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":7}}}`),
	}},
	{Name: "CreateTable with global and local indexes", Steps: []Step{
		create(indexTable(projInclude("inc")), ""),
		describe(`{"Table":{"GlobalSecondaryIndexes":[{"IndexName":"gsi","IndexStatus":"ACTIVE",` +
			`"KeySchema":[{"AttributeName":"g","KeyType":"HASH"},{"AttributeName":"gs","KeyType":"RANGE"}],` +
			`"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["inc"]}}],` +
			`"LocalSecondaryIndexes":[{"IndexName":"lsi","KeySchema":[` + pkHash + `,{"AttributeName":"ls","KeyType":"RANGE"}],` +
			`"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["inc"]}}]}}`),
	}},
	{Name: "CreateTable of an existing table", Table: hashS, Steps: []Step{
		{Call: hashS, Err: "ResourceInUseException", Msg: "Table already exists: $T",
			LocalDiffers: localTableExists, Local: &Expect{Err: "ResourceInUseException"}},
	}},
	createErr("CreateTable key without a definition", spec(hashS, func(in *dynamodb.CreateTableInput) {
		in.AttributeDefinitions = []types.AttributeDefinition{{AttributeName: str("x"), AttributeType: "S"}}
	}), invalidArg+"Some index key attributes are not defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [x]", localCreateTable),
	createErr("CreateTable unused attribute definition", spec(hashS, func(in *dynamodb.CreateTableInput) {
		in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{AttributeName: str("x"), AttributeType: "S"})
	}), invalidArg+"Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions", localCreateTable),
	createErr("CreateTable first key not HASH", spec(hashS, func(in *dynamodb.CreateTableInput) {
		in.KeySchema = []types.KeySchemaElement{{AttributeName: str("pk"), KeyType: types.KeyTypeRange}}
	}), "Invalid KeySchema: The first KeySchemaElement is not a HASH key type", localCreateTable),
	createErr("CreateTable second key not RANGE", spec(hashRangeS, func(in *dynamodb.CreateTableInput) {
		in.KeySchema = []types.KeySchemaElement{{AttributeName: str("pk"), KeyType: types.KeyTypeHash}, {AttributeName: str("sk"), KeyType: types.KeyTypeHash}}
	}), "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type", localCreateTable),
	createErr("CreateTable hash and range keys of one name", spec(hashRangeS, func(in *dynamodb.CreateTableInput) {
		in.KeySchema = []types.KeySchemaElement{{AttributeName: str("pk"), KeyType: types.KeyTypeHash}, {AttributeName: str("pk"), KeyType: types.KeyTypeRange}}
	}), "Both the Hash Key and the Range Key element in the KeySchema have the same name", localCreateTable),
	createErr("CreateTable provisioned without throughput", spec(hashS, func(in *dynamodb.CreateTableInput) {
		in.BillingMode = types.BillingModeProvisioned
	}), invalidArg+"ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED", localCreateTable),
	{Name: "CreateTable on-demand with throughput", Steps: []Step{
		{Call: spec(hashS, func(in *dynamodb.CreateTableInput) {
			in.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws64(1), WriteCapacityUnits: aws64(1)}
		}), Err: "ValidationException",
			Msg:          invalidArg + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST",
			LocalDiffers: localOnDemandThroughput},
	}},
	createErr("CreateTable with an empty index list", spec(hashS, func(in *dynamodb.CreateTableInput) {
		in.GlobalSecondaryIndexes = []types.GlobalSecondaryIndex{}
	}), invalidArg+"List of GlobalSecondaryIndexes is empty", localCreateTable),
	createErr("CreateTable local index without a range key", withLSI(hashS, "lsi", "ls", "N", projAll),
		invalidArg+"Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex", localCreateTable),
	createErr("CreateTable KEYS_ONLY with NonKeyAttributes", withGSI(hashS, "gsi", "g", "S", "", "",
		&types.Projection{ProjectionType: types.ProjectionTypeKeysOnly, NonKeyAttributes: []string{"x"}}),
		invalidArg+"ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified", localCreateTable),
	createErr("CreateTable INCLUDE without NonKeyAttributes", withGSI(hashS, "gsi", "g", "S", "", "",
		&types.Projection{ProjectionType: types.ProjectionTypeInclude}), "", ""),
	createErr("CreateTable duplicate index names", withGSI(withGSI(hashS, "gsi", "g", "S", "", "", projAll), "gsi", "h", "S", "", "", projAll),
		invalidArg+"Duplicate index name: gsi", localCreateTable),
	createErr("CreateTable attribute type not S N or B", spec(hashS, func(in *dynamodb.CreateTableInput) {
		in.AttributeDefinitions = []types.AttributeDefinition{{AttributeName: str("pk"), AttributeType: "X"}}
	}), "*Member must satisfy enum value set: [B, N, S]", ""),
	createErr("CreateTable name too short", spec(hashS, func(in *dynamodb.CreateTableInput) { in.TableName = str("ab") }), "", ""),
	createErr("CreateTable name with invalid characters", spec(hashS, func(in *dynamodb.CreateTableInput) { in.TableName = str("a;b") }),
		"1 validation error detected: Value 'a;b' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
		localCreateTable),
	{Name: "control operations on an absent table", Steps: []Step{
		tableNotFound(&dynamodb.DescribeTableInput{}),
		tableNotFound(&dynamodb.DeleteTableInput{}),
		tableNotFound(&dynamodb.UpdateTableInput{BillingMode: types.BillingModePayPerRequest}),
		tableNotFound(&dynamodb.DescribeTimeToLiveInput{}),
	}},
	{Name: "DeleteTable", Table: hashS, Steps: []Step{
		{Call: &dynamodb.DeleteTableInput{}, Want: `{"TableDescription":{"TableName":"$T","TableStatus":"DELETING"}}`,
			LocalDiffers: localDeleting, Local: &Expect{Want: `{"TableDescription":{"TableName":"$T"}}`}},
		tableNotFound(&dynamodb.DescribeTableInput{}),
		{Call: &dynamodb.GetItemInput{Key: kA}, Err: "ResourceNotFoundException"},
	}},
	{Name: "ListTables pages in name order", Table: hashS, Table2: hashS, Run: func(e *Env) {
		names := []string{e.Name("$T"), e.Name("$T2")}
		sort.Strings(names)
		start := names[0][:len(names[0])-8]
		for _, want := range names {
			o := e.Call(&dynamodb.ListTablesInput{Limit: i32(1), ExclusiveStartTableName: &start})
			out, _ := o.out.(*dynamodb.ListTablesOutput)
			// The last table of all may come without LastEvaluatedTableName.
			if out == nil || len(out.TableNames) != 1 || out.TableNames[0] != want ||
				out.LastEvaluatedTableName != nil && *out.LastEvaluatedTableName != want {
				e.Fatalf("ListTables after %q: got %s, want [%s] and LastEvaluatedTableName %s", start, o.describe(), want, want)
			}
			start = want
		}
	}},
	{Name: "ListTables limits", Steps: []Step{
		{Call: &dynamodb.ListTablesInput{Limit: i32(101)}, Err: "ValidationException",
			Msg:          "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
			LocalDiffers: localListLimit, Local: &Expect{Err: "ValidationException"}},
	}},
	{Name: "UpdateTable adds and removes a global index", Table: hashS, Steps: []Step{
		put(Item{"pk": S("a"), "g": S("x")}),
		put(Item{"pk": S("b")}),
		{Call: &dynamodb.UpdateTableInput{AttributeDefinitions: []types.AttributeDefinition{{AttributeName: str("g"), AttributeType: "S"}},
			GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
				IndexName: str("gsi"), KeySchema: []types.KeySchemaElement{{AttributeName: str("g"), KeyType: types.KeyTypeHash}},
				Projection: projAll}}}},
			Want: `{"TableDescription":{"GlobalSecondaryIndexes":[{"IndexName":"gsi"}]}}`},
	}, Run: func(e *Env) {
		e.WaitActive("$T")
		e.Do(Step{Call: &dynamodb.QueryInput{IndexName: str("gsi"), KeyConditionExpression: str("g = :x"),
			ExpressionAttributeValues: Item{":x": S("x")}}, Want: `{"Items":[{"pk":{"S":"a"},"g":{"S":"x"}}],"Count":1}`})
		e.Do(Step{Call: &dynamodb.UpdateTableInput{GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{
			{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: str("gsi")}}}}})
		e.waitNoIndexes()
		e.Do(Step{Call: &dynamodb.QueryInput{IndexName: str("gsi"), KeyConditionExpression: str("g = :x"),
			ExpressionAttributeValues: Item{":x": S("x")}}, Err: "ValidationException",
			Msg: "The table does not have the specified index: gsi"})
	}},
	{Name: "TimeToLive", Table: hashS, Steps: []Step{
		{Call: &dynamodb.DescribeTimeToLiveInput{}, Want: `{"TimeToLiveDescription":{"TimeToLiveStatus":"DISABLED"}}`},
		{Call: &dynamodb.UpdateTimeToLiveInput{TimeToLiveSpecification: &types.TimeToLiveSpecification{
			AttributeName: str("ttl"), Enabled: yes}}, Want: `{"TimeToLiveSpecification":{"AttributeName":"ttl","Enabled":true}}`},
		{Call: &dynamodb.DescribeTimeToLiveInput{}, Want: `{"TimeToLiveDescription":{"AttributeName":"ttl"}}`},
		{Call: &dynamodb.UpdateTimeToLiveInput{TimeToLiveSpecification: &types.TimeToLiveSpecification{
			AttributeName: str("ttl"), Enabled: yes}}, Err: "ValidationException"},
	}},
	{Name: "tags", Table: hashS, LocalDiffers: localTags, Steps: []Step{
		{Call: &dynamodb.ListTagsOfResourceInput{ResourceArn: str("$ARN")}, Want: `{"Tags":[]}`},
		{Call: &dynamodb.TagResourceInput{ResourceArn: str("$ARN"), Tags: []types.Tag{{Key: str("k1"), Value: str("v1")}}}},
		{Call: &dynamodb.ListTagsOfResourceInput{ResourceArn: str("$ARN")}, Want: `{"Tags":[{"Key":"k1","Value":"v1"}]}`},
		{Call: &dynamodb.UntagResourceInput{ResourceArn: str("$ARN"), TagKeys: []string{"k1"}}},
		{Call: &dynamodb.ListTagsOfResourceInput{ResourceArn: str("$ARN")}, Want: `{"Tags":[]}`},
		{Call: &dynamodb.DeleteTableInput{}},
		{Call: &dynamodb.ListTagsOfResourceInput{ResourceArn: str("$ARN")}, Err: "ResourceNotFoundException",
			Msg: "Requested resource not found: ResourcArn: *table/$T not found"},
	}},
}

// tableNotFound is a control operation on the absent table "$T".
func tableNotFound(in any) Step {
	return Step{Call: in, Err: "ResourceNotFoundException", Msg: "Requested resource not found: Table: $T not found",
		LocalDiffers: localTableNotFound, Local: &Expect{Err: "ResourceNotFoundException"}}
}

// waitNoIndexes waits until "$T" has no global secondary index left.
func (e *Env) waitNoIndexes() {
	for range 600 {
		o := e.Call(&dynamodb.DescribeTableInput{})
		out, _ := o.out.(*dynamodb.DescribeTableOutput)
		if out != nil && len(out.Table.GlobalSecondaryIndexes) == 0 {
			return
		}
		sleep()
	}
	e.Fatalf("the global index is still there after a minute")
}
