package local

import (
	"sync"
	"time"
)

// tokenWindow is how long DynamoDB remembers a ClientRequestToken.
const tokenWindow = 10 * time.Minute

// DefaultTokenLimit is how many ClientRequestTokens of successful
// transactions a namespace remembers at most, unless WithTokenLimit says
// otherwise: about 20 MB of memory, ten minutes of 160 transactions a
// second with tokens.
const DefaultTokenLimit = 100_000

// WithTokenLimit bounds how many ClientRequestTokens of successful
// transactions (TransactWriteItems, ExecuteTransaction) each namespace
// remembers, so that memory stays bounded under any load: DynamoDB
// remembers a token for ten minutes, and so does the engine while it
// holds fewer than n; past n it forgets the oldest early, and a repeat of
// a forgotten request runs again instead of being recognised. n ≤ 0 means
// DefaultTokenLimit.
func WithTokenLimit(n int) Option {
	return func(o *options) { o.tokenLimit = n }
}

// tokenCache makes TransactWriteItems idempotent: a request repeated with
// the same ClientRequestToken within ten minutes does not run again, and a
// different request with the same token is refused.
type tokenCache struct {
	mu    sync.Mutex
	limit int // remembered tokens at most
	byTok map[string]tokenEntry
	queue []tokenArrival // remembered requests, oldest first from head
	head  int
	seq   uint64
}

// tokenEntry is the remembered outcome of one successful request.
type tokenEntry struct {
	hash    [32]byte
	at      time.Time
	pending bool
	seq     uint64 // matches the entry's tokenArrival
}

// tokenArrival records when a request was remembered, so that expiry
// walks only the expired tokens.
type tokenArrival struct {
	token string
	at    time.Time
	seq   uint64
}

// init makes an empty cache remembering at most limit tokens, or
// DefaultTokenLimit when limit ≤ 0.
func (c *tokenCache) init(limit int) {
	if limit <= 0 {
		limit = DefaultTokenLimit
	}
	c.limit, c.byTok = limit, make(map[string]tokenEntry)
}

// run runs fn for a request with an optional token, or replay for a
// repeat of a request that succeeded, whose answer DynamoDB does not keep
// (its consumed capacity is that of reading the items again). hash returns
// the digest of the request's parameters, equal for semantically equal
// requests. Only successful requests are remembered; a repeat arriving
// while the first is still running gets TransactionInProgressException,
// as in DynamoDB.
func (c *tokenCache) run(now time.Time, token *string, hash func() [32]byte, dst []byte, fn, replay func([]byte) ([]byte, error)) ([]byte, error) {
	if token == nil {
		return fn(dst)
	}
	if len(*token) < 1 || len(*token) > 36 {
		var v violations
		v.add(quote(*token), "clientRequestToken", "Member must have length less than or equal to 36")
		return nil, v.err()
	}
	sum := hash()
	switch seen, err := c.begin(now, *token, sum); {
	case err != nil:
		return nil, err
	case seen:
		return replay(dst)
	}
	out, err := fn(dst)
	c.finish(now, *token, sum, err)
	return out, err
}

// begin looks the token up: it reports whether the request is a repeat of
// one that succeeded, or the error refusing it, and otherwise marks the
// token in progress.
func (c *tokenCache) begin(now time.Time, token string, sum [32]byte) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.expire(now)
	prev, ok := c.byTok[token]
	switch {
	case !ok || now.Sub(prev.at) > tokenWindow:
		c.byTok[token] = tokenEntry{hash: sum, at: now, pending: true}
		return false, nil
	case prev.hash != sum:
		return false, newError("IdempotentParameterMismatchException", "The request uses the same client token as a previous, but non-identical request.")
	case prev.pending:
		return false, newError("TransactionInProgressException", "The transaction with the given request token is already in progress.")
	}
	return true, nil
}

// finish remembers a successful request, or forgets a failed one.
func (c *tokenCache) finish(now time.Time, token string, sum [32]byte, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		delete(c.byTok, token)
		return
	}
	c.seq++
	c.byTok[token] = tokenEntry{hash: sum, at: now, seq: c.seq}
	c.queue = append(c.queue, tokenArrival{token: token, at: now, seq: c.seq})
	for len(c.byTok) > c.limit && c.forgetOldest() {
	}
	c.compact()
}

// expire forgets the remembered requests older than the window, walking
// the queue from its oldest end as far as the first one still valid.
func (c *tokenCache) expire(now time.Time) {
	for c.head < len(c.queue) && now.Sub(c.queue[c.head].at) > tokenWindow {
		c.forgetOldest()
	}
	c.compact()
}

// forgetOldest forgets the oldest remembered request, unless its token
// was taken again since, and reports whether there was one.
func (c *tokenCache) forgetOldest() bool {
	if c.head == len(c.queue) {
		return false
	}
	a := c.queue[c.head]
	if en, ok := c.byTok[a.token]; ok && en.seq == a.seq && !en.pending {
		delete(c.byTok, a.token)
	}
	c.queue[c.head] = tokenArrival{}
	c.head++
	return true
}

// compact moves the queue's live part to the front of its array once
// the expired part is the larger, so that the array does not grow
// without bound; each arrival is moved an amortized constant number of
// times.
func (c *tokenCache) compact() {
	if c.head == 0 || c.head < len(c.queue)-c.head {
		return
	}
	n := copy(c.queue, c.queue[c.head:])
	clear(c.queue[n:])
	c.queue = c.queue[:n]
	c.head = 0
}
