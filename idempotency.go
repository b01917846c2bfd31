package db

import (
	"sync"
	"time"
)

// tokenLifetime is how long DynamoDB remembers a transaction's idempotency
// token, and so how long a table remembers the time it stamped the
// transaction's items with.
const tokenLifetime = 10 * time.Minute

// maxRememberedTokens bounds the memory of a table's token clock: past it,
// the oldest tokens are forgotten first.
const maxRememberedTokens = 100_000

// tokenClock remembers, for each idempotency token of the last ten minutes,
// the time its transaction's items were stamped with (CreatedAt,
// UpdatedAt), so that a retry of the transaction sends the very same
// request, which DynamoDB then answers with success without writing again.
// Without it, a retry would carry newer stamps, and DynamoDB would refuse
// it with IdempotentParameterMismatchException.
type tokenClock struct {
	mu    sync.Mutex
	at    map[string]time.Time
	order []tokenUse // by first use, oldest first, from head on
	head  int
}

type tokenUse struct {
	token string
	at    time.Time
}

// stamp returns the time to stamp the transaction with the given token
// with: the time of its first use in the last ten minutes, or now.
func (c *tokenClock) stamp(token string, now time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.forget(now)
	if at, ok := c.at[token]; ok {
		return at
	}
	if c.at == nil {
		c.at = map[string]time.Time{}
	}
	c.at[token] = now
	c.order = append(c.order, tokenUse{token, now})
	return now
}

// forget drops the tokens older than their lifetime, and the oldest ones
// past the bound.
func (c *tokenClock) forget(now time.Time) {
	for c.head < len(c.order) && (len(c.order)-c.head >= maxRememberedTokens || now.Sub(c.order[c.head].at) >= tokenLifetime) {
		delete(c.at, c.order[c.head].token)
		c.order[c.head] = tokenUse{}
		c.head++
	}
	if c.head > len(c.order)/2 { // reuse the front of the slice
		c.order = append(c.order[:0], c.order[c.head:]...)
		c.head = 0
	}
}
