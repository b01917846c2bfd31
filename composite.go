package db

import (
	"errors"
	"fmt"
	"strings"
)

// Multi-attribute keys: a global secondary index's partition key and sort
// key may each be made of up to four attributes, each with its own type
// (DynamoDB, November 2025). A query gives a value for every partition
// attribute, and for the sort attributes from the left: equal values for
// all but the last it gives, which may have a range or a prefix.

// MaxKeyAttributes is the most attributes a multi-attribute key has.
const MaxKeyAttributes = 4

// KeyAttribute is one attribute of a multi-attribute key: its name and
// type. Make one with StringKey, NumberKey or BinaryKey.
type KeyAttribute struct {
	Name string
	Type Type
}

// StringKey is a key attribute of type S.
func StringKey(name string) KeyAttribute { return KeyAttribute{name, TypeString} }

// NumberKey is a key attribute of type N.
func NumberKey(name string) KeyAttribute { return KeyAttribute{name, TypeNumber} }

// BinaryKey is a key attribute of type B.
func BinaryKey(name string) KeyAttribute { return KeyAttribute{name, TypeBinary} }

// CompositeIndex declares a global secondary index whose partition key is
// made of the attributes partitionKeys and whose sort key of sortKeys, in
// order: one to four of the first, up to four of the second. It holds all
// attributes; Project makes it leaner. Query it with CompositePK and
// CompositeSK, whose parts are values of the attributes.
func CompositeIndex(name string, partitionKeys, sortKeys []KeyAttribute) Index {
	return Index{Name: name, PartitionKeys: clone(partitionKeys), SortKeys: clone(sortKeys)}
}

func clone[S ~[]E, E any](s S) S {
	if s == nil {
		return nil
	}
	return append(S(nil), s...)
}

// IsComposite reports whether the index's keys are multi-attribute keys.
func (x Index) IsComposite() bool { return len(x.PartitionKeys) > 0 }

// partitionAttrs returns the attributes of the index's partition key.
func (x Index) partitionAttrs() []KeyAttribute {
	if x.IsComposite() {
		return x.PartitionKeys
	}
	return []KeyAttribute{{x.PartitionKey, x.PartitionKeyType.orString()}}
}

// sortAttrs returns the attributes of the index's sort key: none when it
// has none.
func (x Index) sortAttrs() []KeyAttribute {
	switch {
	case x.IsComposite():
		return x.SortKeys
	case x.SortKey == "":
		return nil
	}
	return []KeyAttribute{{x.SortKey, x.SortKeyType.orString()}}
}

// validateComposite checks a multi-attribute key's declaration.
func (x Index) validateComposite() error {
	switch {
	case x.IsPrimary() || x.Local:
		return invalid("index %s: only global secondary indexes have multi-attribute keys", x)
	case x.PartitionKey != "" || x.SortKey != "" || x.PartitionKeyType != "" || x.SortKeyType != "":
		return invalid("index %s: give its attributes in PartitionKeys and SortKeys alone", x)
	case len(x.PartitionKeys) > MaxKeyAttributes || len(x.SortKeys) > MaxKeyAttributes:
		return invalid("index %s: a key has at most %d attributes", x, MaxKeyAttributes)
	}
	seen := map[string]bool{}
	for _, a := range append(clone(x.PartitionKeys), x.SortKeys...) {
		if a.Name == "" || seen[a.Name] || !a.Type.isKeyType() || a.Type == "" {
			return invalid("index %s: key attribute %q is unnamed, given twice, or not of type S, N or B", x, a.Name)
		}
		seen[a.Name] = true
	}
	return nil
}

// CompositePK returns the partition key of a CompositeIndex: one value for
// each of its partition key attributes, in order, as RawPK or PK make them.
func CompositePK(parts ...PartitionKey) PartitionKey {
	keys := make([]key, len(parts))
	for i, p := range parts {
		keys[i] = p.key
	}
	return PartitionKey{composite(keys)}
}

// CompositeSK returns a sort key of a CompositeIndex: values of its sort
// key attributes from the first, in order. A condition on it is equality
// on all of them but the last, which has the condition's operator.
func CompositeSK(parts ...SortKey) SortKey {
	keys := make([]key, len(parts))
	for i, p := range parts {
		keys[i] = p.key
	}
	return SortKey{composite(keys)}
}

// CompositePrefix returns a prefix of the sort keys of a CompositeIndex:
// values of its leading sort key attributes, and a prefix of the next one.
func CompositePrefix(leading []SortKey, prefix PrefixSortKey) PrefixSortKey {
	keys := make([]key, 0, len(leading)+1)
	for _, p := range leading {
		keys = append(keys, p.key)
	}
	return PrefixSortKey{composite(append(keys, prefix.key))}
}

// composite makes the key made of parts.
func composite(parts []key) key {
	k := key{parts: &parts}
	if len(parts) == 0 || len(parts) > MaxKeyAttributes {
		k.err = fmt.Errorf("%w: a multi-attribute key has 1 to %d parts, not %d", ErrInvalidKey, MaxKeyAttributes, len(parts))
	}
	for _, p := range parts {
		k.err = errors.Join(k.err, p.err)
	}
	return k
}

// split returns the parts of a key: its own, or itself.
func (k key) split() []key {
	if k.parts != nil {
		return *k.parts
	}
	return []key{k}
}

// compositeString writes a composite key's parts.
func (k key) compositeString() string {
	s := make([]string, len(*k.parts))
	for i, p := range *k.parts {
		s[i] = p.String()
	}
	return "(" + strings.Join(s, ", ") + ")"
}
