package conformance

import (
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Item is an item, a key, or a map of expression attribute values.
type Item = map[string]types.AttributeValue

// Names is a map of expression attribute names.
type Names = map[string]string

// Attribute value constructors.
func S(s string) types.AttributeValue  { return &types.AttributeValueMemberS{Value: s} }
func N(n string) types.AttributeValue  { return &types.AttributeValueMemberN{Value: n} }
func B(b []byte) types.AttributeValue  { return &types.AttributeValueMemberB{Value: b} }
func Bool(b bool) types.AttributeValue { return &types.AttributeValueMemberBOOL{Value: b} }
func Null() types.AttributeValue       { return &types.AttributeValueMemberNULL{Value: true} }
func M(m Item) types.AttributeValue    { return &types.AttributeValueMemberM{Value: m} }
func L(l ...types.AttributeValue) types.AttributeValue {
	if l == nil {
		l = []types.AttributeValue{}
	}
	return &types.AttributeValueMemberL{Value: l}
}
func SS(s ...string) types.AttributeValue { return &types.AttributeValueMemberSS{Value: s} }
func NS(n ...string) types.AttributeValue { return &types.AttributeValueMemberNS{Value: n} }
func BS(b ...[]byte) types.AttributeValue { return &types.AttributeValueMemberBS{Value: b} }

// str returns a pointer to s, for optional SDK fields.
func str(s string) *string { return aws.String(s) }

// i32 returns a pointer to n, for optional SDK fields.
func i32(n int32) *int32 { return aws.Int32(n) }

// keyTable returns an on-demand table spec with hash key h of type ht and,
// when r is not "", range key r of type rt.
func keyTable(h, ht, r, rt string) *dynamodb.CreateTableInput {
	in := &dynamodb.CreateTableInput{BillingMode: types.BillingModePayPerRequest}
	in.KeySchema, in.AttributeDefinitions = keySchema(h, ht, r, rt)
	return in
}

// keySchema returns the key schema and attribute definitions of a hash key h
// and an optional range key r.
func keySchema(h, ht, r, rt string) ([]types.KeySchemaElement, []types.AttributeDefinition) {
	ks := []types.KeySchemaElement{{AttributeName: str(h), KeyType: types.KeyTypeHash}}
	defs := []types.AttributeDefinition{{AttributeName: str(h), AttributeType: types.ScalarAttributeType(ht)}}
	if r != "" {
		ks = append(ks, types.KeySchemaElement{AttributeName: str(r), KeyType: types.KeyTypeRange})
		defs = append(defs, types.AttributeDefinition{AttributeName: str(r), AttributeType: types.ScalarAttributeType(rt)})
	}
	return ks, defs
}

// Table shapes used by many cases.
var (
	hashS      = keyTable("pk", "S", "", "")
	hashN      = keyTable("pk", "N", "", "")
	hashB      = keyTable("pk", "B", "", "")
	hashRangeS = keyTable("pk", "S", "sk", "S")
	hashRangeN = keyTable("pk", "S", "sk", "N")
	hashRangeB = keyTable("pk", "S", "sk", "B")
)

// Index projections.
var (
	projAll      = &types.Projection{ProjectionType: types.ProjectionTypeAll}
	projKeysOnly = &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly}
)

// projInclude projects the keys and the named attributes.
func projInclude(attrs ...string) *types.Projection {
	return &types.Projection{ProjectionType: types.ProjectionTypeInclude, NonKeyAttributes: attrs}
}

// withGSI returns a copy of table with a global secondary index named name
// on hash key h (type ht) and optional range key r (type rt).
func withGSI(table *dynamodb.CreateTableInput, name, h, ht, r, rt string, p *types.Projection) *dynamodb.CreateTableInput {
	out := *table
	ks, defs := keySchema(h, ht, r, rt)
	out.AttributeDefinitions = addDefs(out.AttributeDefinitions, defs)
	out.GlobalSecondaryIndexes = append(append([]types.GlobalSecondaryIndex(nil), out.GlobalSecondaryIndexes...),
		types.GlobalSecondaryIndex{IndexName: str(name), KeySchema: ks, Projection: p})
	return &out
}

// withLSI returns a copy of table with a local secondary index named name on
// the table's hash key and range key r of type rt.
func withLSI(table *dynamodb.CreateTableInput, name, r, rt string, p *types.Projection) *dynamodb.CreateTableInput {
	out := *table
	ks, defs := keySchema(*table.KeySchema[0].AttributeName, string(table.AttributeDefinitions[0].AttributeType), r, rt)
	out.AttributeDefinitions = addDefs(out.AttributeDefinitions, defs)
	out.LocalSecondaryIndexes = append(append([]types.LocalSecondaryIndex(nil), out.LocalSecondaryIndexes...),
		types.LocalSecondaryIndex{IndexName: str(name), KeySchema: ks, Projection: p})
	return &out
}

// addDefs appends the attribute definitions in more that defs lacks.
func addDefs(defs, more []types.AttributeDefinition) []types.AttributeDefinition {
	out := append([]types.AttributeDefinition(nil), defs...)
	for _, d := range more {
		found := false
		for _, x := range out {
			found = found || *x.AttributeName == *d.AttributeName
		}
		if !found {
			out = append(out, d)
		}
	}
	return out
}

// put is a step that writes item to "$T" and expects success.
func put(item Item) Step {
	return Step{Call: &dynamodb.PutItemInput{Item: item}}
}

// get is a step that reads key from "$T" consistently and wants the
// response want.
func get(key Item, want string) Step {
	return Step{Call: &dynamodb.GetItemInput{Key: key, ConsistentRead: aws.Bool(true)}, Want: want}
}

// yes is a pointer to true, for optional SDK flags.
var yes = aws.Bool(true)

// aws64 returns a pointer to n, for optional SDK fields.
func aws64(n int64) *int64 { return aws.Int64(n) }

// no is a pointer to false, for optional SDK flags.
var no = aws.Bool(false)

// itoa formats n in decimal.
func itoa(n int) string { return strconv.Itoa(n) }
