package local

import (
	"sync/atomic"
)

// storage is where an engine keeps its state durable. Tables, items and
// indexes always live in memory, where every read is served; a storage is
// given each write before the request that made it is answered. New uses
// memStorage, which keeps nothing; Open uses boltStorage, a bbolt file.
type storage interface {
	// commit makes the changes of the tables since the last commit
	// durable, all of them or none: their items written or deleted
	// (table.pending), their settings (table.dirty) and their deletion.
	// The caller holds the tables' write locks.
	commit(tables []*table) error
	// close releases the storage; later commits fail.
	close() error
	// durable reports whether the storage keeps anything.
	durable() bool
}

// memStorage keeps nothing: the engine of New lives in memory only.
type memStorage struct{}

func (memStorage) commit([]*table) error { return nil }

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

// commit hands the tables' changes to the storage and clears them. When
// the storage fails, the engine stops answering and commit returns the
// InternalServerError of the request.
func (e *Engine) commit(tables ...*table) error {
	err := e.storage.commit(tables)
	at := e.now()
	for _, t := range tables {
		clear(t.pending)
		t.pending = t.pending[:0]
		t.dirty = false
		if err == nil {
			t.publish(at)
		} else {
			t.dropChanges()
		}
	}
	if err != nil {
		e.failed.set(err)
		return internalErr(err)
	}
	return nil
}

// mutate runs fn with t locked for writing and commits what it changed
// before unlocking, so a write is durable before it is answered.
func (e *Engine) mutate(t *table, fn func() error) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.deleted {
		return tableNotFoundErr()
	}
	return e.commitAfter(fn(), t)
}

// commitAfter commits the tables' changes after a write that ended with
// err, whatever it changed even if it failed, so that the storage never
// lags behind memory, and returns the commit's failure, if any, or else
// err.
func (e *Engine) commitAfter(err error, tables ...*table) error {
	if cerr := e.commit(tables...); cerr != nil {
		return cerr
	}
	return err
}

// saveSettings commits a change of t's settings; t.mu is held for
// writing.
func (e *Engine) saveSettings(t *table) error {
	t.dirty = true
	return e.commit(t)
}
