package db

import (
	"fmt"
	"reflect"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The value of a unique field is held by a guard item, whose key is made
// of the entity's name, the field's name and the value; writes of the
// entity insert, move and delete the guards in the same transaction as the
// item, and inserting a guard that exists fails with ErrNotUnique.

// guardKey returns the key of the guard of a unique field's value, and
// whether the value is set: the zero value is not guarded.
func (m *Model[T]) guardKey(f *modelField, v reflect.Value) (string, bool, error) {
	s, zero, err := f.format(v)
	if err != nil || zero {
		return "", false, err
	}
	return "UNIQUE#" + m.name + "#" + f.name + "#" + s, true, nil
}

// guardWrites builds the guard writes of an entity's write: for each
// unique field whose value changes from old to v, the delete of the old
// value's guard and the insert of the new one's. An invalid old is an
// item that does not exist, an invalid v an item deleted. owner is the
// item's write, whose key the guards record.
func (m *Model[T]) guardWrites(t *Table, now time.Time, old, v reflect.Value, owner *itemWrite) ([]*itemWrite, error) {
	var ws []*itemWrite
	for _, f := range m.unique {
		var was, is string
		var hadOld, hasNew bool
		var err error
		if old.IsValid() {
			if was, hadOld, err = m.guardKey(f, old.FieldByIndex(f.index)); err != nil {
				return nil, err
			}
		}
		if v.IsValid() {
			if is, hasNew, err = m.guardKey(f, v.FieldByIndex(f.index)); err != nil {
				return nil, err
			}
		}
		if hadOld && hasNew && was == is {
			continue
		}
		if hadOld {
			w, err := t.write(kindDelete, RawPK(was), RawSK(was), &writeOptions{now: now})
			if err != nil {
				return nil, err
			}
			ws = append(ws, w)
		}
		if hasNew {
			w, err := m.guardInsert(t, now, f, is, owner)
			if err != nil {
				return nil, err
			}
			ws = append(ws, w)
		}
	}
	return ws, nil
}

// guardInsert builds the insert of the guard with the given key.
func (m *Model[T]) guardInsert(t *Table, now time.Time, f *modelField, key string, owner *itemWrite) (*itemWrite, error) {
	x := t.primaryIdx
	attrs := map[string]types.AttributeValue{
		EntityAttribute: &types.AttributeValueMemberS{Value: "UNIQUE#" + m.name + "#" + f.name},
		"Owner":         &types.AttributeValueMemberL{Value: []types.AttributeValue{owner.key[x.PartitionKey], owner.key[x.SortKey]}},
	}
	w, err := t.write(kindInsert, RawPK(key), RawSK(key), &writeOptions{attrs: attrs, now: now})
	if err != nil {
		return nil, err
	}
	w.failure = func(map[string]types.AttributeValue) error {
		return fmt.Errorf("%w: %s %s is taken", ErrNotUnique, m.name, f.name)
	}
	return w, nil
}

// uniqueUnchanged holds when the item's unique fields have the values of
// old, the item as read; an invalid old holds when there is no item.
func (m *Model[T]) uniqueUnchanged(old reflect.Value) Condition {
	if !old.IsValid() {
		return NotExists(escapeName(m.table.primaryIdx.PartitionKey))
	}
	conds := make([]Condition, len(m.unique))
	for i, f := range m.unique {
		fv := old.FieldByIndex(f.index)
		av, err := marshalValue(fv.Interface())
		switch {
		case err != nil || av == nil:
			conds[i] = NotExists(escapeName(f.attr))
		case fv.IsZero():
			conds[i] = Or(NotExists(escapeName(f.attr)), Eq(escapeName(f.attr), av))
		default:
			conds[i] = Eq(escapeName(f.attr), av)
		}
	}
	return And(conds...)
}
