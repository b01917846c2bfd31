package local

import (
	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// keyAttr is one key attribute: its name and type (S, N or B).
type keyAttr = expr.KeyAttr

// keySchema is a table's or index's key: the partition (hash) key's
// attributes, then the sort (range) key's, each in order. Tables and local
// secondary indexes have one partition attribute and at most one sort
// attribute; a global secondary index up to four of each (multi-attribute
// keys).
type keySchema struct {
	attrs []keyAttr
	nHash int // how many of attrs make the partition key
}

// newKeySchema returns the key of partition attribute hash and, unless
// sort's name is "", sort attribute sort.
func newKeySchema(hash, sort keyAttr) keySchema {
	if sort.Name == "" {
		return keySchema{attrs: []keyAttr{hash}, nHash: 1}
	}
	return keySchema{attrs: []keyAttr{hash, sort}, nHash: 1}
}

// hashAttrs returns the partition key's attributes.
func (k keySchema) hashAttrs() []keyAttr { return k.attrs[:k.nHash] }

// sortAttrs returns the sort key's attributes, none without a sort key.
func (k keySchema) sortAttrs() []keyAttr { return k.attrs[k.nHash:] }

// partition returns the first (for a table, the only) partition key
// attribute.
func (k keySchema) partition() keyAttr { return k.attrs[0] }

// sortName returns the name of the first sort key attribute, or "".
func (k keySchema) sortName() string {
	if !k.hasSort() {
		return ""
	}
	return k.attrs[k.nHash].Name
}

// hasSort reports whether the schema has a sort key.
func (k keySchema) hasSort() bool { return len(k.attrs) > k.nHash }

// isHash reports whether the i-th key attribute is a partition key
// attribute.
func (k keySchema) isHash(i int) bool { return i < k.nHash }

// isKey reports whether name is one of the schema's key attributes.
func (k keySchema) isKey(name string) bool {
	for _, a := range k.attrs {
		if a.Name == name {
			return true
		}
	}
	return false
}

// query returns the schema as key conditions resolve against it.
func (k keySchema) query() expr.KeySchema {
	return expr.KeySchema{Partition: k.hashAttrs(), Sort: k.sortAttrs()}
}

// json returns the schema in the wire format.
func (k keySchema) json() []keySchemaElement {
	out := make([]keySchemaElement, len(k.attrs))
	for i, a := range k.attrs {
		typ := "RANGE"
		if k.isHash(i) {
			typ = "HASH"
		}
		out[i] = keySchemaElement{AttributeName: ptr(a.Name), KeyType: ptr(typ)}
	}
	return out
}

// Projection types.
const (
	projAll      = "ALL"
	projKeysOnly = "KEYS_ONLY"
	projInclude  = "INCLUDE"
)

// projection is an index's projection.
type projection struct {
	typ     string
	nonKey  []string        // INCLUDE: as given
	include map[string]bool // INCLUDE: nonKey as a set
}

// json returns the projection in the wire format.
func (p projection) json() projectionJSON {
	return projectionJSON{ProjectionType: ptr(p.typ), NonKeyAttributes: p.nonKey}
}

// throughput is provisioned capacity; zero for on-demand tables.
type throughput struct {
	read, write int64
}

// desc returns the throughput's description.
func (t throughput) desc() throughputDescription {
	return throughputDescription{ReadCapacityUnits: t.read, WriteCapacityUnits: t.write}
}

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }

// deref returns *p, or the zero value when p is nil.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// attrType maps an AttributeType string to its type.
func attrType(s string) ddbtype.Type {
	switch s {
	case "S":
		return ddbtype.TypeS
	case "N":
		return ddbtype.TypeN
	case "B":
		return ddbtype.TypeB
	}
	return ddbtype.TypeNone
}
