package db

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// BatchWriteArg is one write of BatchWrite. Make one with BatchPut or
// BatchDelete.
type BatchWriteArg struct {
	key    Key
	delete bool
	opts   []PutOption
	err    error // a mistake found when the write was made
}

// BatchPut writes an item in a batch, replacing any item with its key. Give
// its attributes with Attrs; it is stamped with CreatedAt as Put does.
// Batches take no conditions and return nothing: BatchWrite refuses a put
// given If, ReturnItemOnFailure or Return.
func BatchPut(pk PartitionKey, sk SortKey, opts ...PutOption) BatchWriteArg {
	return BatchWriteArg{key: KeyOf(pk, sk), opts: opts}
}

// BatchDelete deletes an item in a batch, if it exists.
func BatchDelete(pk PartitionKey, sk SortKey) BatchWriteArg {
	return BatchWriteArg{key: KeyOf(pk, sk), delete: true}
}

// Key returns the key of the item written.
func (w BatchWriteArg) Key() Key { return w.key }

// IsDelete tells a BatchDelete from a BatchPut.
func (w BatchWriteArg) IsDelete() bool { return w.delete }

func (w BatchWriteArg) request(t *Table) (types.WriteRequest, error) {
	if w.err != nil {
		return types.WriteRequest{}, w.err
	}
	if w.delete {
		k, err := t.keyAttrs(w.key.PK, w.key.SK)
		return types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: k}}, err
	}
	var o writeOptions
	for _, opt := range w.opts {
		if opt != nil {
			opt.applyPut(&o)
		}
	}
	if o.condition != nil || o.onFail {
		return types.WriteRequest{}, invalid("a batch write takes no condition (If, ReturnItemOnFailure): use Put or TransactWrite")
	}
	if err := o.ret.check("a batch write"); err != nil {
		return types.WriteRequest{}, err
	}
	item, err := t.item(w.key.PK, w.key.SK, o.attrs, t.now())
	return types.WriteRequest{PutRequest: &types.PutRequest{Item: item}}, err
}

// BatchWrite makes the given puts and deletes, any number of them, at most
// one for each key; it checks them all before sending anything. The writes
// are not atomic: it sends at most 25 a request, retries the writes DynamoDB
// leaves unprocessed with backoff, and returns a *BatchError with the writes
// it could not confirm.
func (t *Table) BatchWrite(ctx context.Context, writes []BatchWriteArg, opts ...BatchOption) error {
	o := newBatchOptions(opts)
	w, err := t.newBatchWrite(writes)
	if err != nil {
		return err
	}
	failed, cause := o.run(ctx, len(writes), maxBatchWriteItems, w.send)
	if cause == nil {
		return nil
	}
	e := &BatchError{Writes: pick(writes, failed), Err: cause}
	for _, w := range e.Writes {
		e.Keys = append(e.Keys, w.key)
	}
	return e
}

// batchWrite is one call of BatchWrite: its requests.
type batchWrite struct {
	t    *Table
	reqs []types.WriteRequest
	pos  positions
}

func (t *Table) newBatchWrite(writes []BatchWriteArg) (*batchWrite, error) {
	reqs, pos, err := prepare(t, "batch write", len(writes), func(i int) (types.WriteRequest, error) {
		return writes[i].request(t)
	}, writeKey)
	return &batchWrite{t: t, reqs: reqs, pos: pos}, err
}

func (w *batchWrite) send(ctx context.Context, chunk []int) ([]int, error) {
	out, err := w.t.client.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{
		RequestItems: map[string][]types.WriteRequest{w.t.name: pick(w.reqs, chunk)},
	})
	if err != nil {
		return nil, err
	}
	return findAll(w.pos, out.UnprocessedItems[w.t.name], writeKey)
}

// writeKey returns the attributes of a write that hold its key.
func writeKey(w types.WriteRequest) map[string]types.AttributeValue {
	switch {
	case w.PutRequest != nil:
		return w.PutRequest.Item
	case w.DeleteRequest != nil:
		return w.DeleteRequest.Key
	}
	return nil
}
