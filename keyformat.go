package db

import (
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// PKOf returns the partition key that an attribute value read from an
// item holds, such as item["PK"]: an entity key when it is a string written
// in this format, and else a raw key of its type (a string, a Number or a
// []byte). The key writes back exactly the value it was made from.
func (f KeyFormat) PKOf(v any) (PartitionKey, error) {
	k, err := f.keyOf(v)
	return PartitionKey{k}, err
}

// SKOf returns the sort key that an attribute value read from an item
// holds, as PKOf does for partition keys.
func (f KeyFormat) SKOf(v any) (SortKey, error) {
	k, err := f.keyOf(v)
	return SortKey{k}, err
}

func (f KeyFormat) keyOf(v any) (key, error) {
	switch v := v.(type) {
	case string:
		if k, err := f.parseEntityKey(v); err == nil {
			return k, nil
		}
		return newRawKey("key", v), nil
	case Number:
		k := newRawKey("key", v)
		return k, k.err
	case []byte:
		k := newRawKey("key", v)
		return k, k.err
	}
	return key{}, fmt.Errorf("%w: a key is a string, a Number or a []byte, not %T", ErrInvalidKey, v)
}

// parseEntityKey parses a key of any entity written in this format; it
// fails unless writing the key back gives s, so that a parsed key always
// stands for the value it came from.
func (f KeyFormat) parseEntityKey(s string) (key, error) {
	entity, value, err := f.Parse(s)
	if err != nil {
		return key{}, err
	}
	if f.Key(entity, value) != s {
		return key{}, fmt.Errorf("%w: %q is not written in this key format", ErrInvalidKey, s)
	}
	return key{entity: entity, typ: TypeString, value: value}, nil
}

// KeyFormat says how entity names and values are written in key attributes.
// The zero KeyFormat writes the seed format "USER#alice". Raw keys are
// written as they are, whatever the format.
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

// render writes a key as the value of an attribute of type want, checking
// it first; kind names the key in errors, as "partition key".
func (f KeyFormat) render(k key, kind string, want Type, maxBytes int) (types.AttributeValue, error) {
	if k.err != nil {
		return nil, k.err
	}
	if k.parts != nil {
		return nil, fmt.Errorf("%w: the %s %s has several parts, for an index with multi-attribute keys", ErrInvalidKey, kind, k)
	}
	if k.typ == "" {
		return nil, fmt.Errorf("%w: the %s is the zero value: make keys with PK, SK, RawPK, RawSK or Parse", ErrInvalidKey, kind)
	}
	if want == "" {
		want = TypeString
	}
	if k.typ != want {
		return nil, fmt.Errorf("%w: the %s %s is of type %s; the attribute holds %s", ErrInvalidKey, kind, k, k.typ, want)
	}
	s := k.value
	if k.entity != "" {
		if err := f.checkEntity(k.entity); err != nil {
			return nil, err
		}
		s = f.Key(k.entity, k.value)
	}
	if len(s) > maxBytes {
		return nil, fmt.Errorf("%w: the %s %.40q... is %d bytes long; DynamoDB allows %d", ErrInvalidKey, kind, s, len(s), maxBytes)
	}
	return attributeOf(k.typ, s), nil
}

// renderPrefix writes the prefix of sort keys of type want for a
// begins_with condition, checking it first; nil when the prefix is empty
// and matches every sort key.
func (f KeyFormat) renderPrefix(p PrefixSortKey, want Type) (types.AttributeValue, error) {
	if p.typ == TypeNumber || want == TypeNumber {
		return nil, fmt.Errorf("%w: numbers have no prefixes; use a range of sort keys", ErrInvalidKey)
	}
	if p.IsRaw() && p.value == "" && p.err == nil {
		return nil, nil // the empty prefix matches every sort key: no condition
	}
	return f.render(p.key, "prefix", want, maxSortKeyBytes)
}

// attributeOf makes the attribute value of type t with the value s.
func attributeOf(t Type, s string) types.AttributeValue {
	switch t {
	case TypeNumber:
		return &types.AttributeValueMemberN{Value: s}
	case TypeBinary:
		return &types.AttributeValueMemberB{Value: []byte(s)}
	}
	return &types.AttributeValueMemberS{Value: s}
}

func (f KeyFormat) checkEntity(entity string) error {
	if strings.Contains(entity, f.separator()) {
		return fmt.Errorf("%w: entity name %q contains the key separator %q", ErrInvalidKey, entity, f.separator())
	}
	return nil
}
