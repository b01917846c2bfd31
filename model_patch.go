package db

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Patch sets the named fields of the item with v's key to v's values, and
// fails with an error wrapping ErrNotFound when there is no such item of
// the entity, as ElectroDB's patch does. Fields of the primary key cannot
// change; a field in the template of an index's keys moves the item in
// that index, and then every other field of the template must be patched
// too, or be one of the primary key's. A versioned entity's v carries the
// version it changes, or 0 to change any. It returns the item as stored.
// T's Validate method is not run: v holds only the fields patched.
func (m *Model[T]) Patch(ctx context.Context, v T, fields ...string) (T, error) {
	if err := m.Err(); err != nil {
		return zero[T](), err
	}
	fs, err := m.patchFields(fields)
	if err != nil {
		return zero[T](), err
	}
	var old *T
	if m.touchesUnique(fs) {
		if old, err = m.current(ctx, v); err != nil {
			return zero[T](), err
		}
		if old == nil {
			return zero[T](), fmt.Errorf("db: patch %s: %w", m.name, ErrNotFound)
		}
	}
	ws, err := m.patchWrites(m.table, m.table.now(), v, fs, old)
	if err != nil {
		return zero[T](), err
	}
	attrs, err := m.send(ctx, "patch", ws)
	if err != nil {
		return zero[T](), err
	}
	if attrs == nil { // a transaction returns nothing: read the item
		return m.Get(ctx, v, ConsistentRead())
	}
	return m.decode(attrs)
}

// PatchArg is Patch as a write of a transaction. It cannot change unique
// fields, whose guards need the item as it was: use ReplaceArg for them.
func (m *Model[T]) PatchArg(v T, fields ...string) TransactArg {
	return modelArg(func(t *Table, now time.Time) ([]*itemWrite, error) {
		if err := m.Err(); err != nil {
			return nil, err
		}
		fs, err := m.patchFields(fields)
		if err == nil && m.touchesUnique(fs) {
			err = invalid("%s: a patch in a transaction cannot change unique fields: use ReplaceArg", m.name)
		}
		if err != nil {
			return nil, err
		}
		return m.patchWrites(t, now, v, fs, nil)
	})
}

// patchFields resolves the names of the fields to patch.
func (m *Model[T]) patchFields(names []string) ([]*modelField, error) {
	if len(names) == 0 {
		return nil, invalid("patch %s: name the fields to patch", m.name)
	}
	primary := m.keys[0].fieldNames()
	var fs []*modelField
	for _, name := range names {
		f, err := m.field(name)
		if err != nil {
			return nil, fmt.Errorf("%w: patch %s: %w", ErrInvalidArgument, m.name, err)
		}
		if slices.Contains(primary, name) {
			return nil, invalid("patch %s: field %s is part of the primary key", m.name, name)
		}
		if m.version != nil && name == m.version.name {
			return nil, invalid("patch %s: the version field %s is set by the model", m.name, name)
		}
		fs = append(fs, f)
	}
	return fs, nil
}

func (m *Model[T]) touchesUnique(fs []*modelField) bool {
	for _, f := range fs {
		if slices.ContainsFunc(m.unique, func(u *modelField) bool { return u.name == f.name }) {
			return true
		}
	}
	return false
}

// fieldNames returns the names of the fields of the key's templates.
func (k modelKey) fieldNames() []string {
	var names []string
	for _, f := range append(k.pk.fields(), k.sk.fields()...) {
		names = append(names, f.name)
	}
	return names
}

// patchWrites builds the update of Patch, and the moves of the guards of
// the unique fields it changes from old, the item as read.
func (m *Model[T]) patchWrites(t *Table, now time.Time, v T, fs []*modelField, old *T) ([]*itemWrite, error) {
	rv := reflect.ValueOf(&v).Elem()
	attrs, err := marshalItem(v)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrInvalidArgument, m.name, err)
	}
	var actions []Update
	for _, f := range fs {
		if av, ok := attrs[f.attr]; ok {
			actions = append(actions, Set(escapeName(f.attr), av))
		} else {
			actions = append(actions, Remove(escapeName(f.attr)))
		}
	}
	moved, err := m.indexMoves(rv, fs)
	if err != nil {
		return nil, err
	}
	actions = append(actions, moved...)
	cond := m.changeCondition(rv)
	if m.version != nil {
		attr := escapeName(m.version.attr)
		actions = append(actions, Set(attr, Plus(IfNotExists(attr, 0), 1)))
	}
	var oldv reflect.Value
	if old != nil {
		oldv = reflect.ValueOf(old).Elem()
		cond = andCondition(cond, m.uniqueUnchanged(oldv))
	}
	key, err := m.primaryKey(v)
	if err != nil {
		return nil, err
	}
	w, err := t.write(kindUpdate, key.PK, key.SK, &writeOptions{actions: actions, condition: cond, onFail: true, now: now,
		ret: returnOption{rv: ReturnAllNew}})
	if err != nil {
		return nil, err
	}
	w.failure = m.failure(asChange, rv)
	if old == nil {
		return []*itemWrite{w}, nil
	}
	merged := reflect.New(m.typ).Elem()
	merged.Set(oldv)
	for _, f := range fs {
		merged.FieldByIndex(f.index).Set(rv.FieldByIndex(f.index))
	}
	guards, err := m.guardWrites(t, now, oldv, merged, w)
	return append([]*itemWrite{w}, guards...), err
}

