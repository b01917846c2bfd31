package local

import (
	"strings"

	"github.com/dokklib/db/internal/ddbtype"
)

const msgKeySchema = "The provided key element does not match the schema"

// checkKey validates a Key parameter against the table's key schema and
// returns its encoding.
func (t *table) checkKey(key ddbtype.Item) ([]byte, error) {
	if len(key) != len(t.key.attrs) {
		return nil, validationErr(msgKeySchema)
	}
	for i, a := range t.key.attrs {
		if err := checkKeyPart(key, a, t.key.isHash(i)); err != nil {
			return nil, err
		}
	}
	return appendTableKey(make([]byte, 0, 64), t.key, key)
}

// checkKeyPart validates one key attribute of a Key parameter.
func checkKeyPart(key ddbtype.Item, a keyAttr, partition bool) error {
	v, ok := key[a.Name]
	if !ok || v.Type != a.Type {
		return validationErr(msgKeySchema)
	}
	if isEmptyKey(v) {
		return emptyKeyErr(v, a.Name)
	}
	return ddbtype.CheckKeySize(v, partition)
}

// emptyKeyErr is DynamoDB's error for an empty string or binary key.
func emptyKeyErr(v ddbtype.Value, name string) error {
	return validationf("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty %s value. Key: %s", emptyKind(v), name)
}

// checkItemKeys validates the key and index-key attributes of an item to
// be written and returns the item's key encoding.
func (t *table) checkItemKeys(item ddbtype.Item) ([]byte, error) {
	for i, a := range t.key.attrs {
		if err := checkItemKeyPart(item, a, t.key.isHash(i)); err != nil {
			return nil, err
		}
	}
	if err := t.checkIndexKeys(item, msgIndexKeyWrite); err != nil {
		return nil, err
	}
	return appendTableKey(make([]byte, 0, 64), t.key, item)
}

// msgIndexKeyWrite opens the message for an item written with an empty
// index key value.
const msgIndexKeyWrite = "A value specified for a secondary index key is not supported."

// checkEmptyKey returns the error for an empty string or binary value of
// a key attribute, of the right type, in key (or an item), or nil.
func (t *table) checkEmptyKey(key ddbtype.Item) error {
	for _, a := range t.key.attrs {
		if v, ok := key[a.Name]; ok && v.Type == a.Type && isEmptyKey(v) {
			return emptyKeyErr(v, a.Name)
		}
	}
	return nil
}

// checkEmptyItemKeys is checkEmptyKey for an item to be written, whose
// index key attributes may not be empty either.
func (t *table) checkEmptyItemKeys(item ddbtype.Item) error {
	if err := t.checkEmptyKey(item); err != nil {
		return err
	}
	for _, x := range t.allIndexes() {
		for _, a := range x.key.attrs {
			if v, ok := item[a.Name]; ok && v.Type == a.Type && isEmptyKey(v) {
				return x.emptyKeyErr(a, v, msgIndexKeyWrite)
			}
		}
	}
	return nil
}

// checkItemKeyPart validates one key attribute of an item.
func checkItemKeyPart(item ddbtype.Item, a keyAttr, partition bool) error {
	v, ok := item[a.Name]
	return checkItemKeyValue(v, ok, a, partition)
}

// checkItemKeyValue validates the value v of key attribute a in an item,
// ok telling whether the item has it.
func checkItemKeyValue(v ddbtype.Value, ok bool, a keyAttr, partition bool) error {
	if !ok {
		return invalidParam("Missing the key %s in the item", a.Name)
	}
	if v.Type != a.Type {
		return invalidParam("Type mismatch for key %s expected: %s actual: %s", a.Name, a.Type, v.Type)
	}
	if isEmptyKey(v) {
		return emptyKeyErr(v, a.Name)
	}
	return ddbtype.CheckKeySize(v, partition)
}

