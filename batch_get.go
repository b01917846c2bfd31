package db

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// BatchGet reads the items with the given keys, any number of them, and
// returns those it found in the order of keys: an item that does not exist
// is simply absent. It checks every key, and refuses a key given twice,
// before sending anything. It sends at most 100 keys a request, retries the
// keys DynamoDB leaves unprocessed (as it does past 16 MB of response) with
// backoff, and returns a *BatchError with the keys it could not read along
// with the items it read. Besides the BatchOptions, ConsistentRead and
// Project apply; the key attributes are read to place each item, and only
// returned when projected.
func (t *Table) BatchGet(ctx context.Context, keys []Key, opts ...BatchGetOption) ([]Item, error) {
	return batchGet(ctx, t, keys, opts, itemDecoder)
}

// batchGet is BatchGet with items decoded by dec.
func batchGet[T any](ctx context.Context, t *Table, keys []Key, opts []BatchGetOption, dec decoder[T]) ([]T, error) {
	o := newBatchOptions(opts)
	g, err := t.newBatchGet(keys, o)
	if err != nil {
		return nil, err
	}
	failed, cause := o.run(ctx, len(keys), maxBatchGetKeys, g.send)
	items, err := decodeAll(compact(g.items), dec)
	if err != nil {
		return nil, err
	}
	if cause != nil {
		return items, &BatchError{Keys: pick(keys, failed), Err: cause}
	}
	return items, nil
}

// batchGetter is one call of BatchGet: its requests and what they found.
type batchGetter struct {
	t     *Table
	keys  []map[string]types.AttributeValue
	pos   positions
	attrs types.KeysAndAttributes           // all but the keys
	strip []string                          // key attributes read only to place items
	items []map[string]types.AttributeValue // by position; each chunk sets its own
}

func (t *Table) newBatchGet(keys []Key, o batchOptions) (*batchGetter, error) {
	ks, pos, err := t.prepareKeys("batch get", keys)
	if err != nil {
		return nil, err
	}
	g := &batchGetter{t: t, keys: ks, pos: pos, items: make([]map[string]types.AttributeValue, len(keys))}
	g.attrs.ConsistentRead = boolOrNil(o.consistent)
	if len(o.projection) > 0 {
		err = g.project(o.projection)
	}
	return g, err
}

// project reads only the given attributes, and the key attributes that
// place each item, which are stripped when not asked for.
func (g *batchGetter) project(paths []string) error {
	for _, a := range []string{g.t.primaryIdx.PartitionKey, g.t.primaryIdx.SortKey} {
		if path := escapeName(a); !slices.Contains(paths, path) {
			paths = append(slices.Clip(paths), path)
			g.strip = append(g.strip, a)
		}
	}
	var b exprBuilder
	proj, err := b.projection(paths)
	g.attrs.ProjectionExpression, g.attrs.ExpressionAttributeNames = proj, b.namesOrNil()
	return err
}

func (g *batchGetter) send(ctx context.Context, chunk []int) ([]int, error) {
	ka := g.attrs
	ka.Keys = pick(g.keys, chunk)
	out, err := g.t.client.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{
		RequestItems: map[string]types.KeysAndAttributes{g.t.name: ka},
	})
	if err != nil {
		return nil, err
	}
	if err := g.collect(out.Responses[g.t.name]); err != nil {
		return nil, err
	}
	return findAll(g.pos, out.UnprocessedKeys[g.t.name].Keys, identity)
}

// collect places the items of a response, all of them or none.
func (g *batchGetter) collect(avs []map[string]types.AttributeValue) error {
	at := make([]int, len(avs))
	for i, av := range avs {
		var err error
		if at[i], err = g.pos.find(av); err != nil {
			return err
		}
	}
	for i, av := range avs {
		for _, a := range g.strip {
			delete(av, a)
		}
		g.items[at[i]] = av
	}
	return nil
}