// indexMoves returns the updates of the key attributes of the secondary
// indexes whose templates have patched fields: set to the new keys, or
// removed when the fields leave them unset. Every field of such a
// template must be patched.
func (m *Model[T]) indexMoves(v reflect.Value, fs []*modelField) ([]Update, error) {
	var updates []Update
	for _, k := range m.keys[1:] {
		if k.isFields() {
			continue // the fields are the key attributes
		}
		names := k.fieldNames()
		touched := slices.ContainsFunc(fs, func(f *modelField) bool { return slices.Contains(names, f.name) })
		if !touched {
			continue
		}
		primary := m.keys[0].fieldNames() // given, to find the item
		for _, name := range names {
			if !slices.Contains(primary, name) && !slices.ContainsFunc(fs, func(f *modelField) bool { return f.name == name }) {
				return nil, invalid("patch %s: the keys on %s are made of %v: patch them all", m.name, k.index, names)
			}
		}
		pk, sk, err := k.render(v)
		for attr, s := range k.attributes(pk, sk) {
			switch {
			case m.table.isPrimaryKey(attr):
			case err != nil:
				updates = append(updates, Remove(escapeName(attr)))
			default:
				updates = append(updates, Set(escapeName(attr), &types.AttributeValueMemberS{Value: s}))
			}
		}
	}
	return updates, nil
}

// Update changes the item of the entity with the key of key by actions
// (Set, Add, Remove, Append, DeleteFromSet, ...), as Table.Update does, and
// fails with an error wrapping ErrNotFound when there is no such item of
// the entity. The actions may not touch what the model writes itself: key
// attributes, fields in key templates, unique fields (use Patch for
// those), the entity's attributes and its version, which it increments,
// checking first the version that key carries, if any. It returns the item
// as stored.
func (m *Model[T]) Update(ctx context.Context, key T, actions ...Update) (T, error) {
	if err := m.Err(); err != nil {
		return zero[T](), err
	}
	if err := m.checkActions(actions); err != nil {
		return zero[T](), err
	}
	rv := reflect.ValueOf(&key).Elem()
	cond := m.changeCondition(rv)
	if m.version != nil {
		attr := escapeName(m.version.attr)
		actions = append(slices.Clip(actions), Set(attr, Plus(IfNotExists(attr, 0), 1)))
	}
	k, err := m.primaryKey(key)
	if err != nil {
		return zero[T](), err
	}
	w, err := m.table.write(kindUpdate, k.PK, k.SK, &writeOptions{actions: actions, condition: cond, onFail: true,
		ret: returnOption{rv: ReturnAllNew}})
	if err != nil {
		return zero[T](), err
	}
	w.failure = m.failure(asChange, rv)
	attrs, err := m.send(ctx, "update", []*itemWrite{w})
	if err != nil {
		return zero[T](), err
	}
	return m.decode(attrs)
}

// checkActions refuses update actions on the attributes the model writes.
func (m *Model[T]) checkActions(actions []Update) error {
	owned := m.ownedAttributes()
	for _, a := range actions {
		if a == nil {
			return invalid("nil update")
		}
		var b exprBuilder
		_, _, path, err := a.action(&b)
		if err != nil {
			return err
		}
		if why, ok := owned[path[0].name]; ok {
			return invalid("update %s: %s is %s: use Patch", m.name, path[0].name, why)
		}
	}
	return nil
}

// ownedAttributes maps the attributes that the model writes itself to
// what they are.
func (m *Model[T]) ownedAttributes() map[string]string {
	owned := map[string]string{EntityAttribute: "the entity's name", SchemaAttribute: "the schema's version"}
	for _, k := range m.keys {
		for _, f := range append(k.pkFields, k.skFields...) {
			owned[f.attr] = "a key field"
		}
		if k.isFields() {
			continue
		}
		owned[k.index.PartitionKey], owned[k.index.SortKey] = "a key attribute", "a key attribute"
		for _, f := range append(k.pk.fields(), k.sk.fields()...) {
			if mf, err := m.field(f.name); err == nil {
				owned[mf.attr] = "in a key template"
			}
		}
	}
	for _, f := range m.unique {
		owned[f.attr] = "unique"
	}
	if m.version != nil {
		owned[m.version.attr] = "the version"
	}
	return owned
}
