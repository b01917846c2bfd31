package db

import (
	"context"
	"fmt"
	"iter"
	"reflect"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// rawItem is the decoder that keeps an item's attribute values as they are.
func rawItem(av map[string]types.AttributeValue) (map[string]types.AttributeValue, error) {
	return av, nil
}

// mine reports whether an item is of the model's entity.
func (m *Model[T]) mine(av map[string]types.AttributeValue) bool {
	return m.str(av[EntityAttribute]) == m.name
}

// decode decodes an item of the entity into a T.
func (m *Model[T]) decode(av map[string]types.AttributeValue) (T, error) {
	v, err := decodeAs[T](av)
	if err != nil {
		return zero[T](), fmt.Errorf("db: %s: %w", m.name, err)
	}
	return v, nil
}

// decodeMine decodes an item of the entity, and refuses another's.
func (m *Model[T]) decodeMine(av map[string]types.AttributeValue) (T, error) {
	if !m.mine(av) {
		return zero[T](), fmt.Errorf("%w: reading %s, found %q", errNoModel, m.name, m.str(av[EntityAttribute]))
	}
	return m.decode(av)
}

// Key returns the primary key of the item of v, whose key fields are all
// that need be set, as the plain API takes it (Table.Get, ConditionCheck).
func (m *Model[T]) Key(v T) (Key, error) { return m.primaryKey(v) }

// primaryKey renders the primary key of v as the key of a request.
func (m *Model[T]) primaryKey(v T) (Key, error) {
	if err := m.Err(); err != nil {
		return Key{}, err
	}
	pk, sk, err := m.keys[0].render(reflect.ValueOf(&v).Elem())
	if err != nil {
		return Key{}, err
	}
	return KeyOf(RawPK(pk), RawSK(sk)), nil
}

// Get returns the item of the entity with the key of v, whose key fields
// are all that need be set, or an error wrapping ErrNotFound when there
// is none. ConsistentRead and Project apply.
func (m *Model[T]) Get(ctx context.Context, v T, opts ...GetOption) (T, error) {
	k, err := m.primaryKey(v)
	if err != nil {
		return zero[T](), err
	}
	var o getOptions
	for _, opt := range opts {
		opt.applyGet(&o)
	}
	if len(o.projection) > 0 { // the entity is read to be checked
		opts = append(slices.Clip(opts), Project(EntityAttribute))
	}
	av, err := get(ctx, m.table, k.PK, k.SK, opts, decodeWith(rawItem))
	if err != nil {
		return zero[T](), err
	}
	if !m.mine(av) {
		return zero[T](), fmt.Errorf("db: get %s %s: %w", m.name, k, ErrNotFound)
	}
	return m.decode(av)
}

// BatchGet reads the items of the entity with the keys of the given
// values, as Table.BatchGet does, and returns those it found, in order.
func (m *Model[T]) BatchGet(ctx context.Context, keys []T, opts ...BatchGetOption) ([]T, error) {
	ks := make([]Key, len(keys))
	for i, v := range keys {
		var err error
		if ks[i], err = m.primaryKey(v); err != nil {
			return nil, fmt.Errorf("db: batch get %s: key %d: %w", m.name, i, err)
		}
	}
	avs, err := batchGet(ctx, m.table, ks, opts, decodeWith(rawItem))
	var out []T
	for _, av := range avs {
		if !m.mine(av) {
			continue
		}
		v, derr := m.decode(av)
		if derr != nil {
			return nil, derr
		}
		out = append(out, v)
	}
	return out, err
}

// Scan returns every item of the entity in the table, or in the index
// given with OnIndex, as Table.Scan does.
func (m *Model[T]) Scan(ctx context.Context, opts ...ScanOption) ([]T, error) {
	return collect(m.ScanIter(ctx, opts...))
}

// ScanIter is Scan as an iterator.
func (m *Model[T]) ScanIter(ctx context.Context, opts ...ScanOption) iter.Seq2[T, error] {
	return listIter(ctx, func() (*listing, error) { return m.scan(opts) }, decodeWith(m.decode))
}

// ScanPage returns one page of a scan of the entity's items.
func (m *Model[T]) ScanPage(ctx context.Context, opts ...ScanOption) (Page[T], error) {
	l, err := m.scan(opts)
	if err != nil {
		return Page[T]{}, err
	}
	return page(ctx, l, decodeWith(m.decode))
}

func (m *Model[T]) scan(opts []ScanOption) (*listing, error) {
	if err := m.Err(); err != nil {
		return nil, err
	}
	o := gather(m.table, opts, ScanOption.applyScan)
	o.filter = m.onlyMine(o.filter)
	return m.table.scan(o)
}

// onlyMine adds to a filter the test that an item is of the entity.
func (m *Model[T]) onlyMine(filter Condition) Condition {
	return andCondition(Eq(escapeName(EntityAttribute), m.name), filter)
}

// Query starts a query of the entity's items by one of its access
// patterns: by default its primary key, or the keys it declares on the
// index given with On. key gives the fields of the partition key
// template, all of them, and the leading fields of the sort key template,
// up to the first one that is the zero value; the query selects the items
// whose sort key begins with those. From, To, Between and BeginsWith
// narrow it by the next fields; All, Iter, Page and Count run it.
//
//	open, err := tasks.Query(Task{ProjectID: "p1", Status: "open"}).On(byStatus).
//		Between(Task{Due: monday}, Task{Due: friday}).All(ctx)
func (m *Model[T]) Query(key T) ModelQuery[T] { return ModelQuery[T]{m: m, key: key} }

// ModelQuery is a query of an entity's items, made by Model.Query. Its
// methods return a changed copy, so a query can be kept and run again.
type ModelQuery[T any] struct {
	m      *Model[T]
	key    T
	index  *Index
	op     string // "", "from", "to", "between" or "begins"
	lo, hi T
	strict bool
}

// On makes the query read the index x, with the keys that the entity
// declares on it (IndexKeys).
func (q ModelQuery[T]) On(x Index) ModelQuery[T] { q.index = &x; return q }

// From selects the items whose sort key is the one of v or after, where
// v's fields not set are the key's.
func (q ModelQuery[T]) From(v T) ModelQuery[T] { q.op, q.lo = "from", v; return q }

// To selects the items whose sort key is the one of v or before, where
// the fields of v that are set must all match, and v's fields not set are
// the key's.
func (q ModelQuery[T]) To(v T) ModelQuery[T] { q.op, q.hi = "to", v; return q }

// Between selects the items whose sort key is from the one of lo to the
// one of hi, both included, as From and To do.
func (q ModelQuery[T]) Between(lo, hi T) ModelQuery[T] {
	q.op, q.lo, q.hi = "between", lo, hi
	return q
}

// BeginsWith selects the items whose sort key begins with the fields set
// in v, after the key's.
func (q ModelQuery[T]) BeginsWith(v T) ModelQuery[T] { q.op, q.lo = "begins", v; return q }

// Strict makes the query fail when it finds an item of another entity,
// rather than pass it over: for partitions that should hold this entity
// alone.
func (q ModelQuery[T]) Strict() ModelQuery[T] { q.strict = true; return q }

// All runs the query and returns every item it selects, up to Limit.
func (q ModelQuery[T]) All(ctx context.Context, opts ...QueryOption) ([]T, error) {
	return collect(q.Iter(ctx, opts...))
}

// Iter runs the query as an iterator, reading pages as the loop needs them.
func (q ModelQuery[T]) Iter(ctx context.Context, opts ...QueryOption) iter.Seq2[T, error] {
	return listIter(ctx, func() (*listing, error) { return q.listing(gather(q.m.table, opts, QueryOption.applyQuery)) }, q.decoder())
}

// Page returns one page of the query, after the cursor given with After.
func (q ModelQuery[T]) Page(ctx context.Context, opts ...QueryOption) (Page[T], error) {
	l, err := q.listing(gather(q.m.table, opts, QueryOption.applyQuery))
	if err != nil {
		return Page[T]{}, err
	}
	return page(ctx, l, q.decoder())
}

// Count returns how many of the entity's items the query selects, up to
// Limit.
func (q ModelQuery[T]) Count(ctx context.Context, opts ...CountOption) (int, error) {
	o := gather(q.m.table, opts, CountOption.applyCount)
	o.count = true
	l, err := q.listing(o)
	if err != nil {
		return 0, err
	}
	return l.count(ctx)
}

func (q ModelQuery[T]) decoder() decoder[T] {
	if q.strict {
		return decodeWith(q.m.decodeMine)
	}
	return decodeWith(q.m.decode)
}

// listing builds the query with the listing options o.
func (q ModelQuery[T]) listing(o *listOptions) (*listing, error) {
	m := q.m
	if err := m.Err(); err != nil {
		return nil, err
	}
	if o.sortKey != nil || !o.index.equal(m.table.primaryIdx) {
		return nil, invalid("a query of %s takes its index and sort-key condition from the query, not from options", m.name)
	}
	k, err := m.keyOn(q.index)
	if err != nil {
		return nil, err
	}
	o.index = k.index
	key := reflect.ValueOf(&q.key).Elem()
	pk, err := k.partitionKey(key)
	if err != nil {
		return nil, err
	}
	if k.isFields() {
		o.sortKey, err = q.fieldsCondition(k, key)
	} else {
		o.sortKey, err = q.sortCondition(k, key)
	}
	if err != nil {
		return nil, err
	}
	if !q.strict {
		o.filter = m.onlyMine(o.filter)
	} else if len(o.projection) > 0 {
		o.projection = append(slices.Clip(o.projection), EntityAttribute)
	}
	return m.table.query(pk, o)
}

// partitionKey returns the partition key of key's fields on the index.
func (k modelKey) partitionKey(key reflect.Value) (PartitionKey, error) {
	if !k.isFields() {
		pk, err := k.pk.render(key)
		return RawPK(pk), err
	}
	parts := make([]PartitionKey, len(k.pkFields))
	for i, f := range k.pkFields {
		v, err := fieldKey(f, key)
		if err != nil {
			return PartitionKey{}, err
		}
		parts[i] = PartitionKey{v}
	}
	return CompositePK(parts...), nil
}

// fieldKey returns the value of a key field of v as a raw key.
func fieldKey(f *modelField, v reflect.Value) (key, error) {
	av, err := marshalValue(v.FieldByIndex(f.index).Interface())
	if err != nil {
		return key{}, fmt.Errorf("%w: field %s: %w", ErrInvalidKey, f.name, err)
	}
	switch val := scalarValue(av).(type) {
	case string:
		return newRawKey("key", val), nil
	case Number:
		return newRawKey("key", val), nil
	case []byte:
		return newRawKey("key", val), nil
	}
	return key{}, fmt.Errorf("%w: field %s is not a string, a number or bytes", ErrInvalidKey, f.name)
}

// fieldsCondition builds the condition on the sort key fields of the index
// k: equality on the leading fields that key sets, and the query's range
// on the next.
func (q ModelQuery[T]) fieldsCondition(k modelKey, key reflect.Value) (*sortCondition, error) {
	var leading []SortKey
	for _, f := range k.skFields {
		if key.FieldByIndex(f.index).IsZero() {
			break
		}
		part, err := fieldKey(f, key)
		if err != nil {
			return nil, err
		}
		leading = append(leading, SortKey{part})
	}
	if q.op == "" {
		if len(leading) == 0 {
			return nil, nil
		}
		return SortKeyEq(CompositeSK(leading...)).(*sortCondition), nil
	}
	if len(leading) == len(k.skFields) {
		return nil, invalid("the key gives every sort key field: there is none left to narrow by")
	}
	next := k.skFields[len(leading)]
	bound := func(v T) (SortKey, error) {
		part, err := fieldKey(next, reflect.ValueOf(&v).Elem())
		return CompositeSK(append(leading[:len(leading):len(leading)], SortKey{part})...), err
	}
	lo, err := bound(q.lo)
	if err != nil && q.op != "to" {
		return nil, err
	}
	hi, err := bound(q.hi)
	if err != nil && q.op != "from" && q.op != "begins" {
		return nil, err
	}
	switch q.op {
	case "from":
		return SortKeyGe(lo).(*sortCondition), nil
	case "to":
		return SortKeyLe(hi).(*sortCondition), nil
	case "between":
		return SortKeyBetween(lo, hi).(*sortCondition), nil
	}
	last := (*lo.parts)[len(leading)]
	return SortKeyBeginsWith(CompositePrefix(leading, PrefixSortKey{last})).(*sortCondition), nil
}

// keyOn returns the entity's keys on the index named as x, as the table
// declares it, or on the primary key.
func (m *Model[T]) keyOn(x *Index) (modelKey, error) {
	if x == nil {
		return m.keys[0], nil
	}
	for _, k := range m.keys {
		if k.index.Name == x.Name {
			return k, nil
		}
	}
	return modelKey{}, invalid("%s declares no keys on index %s: declare them with IndexKeys", m.name, x)
}

// maxChar follows every other character in UTF-8, so that a prefix
// followed by it is above every key that begins with the prefix.
const maxChar = "\U0010FFFF"

// sortCondition builds the condition on the sort key of the index k: the
// key's given fields, narrowed by the query's range.
func (q ModelQuery[T]) sortCondition(k modelKey, key reflect.Value) (*sortCondition, error) {
	if k.index.SortKey == "" {
		if q.op != "" {
			return nil, invalid("index %s has no sort key to narrow by", k.index)
		}
		return nil, nil
	}
	own, err := k.sk.bound(key, reflect.Value{})
	if err != nil {
		return nil, err
	}
	switch q.op {
	case "":
		return own.condition(), nil
	case "begins":
		b, err := k.sk.bound(key, reflect.ValueOf(&q.lo).Elem())
		return b.condition(), err
	}
	lo, hi := own, own
	if q.op != "to" {
		if lo, err = k.sk.bound(key, reflect.ValueOf(&q.lo).Elem()); err != nil {
			return nil, err
		}
	}
	if q.op != "from" {
		if hi, err = k.sk.bound(key, reflect.ValueOf(&q.hi).Elem()); err != nil {
			return nil, err
		}
	}
	return between(lo.text, hi.upper()), nil
}

// between is the condition lo <= sort key <= hi, either of which may be
// empty for no bound.
func between(lo, hi string) *sortCondition {
	switch {
	case lo == "" && hi == "":
		return nil
	case lo == "":
		return SortKeyLe(RawSK(hi)).(*sortCondition)
	case hi == "":
		return SortKeyGe(RawSK(lo)).(*sortCondition)
	}
	return SortKeyBetween(RawSK(lo), RawSK(hi)).(*sortCondition)
}

// keyBound is the beginning of sort keys that a query's fields give: the
// whole key when every field is set.
type keyBound struct {
	text string
	full bool
}

// bound writes the beginning of the sort keys of key, its fields set in
// over taking the place of key's.
func (tpl template) bound(key, over reflect.Value) (keyBound, error) {
	v := key
	if over.IsValid() {
		v = reflect.New(key.Type()).Elem()
		v.Set(key)
		for _, f := range tpl.fields() {
			if fv := over.FieldByIndex(f.index); !fv.IsZero() {
				v.FieldByIndex(f.index).Set(fv)
			}
		}
	}
	text, n, err := tpl.prefix(v)
	return keyBound{text: text, full: n == len(tpl.fields())}, err
}

// upper is the highest sort key that begins with the bound.
func (b keyBound) upper() string {
	if b.full || b.text == "" {
		return b.text
	}
	return b.text + maxChar
}

// condition selects the sort keys that begin with the bound.
func (b keyBound) condition() *sortCondition {
	switch {
	case b.text == "":
		return nil
	case b.full:
		return SortKeyEq(RawSK(b.text)).(*sortCondition)
	}
	return SortKeyBeginsWith(RawPrefix(b.text)).(*sortCondition)
}
