package db

import (
	"context"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Query returns the items under the partition key pk, in sort-key order,
// reading every page. By default it reads the primary index; OnIndex picks
// another, and then pk is a value of that index's partition key attribute.
// SortKeyEq, SortKeyBetween, SortKeyBeginsWith and the like narrow the
// items by sort key.
func (t *Table) Query(ctx context.Context, pk PartitionKey, opts ...QueryOption) ([]Item, error) {
	return t.query(ctx, pk, t.queryOptions(opts))
}

func (t *Table) query(ctx context.Context, pk PartitionKey, o queryOptions) ([]Item, error) {
	in, err := t.queryInput(pk, o)
	if err != nil {
		return nil, err
	}
	var items []Item
	for {
		if o.limit > 0 {
			in.Limit = int32Ptr(o.limit - len(items))
		}
		out, err := t.client.Query(ctx, in)
		if err != nil {
			return nil, opError("query", err, ErrConditionFailed)
		}
		for _, av := range out.Items {
			item, err := decodeItem(av)
			if err != nil {
				return nil, err
			}
			items = append(items, item)
		}
		if len(out.LastEvaluatedKey) == 0 || (o.limit > 0 && len(items) >= o.limit) {
			return items, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// QueryPrefix returns the items under the partition key pk whose sort key
// begins with prefix, reading every page, as the Python dokklib-db does:
// each item holds the sort key attribute of the queried index, with the
// entity prefix stripped from its value ("USER#alice" becomes "alice"),
// and the attributes named with Project, read as they are. With
// OnIndex(InverseGlobalIndex), it answers questions such as "which users are
// in this group".
func (t *Table) QueryPrefix(ctx context.Context, pk PartitionKey, prefix PrefixSortKey, opts ...QueryOption) ([]Item, error) {
	o := t.queryOptions(opts)
	o.sortKey = &sortCondition{op: "begins_with", prefix: &prefix}
	x, err := t.findIndex(o.index)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(o.projection, x.SortKey) {
		o.projection = append([]string{x.SortKey}, o.projection...)
	}
	items, err := t.query(ctx, pk, o)
	if err != nil {
		return nil, err
	}
	t.stripPrefix(items, x.SortKey, t.format.Prefix(prefix.entity))
	t.stripPrefix(items, x.PartitionKey, t.format.Prefix(pk.entity))
	return items, nil
}

// stripPrefix removes prefix from the string values of attr.
func (t *Table) stripPrefix(items []Item, attr, prefix string) {
	for _, item := range items {
		if s, ok := item[attr].(string); ok {
			item[attr] = strings.TrimPrefix(s, prefix)
		}
	}
}

func (t *Table) queryOptions(opts []QueryOption) queryOptions {
	o := queryOptions{index: t.primaryIdx}
	for _, opt := range opts {
		opt.applyQuery(&o)
	}
	return o
}

func (t *Table) queryInput(pk PartitionKey, o queryOptions) (*dynamodb.QueryInput, error) {
	if t.err != nil {
		return nil, t.err
	}
	x, err := t.findIndex(o.index)
	if err != nil {
		return nil, err
	}
	p, err := t.format.render(pk.key, "partition key", maxPartitionKeyBytes)
	if err != nil {
		return nil, err
	}
	var b exprBuilder
	cond := b.name(x.PartitionKey) + " = " + b.attrValue(&types.AttributeValueMemberS{Value: p})
	if o.sortKey != nil {
		s, err := o.sortKey.build(&b, t.format, x.SortKey)
		if err != nil {
			return nil, err
		}
		cond += " AND " + s
	}
	proj, err := b.projection(o.projection)
	if err != nil {
		return nil, err
	}
	in := &dynamodb.QueryInput{
		TableName:                 &t.name,
		KeyConditionExpression:    &cond,
		ProjectionExpression:      proj,
		ExpressionAttributeNames:  b.namesOrNil(),
		ExpressionAttributeValues: b.valuesOrNil(),
		ConsistentRead:            boolOrNil(o.consistent),
	}
	if !x.IsPrimary() {
		in.IndexName = &x.Name
	}
	if o.reverse {
		in.ScanIndexForward = boolPtr(false)
	}
	return in, nil
}

func boolPtr(b bool) *bool { return &b }

func int32Ptr(n int) *int32 {
	v := int32(min(n, 1<<31-1))
	return &v
}
