package db

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// DynamoDB's limits on the items of one batch request.
const (
	maxBatchGetKeys    = 100
	maxBatchWriteItems = 25
)

// The defaults of the batch options.
const (
	defaultBatchConcurrency = 4
	defaultBatchAttempts    = 8
	defaultBackoffBase      = 50 * time.Millisecond
	defaultBackoffMax       = 5 * time.Second
)

// ErrUnprocessed is the cause of a *BatchError when DynamoDB still left
// items unprocessed, usually for lack of throughput, after every attempt.
var ErrUnprocessed = errors.New("db: items left unprocessed")

// errStopped ends the chunks of a batch still running after another chunk
// failed; it is never the cause reported.
var errStopped = errors.New("db: batch stopped")

// Key is the primary key of one item: its partition key and sort key, as
// BatchGet and TransactGet take them. Make one with KeyOf or as a literal.
type Key struct {
	PK PartitionKey
	SK SortKey
}

// KeyOf returns the key made of pk and sk.
func KeyOf(pk PartitionKey, sk SortKey) Key { return Key{PK: pk, SK: sk} }

// String returns the key as stored with the default KeyFormat, as
// "USER#alice GROUP#g1".
func (k Key) String() string { return k.PK.String() + " " + k.SK.String() }

// BatchGetOption configures BatchGet: every BatchOption does, and so do
// the values of ConsistentRead and Project.
type BatchGetOption interface{ applyBatch(*batchOptions) }

// BatchOption configures BatchGet and BatchWrite: how many requests run at
// once and how unprocessed items are retried.
type BatchOption interface {
	BatchGetOption
	batchWrite()
}

type batchOptions struct {
	concurrency int
	attempts    int
	base, max   time.Duration
	consistent  bool
	projection  []string
}

type batchOption func(*batchOptions)

func (f batchOption) applyBatch(o *batchOptions) { f(o) }
func (batchOption) batchWrite()                  {}

func (consistentRead) applyBatch(o *batchOptions) { o.consistent = true }
func (p projection) applyBatch(o *batchOptions)   { o.projection = append(o.projection, p...) }

// BatchConcurrency sets how many requests of a batch run at once; 4 by
// default. Values below 1 keep the default.
func BatchConcurrency(n int) BatchOption {
	return batchOption(func(o *batchOptions) {
		if n >= 1 {
			o.concurrency = n
		}
	})
}

// BatchMaxAttempts sets how many times a batch sends items before it gives
// up on those DynamoDB leaves unprocessed; 8 by default, the first attempt
// included. Values below 1 keep the default.
func BatchMaxAttempts(n int) BatchOption {
	return batchOption(func(o *batchOptions) {
		if n >= 1 {
			o.attempts = n
		}
	})
}

// BatchBackoff sets the waits before each retry of unprocessed items: the
// first retry waits a random time up to base, each next one up to twice as
// long as the one before, but never more than maxWait ("full jitter"). The
// defaults are 50ms and 5s; a base of 0 or less keeps the default base, and
// a maxWait below base is base.
func BatchBackoff(base, maxWait time.Duration) BatchOption {
	return batchOption(func(o *batchOptions) {
		if base > 0 {
			o.base = base
		}
		o.max = max(o.base, maxWait)
	})
}

func newBatchOptions[O BatchGetOption](opts []O) batchOptions {
	o := batchOptions{
		concurrency: defaultBatchConcurrency,
		attempts:    defaultBatchAttempts,
		base:        defaultBackoffBase,
		max:         defaultBackoffMax,
	}
	for _, opt := range opts {
		if any(opt) != nil {
			opt.applyBatch(&o)
		}
	}
	return o
}

