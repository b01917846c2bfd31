package local

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"sync"
	"time"
)

// tokenWindow is how long DynamoDB remembers a ClientRequestToken.
const tokenWindow = 10 * time.Minute

// tokenCache makes TransactWriteItems idempotent: a request repeated with
// the same ClientRequestToken within ten minutes is answered as the first
// one was without running again, and a different request with the same
// token is refused.
type tokenCache struct {
	mu     sync.Mutex
	byTok  map[string]tokenEntry
	sweeps int
}

// tokenEntry is the remembered outcome of one successful request.
type tokenEntry struct {
	hash    [32]byte
	at      time.Time
	resp    []byte
	pending bool
}

func (c *tokenCache) init() { c.byTok = make(map[string]tokenEntry) }

// run runs fn for a request with an optional token, or replays the
// remembered response. Only successful requests are remembered; a repeat
// arriving while the first is still running gets
// TransactionInProgressException, as in DynamoDB.
func (c *tokenCache) run(now time.Time, token *string, body, dst []byte, fn func([]byte) ([]byte, error)) ([]byte, error) {
	if token == nil {
		return fn(dst)
	}
	if len(*token) < 1 || len(*token) > 36 {
		var v violations
		v.add(quote(*token), "clientRequestToken", "Member must have length less than or equal to 36")
		return nil, v.err()
	}
	sum := canonicalHash(body)
	if out, done, err := c.begin(now, *token, sum, dst); done {
		return out, err
	}
	out, err := fn(dst)
	c.finish(now, *token, sum, out, err)
	return out, err
}

// begin looks the token up: it returns done with the answer when the
// request must not run, and otherwise marks the token in progress.
func (c *tokenCache) begin(now time.Time, token string, sum [32]byte, dst []byte) ([]byte, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.expire(now)
	prev, ok := c.byTok[token]
	switch {
	case !ok || now.Sub(prev.at) > tokenWindow:
		c.byTok[token] = tokenEntry{hash: sum, at: now, pending: true}
		return nil, false, nil
	case prev.hash != sum:
		return nil, true, newError("IdempotentParameterMismatchException", "The request uses the same client token as a previous, but non-identical request.")
	case prev.pending:
		return nil, true, newError("TransactionInProgressException", "The transaction with the given request token is already in progress.")
	}
	return append(dst, prev.resp...), true, nil
}

// finish remembers a successful response, or forgets a failed request.
func (c *tokenCache) finish(now time.Time, token string, sum [32]byte, out []byte, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		delete(c.byTok, token)
		return
	}
	c.byTok[token] = tokenEntry{hash: sum, at: now, resp: append([]byte(nil), out...)}
}

// expire forgets tokens older than the window, every 64 calls.
func (c *tokenCache) expire(now time.Time) {
	if c.sweeps++; c.sweeps%64 != 0 {
		return
	}
	for tok, en := range c.byTok {
		if !en.pending && now.Sub(en.at) > tokenWindow {
			delete(c.byTok, tok)
		}
	}
}

// canonicalHash hashes a JSON body independently of its member order and
// spacing, which SDKs do not keep stable between retries.
func canonicalHash(body []byte) [32]byte {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err == nil {
		if canon, err := json.Marshal(v); err == nil {
			body = canon
		}
	}
	return sha256.Sum256(body)
}
