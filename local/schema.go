package local

import (
	"github.com/dokklib/db/internal/ddbtype"
)

// keyAttr is one key attribute: its name and type (S, N or B).
type keyAttr struct {
	name string
	typ  ddbtype.Type
}

// keySchema is a table's or index's key: a partition (hash) key and an
// optional sort (range) key; sort.name is "" when there is none.
type keySchema struct {
	hash keyAttr
	sort keyAttr
}

// hasSort reports whether the schema has a sort key.
func (k keySchema) hasSort() bool { return k.sort.name != "" }

// isKey reports whether name is one of the schema's key attributes.
func (k keySchema) isKey(name string) bool {
	return name == k.hash.name || (k.hasSort() && name == k.sort.name)
}

// json returns the schema in the wire format.
func (k keySchema) json() []keySchemaElement {
	out := []keySchemaElement{{AttributeName: ptr(k.hash.name), KeyType: ptr("HASH")}}
	if k.hasSort() {
		out = append(out, keySchemaElement{AttributeName: ptr(k.sort.name), KeyType: ptr("RANGE")})
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
