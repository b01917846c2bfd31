package db

import (
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Index names a way to look items up: the table's primary key or a
// secondary index, with the attributes that hold its partition and sort keys.
type Index struct {
	// Name is the secondary index's name; empty for the primary index.
	Name string
	// PartitionKey is the attribute that holds the index's partition key.
	PartitionKey string
	// SortKey is the attribute that holds the index's sort key. A global
	// index may have none: it is then queried by partition key alone.
	SortKey string
	// PartitionKeyType and SortKeyType are the types of the key
	// attributes: TypeString (the default when empty), TypeNumber or
	// TypeBinary. Entity keys (PK, SK) are strings; raw keys (RawPK,
	// RawSK) may be of any of the three.
	PartitionKeyType, SortKeyType Type
	// PartitionKeys and SortKeys, for a global index with multi-attribute
	// keys (see CompositeIndex), list the attributes of its partition key
	// and sort key in order; PartitionKey, SortKey and their types are then
	// empty.
	PartitionKeys, SortKeys []KeyAttribute
	// Local marks a local secondary index, which shares the table's
	// partition key.
	Local bool
	// KeysOnly makes a secondary index hold only the keys of its items:
	// the table's and its own. Include names more attributes it holds.
	// With neither, it holds every attribute, which costs a write and the
	// storage of the whole item for every item it indexes.
	KeysOnly bool
	Include  []string
}

var (
	// PrimaryIndex is the table's own key: partition key PK, sort key SK.
	PrimaryIndex = Index{PartitionKey: "PK", SortKey: "SK"}

	// InverseGlobalIndex is the global index GSI_1 with the primary key's
	// attributes swapped: partition key SK, sort key PK. It answers "which
	// items have this sort key", such as the members of a group. Its name
	// and attributes are those of the Python dokklib-db, so tables made by
	// it work unchanged. It holds every attribute; a leaner one is
	// InverseGlobalIndex.Project(...) with the attributes its queries read.
	InverseGlobalIndex = GlobalIndex("GSI_1", "SK", "PK")
)

// GlobalIndex declares a global secondary index with the given name and key
// attributes; sortKey may be empty. Its keys are strings, and it holds all
// attributes: see Index for other key types and projections.
func GlobalIndex(name, partitionKey, sortKey string) Index {
	return Index{Name: name, PartitionKey: partitionKey, SortKey: sortKey}
}

// LocalIndex declares a local secondary index with the given name and sort
// key attribute; its partition key is the table's.
func LocalIndex(name, sortKey string) Index {
	return Index{Name: name, PartitionKey: PrimaryIndex.PartitionKey, SortKey: sortKey, Local: true}
}

// Project returns the index holding only its keys and the named
// attributes, and no others: Project() holds the keys alone.
func (x Index) Project(attrs ...string) Index {
	x.KeysOnly, x.Include = len(attrs) == 0, slices.Clone(attrs)
	return x
}

// Types returns the index with the given types of its partition and sort
// key attributes: TypeString, TypeNumber or TypeBinary.
func (x Index) Types(partitionKey, sortKey Type) Index {
	x.PartitionKeyType, x.SortKeyType = partitionKey, sortKey
	return x
}

// IsPrimary reports whether x is the table's primary index.
func (x Index) IsPrimary() bool { return x.Name == "" }

func (x Index) nameOrNil() *string {
	if x.IsPrimary() {
		return nil
	}
	return &x.Name
}

// String returns the index's name, or "primary index".
func (x Index) String() string {
	if x.IsPrimary() {
		return "primary index"
	}
	return x.Name
}

func (x Index) projectsAll() bool { return !x.KeysOnly && len(x.Include) == 0 }

// projection returns the index's projection in CreateTable's terms.
func (x Index) projection() *types.Projection {
	switch {
	case x.KeysOnly:
		return &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly}
	case len(x.Include) > 0:
		return &types.Projection{ProjectionType: types.ProjectionTypeInclude, NonKeyAttributes: slices.Clone(x.Include)}
	}
	return &types.Projection{ProjectionType: types.ProjectionTypeAll}
}

// equal reports whether x and y declare the same index.
func (x Index) equal(y Index) bool {
	return x.Name == y.Name && slices.Equal(x.partitionAttrs(), y.partitionAttrs()) &&
		slices.Equal(x.sortAttrs(), y.sortAttrs()) &&
		x.Local == y.Local && x.KeysOnly == y.KeysOnly && slices.Equal(x.Include, y.Include)
}

// validate checks the index's declaration.
func (x Index) validate() error {
	if err := x.validateProjection(); err != nil {
		return err
	}
	if x.IsComposite() || len(x.SortKeys) > 0 {
		return x.validateComposite()
	}
	if x.PartitionKey == "" || (x.SortKey == "" && x.Local) {
		return invalid("index %s: the partition key attribute, and the sort key attribute of a local index, must be named", x)
	}
	if x.PartitionKey == x.SortKey {
		return invalid("index %s: partition and sort key are both %q", x, x.PartitionKey)
	}
	if !x.IsPrimary() && (len(x.Name) < 3 || len(x.Name) > 255 || !validIndexName(x.Name)) {
		return invalid("index name %q: use 3 to 255 of a-z, A-Z, 0-9, '_', '-' and '.'", x.Name)
	}
	for _, t := range []Type{x.PartitionKeyType, x.SortKeyType} {
		if !t.isKeyType() {
			return invalid("index %s: key attributes are of type S, N or B, not %s", x, t)
		}
	}
	return nil
}

func (x Index) validateProjection() error {
	if x.KeysOnly && len(x.Include) > 0 {
		return invalid("index %s: KeysOnly and Include exclude each other", x)
	}
	if slices.Contains(x.Include, "") {
		return invalid("index %s: an included attribute has no name", x)
	}
	return nil
}

func validIndexName(name string) bool {
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-', r == '.':
		default:
			return false
		}
	}
	return true
}

// findIndex returns the table's index with the given name.
func (t *Table) findIndex(x Index) (Index, error) {
	if x.IsPrimary() {
		if !x.equal(t.primaryIdx) {
			return Index{}, invalid("the primary index of table %s is (%s, %s), not (%s, %s)",
				t.name, t.primaryIdx.PartitionKey, t.primaryIdx.SortKey, x.PartitionKey, x.SortKey)
		}
		return t.primaryIdx, nil
	}
	for _, y := range t.indexes {
		if y.Name == x.Name {
			if !y.equal(x) {
				return Index{}, fmt.Errorf("%w: index %s of table %s is declared as %+v, not %+v", ErrInvalidArgument, x.Name, t.name, y, x)
			}
			return y, nil
		}
	}
	return Index{}, invalid("table %s has no index %s: declare it with WithIndexes", t.name, x.Name)
}

// isKeyType reports whether t is a type key attributes can have.
func (t Type) isKeyType() bool {
	return t == "" || t == TypeString || t == TypeNumber || t == TypeBinary
}

// orString returns t, or TypeString for the empty type.
func (t Type) orString() Type {
	if t == "" {
		return TypeString
	}
	return t
}