// BatchError reports the part of a batch that was not processed: the keys
// BatchGet did not read, or the writes BatchWrite could not confirm, because
// DynamoDB left them unprocessed through every attempt, ctx ended, or a
// request failed. A failure stops the chunks not yet sent, and they are
// listed too. Everything not listed was processed.
type BatchError struct {
	// Keys are the keys of the items not processed, in the order given.
	Keys []Key
	// Writes are the writes not processed, in the order given, for
	// BatchWrite; give them to BatchWrite again to retry them.
	Writes []BatchWriteArg
	// Err is the cause: an error wrapping ErrUnprocessed, ctx's error, or
	// the service's error.
	Err error
}

// Error says how many items were not processed, names the first ones, and
// gives the cause.
func (e *BatchError) Error() string {
	op := "batch get"
	if len(e.Writes) > 0 {
		op = "batch write"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "db: %s: %d items not processed (", op, len(e.Keys))
	for i, k := range e.Keys[:min(len(e.Keys), 3)] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k.String())
	}
	if len(e.Keys) > 3 {
		b.WriteString(", ...")
	}
	fmt.Fprintf(&b, "): %v", e.Err)
	return b.String()
}

// Unwrap returns the cause.
func (e *BatchError) Unwrap() error { return e.Err }

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
	return batchGet[Item](ctx, t, keys, opts, decodeItem)
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
		if !slices.Contains(paths, a) {
			paths = append(slices.Clip(paths), a)
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

// BatchWriteArg is one write of BatchWrite. Make one with BatchPut or
// BatchDelete.
type BatchWriteArg struct {
	key    Key
	delete bool
	opts   []PutOption
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
	item, err := t.item(w.key.PK, w.key.SK, o.attrs)
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

func identity[T any](v T) T { return v }

// prepareKeys renders keys for a request, checking them and refusing
// duplicates.
func (t *Table) prepareKeys(op string, keys []Key) ([]map[string]types.AttributeValue, positions, error) {
	return prepare(t, op, len(keys), func(i int) (map[string]types.AttributeValue, error) {
		return t.keyAttrs(keys[i].PK, keys[i].SK)
	}, identity)
}

// prepare builds the n requests of an operation, checking each and refusing
// two with the same key; key returns the attributes of a request that hold
// its key.
func prepare[R any](t *Table, op string, n int, build func(i int) (R, error), key func(R) map[string]types.AttributeValue) ([]R, positions, error) {
	if t.err != nil {
		return nil, positions{}, t.err
	}
	reqs := make([]R, n)
	pos := t.newPositions(n)
	for i := range n {
		r, err := build(i)
		if err != nil {
			return nil, positions{}, fmt.Errorf("db: %s: item %d: %w", op, i, err)
		}
		if err := pos.add(key(r), i, op); err != nil {
			return nil, positions{}, err
		}
		reqs[i] = r
	}
	return reqs, pos, nil
}

// positions finds the position of an item among the caller's arguments by
// its key attributes.
type positions struct {
	pk, sk string
	at     map[[2]string]int
}

func (t *Table) newPositions(n int) positions {
	return positions{pk: t.primaryIdx.PartitionKey, sk: t.primaryIdx.SortKey, at: make(map[[2]string]int, n)}
}

func (p positions) id(av map[string]types.AttributeValue) [2]string {
	s := func(name string) string {
		if v, ok := av[name].(*types.AttributeValueMemberS); ok {
			return v.Value
		}
		return ""
	}
	return [2]string{s(p.pk), s(p.sk)}
}

func (p positions) add(av map[string]types.AttributeValue, i int, op string) error {
	id := p.id(av)
	if j, dup := p.at[id]; dup {
		return invalid("%s: items %d and %d have the same key %s %s; give each key once", op, j, i, id[0], id[1])
	}
	p.at[id] = i
	return nil
}

func (p positions) find(av map[string]types.AttributeValue) (int, error) {
	id := p.id(av)
	i, ok := p.at[id]
	if !ok {
		return 0, fmt.Errorf("db: DynamoDB answered for key %s %s, which was not asked for", id[0], id[1])
	}
	return i, nil
}

// findAll returns the positions of the given requests or items.
func findAll[T any](p positions, items []T, key func(T) map[string]types.AttributeValue) ([]int, error) {
	at := make([]int, len(items))
	for i, it := range items {
		var err error
		if at[i], err = p.find(key(it)); err != nil {
			return nil, err
		}
	}
	return at, nil
}

// pick returns the elements of s at the given positions.
func pick[T any](s []T, at []int) []T {
	out := make([]T, len(at))
	for i, j := range at {
		out[i] = s[j]
	}
	return out
}

// compact returns the items that are not nil, in order.
func compact(items []map[string]types.AttributeValue) []map[string]types.AttributeValue {
	var out []map[string]types.AttributeValue
	for _, it := range items {
		if it != nil {
			out = append(out, it)
		}
	}
	return out
}

// run sends the items at positions 0 to n-1 in chunks of at most size, and
// returns the positions not processed, in order, with the cause. send sends
// one request and returns the positions DynamoDB left unprocessed.
func (o batchOptions) run(ctx context.Context, n, size int, send func(context.Context, []int) ([]int, error)) ([]int, error) {
	r := &batchRun{o: o, send: send, stop: make(chan struct{})}
	r.start(ctx, chunks(n, size))
	slices.Sort(r.failed)
	return r.failed, r.cause
}

// chunks splits the positions 0 to n-1 in chunks of at most size.
func chunks(n, size int) [][]int {
	var out [][]int
	for lo := 0; lo < n; lo += size {
		c := make([]int, min(size, n-lo))
		for i := range c {
			c[i] = lo + i
		}
		out = append(out, c)
	}
	return out
}

// batchRun is one run of a batch: its chunks run by o.concurrency workers
// until done or until one fails, which stops the others.
type batchRun struct {
	o    batchOptions
	send func(context.Context, []int) ([]int, error)
	stop chan struct{} // closed when cause is set

	mu     sync.Mutex
	failed []int
	cause  error
}

func (r *batchRun) start(ctx context.Context, chunks [][]int) {
	work := make(chan []int)
	var wg sync.WaitGroup
	for range min(r.o.concurrency, len(chunks)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range work {
				r.fail(r.chunk(ctx, c))
			}
		}()
	}
	for _, c := range chunks {
		select {
		case work <- c:
		case <-r.stop:
			r.fail(c, errStopped)
		}
	}
	close(work)
	wg.Wait()
}

// fail records positions not processed; the first error is the cause and
// stops the run.
func (r *batchRun) fail(pending []int, err error) {
	if err == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed = append(r.failed, pending...)
	if r.cause == nil {
		r.cause = err
		close(r.stop)
	}
}

// chunk sends a chunk until DynamoDB has processed all of it, and returns
// what it could not get processed, with the reason.
func (r *batchRun) chunk(ctx context.Context, pending []int) ([]int, error) {
	for attempt := 1; ; attempt++ {
		if err := r.halted(ctx); err != nil {
			return pending, err
		}
		left, err := r.send(ctx, pending)
		if err != nil {
			return pending, err
		}
		if len(left) == 0 {
			return nil, nil
		}
		pending = left
		if attempt >= r.o.attempts {
			return pending, fmt.Errorf("%w after %d attempts", ErrUnprocessed, attempt)
		}
		if err := r.wait(ctx, r.o.delay(attempt)); err != nil {
			return pending, err
		}
	}
}

func (r *batchRun) halted(ctx context.Context) error {
	select {
	case <-r.stop:
		return errStopped
	default:
		return ctx.Err()
	}
}

func (r *batchRun) wait(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-r.stop:
		return errStopped
	case <-timer.C:
		return nil
	}
}

// delay returns the wait before retry number attempt: a random time below
// base doubled attempt-1 times, but below max.
func (o batchOptions) delay(attempt int) time.Duration {
	ceil := o.base
	for i := 1; i < attempt; i++ {
		if ceil > o.max/2 {
			ceil = o.max
			break
		}
		ceil *= 2
	}
	return rand.N(min(ceil, o.max))
}
