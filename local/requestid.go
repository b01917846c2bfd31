package local

import (
	"crypto/rand"
	"strconv"
	"sync/atomic"
)

// requestIDs generates DynamoDB-style request IDs: 52 upper-case
// alphanumerics, here a random per-engine prefix and a counter.
type requestIDs struct {
	prefix string
	seq    atomic.Uint64
}

const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// newRequestIDs returns a generator with a fresh random prefix.
func newRequestIDs() *requestIDs {
	var b [39]byte
	_, _ = rand.Read(b[:])
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return &requestIDs{prefix: string(b[:])}
}

// next returns a new request ID.
func (g *requestIDs) next() string {
	n := g.seq.Add(1)
	var b [52]byte
	copy(b[:], g.prefix)
	s := strconv.AppendUint(nil, n, 36)
	i := len(b) - 1
	for j := len(s) - 1; j >= 0 && i >= len(g.prefix); j-- {
		c := s[j]
		if c >= 'a' {
			c -= 'a' - 'A'
		}
		b[i] = c
		i--
	}
	for ; i >= len(g.prefix); i-- {
		b[i] = '0'
	}
	return string(b[:])
}
