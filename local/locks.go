package local

import (
	"slices"
)

// lockedTables is a set of tables locked together, in name order so that
// concurrent batches and transactions cannot deadlock.
type lockedTables struct {
	names []string // sorted, without repeats
	order []*table // the tables of names
	write bool
}

// table returns the locked table with the given name, or nil. A batch or
// transaction locks few tables, so a binary search of their sorted
// names is cheaper than building a map for every request.
func (l *lockedTables) table(name string) *table {
	if i, ok := slices.BinarySearch(l.names, name); ok {
		return l.order[i]
	}
	return nil
}

// lockTables looks up and locks the named tables, for writing or reading.
// A missing (or meanwhile deleted) table is a ResourceNotFoundException.
// It sorts names in place and keeps them: callers pass a slice of their
// own.
func (e *Engine) lockTables(names []string, write bool) (*lockedTables, error) {
	slices.Sort(names)
	names = slices.Compact(names)
	l := &lockedTables{names: names, order: make([]*table, 0, len(names)), write: write}
	for _, n := range names {
		t := e.lookupTable(n)
		if t == nil {
			return nil, tableNotFoundErr()
		}
		l.order = append(l.order, t)
	}
	for i, t := range l.order {
		if write {
			t.mu.Lock()
		} else {
			t.mu.RLock()
		}
		if t.deleted {
			l.unlockFirst(i + 1)
			return nil, tableNotFoundErr()
		}
	}
	return l, nil
}

// withTables runs fn with the named tables locked, for writing when write
// is set, else for reading. A write's changes are staged before the locks
// are released and durable before it is answered; a read is answered once
// the writes it saw are durable. names is sorted in place, as for
// lockTables.
func (e *Engine) withTables(names []string, write bool, fn func(*lockedTables) error) error {
	l, err := e.lockTables(names, write)
	if err != nil {
		return err
	}
	err = fn(l)
	if write {
		e.stage(l.order...)
	}
	seq := lastStaged(l.order)
	l.unlock()
	return durableAfter(e.durable(seq), err)
}

// tableNames returns the table of each of xs, as withTables takes them.
func tableNames[T any](xs []T, table func(T) string) []string {
	names := make([]string, len(xs))
	for i, x := range xs {
		names[i] = table(x)
	}
	return names
}

// unlock releases all the locks.
func (l *lockedTables) unlock() { l.unlockFirst(len(l.order)) }

// unlockFirst releases the first n locks.
func (l *lockedTables) unlockFirst(n int) {
	for _, t := range l.order[:n] {
		if l.write {
			t.mu.Unlock()
		} else {
			t.mu.RUnlock()
		}
	}
}

// capacityList appends a ConsumedCapacity array with one entry per table.
func capacityList(dst []byte, caps map[string]*consumed, mode string) []byte {
	dst = append(dst, '[')
	for i, name := range sortedNames(caps) {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = caps[name].appendJSON(dst, mode)
	}
	return append(dst, ']')
}

// tally returns the table's entry in caps, creating it.
func tally(caps map[string]*consumed, table string, write bool, factor float64) *consumed {
	c := caps[table]
	if c == nil {
		c = newConsumed(table, write)
		c.factor = factor
		caps[table] = c
	}
	return c
}
