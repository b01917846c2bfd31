package db

import "time"

// The defaults of the batch options.
const (
	defaultBatchConcurrency = 4
	defaultBatchAttempts    = 8
	defaultBackoffBase      = 50 * time.Millisecond
	defaultBackoffMax       = 5 * time.Second
)

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
