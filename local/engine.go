package local

import (
	"errors"
	"sync"
	"time"
)

// ErrClosed is the error of requests to an engine after Close. The
// errors of in-process clients (Engine.Client) wrap it: test for it with
// errors.Is.
var ErrClosed = errors.New("local: engine closed")

// Engine is a DynamoDB: an http.Handler for DynamoDB's JSON protocol,
// safe for concurrent use. Create it in memory with New, or on disk with
// Open, and stop its background work (and close its file) with Close.
type Engine struct {
	*core      // what every namespace shares
	*namespace // the tables this value's operations see: the default namespace's for the Engine of New and Open
}

// core is the state of an engine that its namespaces share.
type core struct {
	opts options

	spaces    namespaces // by access key and region
	defaultNS *namespace // of Engine.Client, of requests without credentials, and every request's WithSharedDB

	ids *requestIDs

	storage storage
	failed  failure
	faults  *Faults
	backups backupSet // on-demand backups of every namespace (backup.go)
	streams streamSet // DynamoDB streams of every namespace (stream.go)

	// life is held for reading by each request while it runs, so that
	// Close, holding it for writing to set closed, waits for those in
	// flight and no request starts after.
	life   sync.RWMutex
	closed bool

	stop      chan struct{}
	done      chan struct{}
	closeOnce sync.Once
}

// options are the settings an Option changes.
type options struct {
	now           func() time.Time
	ttlInterval   time.Duration
	region        string
	account       string
	lockTimeout   time.Duration
	auth          *verifier // nil: requests are not authenticated
	maxBody       int64
	streamBytes   int64   // ≤ 0: DefaultStreamMemory
	faultSeed     *uint64 // nil: random
	sharedDB      bool
	tokenLimit    int   // ≤ 0: DefaultTokenLimit
	recoveryBytes int64 // ≤ 0: DefaultRecoveryMemory
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
	c := &core{
		opts:    o,
		stop:    make(chan struct{}),
		done:    make(chan struct{}),
		ids:     newRequestIDs(),
		storage: st,
		faults:  newFaults(o.faultSeed),
	}
	c.defaultNS = c.newNamespace(c.defaultID(), "")
	c.addNamespace(nil, c.defaultNS)
	return c.defaultNS.view
}

// start starts the engine's background work.
func (e *Engine) start() { go e.sweepLoop() }

// Close stops the engine: it stops the TTL sweeper, waits for the
// requests in flight to finish, so that each is applied and answered in
// full, and closes the storage (Open's data file). Every later request is
// refused, as bbolt refuses a closed database:
//
//   - in-process clients (Client) get an error that satisfies
//     errors.Is(err, ErrClosed), which the SDK does not retry;
//   - HTTP requests to the handler get status 503 Service Unavailable with
//     a DynamoDB error body, {"__type":"...#ServiceUnavailable","message":
//     "Service unavailable: the engine is closed"} (SDKs retry a 503 as for
//     any, to the same answer);
//   - SweepExpired does nothing.
//
// Close is safe to call while requests run and more than once: later
// calls wait for the first and return nil.
func (e *Engine) Close() error {
	var err error
	e.closeOnce.Do(func() {
		close(e.stop)
		<-e.done // the sweeper is not in a sweep, which would hold life
		e.life.Lock()
		e.closed = true
		e.life.Unlock()
		err = e.storage.close()
	})
	return err
}

// enter admits a request unless the engine is closed. An admitted
// request must call leave when done; Close waits for it.
func (e *Engine) enter() bool {
	e.life.RLock()
	if e.closed {
		e.life.RUnlock()
		return false
	}
	return true
}

// leave ends a request admitted by enter.
func (e *Engine) leave() { e.life.RUnlock() }

// now returns the engine's current time.
func (e *Engine) now() time.Time { return e.opts.now() }
