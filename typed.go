package db

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// decoder turns an item's attribute values into a T.
type decoder[T any] func(map[string]types.AttributeValue) (T, error)

// decodeAll decodes items with dec.
func decodeAll[T any](items []map[string]types.AttributeValue, dec decoder[T]) ([]T, error) {
	if len(items) == 0 {
		return nil, nil
	}
	out := make([]T, len(items))
	for i, av := range items {
		v, err := dec(av)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
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
	return get(ctx, x.table, pk, sk, opts, decodeAs[T])
}

// Query is Table.Query, decoding the items into T.
func (x Typed[T]) Query(ctx context.Context, pk PartitionKey, opts ...QueryOption) ([]T, error) {
	return collect(x.QueryIter(ctx, pk, opts...))
}

// QueryIter is Table.QueryIter, decoding the items into T.
func (x Typed[T]) QueryIter(ctx context.Context, pk PartitionKey, opts ...QueryOption) iter.Seq2[T, error] {
	return queryIter(ctx, x.table, pk, opts, decodeAs[T])
}

// QueryPage is Table.QueryPage, decoding the items into T.
func (x Typed[T]) QueryPage(ctx context.Context, pk PartitionKey, opts ...QueryOption) (Page[T], error) {
	return queryPage(ctx, x.table, pk, opts, decodeAs[T])
}

// Scan is Table.Scan, decoding the items into T.
func (x Typed[T]) Scan(ctx context.Context, opts ...ScanOption) ([]T, error) {
	return collect(x.ScanIter(ctx, opts...))
}

// ScanIter is Table.ScanIter, decoding the items into T.
func (x Typed[T]) ScanIter(ctx context.Context, opts ...ScanOption) iter.Seq2[T, error] {
	return scanIter(ctx, x.table, opts, decodeAs[T])
}

// ScanPage is Table.ScanPage, decoding the items into T.
func (x Typed[T]) ScanPage(ctx context.Context, opts ...ScanOption) (Page[T], error) {
	return scanPage(ctx, x.table, opts, decodeAs[T])
}

// BatchGet is Table.BatchGet, decoding the items into T.
func (x Typed[T]) BatchGet(ctx context.Context, keys []Key, opts ...BatchGetOption) ([]T, error) {
	return batchGet(ctx, x.table, keys, opts, decodeAs[T])
}
