package db

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Get returns the item with the given key, or an error wrapping ErrNotFound
// when there is none.
func (t *Table) Get(ctx context.Context, pk PartitionKey, sk SortKey, opts ...GetOption) (Item, error) {
	return get(ctx, t, pk, sk, opts, itemDecoder)
}

func get[T any](ctx context.Context, t *Table, pk PartitionKey, sk SortKey, opts []GetOption, dec decoder[T]) (T, error) {
	var o getOptions
	for _, opt := range opts {
		opt.applyGet(&o)
	}
	k, err := t.keyAttrs(pk, sk)
	if err != nil {
		return zero[T](), err
	}
	var b exprBuilder
	proj, err := b.projection(o.projection)
	if err != nil {
		return zero[T](), err
	}
	var sdkOpts []func(*dynamodb.Options)
	if dec.wire != nil {
		sdkOpts = append(sdkOpts, withWireItem)
	}
	out, err := t.client.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:                &t.name,
		Key:                      k,
		ConsistentRead:           boolOrNil(o.consistent),
		ProjectionExpression:     proj,
		ExpressionAttributeNames: b.namesOrNil(),
	}, sdkOpts...)
	if err != nil {
		return zero[T](), readError("get "+KeyOf(pk, sk).String(), err)
	}
	if items, ok := wireItemsOf(out.ResultMetadata); ok && dec.wire != nil {
		return dec.wire(items[0]), nil
	}
	if out.Item == nil {
		return zero[T](), fmt.Errorf("db: get %s %s: %w", pk, sk, ErrNotFound)
	}
	return dec.attrs(out.Item)
}

// Put writes an item with the given key, replacing any item with that key.
// Give its other attributes with Attrs.
func (t *Table) Put(ctx context.Context, pk PartitionKey, sk SortKey, opts ...PutOption) error {
	return t.put(ctx, "put", pk, sk, false, opts)
}

// Insert writes an item with the given key if there is none yet, and else
// fails with an error wrapping ErrExists. Give its other attributes with Attrs.
func (t *Table) Insert(ctx context.Context, pk PartitionKey, sk SortKey, opts ...PutOption) error {
	return t.put(ctx, "insert", pk, sk, true, opts)
}

func (t *Table) put(ctx context.Context, op string, pk PartitionKey, sk SortKey, insert bool, opts []PutOption) error {
	var o writeOptions
	for _, opt := range opts {
		opt.applyPut(&o)
	}
	if err := o.ret.check(op, ReturnAllOld); err != nil {
		return err
	}
	kind := kindPut
	if insert {
		kind = kindInsert
	}
	w, err := t.write(kind, pk, sk, &o)
	if err != nil {
		return err
	}
	out, err := t.client.PutItem(ctx, w.putInput())
	if err != nil {
		return writeError(op, KeyOf(pk, sk), err, w.failed)
	}
	return o.ret.decode(out.Attributes)
}

// item makes the attributes of an item to write: its key, the given
// attributes, and its creation time, now, unless the attributes set it.
func (t *Table) item(pk PartitionKey, sk SortKey, attrs any, now time.Time) (map[string]types.AttributeValue, error) {
	k, err := t.keyAttrs(pk, sk)
	if err != nil {
		return nil, err
	}
	item, err := encodeAttrs(attrs)
	if err != nil {
		return nil, err
	}
	for name, v := range k {
		if _, ok := item[name]; ok {
			return nil, invalid("attribute %q is the table's key: give it as a key, not in Attrs", name)
		}
		item[name] = v
	}
	if t.timestamps && unsetStamp(item[CreatedAt]) {
		item[CreatedAt] = &types.AttributeValueMemberS{Value: stamp(now)}
	}
	return item, checkItemSize(item)
}

// encodeAttrs encodes the attributes given with Attrs.
func encodeAttrs(attrs any) (map[string]types.AttributeValue, error) {
	switch a := attrs.(type) {
	case nil:
		return map[string]types.AttributeValue{}, nil
	case Item:
		return encodeItem(a)
	case map[string]any:
		return encodeItem(a)
	case map[string]types.AttributeValue:
		out := make(map[string]types.AttributeValue, len(a))
		for k, v := range a {
			out[k] = v
		}
		return out, nil
	}
	item, err := marshalItem(attrs)
	if err != nil {
		return nil, fmt.Errorf("%w: attributes: %w", ErrInvalidArgument, err)
	}
	return item, nil
}

// Delete deletes the item with the given key. Deleting an item that does
// not exist is not an error, unless a condition says so.
func (t *Table) Delete(ctx context.Context, pk PartitionKey, sk SortKey, opts ...DeleteOption) error {
	var o writeOptions
	for _, opt := range opts {
		opt.applyDelete(&o)
	}
	if err := o.ret.check("delete", ReturnAllOld); err != nil {
		return err
	}
	w, err := t.write(kindDelete, pk, sk, &o)
	if err != nil {
		return err
	}
	out, err := t.client.DeleteItem(ctx, w.deleteInput())
	if err != nil {
		return writeError("delete", KeyOf(pk, sk), err, w.failed)
	}
	return o.ret.decode(out.Attributes)
}

func boolOrNil(b bool) *bool {
	if !b {
		return nil
	}
	return &b
}
