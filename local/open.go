package local

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"
)

// DataFile is the name of the file Open keeps its data in, in its
// directory.
const DataFile = "dokklib-local.db"

// defaultLockTimeout is how long Open waits for another process to
// release the data file by default.
const defaultLockTimeout = time.Second

// Errors of Open, for errors.Is.
var (
	// ErrLocked means another process (or another engine of this one)
	// has the directory open.
	ErrLocked = errors.New("local: data directory in use by another process")
	// ErrCorrupt means the data file is damaged or not the engine's.
	ErrCorrupt = errors.New("local: data file damaged or not a dokklib-local data file")
)

// WithLockTimeout sets how long Open waits for another process holding
// the data directory to let it go (default 1s) before failing with
// ErrLocked.
func WithLockTimeout(d time.Duration) Option {
	return func(o *options) { o.lockTimeout = d }
}

// Open returns an engine that keeps its tables in the directory dir,
// creating it if need be, and starts its TTL sweeper. Tables, their
// indexes, TTL and tags settings and items are kept in one bbolt file,
// DataFile, and every write is synced to disk before it is answered, so
// an acknowledged write survives the process being killed; batches and
// transactions are written all or nothing. Concurrent writes share their
// syncs (group commit): the writes that come while one sync is under way
// are written together in the next. A read is answered once the writes
// it saw are on disk, so no answer shows a write a crash could undo. Reads are served from memory:
// Open loads every item, which costs about as much memory as New's
// engine holding the same data.
//
// One process at a time may open a directory: Open fails with ErrLocked
// after the lock timeout (WithLockTimeout), and with ErrCorrupt when the
// file is damaged. Close the engine to release the directory. Should the
// disk refuse a write (full, failing), the engine answers that request
// and every later one with an InternalServerError rather than serve
// data the file does not hold; open the directory again to go on.
func Open(dir string, opts ...Option) (*Engine, error) {
	o := newOptions(opts)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("local: %w", err)
	}
	e, err := openAndLoad(filepath.Join(dir, DataFile), o)
	if err != nil {
		return nil, err
	}
	e.start()
	return e, nil
}

// openAndLoad opens the data file at path and loads its tables into a
// new engine. bbolt panics on some damage, and reading past the end of a
// truncated file faults: both become ErrCorrupt.
func openAndLoad(path string, o options) (e *Engine, err error) {
	var st *boltStorage
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if st != nil {
				_ = st.close()
			}
			e, err = nil, corrupt(path, r)
		}
	}()
	if st, err = openBolt(path, o.lockTimeout); err != nil {
		return nil, err
	}
	e = newEngine(o, st)
	if err := st.load(e); err != nil {
		_ = st.close()
		return nil, corrupt(path, err)
	}
	if err := st.loadRecovery(e); err != nil {
		_ = st.close()
		return nil, corrupt(path, err)
	}
	if err := st.loadStreams(e); err != nil { // boltstream.go
		_ = st.close()
		return nil, corrupt(path, err)
	}
	return e, nil
}
