package local

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"
)

// A table's DynamoDB stream is a consumer of its changes (capture.go)
// that keeps a record of each for 24 hours. The shard model is DynamoDB's
// in its simplest form: a stream has one open shard at a time; when the
// open shard is four hours old or holds streamLimits.shardRecords records,
// the next write closes it and opens a child shard whose ParentShardId
// names it. Sequence numbers count up from 1 across a stream's shards, so
// each shard holds a contiguous range of them. Disabling the stream closes
// its open shard; the stream stays readable, DISABLED, until its records
// have aged out. Memory keeps only the newest records of a stream, within
// a budget (streammemory.go); Open's engine reads the others from its
// data file.

// Retention and lifetimes of DynamoDB Streams (Developer Guide, "Change
// data capture for DynamoDB Streams"; API reference, GetShardIterator).
const (
	streamRetention  = 24 * time.Hour
	iteratorLifetime = 15 * time.Minute
	defaultShardAge  = 4 * time.Hour
	// defaultShardRecords bounds a shard's records, so that a busy
	// stream's shards stay a size a reader can page through.
	defaultShardRecords = 100000
)

// streamLimits are when an open shard is closed for a child.
type streamLimits struct {
	shardAge     time.Duration
	shardRecords int
}

// streamSet is every stream of an engine, by namespace: a table's current
// stream and the disabled ones still readable.
type streamSet struct {
	mu     sync.Mutex
	all    map[*namespace][]*stream // oldest first
	limits streamLimits
}

// stream is one DynamoDB stream of a table.
type stream struct {
	arn, label string
	tableName  string
	bucket     string // the table's name in the data file
	tableID    string
	view       string // StreamViewType
	keySchema  []keySchemaElement
	key        keySchema
	region     string
	created    time.Time
	limits     streamLimits
	clock      func() time.Time // the engine's
	cache      streamCache      // its memory budget and data file (streammemory.go)

	mu       sync.Mutex // guards what follows; taken inside the table's lock, never around it
	disabled time.Time  // when it was disabled; zero while enabled
	shards   []*shard   // oldest first
	last     uint64     // the last sequence number given
	signal   chan struct{}
	dirty    bool  // settings or shards changed since the data file last had them
	applied  bool  // the data file's transaction added the records of the commit being published
	gone     bool  // expired and forgotten
	held     int64 // the memory its records hold, as the budget counts it
}

// shard is one shard of a stream: a contiguous range of sequence numbers.
type shard struct {
	id, parent string
	created    time.Time
	first      uint64         // StartingSequenceNumber
	end        uint64         // EndingSequenceNumber once closed
	closed     time.Time      // zero while open
	records    []streamRecord // in memory: the newest, all of them without a data file
	trimmed    uint64         // the last sequence number trimmed from it, 0 for none
	// With a data file, the records after trimmed up to cold are kept
	// only there (streammemoryfile.go); coldAt is the commit time of the
	// first of them, 0 when unknown, for knowing when they age out.
	cold    uint64
	coldAt  int64
	dropped int // records dropped from the front of records' array since it was copied
}

// streamRecord is one record, kept as the JSON GetRecords answers.
type streamRecord struct {
	seq  uint64
	at   int64 // when its change was committed, Unix nanoseconds
	data []byte
}

// open reports whether the shard is open.
func (sh *shard) open() bool { return sh.closed.IsZero() }

// newStream returns a new enabled stream of t created at now, with an
// open shard.
func (e *Engine) newStream(t *table, view string, now time.Time) *stream {
	label := streamLabel(now)
	s := &stream{
		arn: t.arn + "/stream/" + label, label: label, tableName: t.name, bucket: t.bucket, tableID: t.id,
		view: view, keySchema: t.key.json(), key: t.key, region: e.id.region, created: now,
		limits: e.streams.limitsOrDefault(), clock: e.opts.now, cache: e.streamCache(), signal: make(chan struct{}), dirty: true,
	}
	s.shards = []*shard{{id: newShardID(now), created: now, first: 1}}
	return s
}

// streamLabel returns a stream's label: its creation time as DynamoDB
// writes it, in UTC to the millisecond without a zone.
func streamLabel(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000") }

// newShardID returns a shard ID as DynamoDB writes them: the creation
// time in milliseconds, 20 digits, and 8 random hex digits.
func newShardID(now time.Time) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("shardId-%020d-%s", now.UnixMilli(), hex.EncodeToString(b[:]))
}

// limitsOrDefault returns the set's shard limits, DynamoDB's unless a
// test changed them.
func (ss *streamSet) limitsOrDefault() streamLimits {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	l := ss.limits
	if l.shardAge <= 0 {
		l.shardAge = defaultShardAge
	}
	if l.shardRecords <= 0 {
		l.shardRecords = defaultShardRecords
	}
	return l
}

// add registers a stream of ns.
func (ss *streamSet) add(ns *namespace, s *stream) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.all == nil {
		ss.all = make(map[*namespace][]*stream)
	}
	ss.all[ns] = append(ss.all[ns], s)
}

