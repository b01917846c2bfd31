package db

import (
	"context"
	"iter"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Query returns the items under the partition key pk, in sort-key order,
// reading every page (up to Limit items). By default it reads the primary
// index; OnIndex picks another, and then pk is a value of that index's
// partition key attribute. SortKeyEq, SortKeyBetween, SortKeyBeginsWith
// and the like narrow the items by sort key; Filter by other attributes.
func (t *Table) Query(ctx context.Context, pk PartitionKey, opts ...QueryOption) ([]Item, error) {
	return collect(t.QueryIter(ctx, pk, opts...))
}

// QueryIter is Query as an iterator: it reads a page when the loop needs
// it, and stops reading when the loop stops. An error ends the iteration.
func (t *Table) QueryIter(ctx context.Context, pk PartitionKey, opts ...QueryOption) iter.Seq2[Item, error] {
	return queryIter(ctx, t, pk, opts, decodeItem)
}

func queryIter[T any](ctx context.Context, t *Table, pk PartitionKey, opts []QueryOption, dec decoder[T]) iter.Seq2[T, error] {
	return listIter(ctx, func() (pageReader, *listOptions, error) { return t.queryReader(pk, opts) }, dec)
}

// QueryPage returns one page of a query: up to Limit items (or a page of
// DynamoDB's when Limit is not set) after the cursor given with After, and
// the cursor of the next page.
func (t *Table) QueryPage(ctx context.Context, pk PartitionKey, opts ...QueryOption) (Page[Item], error) {
	return queryPage(ctx, t, pk, opts, decodeItem)
}

func queryPage[T any](ctx context.Context, t *Table, pk PartitionKey, opts []QueryOption, dec decoder[T]) (Page[T], error) {
	read, o, err := t.queryReader(pk, opts)
	if err != nil {
		return Page[T]{}, err
	}
	return page(ctx, t, read, o, "query:"+o.index.Name+":"+pk.String(), dec)
}

// Count returns how many items a query selects, reading every page but
// returning no items.
func (t *Table) Count(ctx context.Context, pk PartitionKey, opts ...QueryOption) (int, error) {
	read, o, err := t.queryReader(pk, append(opts, selectCount))
	if err != nil {
		return 0, err
	}
	return count(ctx, read, o)
}

// QueryPrefix returns the items under the partition key pk whose sort key
// begins with prefix, reading every page, as the Python dokklib-db does:
// each item holds the sort key attribute of the queried index, with the
// entity prefix stripped from its value ("USER#alice" becomes "alice"),
// and the attributes named with Project, read as they are. With
// OnIndex(InverseGlobalIndex), it answers questions such as "which users are
// in this group".
func (t *Table) QueryPrefix(ctx context.Context, pk PartitionKey, prefix PrefixSortKey, opts ...QueryOption) ([]Item, error) {
	o := t.listOptions(opts, nil)
	x, err := t.findIndex(o.index)
	if err != nil {
		return nil, err
	}
	opts = append(opts, SortKeyBeginsWith(prefix))
	if !slices.Contains(o.projection, x.SortKey) {
		opts = append(opts, Project(x.SortKey))
	}
	items, err := t.Query(ctx, pk, opts...)
	if err != nil {
		return nil, err
	}
	stripPrefix(items, x.SortKey, t.format.Prefix(prefix.entity))
	stripPrefix(items, x.PartitionKey, t.format.Prefix(pk.entity))
	return items, nil
}

// stripPrefix removes prefix from the string values of attr.
func stripPrefix(items []Item, attr, prefix string) {
	for _, item := range items {
		if s, ok := item[attr].(string); ok {
			item[attr] = strings.TrimPrefix(s, prefix)
		}
	}
}

func (t *Table) listOptions(qopts []QueryOption, sopts []ScanOption) *listOptions {
	o := &listOptions{index: t.primaryIdx}
	for _, opt := range qopts {
		opt.applyQuery(o)
	}
	for _, opt := range sopts {
		opt.applyScan(o)
	}
	return o
}

// queryReader checks a query and returns the reader of its pages.
func (t *Table) queryReader(pk PartitionKey, opts []QueryOption) (pageReader, *listOptions, error) {
	if t.err != nil {
		return nil, nil, t.err
	}
	o := t.listOptions(opts, nil)
	x, err := t.findIndex(o.index)
	if err != nil {
		return nil, nil, err
	}
	p, err := t.format.render(pk.key, "partition key", maxPartitionKeyBytes)
	if err != nil {
		return nil, nil, err
	}
	var b exprBuilder
	cond := b.name(x.PartitionKey) + " = " + b.attrValue(&types.AttributeValueMemberS{Value: p})
	if o.sortKey != nil {
		s, err := o.sortKey.build(&b, t.format, x.SortKey)
		if err != nil {
			return nil, nil, err
		}
		cond += " AND " + s
	}
	in := &dynamodb.QueryInput{
		TableName:              &t.name,
		IndexName:              x.nameOrNil(),
		KeyConditionExpression: &cond,
		ConsistentRead:         boolOrNil(o.consistent),
	}
	if o.reverse {
		in.ScanIndexForward = boolPtr(false)
	}
	if in.ProjectionExpression, in.FilterExpression, err = listExprs(&b, o); err != nil {
		return nil, nil, err
	}
	if o.count {
		in.Select = types.SelectCount
	}
	in.ExpressionAttributeNames, in.ExpressionAttributeValues = b.namesOrNil(), b.valuesOrNil()
	return t.queryPages(in), o, nil
}

// listExprs builds the projection and filter of a listing.
func listExprs(b *exprBuilder, o *listOptions) (projection, filter *string, err error) {
	if o.count {
		o.projection = nil
	}
	if projection, err = b.projection(o.projection); err != nil {
		return nil, nil, err
	}
	filter, err = conditionExpr(b, o.filter)
	return projection, filter, err
}

func (t *Table) queryPages(in *dynamodb.QueryInput) pageReader {
	return func(ctx context.Context, start map[string]types.AttributeValue, limit int) (rawPage, error) {
		req := *in
		req.ExclusiveStartKey, req.Limit = start, int32OrNil(limit)
		out, err := t.client.Query(ctx, &req)
		if err != nil {
			return rawPage{}, opError("query", err, ErrConditionFailed)
		}
		return rawPage{items: out.Items, count: int(out.Count), last: out.LastEvaluatedKey}, nil
	}
}

// listIter runs a listing as an iterator of items decoded by dec.
func listIter[T any](ctx context.Context, prepare func() (pageReader, *listOptions, error), dec decoder[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		read, o, err := prepare()
		if err != nil {
			yield(zero[T](), err)
			return
		}
		_, err = readPages(ctx, read, nil, o, func(p rawPage) bool { return yieldItems(p.items, dec, yield) })
		if err != nil {
			yield(zero[T](), err)
		}
	}
}

// yieldItems decodes and yields items; it returns false when the loop
// stopped or decoding failed.
func yieldItems[T any](items []map[string]types.AttributeValue, dec decoder[T], yield func(T, error) bool) bool {
	for _, av := range items {
		item, err := dec(av)
		if err != nil {
			yield(zero[T](), err)
			return false
		}
		if !yield(item, nil) {
			return false
		}
	}
	return true
}

// page reads one page of a listing.
func page[T any](ctx context.Context, t *Table, read pageReader, o *listOptions, listing string, dec decoder[T]) (Page[T], error) {
	start, err := t.decodeCursor(listing, o.cursor)
	if err != nil {
		return Page[T]{}, err
	}
	var raw []map[string]types.AttributeValue
	last, err := readPages(ctx, read, start, o, func(p rawPage) bool {
		raw = append(raw, p.items...)
		// Without a limit, a page is one of DynamoDB's.
		return o.limit > 0
	})
	if err != nil {
		return Page[T]{}, err
	}
	var p Page[T]
	if p.Items, err = decodeAll(raw, dec); err != nil {
		return Page[T]{}, err
	}
	p.Next, err = t.encodeCursor(listing, last)
	return p, err
}

// count adds up the counts of every page of a listing.
func count(ctx context.Context, read pageReader, o *listOptions) (int, error) {
	n := 0
	o.limit = 0
	_, err := readPages(ctx, read, nil, o, func(p rawPage) bool { n += p.count; return true })
	return n, err
}

// collect reads a whole iteration into a slice.
func collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var items []T
	for item, err := range seq {
		if err != nil {
			return nil, err
		}
		items = append(items, item)
	}
	return items, nil
}

func boolPtr(b bool) *bool { return &b }

func int32OrNil(n int) *int32 {
	if n <= 0 {
		return nil
	}
	v := int32(min(n, 1<<31-1))
	return &v
}
