package db

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// decoder turns an item into a T: from the SDK's attribute values, or,
// when T is Item, from the Item the library read from the response's
// JSON itself (wire.go).
type decoder[T any] struct {
	attrs func(map[string]types.AttributeValue) (T, error)
	wire  func(Item) T // nil: T is read from attribute values only
}

// decodeWith returns the decoder that reads attribute values with f.
func decodeWith[T any](f func(map[string]types.AttributeValue) (T, error)) decoder[T] {
	return decoder[T]{attrs: f}
}

// itemDecoder reads Items, from the response's JSON when it can.
var itemDecoder = decoder[Item]{attrs: decodeItem, wire: func(it Item) Item { return it }}

// decodeAll decodes items with dec.
func decodeAll[T any](items []map[string]types.AttributeValue, dec decoder[T]) ([]T, error) {
	if len(items) == 0 {
		return nil, nil
	}
	out := make([]T, len(items))
	for i, av := range items {
		v, err := dec.attrs(av)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// decodePage decodes the items of a page, calling each with them in turn
// until it returns false; it returns false then, or when decoding fails.
func decodePage[T any](p rawPage, dec decoder[T], each func(T, error) bool) bool {
	if p.wire != nil && dec.wire != nil {
		for _, it := range p.wire {
			if !each(dec.wire(it), nil) {
				return false
			}
		}
		return true
	}
	for _, av := range p.items {
		item, err := dec.attrs(av)
		if err != nil {
			each(zero[T](), err)
			return false
		}
		if !each(item, nil) {
			return false
		}
	}
	return true
}

func zero[T any]() T {
	var z T
	return z
}

// Typed reads a table's items as values of type T, a struct or a map,
// decoded as UnmarshalItem decodes them: straight from DynamoDB's response,
// with no Item in between. Its methods take the options of the Table
// methods of the same names. Make one with As.
type Typed[T any] struct {
	table *Table
}

// As returns a view of table that reads items as values of type T. It
// decodes whatever items a read finds: in a partition that holds several
// entities, use a Model, which reads only its own. For example:
//
//	users := db.As[Profile](table)
//	alice, err := users.Get(ctx, db.PK[User]("alice"), db.SK[User]("profile"))
func As[T any](table *Table) Typed[T] { return Typed[T]{table: table} }

// Table returns the table that x reads.
func (x Typed[T]) Table() *Table { return x.table }

// Get is Table.Get, decoding the item into a T.
func (x Typed[T]) Get(ctx context.Context, pk PartitionKey, sk SortKey, opts ...GetOption) (T, error) {
	return get(ctx, x.table, pk, sk, opts, decodeWith(decodeAs[T]))
}

// Query is Table.Query, decoding the items into T.
func (x Typed[T]) Query(ctx context.Context, pk PartitionKey, opts ...QueryOption) ([]T, error) {
	return collect(x.QueryIter(ctx, pk, opts...))
}

// QueryIter is Table.QueryIter, decoding the items into T.
func (x Typed[T]) QueryIter(ctx context.Context, pk PartitionKey, opts ...QueryOption) iter.Seq2[T, error] {
	return queryIter(ctx, x.table, pk, opts, decodeWith(decodeAs[T]))
}

// QueryPage is Table.QueryPage, decoding the items into T.
func (x Typed[T]) QueryPage(ctx context.Context, pk PartitionKey, opts ...QueryOption) (Page[T], error) {
	return queryPage(ctx, x.table, pk, opts, decodeWith(decodeAs[T]))
}

// Scan is Table.Scan, decoding the items into T.
func (x Typed[T]) Scan(ctx context.Context, opts ...ScanOption) ([]T, error) {
	return collect(x.ScanIter(ctx, opts...))
}

// ScanIter is Table.ScanIter, decoding the items into T.
func (x Typed[T]) ScanIter(ctx context.Context, opts ...ScanOption) iter.Seq2[T, error] {
	return scanIter(ctx, x.table, opts, decodeWith(decodeAs[T]))
}

// ScanPage is Table.ScanPage, decoding the items into T.
func (x Typed[T]) ScanPage(ctx context.Context, opts ...ScanOption) (Page[T], error) {
	return scanPage(ctx, x.table, opts, decodeWith(decodeAs[T]))
}

// BatchGet is Table.BatchGet, decoding the items into T.
func (x Typed[T]) BatchGet(ctx context.Context, keys []Key, opts ...BatchGetOption) ([]T, error) {
	return batchGet(ctx, x.table, keys, opts, decodeWith(decodeAs[T]))
}
