package db

import (
	"encoding/base64"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// key is what partition and sort keys share. An entity key is an entity
// name and a string value, stored as "USER#alice"; a raw key is a value
// of type S, N or B stored as it is, for attributes that hold plain values
// (an email, a score, a hash). A key made from invalid parts keeps the
// error, and every operation given the key returns it before sending a
// request.
type key struct {
	entity string // empty for a raw key
	typ    Type   // TypeString, TypeNumber or TypeBinary; empty in the zero key
	value  string // without the entity prefix; a binary key's bytes
	err    error
	// parts are the values of a multi-attribute key's attributes; a
	// pointer, so that keys stay comparable (== and map keys), composite
	// ones by identity.
	parts *[]key
}

func newKey[E any](kind, value string) key {
	name, err := EntityName[E]()
	if err == nil && value == "" {
		err = fmt.Errorf("%w: %s of entity %s has an empty value", ErrInvalidKey, kind, name)
	}
	return key{entity: name, typ: TypeString, value: value, err: err}
}

// KeyValue is the Go types a raw key is made of: strings for DynamoDB's S,
// integers and Number for N, and byte slices for B.
type KeyValue interface {
	~string | ~[]byte |
		~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64
}

func newRawKey[V KeyValue](kind string, v V) key {
	k := rawKey(v)
	if k.err == nil && k.value == "" {
		k.err = fmt.Errorf("%w: raw %s has an empty value; DynamoDB refuses empty keys", ErrInvalidKey, kind)
	}
	if k.err != nil {
		k.err = fmt.Errorf("%w: raw %s: %w", ErrInvalidKey, kind, k.err)
	}
	return k
}

// rawKey makes the raw key of a value, its type chosen by the value's Go
// type: Number is a number although it is a string.
func rawKey(v any) key {
	if n, ok := v.(Number); ok {
		if _, err := n.Decimal(); err != nil {
			return key{typ: TypeNumber, err: fmt.Errorf("%q is not a number", string(n))}
		}
		return key{typ: TypeNumber, value: string(n)}
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return key{typ: TypeString, value: rv.String()}
	case reflect.Slice:
		return key{typ: TypeBinary, value: string(rv.Bytes())}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return key{typ: TypeNumber, value: strconv.FormatInt(rv.Int(), 10)}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return key{typ: TypeNumber, value: strconv.FormatUint(rv.Uint(), 10)}
	}
	return key{err: fmt.Errorf("%T is not a key type", v)}
}

// Entity returns the entity name of the key, as "USER" for "USER#alice";
// empty for a raw key.
func (k key) Entity() string { return k.entity }

// Value returns the key's value without its entity prefix, as "alice" for
// "USER#alice": a number's decimal text, or a binary key's bytes.
func (k key) Value() string { return k.value }

// Type returns the DynamoDB type of the key's attribute: TypeString for
// entity keys, and TypeString, TypeNumber or TypeBinary for raw keys. It is
// empty for the zero key.
func (k key) Type() Type { return k.typ }

// IsRaw reports whether the key is a raw value, without an entity prefix.
func (k key) IsRaw() bool { return k.entity == "" && k.typ != "" }

// Err returns the error that makes the key invalid, or nil.
func (k key) Err() error { return k.err }

// String returns the key as stored with the default [KeyFormat], as
// "USER#alice"; a raw key's value as it is, in base64 for a binary key.
func (k key) String() string {
	switch {
	case k.parts != nil:
		return k.compositeString()
	case k.entity != "":
		return KeyFormat{}.Key(k.entity, k.value)
	case k.typ == TypeBinary:
		return base64.StdEncoding.EncodeToString([]byte(k.value))
	}
	return k.value
}

// PartitionKey is the value of an index's partition key attribute, as
// "USER#alice". Make one with [PK], [RawPK] or [ParsePK].
type PartitionKey struct{ key }

// SortKey is the value of an index's sort key attribute, as "GROUP#admins".
// Make one with [SK], [RawSK] or [ParseSK].
type SortKey struct{ key }

// PrefixSortKey is the beginning of sort keys, as "USER#", for queries
// that match every item of one entity under a partition key. Make one with
// [Prefix] or [RawPrefix].
type PrefixSortKey struct{ key }

// PK returns the partition key of entity E with the given value.
// An invalid entity name or an empty value make a key whose Err is not nil.
func PK[E any](value string) PartitionKey { return PartitionKey{newKey[E]("partition key", value)} }

// SK returns the sort key of entity E with the given value.
// An invalid entity name or an empty value make a key whose Err is not nil.
func SK[E any](value string) SortKey { return SortKey{newKey[E]("sort key", value)} }

// RawPK returns a partition key that is the value v itself, with no entity
// prefix: a string (S), an integer or a Number (N), or a []byte (B). Use it
// for indexes on plain attributes, such as an email or a numeric id; the
// index must declare the attribute's type (see Index.PartitionKeyType).
func RawPK[V KeyValue](v V) PartitionKey { return PartitionKey{newRawKey("partition key", v)} }

// RawSK returns a sort key that is the value v itself, with no entity
// prefix, as RawPK does for partition keys: RawSK(42) on an index whose
// sort key is a number.
func RawSK[V KeyValue](v V) SortKey { return SortKey{newRawKey("sort key", v)} }

// Prefix returns the prefix that begins every sort key of entity E, as
// "ORDER#". Values given are appended, so that Prefix[Order]("2024-")
// matches the orders whose value begins with "2024-".
func Prefix[E any](value ...string) PrefixSortKey {
	name, err := EntityName[E]()
	return PrefixSortKey{key{entity: name, typ: TypeString, value: strings.Join(value, ""), err: err}}
}

// RawPrefix returns the beginning of raw sort keys, a string or bytes with
// no entity prefix: RawPrefix("2024-") matches the sort keys "2024-01-31"
// and "2024-12". An empty prefix matches every sort key.
func RawPrefix[V ~string | ~[]byte](v V) PrefixSortKey {
	k := rawKey(v)
	return PrefixSortKey{k}
}

// ParsePK parses a partition key of entity E written with the default
// [KeyFormat], as "USER#alice". It fails when s is not a key of E. For a
// table with a KeyFormat of its own, use ParsePKIn.
func ParsePK[E any](s string) (PartitionKey, error) { return ParsePKIn[E](KeyFormat{}, s) }

// ParseSK parses a sort key of entity E written with the default
// [KeyFormat], as "GROUP#admins". It fails when s is not a key of E. For a
// table with a KeyFormat of its own, use ParseSKIn.
func ParseSK[E any](s string) (SortKey, error) { return ParseSKIn[E](KeyFormat{}, s) }

// ParsePKIn parses a partition key of entity E written in the format f,
// as table.KeyFormat() gives it.
func ParsePKIn[E any](f KeyFormat, s string) (PartitionKey, error) {
	k, err := parseKey[E](f, s)
	return PartitionKey{k}, err
}

// ParseSKIn parses a sort key of entity E written in the format f.
func ParseSKIn[E any](f KeyFormat, s string) (SortKey, error) {
	k, err := parseKey[E](f, s)
	return SortKey{k}, err
}

func parseKey[E any](f KeyFormat, s string) (key, error) {
	name, err := EntityName[E]()
	if err != nil {
		return key{}, err
	}
	k, err := f.parseEntityKey(s)
	if err != nil {
		return key{}, err
	}
	if f.Prefix(k.entity) != f.Prefix(name) {
		return key{}, fmt.Errorf("%w: %q is a key of entity %s, not %s", ErrInvalidKey, s, k.entity, name)
	}
	k.entity = name
	return k, nil
}

// Key is the primary key of one item: its partition key and sort key, as
// BatchGet and TransactGet take them. Make one with KeyOf or as a literal.
type Key struct {
	PK PartitionKey
	SK SortKey
}

// KeyOf returns the key made of pk and sk.
func KeyOf(pk PartitionKey, sk SortKey) Key { return Key{PK: pk, SK: sk} }

// String returns the key as stored with the default KeyFormat, as
// "USER#alice GROUP#g1".
func (k Key) String() string { return k.PK.String() + " " + k.SK.String() }
