package db

import (
	"context"
	"fmt"
	"reflect"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Entity is any Model, whatever its type: a member of a Collection.
type Entity interface {
	info() *modelDescription
}

// Collection reads, in one query, the items of several entities that
// share a partition, such as an org with its members and projects, into
// V: a struct with a slice field for each member entity, of the member's
// type. Declare one with NewCollection.
type Collection[V any] struct {
	table   *Table
	name    string
	index   Index
	members []collectionMember
	err     error
}

// collectionMember is an entity of a collection, and the field of V that
// holds its items.
type collectionMember struct {
	desc  *modelDescription
	key   modelKey
	field []int
}

// NewCollection declares the collection name of the given entities on
// the index x (the table's primary index, or a secondary index on which
// each entity declares keys). Every member must share the partition key
// template there, so that one partition holds them all, and V must have
// one slice field for each member's type. Err reports a mistake.
func NewCollection[V any](name string, x Index, members ...Entity) *Collection[V] {
	c := &Collection[V]{name: name, index: x}
	if c.err = c.declare(reflect.TypeFor[V](), members); c.err != nil {
		c.err = fmt.Errorf("%w: collection %s: %w", ErrInvalidArgument, name, c.err)
	}
	return c
}

// Err returns the mistake in the collection's declaration, or nil.
func (c *Collection[V]) Err() error { return c.err }

func (c *Collection[V]) declare(v reflect.Type, members []Entity) error {
	if v.Kind() != reflect.Struct || len(members) == 0 {
		return fmt.Errorf("%s must be a struct, with a slice for each of one or more members", v)
	}
	for _, e := range members {
		d := e.info()
		if d.err != nil {
			return d.err
		}
		if c.table == nil {
			c.table = d.table
		}
		k, ok := d.keyOn(c.index)
		switch {
		case d.table != c.table:
			return fmt.Errorf("%s is on another table", d.name)
		case !ok:
			return fmt.Errorf("%s declares no keys on %s", d.name, c.index)
		case len(c.members) > 0 && k.partitionSignature() != c.members[0].key.partitionSignature():
			return fmt.Errorf("%s's partition key %s is not %s's %s: they are not in one partition",
				d.name, k.partitionSignature(), c.members[0].desc.name, c.members[0].key.partitionSignature())
		}
		field, err := sliceField(v, d.typ)
		if err != nil {
			return err
		}
		c.index = k.index // as the table declares it
		c.members = append(c.members, collectionMember{desc: d, key: k, field: field})
	}
	return nil
}

// partitionSignature identifies the partitions of keys: their template, or
// the attributes of key fields.
func (k modelKey) partitionSignature() string {
	if k.isFields() {
		return fieldList(k.pkFields)
	}
	return fmt.Sprintf("%q", k.pk.text)
}

// sliceField finds the field of struct v that is a slice of elem.
func sliceField(v, elem reflect.Type) ([]int, error) {
	var found []int
	for i := range v.NumField() {
		f := v.Field(i)
		if f.IsExported() && f.Type.Kind() == reflect.Slice && f.Type.Elem() == elem {
			if found != nil {
				return nil, fmt.Errorf("%s has two fields of type []%s", v, elem)
			}
			found = f.Index
		}
	}
	if found == nil {
		return nil, fmt.Errorf("%s has no field of type []%s", v, elem)
	}
	return found, nil
}

// Query reads the collection's partition: key is a value of any member's
// type whose fields give the partition key. It reads every page (up to
// Limit items) and returns each member's items in its field of V, in
// sort-key order; items of other entities are passed over.
func (c *Collection[V]) Query(ctx context.Context, key any, opts ...QueryOption) (V, error) {
	var out V
	l, err := c.listing(key, gather(c.table, opts, QueryOption.applyQuery))
	if err != nil {
		return out, err
	}
	rv := reflect.ValueOf(&out).Elem()
	for av, err := range listIter(ctx, func() (*listing, error) { return l, nil }, decodeWith(rawItem)) {
		if err != nil {
			return out, err
		}
		if err := c.add(rv, av); err != nil {
			return out, err
		}
	}
	return out, nil
}

// add decodes an item into the slice of its entity.
func (c *Collection[V]) add(v reflect.Value, av map[string]types.AttributeValue) error {
	member, ok := c.member(av)
	if !ok {
		return nil
	}
	s := v.FieldByIndex(member.field)
	item := reflect.New(member.desc.typ)
	if err := UnmarshalItem(av, item.Interface()); err != nil {
		return fmt.Errorf("db: collection %s: %s: %w", c.name, member.desc.name, err)
	}
	s.Set(reflect.Append(s, item.Elem()))
	return nil
}

// member returns the member entity of an item.
func (c *Collection[V]) member(av map[string]types.AttributeValue) (collectionMember, bool) {
	s, ok := av[EntityAttribute].(*types.AttributeValueMemberS)
	if !ok {
		return collectionMember{}, false
	}
	for _, m := range c.members {
		if m.desc.name == s.Value {
			return m, true
		}
	}
	return collectionMember{}, false
}

// listing builds the query of the partition of key.
func (c *Collection[V]) listing(key any, o *listOptions) (*listing, error) {
	if c.err != nil {
		return nil, c.err
	}
	if o.sortKey != nil || !o.index.equal(c.table.primaryIdx) {
		return nil, invalid("collection %s reads its own index and partition: give no OnIndex or sort-key condition", c.name)
	}
	kv := reflect.ValueOf(key)
	i := slices.IndexFunc(c.members, func(m collectionMember) bool { return kv.IsValid() && kv.Type() == m.desc.typ })
	if i < 0 {
		return nil, invalid("collection %s: the key is a value of a member's type, not %T", c.name, key)
	}
	pk, err := c.members[i].key.partitionKey(kv)
	if err != nil {
		return nil, err
	}
	names := make([]any, len(c.members))
	for i, m := range c.members {
		names[i] = m.desc.name
	}
	o.index = c.index
	o.filter = andCondition(In(escapeName(EntityAttribute), names...), o.filter)
	return c.table.query(pk, o)
}
