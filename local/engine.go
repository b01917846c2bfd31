package local

import (
	"sync"
	"time"
)

// Engine is an in-memory DynamoDB. It is an http.Handler for DynamoDB's
// JSON protocol and safe for concurrent use. Create it with New and stop
// its background work with Close.
type Engine struct {
	opts options

	mu     sync.RWMutex
	tables map[string]*table // by name

	txTokens tokenCache // ClientRequestToken idempotency of transactions
	ids      *requestIDs

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

// New returns an empty engine and starts its TTL sweeper.
func New(opts ...Option) *Engine {
	o := options{now: time.Now, ttlInterval: time.Second, region: "us-east-1", account: "000000000000"}
	for _, opt := range opts {
		opt(&o)
	}
	e := &Engine{
		opts:   o,
		tables: make(map[string]*table),
		stop:   make(chan struct{}),
		done:   make(chan struct{}),
		ids:    newRequestIDs(),
	}
	e.txTokens.init()
	go e.sweepLoop()
	return e
}

// Close stops the engine's background work. The engine keeps answering
// requests; its data stays until it is garbage collected.
func (e *Engine) Close() error {
	e.closeOnce.Do(func() {
		close(e.stop)
		<-e.done
	})
	return nil
}

// now returns the engine's current time.
func (e *Engine) now() time.Time { return e.opts.now() }
