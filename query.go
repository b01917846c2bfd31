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
	return queryIter(ctx, t, pk, opts, itemDecoder)
}

func queryIter[T any](ctx context.Context, t *Table, pk PartitionKey, opts []QueryOption, dec decoder[T]) iter.Seq2[T, error] {
	return listIter(ctx, func() (*listing, error) { return t.query(pk, gather(t, opts, QueryOption.applyQuery)) }, dec)
}

// QueryPage returns one page of a query: up to Limit items (or a page of
// DynamoDB's when Limit is not set) after the cursor given with After, and
// the cursor of the next page.
func (t *Table) QueryPage(ctx context.Context, pk PartitionKey, opts ...QueryOption) (Page[Item], error) {
	return queryPage(ctx, t, pk, opts, itemDecoder)
}

func queryPage[T any](ctx context.Context, t *Table, pk PartitionKey, opts []QueryOption, dec decoder[T]) (Page[T], error) {
	l, err := t.query(pk, gather(t, opts, QueryOption.applyQuery))
	if err != nil {
		return Page[T]{}, err
	}
	return page(ctx, l, dec)
}

// Count returns how many items a query selects, up to Limit, reading
// every page but returning no items.
func (t *Table) Count(ctx context.Context, pk PartitionKey, opts ...CountOption) (int, error) {
	o := gather(t, opts, CountOption.applyCount)
	o.count = true
	l, err := t.query(pk, o)
	if err != nil {
		return 0, err
	}
	return l.count(ctx)
}

// QueryPrefix returns the items under the partition key pk whose sort key
// begins with prefix, reading every page, as the Python dokklib-db does:
// each item holds the sort key attribute of the queried index, with the
// entity prefix stripped from its value ("USER#alice" becomes "alice"),
// and the attributes named with Project, read as they are. With
// OnIndex(InverseGlobalIndex), it answers questions such as "which users are
// in this group". The prefix is its sort-key condition: it takes no other.
func (t *Table) QueryPrefix(ctx context.Context, pk PartitionKey, prefix PrefixSortKey, opts ...QueryOption) ([]Item, error) {
	o := gather(t, opts, QueryOption.applyQuery)
	if o.sortKey != nil {
		return nil, invalid("QueryPrefix selects sort keys by its prefix: give no other sort-key condition")
	}
	o.sortKey = &sortCondition{op: "begins_with", prefix: &prefix}
	x, err := t.findIndex(o.index)
	if err != nil {
		return nil, err
	}
	if sk := escapeName(x.SortKey); !slices.Contains(o.projection, sk) {
		o.projection = append(slices.Clip(o.projection), sk)
	}
	items, err := collect(listIter(ctx, func() (*listing, error) { return t.query(pk, o) }, itemDecoder))
	if err != nil {
		return nil, err
	}
	t.stripPrefix(items, x.SortKey, prefix.key)
	t.stripPrefix(items, x.PartitionKey, pk.key)
	return items, nil
}

// stripPrefix removes the entity prefix of k from the string values of
// attr; raw keys have none.
func (t *Table) stripPrefix(items []Item, attr string, k key) {
	if k.entity == "" {
		return
	}
	prefix := t.format.Prefix(k.entity)
	for _, item := range items {
		if s, ok := item[attr].(string); ok {
			item[attr] = strings.TrimPrefix(s, prefix)
		}
	}
}

// query checks and builds a query.
func (t *Table) query(pk PartitionKey, o *listOptions) (*listing, error) {
	if err := t.Err(); err != nil {
		return nil, err
	}
	x, err := t.findIndex(o.index)
	if err != nil {
		return nil, err
	}
	var b exprBuilder
	cond, err := t.partitionCondition(&b, pk, x)
	if err != nil {
		return nil, err
	}
	if o.sortKey != nil {
		s, err := o.sortKey.build(&b, t.format, x)
		if err != nil {
			return nil, err
		}
		if s != "" {
			cond += " AND " + s
		}
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
		return nil, err
	}
	if o.count {
		in.Select = types.SelectCount
	}
	in.ExpressionAttributeNames, in.ExpressionAttributeValues = b.namesOrNil(), b.valuesOrNil()
	return &listing{t: t, o: o, readers: []pageReader{t.queryPages(in)}, id: func() []byte { return queryID(in) }}, nil
}

// partitionCondition writes the condition on the partition key of x:
// equality on each of its attributes.
func (t *Table) partitionCondition(b *exprBuilder, pk PartitionKey, x Index) (string, error) {
	attrs, parts := x.partitionAttrs(), pk.split()
	if len(parts) != len(attrs) {
		return "", invalid("index %s's partition key is %d attributes: give a value of each with CompositePK", x, len(attrs))
	}
	if pk.err != nil {
		return "", pk.err
	}
	conds := make([]string, len(attrs))
	for i, a := range attrs {
		v, err := t.format.render(parts[i], "partition key", a.Type, maxPartitionKeyBytes)
		if err != nil {
			return "", err
		}
		conds[i] = b.name(a.Name) + " = " + b.attrValue(v)
	}
	return strings.Join(conds, " AND "), nil
}

// listExprs builds the projection and filter of a listing.
func listExprs(b *exprBuilder, o *listOptions) (projection, filter *string, err error) {
	if projection, err = b.projection(o.projection); err != nil {
		return nil, nil, err
	}
	filter, err = conditionExpr(b, o.filter)
	return projection, filter, err
}

func (t *Table) queryPages(in *dynamodb.QueryInput) pageReader {
	return func(ctx context.Context, start map[string]types.AttributeValue, limit int, wire bool) (rawPage, error) {
		req := *in
		req.ExclusiveStartKey, req.Limit = start, int32OrNil(limit)
		out, err := t.client.Query(ctx, &req, sdkOptions(wire)...)
		if err != nil {
			return rawPage{}, readError("query", err)
		}
		return pageOf(out.Items, out.Count, out.LastEvaluatedKey, out.ResultMetadata), nil
	}
}
