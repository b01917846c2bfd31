package local

import (
	"encoding/binary"
	"slices"
	"time"
)

// Point-in-time recovery keeps, for a table, a base (a copy of its items
// as they were at some time) and the log of every change committed since,
// in commit order, encoded as the data file keeps items. A restore to
// time T replays onto a copy of the base the changes made up to T.
// Changes older than the recovery period are folded into the base as
// later commits come, so the log holds the period's changes only.

// Point-in-time recovery's limits (API reference,
// PointInTimeRecoverySpecification and PointInTimeRecoveryDescription).
const (
	defaultRecoveryDays = 35
	maxRecoveryDays     = 35
	// restoreLag is how far behind the present LatestRestorableDateTime
	// lies: "typically 5 minutes before the current time".
	restoreLag = 5 * time.Minute
)

// pitrLog is a table's point-in-time recovery: a consumer of its changes
// (see capture.go). It is guarded by the table's lock.
type pitrLog struct {
	now     func() time.Time // the engine's clock
	days    int
	enabled time.Time // when recovery was enabled: the earliest time it can restore
	floor   time.Time // the time the base is the state of, once changes are folded into it
	base    *store    // the items before the log's first change; owned, written as changes are folded in
	log     [][]byte  // the changes since, oldest first (see appendChange)
	held    int64     // the memory the log holds, as changeCost counts it
	budget  int64     // the most it may hold (pitrmemory.go)
	stamp   time.Time // the time the data file recorded for the commit being published, if it did

	// disk, when set, keeps the base and the log instead of memory, which
	// then holds neither (pitrbolt.go): a restore reads them from the
	// data file.
	disk *boltStorage
	// ready is set once the base is complete: until then, with a data
	// file, its copy is under way, and recovery is not enabled yet.
	ready bool
}

func (p *pitrLog) capturing() bool { return true }

// consume appends a commit's changes to the log and folds those older
// than the recovery period into the base.
func (p *pitrLog) consume(t *table, changes []change, at time.Time) {
	if !p.stamp.IsZero() { // the data file's log has the time it wrote
		at, p.stamp = p.stamp, time.Time{}
	}
	if p.disk == nil {
		c := itemCodec{key: t.key}
		for i := range changes {
			rec := appendChange(nil, c, &changes[i], at)
			p.log = append(p.log, rec)
			p.held += changeCost(rec)
		}
	}
	p.trim(at.Add(-p.period()))
	if n := p.overBudget(); n > 0 {
		if last := changeTime(p.log[n-1]); last.After(p.floor) {
			p.floor = last // the base is now the state at last
		}
		p.fold(n)
	}
}

// period returns the recovery period.
func (p *pitrLog) period() time.Duration { return time.Duration(p.days) * 24 * time.Hour }

// trim folds the changes made before cutoff into the base, which is then
// the state at cutoff.
func (p *pitrLog) trim(cutoff time.Time) {
	if cutoff.After(p.floor) {
		p.floor = cutoff
	}
	if p.disk != nil {
		return // folded in the commit's transaction (writeRecoveryLog)
	}
	n := 0
	for n < len(p.log) && changeTime(p.log[n]).Before(cutoff) {
		n++
	}
	p.fold(n)
}

// fold applies the log's n oldest changes to the base and drops them
// from the log. The log's array is never written in place, as restores
// may be reading it.
func (p *pitrLog) fold(n int) {
	if n == 0 {
		return
	}
	for _, rec := range p.log[:n] {
		applyChange(p.base, rec)
		p.held -= changeCost(rec)
	}
	p.log = p.log[n:]
	if cap(p.log) > 2*len(p.log)+64 {
		p.log = slices.Clip(slices.Clone(p.log)) // let the folded changes go
	}
}

// window returns the earliest and latest times a restore can go back to
// at now: within the recovery period, and not before the base's time, so
// that a period made longer fills as time passes, as DynamoDB's does.
func (p *pitrLog) window(now time.Time) (earliest, latest time.Time) {
	earliest = p.enabled
	for _, t := range []time.Time{p.floor, now.Add(-p.period())} {
		if t.After(earliest) {
			earliest = t
		}
	}
	latest = now.Add(-restoreLag)
	if latest.Before(earliest) {
		latest = earliest
	}
	return earliest, latest
}

// pitrView is what a restore reads of a table's recovery, taken under its
// lock and replayed without it: a copy of the base and the log's slice,
// or a read transaction of the data file that keeps them.
type pitrView struct {
	base *store
	log  [][]byte
	disk *diskView
}

// view takes a copy of the base (O(1)) and of the log's slice, or begins
// a read transaction of the data file; t.mu is held for writing, so that
// no commit of t is half written.
func (p *pitrLog) view(t *table) (pitrView, error) {
	if p.disk != nil {
		dv, err := p.disk.view(t)
		return pitrView{disk: dv}, err
	}
	return pitrView{base: p.base.clone(), log: p.log}, nil
}

// at returns the table's items as they were at time at, and ends the
// view.
func (v pitrView) at(at time.Time) (*store, error) {
	if v.disk != nil {
		return v.disk.at(at)
	}
	for _, rec := range v.log {
		if changeTime(rec).After(at) {
			break
		}
		applyChange(v.base, rec)
	}
	return v.base, nil
}

// appendChange appends the encoding of a change made at time at: the
// time in Unix nanoseconds (8 bytes), the length of the key (a uvarint),
// the key, then the new item as the data file keeps it (see itemValue),
// nothing for a deletion.
func appendChange(dst []byte, c itemCodec, ch *change, at time.Time) []byte {
	dst = binary.BigEndian.AppendUint64(dst, uint64(at.UnixNano()))
	dst = binary.AppendUvarint(dst, uint64(len(ch.key)))
	dst = append(dst, ch.key...)
	if ch.new == nil {
		return dst
	}
	dst = binary.AppendUvarint(dst, uint64(ch.newSize))
	return c.appendValue(dst, ch.new)
}

// changeTime returns the time of an encoded change.
func changeTime(rec []byte) time.Time {
	return time.Unix(0, int64(binary.BigEndian.Uint64(rec)))
}

// decodeChange returns the key and value of an encoded change (a nil
// value for a deletion); ok is false when rec is not one.
func decodeChange(rec []byte) (key, value []byte, ok bool) {
	if len(rec) < 8 {
		return nil, nil, false
	}
	n, w := binary.Uvarint(rec[8:])
	if w <= 0 || n > uint64(len(rec)-8-w) {
		return nil, nil, false
	}
	key = rec[8+w : 8+w+int(n)]
	if value = rec[8+w+int(n):]; len(value) == 0 {
		value = nil
	}
	return key, value, true
}

// applyChange applies an encoded change to s.
func applyChange(s *store, rec []byte) {
	key, value, ok := decodeChange(rec)
	if !ok {
		return
	}
	if value == nil {
		s.tree.Delete(probe(key))
		return
	}
	size, n := binary.Uvarint(value)
	if n <= 0 {
		return
	}
	kd := make([]byte, len(key)+len(value)-n)
	copy(kd, key)
	copy(kd[len(key):], value[n:])
	s.insertSlot(slot{kd: kd, klen: uint32(len(key)), size: uint32(size)})
}
