package db

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Create writes v as a new item of the entity, and fails with an error
// wrapping ErrExists when its key has an item, or ErrNotUnique when a
// unique field's value is taken. It returns v as stored: with its version
// (1) and its stamps.
func (m *Model[T]) Create(ctx context.Context, v T) (T, error) {
	return m.writeItem(ctx, "create", v, m.createWrites)
}

// Put writes v, replacing the item with its key if there is one. A
// versioned entity's v must carry the version it replaces (0 for none),
// or the write fails with ErrVersionConflict. It returns v as stored.
func (m *Model[T]) Put(ctx context.Context, v T) (T, error) {
	if len(m.unique) == 0 {
		return m.writeItem(ctx, "put", v, m.putWrites(nil))
	}
	old, err := m.current(ctx, v)
	if err != nil {
		return zero[T](), err
	}
	return m.writeItem(ctx, "put", v, m.putWrites(old))
}

// Delete deletes the item of the entity with the key of v, with the guards
// of its unique fields. For a versioned entity whose v carries a version,
// the item must be at that version. Deleting an item that does not exist
// is not an error.
func (m *Model[T]) Delete(ctx context.Context, v T) error {
	old := &v
	if len(m.unique) > 0 {
		var err error
		if old, err = m.current(ctx, v); err != nil || old == nil {
			return err
		}
		m.setVersion(reflect.ValueOf(old).Elem(), m.versionOf(reflect.ValueOf(&v).Elem()))
	}
	ws, err := m.deleteWrites(m.table, m.table.now(), *old)
	if err != nil {
		return err
	}
	if _, err = m.send(ctx, "delete", ws); isNotFound(err) {
		return nil // nothing of the entity had the key
	}
	return err
}

// CreateArg is Create as a write of a transaction (Table.TransactWrite).
func (m *Model[T]) CreateArg(v T) TransactArg {
	return modelArg(func(t *Table, now time.Time) ([]*itemWrite, error) { return m.createWrites(t, now, v) })
}

// PutArg is Put as a write of a transaction. For an entity with unique
// fields, the item's unique fields must be those of v: to change them in
// a transaction, use ReplaceArg.
func (m *Model[T]) PutArg(v T) TransactArg {
	return modelArg(func(t *Table, now time.Time) ([]*itemWrite, error) { return m.putWrites(&v)(t, now, v) })
}

// ReplaceArg replaces the item old, as read, with v, in a transaction:
// the guards of the unique fields that change move to their new values.
// The transaction fails if the item is not as old was.
func (m *Model[T]) ReplaceArg(old, v T) TransactArg {
	return modelArg(func(t *Table, now time.Time) ([]*itemWrite, error) { return m.putWrites(&old)(t, now, v) })
}

// DeleteArg is Delete as a write of a transaction: v is the item as read,
// whose unique fields' guards are deleted with it. The transaction fails
// if the item's unique fields are not those of v.
func (m *Model[T]) DeleteArg(v T) TransactArg {
	return modelArg(func(t *Table, now time.Time) ([]*itemWrite, error) { return m.deleteWrites(t, now, v) })
}

// CheckArg makes a transaction happen only if the item of the entity with
// v's key exists and meets the conditions given, if any: a check of
// another item than the transaction writes, such as the user a
// membership names. It writes nothing; a failed check cancels the
// transaction, with ErrNotFound for the item's reason when it is missing.
func (m *Model[T]) CheckArg(v T, conds ...Condition) TransactArg {
	return modelArg(func(t *Table, now time.Time) ([]*itemWrite, error) {
		k, err := m.primaryKey(v)
		if err != nil {
			return nil, err
		}
		cond := And(append([]Condition{Eq(escapeName(EntityAttribute), m.name)}, conds...)...)
		w, err := t.write(kindCheck, k.PK, k.SK, &writeOptions{condition: cond, onFail: true, now: now})
		if err != nil {
			return nil, err
		}
		w.failure = m.failure(asChange, reflect.ValueOf(&v).Elem())
		return []*itemWrite{w}, nil
	})
}

// modelArg is a write of an entity in a transaction.
type modelArg func(t *Table, now time.Time) ([]*itemWrite, error)

