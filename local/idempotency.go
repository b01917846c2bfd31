package local

import "sync"

// tokenCache remembers transactions by ClientRequestToken.
type tokenCache struct {
	mu sync.Mutex
}

func (c *tokenCache) init() {}
