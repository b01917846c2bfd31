package local

// A stream keeps its newest records in memory, within a budget of bytes,
// so that its memory is bounded under any load rather than growing with
// 24 hours of writes. What happens to the records it drops depends on the
// engine: New's has nowhere else to keep them, so they are trimmed, as if
// they had aged out; Open's has them in its data file already (or once
// the commits staged so far are written), so they stay readable there
// (streammemoryfile.go).

// DefaultStreamMemory is the memory each stream keeps its records in,
// unless WithStreamMemory says otherwise: 32 MiB, tens of thousands of
// records of small items.
const DefaultStreamMemory = 32 << 20

// streamRecordOverhead is what a record costs in memory besides its JSON,
// as the budget counts it: its sequence number, time and slice header
// (40 bytes), rounded up for the slack of the slice holding it.
const streamRecordOverhead = 64

// WithStreamMemory bounds the memory each DynamoDB stream keeps its
// records in to n bytes: the length of each record's JSON, as GetRecords
// answers it, plus 64 bytes. n ≤ 0 means DefaultStreamMemory. When a
// write takes a stream past n, its oldest records leave memory until it
// is within n again; its newest record always stays, however large.
//
// The engine of New keeps the newest n bytes of each stream and nothing
// else: the records that leave memory are gone, as if they had aged out
// of the 24 hours DynamoDB keeps them. They are trimmed from their
// shards, so that a TRIM_HORIZON iterator starts after them and an
// iterator positioned before them gets a TrimmedDataAccessException,
// as DynamoDB answers for trimmed records.
//
// The engine of Open loses nothing: its data file keeps every record for
// 24 hours, and memory keeps only the newest n bytes of each stream, as a
// cache. GetRecords (and so Engine.StreamRecords) reads older records
// from the data file, with the same limits and answers; Open loads only
// the newest n bytes of each stream into memory.
func WithStreamMemory(n int64) Option {
	return func(o *options) { o.streamBytes = n }
}

// streamCache is how a stream keeps its records in memory: its budget
// and, for Open's engine, the data file it reads the others from.
type streamCache struct {
	budget int64       // bytes of records, as cost counts them
	file   *streamFile // nil: the engine has no data file
}

// streamCache returns the cache of the engine's streams.
func (e *Engine) streamCache() streamCache {
	c := streamCache{budget: e.opts.streamBytes, file: e.streamFile()}
	if c.budget <= 0 {
		c.budget = DefaultStreamMemory
	}
	return c
}

// cost returns the memory a record holds, as the budget counts it.
func (r *streamRecord) cost() int64 { return int64(len(r.data)) + streamRecordOverhead }

// evict drops the oldest records while the stream holds more than its
// budget, keeping its newest; s.mu is held. Records are dropped oldest
// shard first, as shards hold ascending ranges of sequence numbers.
func (s *stream) evict() {
	over := s.held - s.cache.budget
	for i, sh := range s.shards {
		if over <= 0 {
			return
		}
		keep := 0
		if i == len(s.shards)-1 {
			keep = 1 // the newest record
		}
		n := 0
		for ; n < len(sh.records)-keep && over > 0; n++ {
			over -= sh.records[n].cost()
		}
		if n > 0 {
			s.forget(sh, n)
		}
	}
}

// forget drops the shard's n oldest records from memory; s.mu is held.
// Without a data file they are trimmed. With one they become cold: kept
// only in the file, from which readers behind them read them.
func (s *stream) forget(sh *shard, n int) {
	last := sh.records[n-1].seq
	switch {
	case s.cache.file == nil:
		sh.trimmed = last
	case sh.cold <= sh.trimmed: // the first cold record: the oldest not trimmed
		sh.coldAt, sh.cold = sh.records[0].at, last
	default:
		sh.cold = last
	}
	s.held -= sh.dropFirst(n)
}

// dropFirst forgets the shard's n oldest records and returns the memory
// they held, as the budget counts it. Dropping only reslices; once the
// records dropped since the array was last copied outnumber those left,
// the rest is copied to a new array, so that the dropped entries never
// hold more memory than the live ones, at a cost amortized over the
// drops.
func (sh *shard) dropFirst(n int) (freed int64) {
	for i := range n {
		freed += sh.records[i].cost()
	}
	clear(sh.records[:n]) // their data is freed even before the array is
	sh.records = sh.records[n:]
	sh.dropped += n
	if sh.dropped >= len(sh.records) {
		sh.records = append([]streamRecord(nil), sh.records...)
		sh.dropped = 0
	}
	return freed
}
