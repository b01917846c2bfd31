package local

import "sync"

// groupCommit orders the commits of a storage and writes them in groups.
// A commit is numbered when it is staged, with its tables' locks held, so
// in the order of the writes; it is filled in once its changes are
// encoded. A waiter finding no write under way becomes the leader and
// writes every filled commit at the head of the queue in one transaction
// with one sync to disk, then wakes the others. A lone writer leads its
// own commit at once, so it waits for no one; writers that come while a
// sync is under way share the next.
//
// Once a write fails, every commit after it fails too: the disk must
// never hold a later commit without an earlier one.
type groupCommit struct {
	mu      sync.Mutex
	cond    sync.Cond      // on mu: set cond.L before use
	queued  []queuedCommit // numbered, not yet written, in number order
	next    uint64         // the number of the last commit numbered
	written uint64         // every commit up to this number is durable
	leading bool           // a leader is writing
	err     error          // the write that failed, for every later commit
	groups  uint64         // groups written, for benchmarks and tests
}

// queuedCommit is a numbered commit: the writes of its tables, once
// filled.
type queuedCommit struct {
	seq    uint64
	writes commitBatch
	filled bool
}

// commitBatch is one staged commit: the writes of its tables.
type commitBatch = []tableWrite

// reserve numbers a commit and queues it, to be filled.
func (g *groupCommit) reserve() uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.next++
	g.queued = append(g.queued, queuedCommit{seq: g.next})
	return g.next
}

// fill gives the reserved commit seq its writes.
func (g *groupCommit) fill(seq uint64, writes commitBatch) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for i := range g.queued {
		if g.queued[i].seq == seq {
			g.queued[i].writes, g.queued[i].filled = writes, true
			break
		}
	}
	g.cond.Broadcast()
}

// queue reserves and fills a commit at once, and returns its number.
func (g *groupCommit) queue(writes commitBatch) uint64 {
	seq := g.reserve()
	g.fill(seq, writes)
	return seq
}

// latest returns the number of the last commit numbered.
func (g *groupCommit) latest() uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.next
}

// waitFor returns once commit seq is durable, writing queued commits with
// write when no one else is.
func (g *groupCommit) waitFor(seq uint64, write func([]commitBatch) error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	for g.written < seq && g.err == nil {
		if g.leading || !g.headFilled() {
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

// counts returns how many commits have been written and in how many
// groups.
func (g *groupCommit) counts() (commits, groups uint64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.written, g.groups
}

// headFilled reports whether the first queued commit is filled; g.mu is
// held.
func (g *groupCommit) headFilled() bool { return len(g.queued) > 0 && g.queued[0].filled }

// lead writes the filled commits at the head of the queue, with g.mu held
// on entry and on return but not while writing.
func (g *groupCommit) lead(write func([]commitBatch) error) {
	n := 0
	for n < len(g.queued) && g.queued[n].filled {
		n++
	}
	batch := make([]commitBatch, n)
	for i := range n {
		batch[i] = g.queued[i].writes
	}
	last := g.queued[n-1].seq
	g.queued = append(g.queued[:0:0], g.queued[n:]...)
	g.leading = true
	g.groups++
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