func (a modelArg) transactWrites(t *Table, now time.Time) ([]*itemWrite, error) { return a(t, now) }

// writeItem builds the writes of v with build, sends them, and returns v
// as stored.
func (m *Model[T]) writeItem(ctx context.Context, op string, v T,
	build func(*Table, time.Time, T) ([]*itemWrite, error)) (T, error) {
	if err := m.Err(); err != nil {
		return zero[T](), err
	}
	ws, err := build(m.table, m.table.now(), v)
	if err != nil {
		return zero[T](), err
	}
	if _, err := m.send(ctx, op, ws); err != nil {
		return zero[T](), err
	}
	return m.decode(ws[0].key)
}

// send sends the writes of one operation: as a request of its own when
// there is one, and else as a transaction. It returns the attributes that
// a single write returned.
func (m *Model[T]) send(ctx context.Context, op string, ws []*itemWrite) (map[string]types.AttributeValue, error) {
	t := m.table
	if len(ws) > 1 {
		tx, err := t.transaction([]TransactArg{preparedArg(ws)})
		if err != nil {
			return nil, err
		}
		if err := tx.send(ctx); err != nil {
			return nil, prefixError(op+" "+m.name, err)
		}
		return nil, nil
	}
	w := ws[0]
	var attrs map[string]types.AttributeValue
	var err error
	switch w.kind {
	case kindPut, kindInsert:
		var out *dynamodb.PutItemOutput
		if out, err = t.client.PutItem(ctx, w.putInput()); err == nil {
			attrs = out.Attributes
		}
	case kindUpdate:
		var out *dynamodb.UpdateItemOutput
		if out, err = t.client.UpdateItem(ctx, w.updateInput()); err == nil {
			attrs = out.Attributes
		}
	default:
		_, err = t.client.DeleteItem(ctx, w.deleteInput())
	}
	if err != nil {
		return nil, writeError(op+" "+m.name, m.keyOf(w), err, w.failed)
	}
	return attrs, nil
}

// preparedArg is writes built already, as one argument of a transaction.
type preparedArg []*itemWrite

func (a preparedArg) transactWrites(*Table, time.Time) ([]*itemWrite, error) { return a, nil }

// keyOf returns the key of a write for errors.
func (m *Model[T]) keyOf(w *itemWrite) Key {
	x := m.table.primaryIdx
	pk, _ := m.table.format.PKOf(m.str(w.key[x.PartitionKey]))
	sk, _ := m.table.format.SKOf(m.str(w.key[x.SortKey]))
	return Key{PK: pk, SK: sk}
}

func (m *Model[T]) str(av types.AttributeValue) string {
	_, s, _ := scalar(av)
	return s
}

// createWrites builds the writes of Create: the item, if its key has none,
// and the guards of its unique fields.
func (m *Model[T]) createWrites(t *Table, now time.Time, v T) ([]*itemWrite, error) {
	rv := reflect.ValueOf(&v).Elem()
	if m.version != nil {
		m.setVersion(rv, 0)
	}
	w, err := m.itemWrite(t, now, rv, kindInsert, nil)
	if err != nil {
		return nil, err
	}
	w.failure = m.failure(asCreate, rv)
	guards, err := m.guardWrites(t, now, reflect.Value{}, rv, w)
	return append([]*itemWrite{w}, guards...), err
}

// putWrites returns the builder of the writes of Put, given the item as
// it is when the entity has unique fields: the item, at the version of v,
// and the moves of the guards of the unique fields that change.
func (m *Model[T]) putWrites(old *T) func(*Table, time.Time, T) ([]*itemWrite, error) {
	return func(t *Table, now time.Time, v T) ([]*itemWrite, error) {
		rv := reflect.ValueOf(&v).Elem()
		var oldv reflect.Value
		var cond Condition
		if old != nil {
			oldv = reflect.ValueOf(old).Elem()
			cond = m.uniqueUnchanged(oldv)
		}
		w, err := m.itemWrite(t, now, rv, kindPut, cond)
		if err != nil {
			return nil, err
		}
		w.failure = m.failure(asPut, rv)
		guards, err := m.guardWrites(t, now, oldv, rv, w)
		return append([]*itemWrite{w}, guards...), err
	}
}

