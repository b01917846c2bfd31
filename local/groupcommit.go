package local

import "sync"

// groupCommit orders the commits of a storage and writes them in groups:
// commits are queued in the order they are staged (with the tables'
// locks held, so in the order of the writes); a waiter finding no write
// under way becomes the leader and writes every commit queued so far in
// one transaction with one sync to disk, then wakes the others. A lone
// writer leads its own commit at once, so it waits for no one; writers
// that come while a sync is under way share the next.
//
// Once a write fails, every commit after it fails too: the disk must
// never hold a later commit without an earlier one.
type groupCommit struct {
	mu      sync.Mutex
	cond    sync.Cond     // on mu: set cond.L before use
	queued  []commitBatch // staged, not yet written
	next    uint64        // the number of the last commit staged
	written uint64        // every commit up to this number is durable
	leading bool          // a leader is writing
	err     error         // the write that failed, for every later commit
}

// commitBatch is one staged commit: the writes of its tables.
type commitBatch = []tableWrite

// queue adds a staged commit and returns its number.
func (g *groupCommit) queue(writes commitBatch) uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.next++
	g.queued = append(g.queued, writes)
	return g.next
}

// waitFor returns once commit seq is durable, writing queued commits with
// write when no one else is.
func (g *groupCommit) waitFor(seq uint64, write func([]commitBatch) error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	for g.written < seq && g.err == nil {
		if g.leading {
			g.cond.Wait()
			continue
		}
		g.lead(write)
	}
	if g.written >= seq {
		return nil
	}
	return g.err
}

// lead writes the queued commits, with g.mu held on entry and on return
// but not while writing.
func (g *groupCommit) lead(write func([]commitBatch) error) {
	batch, last := g.queued, g.next
	g.queued, g.leading = nil, true
	g.mu.Unlock()
	err := write(batch)
	g.mu.Lock()
	g.leading = false
	if err != nil {
		g.err = err
	} else {
		g.written = last
	}
	g.cond.Broadcast()
}
