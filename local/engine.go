package local

import (
	"sync"
	"time"
)

// Engine is a DynamoDB: an http.Handler for DynamoDB's JSON protocol,
// safe for concurrent use. Create it in memory with New, or on disk with
// Open, and stop its background work (and close its file) with Close.
type Engine struct {
	opts options

	mu     sync.RWMutex
	tables map[string]*table // by name

	txTokens tokenCache // ClientRequestToken idempotency of transactions
	ids      *requestIDs

	storage storage
	failed  failure
	faults  *Faults

	stop      chan struct{}
	done      chan struct{}
	closeOnce sync.Once
}

// options are the settings an Option changes.
type options struct {
	now         func() time.Time
	ttlInterval time.Duration
	region      string
	account     string
	lockTimeout time.Duration
	auth        *verifier // nil: requests are not authenticated
	maxBody     int64
	faultSeed   *uint64 // nil: random
}

// Option configures an Engine.
type Option func(*options)

// WithClock makes the engine read the time from now, for tests: it decides
// which items have expired (TTL), creation times and idempotency windows.
func WithClock(now func() time.Time) Option {
	return func(o *options) { o.now = now }
}

// WithTTLInterval sets how often expired items are swept (default 1s). A
// zero or negative interval turns the sweeper off; SweepExpired still works.
func WithTTLInterval(d time.Duration) Option {
	return func(o *options) { o.ttlInterval = d }
}

// New returns an empty engine, in memory, and starts its TTL sweeper.
func New(opts ...Option) *Engine {
	e := newEngine(newOptions(opts), memStorage{})
	e.start()
	return e
}

// newOptions applies opts to the defaults.
func newOptions(opts []Option) options {
	o := options{now: time.Now, ttlInterval: time.Second, region: "us-east-1", account: "000000000000",
		lockTimeout: defaultLockTimeout, maxBody: DefaultMaxBodyBytes}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// newEngine returns an engine without tables that keeps its state in st.
func newEngine(o options, st storage) *Engine {
	e := &Engine{
		opts:    o,
		tables:  make(map[string]*table),
		stop:    make(chan struct{}),
		done:    make(chan struct{}),
		ids:     newRequestIDs(),
		storage: st,
		faults:  newFaults(o.faultSeed),
	}
	e.txTokens.init()
	return e
}

// start starts the engine's background work.
func (e *Engine) start() { go e.sweepLoop() }

// Close stops the engine's background work and closes its storage. An
// engine of New keeps answering requests, its data kept until it is
// garbage collected; an engine of Open answers every later request with
// an InternalServerError, as its file is closed.
func (e *Engine) Close() error {
	var err error
	e.closeOnce.Do(func() {
		close(e.stop)
		<-e.done
		if e.storage.durable() {
			e.failed.set(errClosed)
		}
		err = e.storage.close()
	})
	return err
}

// now returns the engine's current time.
func (e *Engine) now() time.Time { return e.opts.now() }
