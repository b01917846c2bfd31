package local

import (
	"time"

	"github.com/dokklib/db/internal/ddbtype"
)

// change is one write of an item as the table's change consumers see it:
// the item before and after, in the order of the table's commits. Writes
// that change nothing are captured too (old and new equal); a consumer
// that must skip them, as a stream does, compares the images.
type change struct {
	key     []byte       // the item's table key encoding
	old     ddbtype.Item // the item before the write; nil when there was none
	new     ddbtype.Item // the item after the write; nil when it was deleted
	oldSize int          // the sizes of old and new as DynamoDB counts them
	newSize int
	byTTL   bool // a deletion by the TTL sweep
}

// changeConsumer takes a table's changes once they are committed: a
// stream, or the change log of point-in-time recovery.
type changeConsumer interface {
	// consume takes the changes of one commit, made at time at, in the
	// order they were made; t.mu is held for writing, so consumers see
	// the commits of a table one at a time and in order. The slice is
	// reused after consume returns.
	consume(t *table, changes []change, at time.Time)
	// capturing reports whether the consumer wants changes now; when no
	// consumer of a table does, its writes capture nothing and cost
	// nothing more.
	capturing() bool
}

// capturing reports whether t's writes are captured; t.mu is held.
func (t *table) capturing() bool {
	for _, c := range t.consumers {
		if c.capturing() {
			return true
		}
	}
	return false
}

// captureWrite records a put of en over old (when had) for the consumers,
// if any captures. old must hold its whole item, as t.current returns it
// when capturing.
func (t *table) captureWrite(en, old entry, had bool) {
	if !t.capture {
		return
	}
	c := change{key: en.key, new: en.item, newSize: en.size}
	if had {
		c.old, c.oldSize = old.item, old.size
	}
	t.changes = append(t.changes, c)
}

// captureDelete records the deletion of old for the consumers, if any
// captures.
func (t *table) captureDelete(old entry, byTTL bool) {
	if t.capture {
		t.changes = append(t.changes, change{key: old.key, old: old.item, oldSize: old.size, byTTL: byTTL})
	}
}

// publish hands the changes of a commit made at time at to the table's
// consumers and clears them; t.mu is held for writing.
func (t *table) publish(at time.Time) {
	if len(t.changes) == 0 {
		return
	}
	for _, c := range t.consumers {
		c.consume(t, t.changes, at)
	}
	t.dropChanges()
}

// dropChanges forgets the captured changes: once published, or when
// their commit failed.
func (t *table) dropChanges() {
	clear(t.changes)
	t.changes = t.changes[:0]
}

// setCapture turns capture on or off after a consumer is added, removed
// or changes its mind; t.mu is held for writing.
func (t *table) setCapture() { t.capture = t.capturing() }

// addConsumer adds a consumer of t's changes; t.mu is held for writing.
func (t *table) addConsumer(c changeConsumer) {
	t.consumers = append(t.consumers, c)
	t.setCapture()
}

// removeConsumer removes a consumer of t's changes; t.mu is held for
// writing.
func (t *table) removeConsumer(c changeConsumer) {
	for i, have := range t.consumers {
		if have == c {
			t.consumers = append(t.consumers[:i], t.consumers[i+1:]...)
			break
		}
	}
	t.setCapture()
}