// itemWrite builds the put of v: its attributes, the key attributes of
// every index whose template v's fields fill, the entity's attributes and
// its next version, with the version and entity conditions.
func (m *Model[T]) itemWrite(t *Table, now time.Time, v reflect.Value, kind writeKind, cond Condition) (*itemWrite, error) {
	pk, sk, attrs, err := m.attributes(t, now, v)
	if err != nil {
		return nil, err
	}
	if kind == kindPut {
		cond = andCondition(m.ownItem(), cond)
		cond = andCondition(cond, m.atVersion(v, true))
	}
	cond = andCondition(cond, m.cond)
	return t.write(kind, RawPK(pk), RawSK(sk), &writeOptions{attrs: attrs, condition: cond, onFail: true, now: now})
}

// attributes returns the primary key of v and its other attributes as
// stored: its fields, the key attributes of every index whose template v's
// fields fill, the entity's attributes, its stamp and its next version.
func (m *Model[T]) attributes(t *Table, now time.Time, v reflect.Value) (pk, sk string, attrs map[string]types.AttributeValue, err error) {
	if err := m.validate(v); err != nil {
		return "", "", nil, err
	}
	if attrs, err = marshalItem(v.Interface()); err != nil {
		return "", "", nil, fmt.Errorf("%w: %s: %w", ErrInvalidArgument, m.name, err)
	}
	if pk, sk, err = m.keyAttributes(v, attrs); err != nil {
		return "", "", nil, err
	}
	attrs[EntityAttribute] = &types.AttributeValueMemberS{Value: m.name}
	attrs[SchemaAttribute] = &types.AttributeValueMemberN{Value: schemaValue(m.schema)}
	if t.timestamps {
		attrs[UpdatedAt] = &types.AttributeValueMemberS{Value: stamp(now)}
	}
	if m.version != nil {
		attrs[m.version.attr] = &types.AttributeValueMemberN{Value: fmt.Sprint(m.versionOf(v) + 1)}
	}
	return pk, sk, attrs, nil
}

// keyAttributes renders the primary key of v and sets the key attributes
// of the secondary indexes whose templates v fills.
func (m *Model[T]) keyAttributes(v reflect.Value, attrs map[string]types.AttributeValue) (pk, sk string, err error) {
	for i, k := range m.keys {
		if k.isFields() {
			continue // the fields are the key attributes
		}
		p, s, err := k.render(v)
		if i == 0 {
			if err != nil {
				return "", "", err
			}
			pk, sk = p, s
			continue
		}
		if err != nil {
			continue // the item is not in this sparse index
		}
		for attr, value := range k.attributes(p, s) {
			if !m.table.isPrimaryKey(attr) {
				attrs[attr] = &types.AttributeValueMemberS{Value: value}
			}
		}
	}
	return pk, sk, nil
}

// attributes maps the index's key attributes to the values pk and sk.
func (k modelKey) attributes(pk, sk string) map[string]string {
	attrs := map[string]string{k.index.PartitionKey: pk}
	if k.index.SortKey != "" {
		attrs[k.index.SortKey] = sk
	}
	return attrs
}

// render writes the keys of v on the index.
func (k modelKey) render(v reflect.Value) (pk, sk string, err error) {
	if pk, err = k.pk.render(v); err != nil || k.index.SortKey == "" {
		return pk, "", err
	}
	sk, err = k.sk.render(v)
	return pk, sk, err
}

// validate runs T's Validate method, if it has one.
func (m *Model[T]) validate(v reflect.Value) error {
	if val, ok := v.Addr().Interface().(interface{ Validate() error }); ok {
		if err := val.Validate(); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrInvalidArgument, m.name, err)
		}
	}
	return nil
}

// changeCondition is the condition of a change of the item of v: it is of
// the entity, at v's version if v has one, and meets the model's If.
func (m *Model[T]) changeCondition(v reflect.Value) Condition {
	cond := andCondition(Eq(escapeName(EntityAttribute), m.name), m.atVersion(v, false))
	return andCondition(cond, m.cond)
}

