package local

import (
	"github.com/dokklib/db/internal/ddbtype"
)

const msgKeySchema = "The provided key element does not match the schema"

// checkKey validates a Key parameter against the table's key schema and
// returns its encoding.
func (t *table) checkKey(key ddbtype.Item) ([]byte, error) {
	want := 1
	if t.key.hasSort() {
		want = 2
	}
	if len(key) != want {
		return nil, validationErr(msgKeySchema)
	}
	if err := checkKeyPart(key, t.key.hash, true); err != nil {
		return nil, err
	}
	if t.key.hasSort() {
		if err := checkKeyPart(key, t.key.sort, false); err != nil {
			return nil, err
		}
	}
	return appendTableKey(make([]byte, 0, 64), t.key, key)
}

// checkKeyPart validates one key attribute of a Key parameter.
func checkKeyPart(key ddbtype.Item, a keyAttr, partition bool) error {
	v, ok := key[a.name]
	if !ok || v.Type != a.typ {
		return validationErr(msgKeySchema)
	}
	if isEmptyKey(v) {
		return emptyKeyErr(v, a.name)
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
	if err := checkItemKeyPart(item, t.key.hash, true); err != nil {
		return nil, err
	}
	if t.key.hasSort() {
		if err := checkItemKeyPart(item, t.key.sort, false); err != nil {
			return nil, err
		}
	}
	if err := t.checkIndexKeys(item, "A value specified for a secondary index key is not supported."); err != nil {
		return nil, err
	}
	return appendTableKey(make([]byte, 0, 64), t.key, item)
}

// checkItemKeyPart validates one key attribute of an item.
func checkItemKeyPart(item ddbtype.Item, a keyAttr, partition bool) error {
	v, ok := item[a.name]
	if !ok {
		return invalidParam("Missing the key %s in the item", a.name)
	}
	if v.Type != a.typ {
		return invalidParam("Type mismatch for key %s expected: %s actual: %s", a.name, a.typ, v.Type)
	}
	if isEmptyKey(v) {
		return emptyKeyErr(v, a.name)
	}
	return ddbtype.CheckKeySize(v, partition)
}

// checkIndexKeys validates the item's attributes that are index keys:
// of the defined type and not empty. what opens the empty-value message.
func (t *table) checkIndexKeys(item ddbtype.Item, what string) error {
	for _, x := range t.allIndexes() {
		for _, a := range []keyAttr{x.key.hash, x.key.sort} {
			if a.name == "" || t.key.isKey(a.name) {
				continue
			}
			v, ok := item[a.name]
			if !ok {
				continue
			}
			if v.Type != a.typ {
				return invalidParam("Type mismatch for Index Key %s Expected: %s Actual: %s IndexName: %s", a.name, a.typ, v.Type, x.name)
			}
			if isEmptyKey(v) {
				return validationf("One or more parameter values are not valid. %s The AttributeValue for a key attribute cannot contain an empty %s value. IndexName: %s, IndexKey: %s",
					what, emptyKind(v), x.name, a.name)
			}
			if err := ddbtype.CheckKeySize(v, a == x.key.hash); err != nil {
				return err
			}
		}
	}
	return nil
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
	k := ddbtype.Item{t.key.hash.name: item[t.key.hash.name]}
	if t.key.hasSort() {
		k[t.key.sort.name] = item[t.key.sort.name]
	}
	return k
}
