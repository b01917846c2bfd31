package db

import "fmt"

// Index names a way to look items up: the table's primary key or a
// secondary index, with the attributes that hold its partition and sort keys.
type Index struct {
	// Name is the secondary index's name; empty for the primary index.
	Name string
	// PartitionKey is the attribute that holds the index's partition key.
	PartitionKey string
	// SortKey is the attribute that holds the index's sort key.
	SortKey string
	// Local marks a local secondary index, which shares the table's
	// partition key.
	Local bool
}

var (
	// PrimaryIndex is the table's own key: partition key PK, sort key SK.
	PrimaryIndex = Index{PartitionKey: "PK", SortKey: "SK"}

	// InverseGlobalIndex is the global index GSI_1 with the primary key's
	// attributes swapped: partition key SK, sort key PK. It answers "which
	// items have this sort key", such as the members of a group. Its name
	// and attributes are those of the Python dokklib-db, so tables made by
	// it work unchanged.
	InverseGlobalIndex = GlobalIndex("GSI_1", "SK", "PK")
)

// GlobalIndex declares a global secondary index with the given name and key
// attributes. Its keys are strings, and it projects all attributes.
func GlobalIndex(name, partitionKey, sortKey string) Index {
	return Index{Name: name, PartitionKey: partitionKey, SortKey: sortKey}
}

// LocalIndex declares a local secondary index with the given name and sort
// key attribute; its partition key is the table's.
func LocalIndex(name, sortKey string) Index {
	return Index{Name: name, PartitionKey: PrimaryIndex.PartitionKey, SortKey: sortKey, Local: true}
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

// validate checks the index's declaration.
func (x Index) validate() error {
	if x.PartitionKey == "" || x.SortKey == "" {
		return invalid("index %s: the partition and sort key attributes must be named", x)
	}
	if x.PartitionKey == x.SortKey {
		return invalid("index %s: partition and sort key are both %q", x, x.PartitionKey)
	}
	if !x.IsPrimary() && (len(x.Name) < 3 || len(x.Name) > 255 || !validIndexName(x.Name)) {
		return invalid("index name %q: use 3 to 255 of a-z, A-Z, 0-9, '_', '-' and '.'", x.Name)
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
		if x != t.primary() {
			return Index{}, invalid("the primary index of table %s is (%s, %s), not (%s, %s)",
				t.name, t.primary().PartitionKey, t.primary().SortKey, x.PartitionKey, x.SortKey)
		}
		return x, nil
	}
	for _, y := range t.indexes {
		if y.Name == x.Name {
			if y != x {
				return Index{}, fmt.Errorf("%w: index %s of table %s is declared as %+v, not %+v", ErrInvalidArgument, x.Name, t.name, y, x)
			}
			return y, nil
		}
	}
	return Index{}, invalid("table %s has no index %s: declare it with WithIndexes", t.name, x.Name)
}
