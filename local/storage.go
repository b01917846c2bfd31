package local

import (
	"sync/atomic"
)

// storage is where an engine keeps its state durable. Tables, items and
// indexes always live in memory, where every read is served; a storage is
// given each write before the request that made it is answered. New uses
// memStorage, which keeps nothing; Open uses boltStorage, a bbolt file.
//
// A commit has two steps, so that concurrent writers can share a sync to
// disk (group commit): stage takes the tables' changes while their locks
// are held, in the order of the writes, and wait returns once they are on
// disk, after the locks are released.
type storage interface {
	// stage takes the changes of the tables since their last commit:
	// their items written or deleted (table.pending), their settings
	// (table.dirty) and their deletion, to be made durable all of them or
	// none, after every commit staged before. It returns the commit's
	// sequence number, which wait takes; 0 when there was nothing to
	// keep. The caller holds the tables' write locks.
	stage(tables []*table) uint64
	// wait returns once the commit numbered seq, and every one before
	// it, is durable, or the error that kept it from being so; with it,
	// every later commit fails too.
	wait(seq uint64) error
	// latest returns the number of the last commit staged, for readers
	// of what commits keep outside their tables (streams) to wait for.
	latest() uint64
	// close releases the storage; later commits fail.
	close() error
	// durable reports whether the storage keeps anything.
	durable() bool
}

// memStorage keeps nothing: the engine of New lives in memory only.
type memStorage struct{}

func (memStorage) stage([]*table) uint64 { return 0 }

func (memStorage) wait(uint64) error { return nil }

func (memStorage) latest() uint64 { return 0 }

func (memStorage) close() error { return nil }

func (memStorage) durable() bool { return false }

// failure records why an engine stopped answering: once its storage has
// refused a write, memory holds changes the disk does not, so every later
// request gets an InternalServerError until the engine is opened again.
type failure struct {
	err atomic.Pointer[error]
}

// set records err unless an earlier failure is recorded.
func (f *failure) set(err error) { f.err.CompareAndSwap(nil, &err) }

// get returns the recorded failure, or nil.
func (f *failure) get() error {
	if p := f.err.Load(); p != nil {
		return *p
	}
	return nil
}

// stage hands the tables' changes to the storage and clears them. Each
// table remembers the number of its last staged commit, so that its
// readers and writers can wait for what they saw to be durable. The
// caller holds the tables' write locks.
func (e *Engine) stage(tables ...*table) {
	seq := e.storage.stage(tables)
	at := e.now()
	for _, t := range tables {
		clear(t.pending)
		t.pending = t.pending[:0]
		t.dirty = false
		if seq != 0 {
			t.staged.Store(seq)
		}
		t.publish(at)
	}
}

// durable waits for the commit numbered seq to be on disk. When the
// storage fails, the engine stops answering and durable returns the
// InternalServerError of the request.
func (e *Engine) durable(seq uint64) error {
	if seq == 0 {
		return nil
	}
	if err := e.storage.wait(seq); err != nil {
		e.failed.set(err)
		return internalErr(err)
	}
	return nil
}

// commit stages the tables' changes and waits for them to be durable,
// with their locks held: for changes of settings, which are rare and
// which readers see without waiting.
func (e *Engine) commit(tables ...*table) error {
	e.stage(tables...)
	return e.durable(lastStaged(tables))
}

// lastStaged returns the number of the latest commit staged on the
// tables: what their reader, or a writer, saw is durable once it is. The
// tables are locked.
func lastStaged(tables []*table) uint64 {
	var seq uint64
	for _, t := range tables {
		seq = max(seq, t.staged.Load())
	}
	return seq
}

// mutate runs fn with t locked for writing and stages what it changed
// before unlocking; it returns once that, and every write before it, is
// durable: a write is on disk before it is answered, and a write that
// failed or changed nothing is answered only once the state it saw is.
func (e *Engine) mutate(t *table, fn func() error) error {
	t.mu.Lock()
	if t.deleted {
		t.mu.Unlock()
		return tableNotFoundErr()
	}
	err := fn()
	e.stage(t)
	seq := t.staged.Load()
	t.mu.Unlock()
	return durableAfter(e.durable(seq), err)
}

// durableAfter returns the failure to make a write durable, if any, or
// else err, the write's own outcome: whatever a write changed, even if
// it failed, is committed, so that the storage never lags behind memory.
func durableAfter(derr, err error) error {
	if derr != nil {
		return derr
	}
	return err
}

// saveSettings commits a change of t's settings; t.mu is held for
// writing.
func (e *Engine) saveSettings(t *table) error {
	t.dirty = true
	return e.commit(t)
}
