package db

import (
	"reflect"
)

// BatchPut is a put of v in a batch (Table.BatchWrite), with the keys,
// attributes and stamp that Put writes. Batches take no conditions, so an
// entity with versions or unique fields cannot be written in one: the
// batch refuses such a put before sending anything.
func (m *Model[T]) BatchPut(v T) BatchWriteArg {
	if err := m.batchable(); err != nil {
		return BatchWriteArg{err: err}
	}
	rv := reflect.ValueOf(&v).Elem()
	pk, sk, attrs, err := m.attributes(m.table, m.table.now(), rv)
	if err != nil {
		return BatchWriteArg{err: err}
	}
	return BatchPut(RawPK(pk), RawSK(sk), Attrs(attrs))
}

// BatchDelete is a delete of the item with v's key in a batch. It has no
// condition: whatever item has the key is deleted, which is the entity's
// unless Table.Check finds that two entities' keys can collide. An entity
// with versions or unique fields cannot be deleted in a batch.
func (m *Model[T]) BatchDelete(v T) BatchWriteArg {
	if err := m.batchable(); err != nil {
		return BatchWriteArg{err: err}
	}
	k, err := m.primaryKey(v)
	if err != nil {
		return BatchWriteArg{err: err}
	}
	return BatchDelete(k.PK, k.SK)
}

// batchable refuses batch writes of entities whose writes need conditions.
func (m *Model[T]) batchable() error {
	if err := m.Err(); err != nil {
		return err
	}
	if m.version != nil || len(m.unique) > 0 {
		return invalid("%s has versions or unique fields, whose writes need conditions: use Put and Delete, or a transaction", m.name)
	}
	return nil
}