// checkIndexKeys validates the item's attributes that are index keys:
// of the defined type, not empty and not too large. what opens the
// empty-value message.
func (t *table) checkIndexKeys(item ddbtype.Item, what string) error {
	for _, x := range t.allIndexes() {
		if err := x.checkKeys(item, t.key, what); err != nil {
			return err
		}
	}
	return nil
}

// checkKeys validates the item's attributes that are keys of the index
// and not of the table, whose checks come first.
func (x *index) checkKeys(item ddbtype.Item, table keySchema, what string) error {
	for i, a := range x.key.attrs {
		if table.isKey(a.Name) {
			continue
		}
		if v, ok := item[a.Name]; ok {
			if err := x.checkKeyValue(a, v, x.key.isHash(i), what); err != nil {
				return err
			}
		}
	}
	if err := x.checkAggregateSize(item, x.key.hashAttrs(), "HASH", ddbtype.MaxPartitionKeySize); err != nil {
		return err
	}
	return x.checkAggregateSize(item, x.key.sortAttrs(), "RANGE", ddbtype.MaxSortKeySize)
}

// checkKeyValue validates the value of one of the index's key attributes.
func (x *index) checkKeyValue(a keyAttr, v ddbtype.Value, partition bool, what string) error {
	if v.Type != a.Type {
		return invalidParam("Type mismatch for Index Key %s Expected: %s Actual: %s IndexName: %s", a.Name, a.Type, v.Type, x.name)
	}
	if isEmptyKey(v) {
		return x.emptyKeyErr(a, v, what)
	}
	return ddbtype.CheckKeySize(v, partition)
}

// emptyKeyErr is DynamoDB's error for an empty value v of the index's key
// attribute a; what opens the message.
func (x *index) emptyKeyErr(a keyAttr, v ddbtype.Value, what string) error {
	return validationf("One or more parameter values are not valid. %s The AttributeValue for a key attribute cannot contain an empty %s value. IndexName: %s, IndexKey: %s",
		what, emptyKind(v), x.name, a.Name)
}

// checkAggregateSize applies the size limit of a partition or sort key
// (kind HASH or RANGE) to the sum of the sizes of its attributes the item
// has, when it has more than one: a multi-attribute key is limited as a
// single-attribute key is. The message is DynamoDB Local 3.3.0's.
func (x *index) checkAggregateSize(item ddbtype.Item, attrs []keyAttr, kind string, limit int) error {
	if len(attrs) < 2 {
		return nil // a single attribute's size is checked on its own
	}
	size, n := 0, 0
	for _, a := range attrs {
		if v, ok := item[a.Name]; ok {
			size += v.Size()
			n++
		}
	}
	if n < 2 || size <= limit {
		return nil
	}
	names := make([]string, 0, n)
	for _, a := range attrs {
		if _, ok := item[a.Name]; ok {
			names = append(names, a.Name)
		}
	}
	return validationf("Aggregate size for %s key attributes %s of index %s has exceeded limit %d bytes, with actual size %d bytes",
		kind, strings.Join(names, ", "), x.name, limit, size)
}

// isEmptyKey reports whether v is an empty string or binary.
func isEmptyKey(v ddbtype.Value) bool {
	return (v.Type == ddbtype.TypeS && v.S == "") || (v.Type == ddbtype.TypeB && len(v.B) == 0)
}

// emptyKind names an empty value's kind in messages.
func emptyKind(v ddbtype.Value) string {
	if v.Type == ddbtype.TypeB {
		return "binary"
	}
	return "string"
}

// keyOf returns the table's key attributes of item.
func (t *table) keyOf(item ddbtype.Item) ddbtype.Item {
	return t.key.addAttrs(make(ddbtype.Item, len(t.key.attrs)), item)
}

// addAttrs copies the key attributes of item to dst and returns dst.
func (k keySchema) addAttrs(dst, item ddbtype.Item) ddbtype.Item {
	for _, a := range k.attrs {
		dst[a.Name] = item[a.Name]
	}
	return dst
}