// list returns the streams of ns still readable at now, newest first, as
// DynamoDB Local lists them, forgetting those that expired.
func (ss *streamSet) list(ns *namespace, now time.Time) []*stream {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if len(ss.all[ns]) == 0 {
		return nil
	}
	kept := ss.all[ns][:0]
	for _, s := range ss.all[ns] {
		if !s.expired(now) {
			kept = append(kept, s)
		}
	}
	clear(ss.all[ns][len(kept):])
	ss.all[ns] = kept
	out := make([]*stream, len(kept))
	for i, s := range kept {
		out[len(kept)-1-i] = s
	}
	return out
}

// find returns the stream of ns called arn, or nil.
func (ss *streamSet) find(ns *namespace, arn string, now time.Time) *stream {
	for _, s := range ss.list(ns, now) {
		if s.arn == arn {
			return s
		}
	}
	return nil
}

// expired reports whether a disabled stream's records have all aged out
// at now, marking it gone.
func (s *stream) expired(now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.gone && !s.disabled.IsZero() && !s.disabled.After(now.Add(-streamRetention)) {
		s.gone = true
	}
	return s.gone
}

// enabled reports whether the stream takes changes.
func (s *stream) enabled() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.disabled.IsZero()
}

// capturing reports whether the stream wants its table's changes.
func (s *stream) capturing() bool { return s.enabled() }

// consume appends the records of a commit's changes; the table's lock is
// held. When the data file's transaction added them already, as it
// wrote them (boltstream.go), there is nothing left to do.
func (s *stream) consume(_ *table, changes []change, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.applied {
		s.applied = false
		return
	}
	if s.disabled.IsZero() {
		s.appendRecords(s.build(changes, at), at)
	}
}

// build makes the records of changes committed at time at, numbering
// them after the last; s.mu is held. It changes nothing in s.
func (s *stream) build(changes []change, at time.Time) []streamRecord {
	var recs []streamRecord
	seq := s.last
	for i := range changes {
		ch := &changes[i]
		if ch.old != nil && ch.new != nil && itemsEqual(ch.old, ch.new) {
			continue // DynamoDB writes no record for a write that changes nothing
		}
		seq++
		recs = append(recs, streamRecord{seq: seq, at: at.UnixNano(), data: s.recordJSON(ch, seq, at)})
	}
	return recs
}

// appendRecords adds built records to the open shard, closing it for a
// child first when it is full or old, and keeps the stream's memory
// within its budget; s.mu is held.
func (s *stream) appendRecords(recs []streamRecord, at time.Time) {
	if len(recs) == 0 {
		return
	}
	s.trim(at)
	// A shard that never had a record is not closed: it would take a
	// sequence number for none.
	sh := s.openShard()
	full := at.Sub(sh.created) >= s.limits.shardAge || s.shardCount(sh)+len(recs) > s.limits.shardRecords
	if full && s.last >= sh.first {
		sh = s.rollover(at)
	}
	sh.records = append(sh.records, recs...)
	for i := range recs {
		s.held += recs[i].cost()
	}
	s.last = recs[len(recs)-1].seq
	s.evict()
	close(s.signal)
	s.signal = make(chan struct{})
}

// shardCount returns how many records the open shard was given, in
// memory or not: its sequence numbers are contiguous; s.mu is held.
func (s *stream) shardCount(sh *shard) int {
	if s.last < sh.first {
		return 0
	}
	return int(s.last - sh.first + 1)
}

// openShard returns the open shard; s.mu is held and s enabled.
func (s *stream) openShard() *shard { return s.shards[len(s.shards)-1] }

// rollover closes the open shard and opens its child; s.mu is held.
func (s *stream) rollover(at time.Time) *shard {
	parent := s.closeShard(at)
	child := &shard{id: newShardID(at), parent: parent.id, created: at, first: s.last + 1}
	s.shards = append(s.shards, child)
	s.dirty = true
	return child
}

// closeShard closes the open shard at its last record (or its first
// sequence number, when it has none) and returns it; s.mu is held.
func (s *stream) closeShard(at time.Time) *shard {
	sh := s.openShard()
	sh.end = max(s.last, sh.first)
	s.last = sh.end
	sh.closed = at
	s.dirty = true
	return sh
}

// disable disables the stream at now, closing its open shard, and wakes
// its waiting readers.
func (s *stream) disable(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.disabled.IsZero() {
		return
	}
	s.closeShard(now)
	s.disabled = now
	close(s.signal)
	s.signal = make(chan struct{})
}

// trim drops the records older than the retention period at now, and the
// closed shards left empty by it; s.mu is held.
func (s *stream) trim(now time.Time) {
	cutoff := now.Add(-streamRetention).UnixNano()
	kept := s.shards[:0]
	for _, sh := range s.shards {
		n := 0
		for n < len(sh.records) && sh.records[n].at < cutoff {
			n++
		}
		if n > 0 {
			sh.trimmed = max(sh.trimmed, sh.records[n-1].seq)
			s.held -= sh.dropFirst(n)
		}
		if !sh.open() && len(sh.records) == 0 && sh.closed.UnixNano() < cutoff {
			s.dirty = true
			continue
		}
		kept = append(kept, sh)
	}
	clear(s.shards[len(kept):])
	s.shards = kept
}

// shardByID returns the shard called id, or nil; s.mu is held.
func (s *stream) shardByID(id string) *shard {
	for _, sh := range s.shards {
		if sh.id == id {
			return sh
		}
	}
	return nil
}

// status returns the StreamStatus.
func (s *stream) status() string {
	if s.disabled.IsZero() {
		return "ENABLED"
	}
	return "DISABLED"
}
