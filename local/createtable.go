package local

import (
	"strconv"
	"strings"
)

// DynamoDB's per-table index limits.
const (
	maxGSIs            = 20
	maxLSIs            = 5
	maxCapacityUnits   = 1000000000000
	maxNonKeyProjected = 100
)

// Billing modes.
const (
	billingProvisioned   = "PROVISIONED"
	billingPayPerRequest = "PAY_PER_REQUEST"
)

// checkCreateTableShape applies CreateTable's member constraints, reported
// together as DynamoDB's request validation does.
func checkCreateTableShape(in *createTableInput) error {
	if err := requireTableName(in.TableName); err != nil {
		return err
	}
	var v violations
	v.notNull(in.AttributeDefinitions != nil, "attributeDefinitions")
	for i, d := range in.AttributeDefinitions {
		p := memberPath("attributeDefinitions", i)
		v.notNull(d.AttributeName != nil, p+"attributeName")
		v.notNull(d.AttributeType != nil, p+"attributeType")
		v.enum(d.AttributeType, p+"attributeType", "B", "N", "S")
	}
	v.enum(in.BillingMode, "billingMode", billingProvisioned, billingPayPerRequest)
	checkThroughputShape(&v, in.ProvisionedThroughput, "provisionedThroughput")
	checkKeySchemaShape(&v, in.KeySchema, "keySchema", true, maxTableKeyAttrs)
	checkIndexesShape(&v, in.LocalSecondaryIndexes, "localSecondaryIndexes", maxTableKeyAttrs)
	checkIndexesShape(&v, in.GlobalSecondaryIndexes, "globalSecondaryIndexes", 0)
	checkStreamSpecShape(&v, in.StreamSpecification) // streamspec.go
	if err := v.err(); err != nil {
		return err
	}
	return checkCreateStream(in.StreamSpecification)
}

// checkThroughputShape checks a ProvisionedThroughput member.
func checkThroughputShape(v *violations, t *provisionedThroughput, path string) {
	if t == nil {
		return
	}
	v.notNull(t.WriteCapacityUnits != nil, path+".writeCapacityUnits")
	v.minInt(t.WriteCapacityUnits, 1, path+".writeCapacityUnits")
	v.notNull(t.ReadCapacityUnits != nil, path+".readCapacityUnits")
	v.minInt(t.ReadCapacityUnits, 1, path+".readCapacityUnits")
}

// maxTableKeyAttrs is how many elements the KeySchema of a table or local
// secondary index may have; that of a global secondary index is bounded
// by its checks of multi-attribute keys instead (the API Reference,
// CreateGlobalSecondaryIndexAction, gives it no maximum length).
const maxTableKeyAttrs = 2

// checkKeySchemaShape checks a KeySchema member of at most maxLen
// elements (0: no limit).
func checkKeySchemaShape(v *violations, ks []keySchemaElement, path string, keyTypeEnum bool, maxLen int) {
	v.notNull(ks != nil, path)
	if ks == nil {
		return
	}
	if len(ks) < 1 {
		v.add("'[]'", path, "Member must have length greater than or equal to 1")
	}
	if maxLen > 0 && len(ks) > maxLen {
		v.add(quote(keySchemaString(ks)), path, "Member must have length less than or equal to "+strconv.Itoa(maxLen))
	}
	for i, k := range ks {
		p := memberPath(path, i)
		v.notNull(k.AttributeName != nil, p+"attributeName")
		v.notNull(k.KeyType != nil, p+"keyType")
		if keyTypeEnum {
			v.enum(k.KeyType, p+"keyType", "HASH", "RANGE")
		}
	}
}

// keySchemaString renders a key schema as DynamoDB's messages show it.
func keySchemaString(ks []keySchemaElement) string {
	parts := make([]string, len(ks))
	for i, k := range ks {
		parts[i] = "KeySchemaElement(attributeName=" + deref(k.AttributeName) + ", keyType=" + deref(k.KeyType) + ")"
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// checkIndexesShape checks the members of LocalSecondaryIndexes or
// GlobalSecondaryIndexes, whose key schemas have at most maxKeyLen
// elements (0: no limit).
func checkIndexesShape(v *violations, idx []indexJSON, path string, maxKeyLen int) {
	for i, x := range idx {
		p := memberPath(path, i)
		checkIndexShape(v, &x, p, maxKeyLen)
	}
}

// checkIndexShape checks one index definition; p ends with "member.".
func checkIndexShape(v *violations, x *indexJSON, p string, maxKeyLen int) {
	v.notNull(x.IndexName != nil, p+"indexName")
	v.name(x.IndexName, p+"indexName")
	checkKeySchemaShape(v, x.KeySchema, p+"keySchema", false, maxKeyLen)
	v.notNull(x.Projection != nil, p+"projection")
	if x.Projection != nil {
		v.enum(x.Projection.ProjectionType, p+"projection.projectionType", projAll, projInclude, projKeysOnly)
		if x.Projection.NonKeyAttributes != nil && len(x.Projection.NonKeyAttributes) == 0 {
			v.add("'[]'", p+"projection.nonKeyAttributes", "Member must have length greater than or equal to 1")
		}
	}
	checkThroughputShape(v, x.ProvisionedThroughput, p+"provisionedThroughput")
}