// If returns a view of the model whose writes (Put, Patch, Update, Delete
// and their transaction forms; Create too) happen only when c holds for
// the item as it is; otherwise they fail with ErrConditionFailed. Views
// combine: m.If(a).If(b) needs both.
//
//	err := tasks.If(db.Eq("Status", "open")).Delete(ctx, task)
func (m *Model[T]) If(c Condition) *Model[T] {
	view := *m
	view.cond = andCondition(c, m.cond)
	return &view
}

// ownItem holds when the item is absent or of this entity, so that a
// write never replaces another entity's item.
func (m *Model[T]) ownItem() Condition {
	return Or(NotExists(escapeName(m.table.primaryIdx.PartitionKey)), Eq(escapeName(EntityAttribute), m.name))
}

// atVersion holds when the item is at v's version: absent for version 0
// when absent is true. It is nil for an entity without versions, and for
// version 0 when absent is false.
func (m *Model[T]) atVersion(v reflect.Value, absent bool) Condition {
	if m.version == nil {
		return nil
	}
	n := m.versionOf(v)
	switch {
	case n != 0:
		return Eq(escapeName(m.version.attr), n)
	case absent:
		return NotExists(escapeName(m.table.primaryIdx.PartitionKey))
	}
	return nil
}

func (m *Model[T]) versionOf(v reflect.Value) int64 {
	if m.version == nil {
		return 0
	}
	f := v.FieldByIndex(m.version.index)
	if f.CanInt() {
		return f.Int()
	}
	return int64(f.Uint())
}

func (m *Model[T]) setVersion(v reflect.Value, n int64) {
	if m.version == nil {
		return
	}
	f := v.FieldByIndex(m.version.index)
	if f.CanInt() {
		f.SetInt(n)
	} else {
		f.SetUint(uint64(n))
	}
}

// failure classifies a failed condition of a write of the entity, in the
// role w, of the value v, from the item as it was.
func (m *Model[T]) failure(w writeRole, v reflect.Value) func(map[string]types.AttributeValue) error {
	expect := strconv.FormatInt(m.versionOf(v), 10)
	checked := m.version != nil && (w == asPut || expect != "0")
	return func(old map[string]types.AttributeValue) error {
		switch {
		case w == asCreate:
			return ErrExists
		case len(old) == 0 || m.str(old[EntityAttribute]) != m.name:
			return ErrNotFound
		case checked && m.str(old[m.version.attr]) != expect:
			return ErrVersionConflict
		}
		return ErrConditionFailed
	}
}

// writeRole is what a write of an entity expects of the item, for the
// classification of its failures.
type writeRole uint8

const (
	asCreate writeRole = iota // no item
	asPut                     // the item at v's version, none for version 0
	asChange                  // the item, at v's version unless it is 0
)

// current reads the item with v's key, as it is, for the writes that
// need its unique fields; nil when there is none.
func (m *Model[T]) current(ctx context.Context, v T) (*T, error) {
	old, err := m.Get(ctx, v, ConsistentRead())
	switch {
	case err == nil:
		return &old, nil
	case isNotFound(err):
		return nil, nil
	}
	return nil, err
}

// deleteWrites builds the writes of Delete: the item, if it is of the
// entity and at v's version, and the guards of its unique fields.
func (m *Model[T]) deleteWrites(t *Table, now time.Time, v T) ([]*itemWrite, error) {
	if err := m.Err(); err != nil {
		return nil, err
	}
	rv := reflect.ValueOf(&v).Elem()
	pk, sk, err := m.keys[0].render(rv)
	if err != nil {
		return nil, err
	}
	cond := m.changeCondition(rv)
	if len(m.unique) > 0 {
		cond = andCondition(cond, m.uniqueUnchanged(rv))
	}
	w, err := t.write(kindDelete, RawPK(pk), RawSK(sk), &writeOptions{condition: cond, onFail: true, now: now})
	if err != nil {
		return nil, err
	}
	w.failure = m.failure(asChange, rv)
	guards, err := m.guardWrites(t, now, rv, reflect.Value{}, w)
	return append([]*itemWrite{w}, guards...), err
}

// isNotFound reports whether err says that an item was not there.
func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
