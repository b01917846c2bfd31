package local

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// tableSchema is a validated CreateTable request.
type tableSchema struct {
	key      keySchema
	defs     []attributeDefinition // as given
	types    map[string]ddbtype.Type
	gsis     []*indexSchema
	lsis     []*indexSchema
	billing  string
	capacity throughput
}

// indexSchema is a validated index definition.
type indexSchema struct {
	name     string
	global   bool
	key      keySchema
	proj     projection
	capacity throughput
}

// buildSchema validates a CreateTable request whose shape is already
// checked, with DynamoDB's messages in DynamoDB's order.
func buildSchema(in *createTableInput) (*tableSchema, error) {
	s := &tableSchema{defs: in.AttributeDefinitions, types: make(map[string]ddbtype.Type)}
	for _, d := range in.AttributeDefinitions {
		if _, dup := s.types[*d.AttributeName]; dup {
			return nil, validationErr("Attribute Name is duplicated: " + *d.AttributeName)
		}
		s.types[*d.AttributeName] = attrType(*d.AttributeType)
	}
	if err := checkNameLengths(in); err != nil {
		return nil, err
	}
	var err error
	if s.billing, s.capacity, err = checkBilling(in.BillingMode, in.ProvisionedThroughput); err != nil {
		return nil, err
	}
	if s.key, err = s.checkKey(in.KeySchema); err != nil {
		return nil, err
	}
	if in.LocalSecondaryIndexes == nil && in.GlobalSecondaryIndexes == nil && len(in.KeySchema) != len(s.defs) {
		return nil, invalidParam("Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")
	}
	seen := map[string]bool{}
	if s.lsis, err = s.checkLSIs(in.LocalSecondaryIndexes, seen); err != nil {
		return nil, err
	}
	if s.gsis, err = s.checkGSIs(in.GlobalSecondaryIndexes, s.billing, seen); err != nil {
		return nil, err
	}
	return s, s.checkUnusedDefs()
}

// maxAttrNameLen is the longest name of a key attribute or of an
// attribute an index projects.
const maxAttrNameLen = 255

// checkNameLengths rejects key attribute names, of the table or its
// indexes, and projected attribute names out of 1 to 255 characters.
func checkNameLengths(in *createTableInput) error {
	if err := checkKeyNameLengths(in.KeySchema); err != nil {
		return err
	}
	for i := range in.LocalSecondaryIndexes {
		if err := in.LocalSecondaryIndexes[i].checkNameLengths(); err != nil {
			return err
		}
	}
	for i := range in.GlobalSecondaryIndexes {
		if err := in.GlobalSecondaryIndexes[i].checkNameLengths(); err != nil {
			return err
		}
	}
	return nil
}

// checkNameLengths rejects the index's key or projected attribute names
// out of 1 to 255 characters.
func (x *indexJSON) checkNameLengths() error {
	if err := checkKeyNameLengths(x.KeySchema); err != nil {
		return err
	}
	if x.Projection == nil || !slices.ContainsFunc(x.Projection.NonKeyAttributes, badNameLength) {
		return nil
	}
	return nameLengthErr()
}

// checkKeyNameLengths rejects a key schema's attribute names out of 1 to
// 255 characters.
func checkKeyNameLengths(ks []keySchemaElement) error {
	if slices.ContainsFunc(ks, func(k keySchemaElement) bool { return badNameLength(*k.AttributeName) }) {
		return nameLengthErr()
	}
	return nil
}

// badNameLength reports whether an attribute name is too short or too
// long for a key or a projection; DynamoDB counts UTF-16 units, as Java.
func badNameLength(name string) bool {
	n := 0
	for _, r := range name {
		n += utf16Len(r)
	}
	return n < 1 || n > maxAttrNameLen
}

// utf16Len is the number of UTF-16 units of r.
func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// nameLengthErr is DynamoDB's error for a key or projected attribute name
// of the wrong length.
func nameLengthErr() error {
	return validationErr("Names of key attributes and attributes projected into an index must be between 1 and 255 characters, inclusive")
}

