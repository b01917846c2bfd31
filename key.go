package db

import (
	"fmt"
	"strings"
)

// key is what partition and sort keys share: an entity name and a value.
// A key made from invalid parts keeps the error, and every operation given
// the key returns it before sending a request.
type key struct {
	entity string
	value  string
	err    error
}

func newKey[E any](kind, value string) key {
	name, err := EntityName[E]()
	if err == nil && value == "" {
		err = fmt.Errorf("%w: %s of entity %s has an empty value", ErrInvalidKey, kind, name)
	}
	return key{entity: name, value: value, err: err}
}

// Entity returns the entity name of the key, as "USER" for "USER#alice".
func (k key) Entity() string { return k.entity }

// Value returns the key's value without its entity prefix, as "alice" for "USER#alice".
func (k key) Value() string { return k.value }

// Err returns the error that makes the key invalid, or nil.
func (k key) Err() error { return k.err }

// String returns the key as stored with the default [KeyFormat], as "USER#alice".
func (k key) String() string { return KeyFormat{}.Key(k.entity, k.value) }

// PartitionKey is the value of an index's partition key attribute, as
// "USER#alice". Make one with [PK] or [ParsePK].
type PartitionKey struct{ key }

// SortKey is the value of an index's sort key attribute, as "GROUP#admins".
// Make one with [SK] or [ParseSK].
type SortKey struct{ key }

// PrefixSortKey is the entity prefix of sort keys, as "USER#", for queries
// that match every item of one entity under a partition key. Make one with
// [Prefix].
type PrefixSortKey struct {
	entity string
	value  string
	err    error
}

// PK returns the partition key of entity E with the given value.
// An invalid entity name or an empty value make a key whose Err is not nil.
func PK[E any](value string) PartitionKey { return PartitionKey{newKey[E]("partition key", value)} }

// SK returns the sort key of entity E with the given value.
// An invalid entity name or an empty value make a key whose Err is not nil.
func SK[E any](value string) SortKey { return SortKey{newKey[E]("sort key", value)} }

// Prefix returns the prefix that begins every sort key of entity E, as
// "ORDER#". Values given are appended, so that Prefix[Order]("2024-")
// matches the orders whose value begins with "2024-".
func Prefix[E any](value ...string) PrefixSortKey {
	name, err := EntityName[E]()
	return PrefixSortKey{entity: name, value: strings.Join(value, ""), err: err}
}

// Entity returns the entity name of the prefix, as "USER".
func (p PrefixSortKey) Entity() string { return p.entity }

// Err returns the error that makes the prefix invalid, or nil.
func (p PrefixSortKey) Err() error { return p.err }

// Value returns the part of the prefix after the entity name, often "".
func (p PrefixSortKey) Value() string { return p.value }

// String returns the prefix with the default [KeyFormat], as "USER#".
func (p PrefixSortKey) String() string { return KeyFormat{}.Key(p.entity, p.value) }

// ParsePK parses a partition key of entity E written with the default
// [KeyFormat], as "USER#alice". It fails when s is not a key of E.
func ParsePK[E any](s string) (PartitionKey, error) {
	k, err := parseKey[E](KeyFormat{}, s)
	return PartitionKey{k}, err
}

// ParseSK parses a sort key of entity E written with the default
// [KeyFormat], as "GROUP#admins". It fails when s is not a key of E.
func ParseSK[E any](s string) (SortKey, error) {
	k, err := parseKey[E](KeyFormat{}, s)
	return SortKey{k}, err
}

func parseKey[E any](f KeyFormat, s string) (key, error) {
	name, err := EntityName[E]()
	if err != nil {
		return key{}, err
	}
	entity, value, err := f.Parse(s)
	if err != nil {
		return key{}, err
	}
	if prefix := f.Prefix(name); !strings.HasPrefix(s, prefix) {
		return key{}, fmt.Errorf("%w: %q is a key of entity %s, not %s", ErrInvalidKey, s, entity, name)
	}
	return key{entity: name, value: value}, nil
}

// KeyFormat says how entity names and values are written in key attributes.
// The zero KeyFormat writes the seed format "USER#alice".
type KeyFormat struct {
	// Separator goes between the parts of a key; "#" when empty.
	Separator string
	// Namespace, when not empty, begins every key, followed by the
	// separator: "app#USER#alice".
	Namespace string
	// LowerCase writes entity names in lower case: "user#alice".
	LowerCase bool
}

func (f KeyFormat) separator() string {
	if f.Separator == "" {
		return "#"
	}
	return f.Separator
}

// Prefix returns what begins every key of the named entity, as "USER#".
func (f KeyFormat) Prefix(entity string) string {
	sep := f.separator()
	if f.LowerCase {
		entity = strings.ToLower(entity)
	}
	if f.Namespace != "" {
		return f.Namespace + sep + entity + sep
	}
	return entity + sep
}

// Key returns the key of the named entity with the given value, as "USER#alice".
func (f KeyFormat) Key(entity, value string) string { return f.Prefix(entity) + value }

// Parse splits a key into its entity name and value, the entity name as
// written in the key.
func (f KeyFormat) Parse(s string) (entity, value string, err error) {
	sep := f.separator()
	rest := s
	if f.Namespace != "" {
		ns := f.Namespace + sep
		if !strings.HasPrefix(s, ns) {
			return "", "", fmt.Errorf("%w: %q does not begin with the namespace %q", ErrInvalidKey, s, ns)
		}
		rest = s[len(ns):]
	}
	entity, value, found := strings.Cut(rest, sep)
	if !found || entity == "" || value == "" {
		return "", "", fmt.Errorf("%w: %q is not of the form ENTITY%svalue", ErrInvalidKey, s, sep)
	}
	return entity, value, nil
}

// render writes a key for a request, checking it first.
func (f KeyFormat) render(k key, kind string, maxBytes int) (string, error) {
	if k.err != nil {
		return "", k.err
	}
	if err := f.checkEntity(k.entity, kind); err != nil {
		return "", err
	}
	s := f.Key(k.entity, k.value)
	if len(s) > maxBytes {
		return "", fmt.Errorf("%w: the %s %.40q... is %d bytes long; DynamoDB allows %d", ErrInvalidKey, kind, s, len(s), maxBytes)
	}
	return s, nil
}

// renderPrefix writes a sort key prefix for a request, checking it first.
func (f KeyFormat) renderPrefix(p PrefixSortKey) (string, error) {
	if p.err != nil {
		return "", p.err
	}
	if err := f.checkEntity(p.entity, "prefix"); err != nil {
		return "", err
	}
	return f.Key(p.entity, p.value), nil
}

func (f KeyFormat) checkEntity(entity, kind string) error {
	if entity == "" {
		return fmt.Errorf("%w: the %s is the zero value: make keys with PK, SK, Prefix or Parse", ErrInvalidKey, kind)
	}
	if strings.Contains(entity, f.separator()) {
		return fmt.Errorf("%w: entity name %q contains the key separator %q", ErrInvalidKey, entity, f.separator())
	}
	return nil
}