// checkBilling validates the billing mode and provisioned throughput.
func checkBilling(mode *string, t *provisionedThroughput) (string, throughput, error) {
	if deref(mode) == billingPayPerRequest {
		if t != nil {
			return "", throughput{}, invalidParam("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
		}
		return billingPayPerRequest, throughput{}, nil
	}
	if t == nil || t.ReadCapacityUnits == nil || t.WriteCapacityUnits == nil {
		return "", throughput{}, invalidParam("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
	}
	if err := checkCapacityBounds(t); err != nil {
		return "", throughput{}, err
	}
	return billingProvisioned, throughput{read: *t.ReadCapacityUnits, write: *t.WriteCapacityUnits}, nil
}

// checkCapacityBounds rejects capacities above DynamoDB's maximum.
func checkCapacityBounds(t *provisionedThroughput) error {
	if *t.ReadCapacityUnits > maxCapacityUnits {
		return validationErr("Given value " + strconv.FormatInt(*t.ReadCapacityUnits, 10) + " for ReadCapacityUnits is out of bounds")
	}
	if *t.WriteCapacityUnits > maxCapacityUnits {
		return validationErr("Given value " + strconv.FormatInt(*t.WriteCapacityUnits, 10) + " for WriteCapacityUnits is out of bounds")
	}
	return nil
}

// checkKey validates the KeySchema of a table or local secondary index,
// a partition key and an optional sort key, against the attribute
// definitions.
func (s *tableSchema) checkKey(ks []keySchemaElement) (keySchema, error) {
	names, err := s.checkKeyNames(ks)
	if err != nil {
		return keySchema{}, err
	}
	if len(ks) == 1 {
		return newKeySchema(s.keyAttr(names[0]), keyAttr{}), nil
	}
	if *ks[1].KeyType != "RANGE" {
		return keySchema{}, validationErr("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type")
	}
	return newKeySchema(s.keyAttr(names[0]), s.keyAttr(names[1])), nil
}

// maxKeyAttrs is how many attributes a global secondary index's partition
// key, and its sort key, may have.
const maxKeyAttrs = 4

// checkGSIKey validates the KeySchema of a global secondary index: up to
// four partition key attributes, then up to four sort key attributes.
// DynamoDB's messages for their order and number are those
// github.com/alchemy-run/alchemy pull 1216 recorded from DynamoDB.
func (s *tableSchema) checkGSIKey(ks []keySchemaElement) (keySchema, error) {
	names, err := s.checkKeyNames(ks)
	if err != nil {
		return keySchema{}, err
	}
	k := keySchema{attrs: make([]keyAttr, 0, len(ks))}
	for i, e := range ks {
		if *e.KeyType == "HASH" {
			if k.hasSort() {
				return keySchema{}, invalidParam("All HASH key attributes must precede RANGE key attributes in the KeySchema")
			}
			k.nHash++
		}
		k.attrs = append(k.attrs, s.keyAttr(names[i]))
	}
	switch {
	case k.nHash > maxKeyAttrs:
		return keySchema{}, tooManyKeyAttrs("HASH")
	case len(k.attrs)-k.nHash > maxKeyAttrs:
		return keySchema{}, tooManyKeyAttrs("RANGE")
	}
	return k, nil
}

// tooManyKeyAttrs is DynamoDB's error for a partition or sort key (kind
// HASH or RANGE) of more than four attributes.
func tooManyKeyAttrs(kind string) error {
	return invalidParam("The KeySchema exceeds the maximum allowed number of %s key attributes", kind)
}

// checkKeyNames checks that a KeySchema's attributes are defined and
// distinct and that it starts with a partition key attribute, and returns
// their names.
func (s *tableSchema) checkKeyNames(ks []keySchemaElement) ([]string, error) {
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = *k.AttributeName
	}
	if len(ks) > len(s.defs) {
		return nil, validationErr("Invalid KeySchema: Some index key attribute have no definition")
	}
	for _, n := range names {
		if _, ok := s.types[n]; !ok {
			return nil, invalidParam("Some index key attributes are not defined in AttributeDefinitions. Keys: [%s], AttributeDefinitions: [%s]",
				strings.Join(names, ", "), strings.Join(s.defNames(), ", "))
		}
	}
	for i, n := range names {
		if !slices.Contains(names[:i], n) {
			continue
		}
		if len(names) == 2 {
			return nil, validationErr("Both the Hash Key and the Range Key element in the KeySchema have the same name")
		}
		return nil, validationErr("The KeySchema contains multiple key attributes with the same name")
	}
	if *ks[0].KeyType != "HASH" {
		return nil, validationErr("Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
	}
	return names, nil
}

// keyAttr returns the defined attribute called name.
func (s *tableSchema) keyAttr(name string) keyAttr {
	return keyAttr{Name: name, Type: s.types[name]}
}

// defNames returns the defined attribute names in the order given.
func (s *tableSchema) defNames() []string {
	out := make([]string, len(s.defs))
	for i, d := range s.defs {
		out[i] = *d.AttributeName
	}
	return out
}

// checkLSIs validates the local secondary indexes.
func (s *tableSchema) checkLSIs(idx []indexJSON, seen map[string]bool) ([]*indexSchema, error) {
	if idx == nil {
		return nil, nil
	}
	if len(idx) == 0 {
		return nil, invalidParam("List of LocalSecondaryIndexes is empty")
	}
	if !s.key.hasSort() {
		return nil, invalidParam("Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex")
	}
	out := make([]*indexSchema, 0, len(idx))
	for i := range idx {
		x, err := s.checkLSI(&idx[i], seen)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	if len(idx) > maxLSIs {
		return nil, invalidParam("Number of LocalSecondaryIndexes exceeds per-table limit of %d", maxLSIs)
	}
	return out, nil
}

// checkLSI validates one local secondary index.
func (s *tableSchema) checkLSI(x *indexJSON, seen map[string]bool) (*indexSchema, error) {
	k, err := s.checkKey(x.KeySchema)
	if err != nil {
		return nil, err
	}
	if !k.hasSort() {
		return nil, invalidParam("Index KeySchema does not have a range key for index: %s", *x.IndexName)
	}
	if k.partition().Name != s.key.partition().Name {
		return nil, invalidParam("Index KeySchema does not have the same leading hash key as table KeySchema for index: %s. index hash key: %s, table hash key: %s",
			*x.IndexName, k.partition().Name, s.key.partition().Name)
	}
	p, err := checkProjection(x.Projection)
	if err != nil {
		return nil, err
	}
	if seen[*x.IndexName] {
		return nil, invalidParam("Duplicate index name: %s", *x.IndexName)
	}
	seen[*x.IndexName] = true
	return &indexSchema{name: *x.IndexName, key: k, proj: p}, nil
}

// checkGSIs validates the global secondary indexes.
func (s *tableSchema) checkGSIs(idx []indexJSON, billing string, seen map[string]bool) ([]*indexSchema, error) {
	if idx == nil {
		return nil, nil
	}
	if len(idx) == 0 {
		return nil, invalidParam("List of GlobalSecondaryIndexes is empty")
	}
	out := make([]*indexSchema, 0, len(idx))
	for i := range idx {
		x, err := s.checkGSI(&idx[i], billing)
		if err != nil {
			return nil, err
		}
		if seen[x.name] {
			return nil, invalidParam("Duplicate index name: %s", x.name)
		}
		seen[x.name] = true
		out = append(out, x)
	}
	if len(idx) > maxGSIs {
		return nil, invalidParam("GlobalSecondaryIndex count exceeds the per-table limit of %d", maxGSIs)
	}
	return out, nil
}

// checkGSI validates one global secondary index.
func (s *tableSchema) checkGSI(x *indexJSON, billing string) (*indexSchema, error) {
	is, err := s.checkIndexBase(x, true)
	if err != nil {
		return nil, err
	}
	if billing == billingPayPerRequest {
		if x.ProvisionedThroughput != nil {
			return nil, invalidParam("ProvisionedThroughput should not be specified for index: %s when BillingMode is PAY_PER_REQUEST", is.name)
		}
		return is, nil
	}
	t := x.ProvisionedThroughput
	if t == nil {
		return nil, invalidParam("ProvisionedThroughput must be specified for index: %s", is.name)
	}
	if err := checkCapacityBounds(t); err != nil {
		return nil, err
	}
	is.capacity = throughput{read: *t.ReadCapacityUnits, write: *t.WriteCapacityUnits}
	return is, nil
}

// checkIndexBase validates an index's key schema and projection.
func (s *tableSchema) checkIndexBase(x *indexJSON, global bool) (*indexSchema, error) {
	check := s.checkKey
	if global {
		check = s.checkGSIKey
	}
	k, err := check(x.KeySchema)
	if err != nil {
		return nil, err
	}
	p, err := checkProjection(x.Projection)
	if err != nil {
		return nil, err
	}
	return &indexSchema{name: *x.IndexName, global: global, key: k, proj: p}, nil
}

// checkProjection validates an index projection.
func checkProjection(p *projectionJSON) (projection, error) {
	if p.ProjectionType == nil {
		return projection{}, invalidParam("Unknown ProjectionType: null")
	}
	typ := *p.ProjectionType
	if p.NonKeyAttributes != nil && typ != projInclude {
		return projection{}, invalidParam("ProjectionType is %s, but NonKeyAttributes is specified", typ)
	}
	if typ == projInclude && len(p.NonKeyAttributes) == 0 {
		return projection{}, invalidParam("ProjectionType is INCLUDE, but NonKeyAttributes is not specified")
	}
	out := projection{typ: typ}
	if typ == projInclude {
		if len(p.NonKeyAttributes) > maxNonKeyProjected {
			return projection{}, invalidParam("Number of projected attributes in all indexes exceeds limit of %d", maxNonKeyProjected)
		}
		out.nonKey = p.NonKeyAttributes
		out.include = make(map[string]bool, len(p.NonKeyAttributes))
		for _, a := range p.NonKeyAttributes {
			if out.include[a] {
				return projection{}, invalidParam("Duplicate element in NonKeyAttributes: %s", a)
			}
			out.include[a] = true
		}
	}
	return out, nil
}

// checkUnusedDefs rejects attribute definitions no key uses. The names
// used are listed in the order of a Java HashSet, as DynamoDB lists them
// (ack-api-quirks dynamodb DDB-TABLE-127, probed on DynamoDB: "keys used:
// [a, sk, pk]").
func (s *tableSchema) checkUnusedDefs() error {
	used := keyNames(nil, s.key)
	for _, x := range append(append([]*indexSchema{}, s.lsis...), s.gsis...) {
		used = keyNames(used, x.key)
	}
	if len(used) == len(s.types) {
		return nil
	}
	return invalidParam("Some AttributeDefinitions are not used. AttributeDefinitions: [%s], keys used: [%s]",
		strings.Join(s.defNames(), ", "), strings.Join(expr.HashSetOrder(used), ", "))
}

// keyNames adds the attribute names of k not yet in names.
func keyNames(names []string, k keySchema) []string {
	for _, a := range k.attrs {
		if !slices.Contains(names, a.Name) {
			names = append(names, a.Name)
		}
	}
	return names
}
