package local

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// openBolt opens (or creates) the data file and checks its format.
func openBolt(path string, timeout time.Duration) (*boltStorage, error) {
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: timeout, FreelistType: bbolt.FreelistMapType})
	if err != nil {
		return nil, openError(path, timeout, err)
	}
	st := &boltStorage{db: db}
	st.cond.L = &st.mu
	if err := st.init(); err != nil {
		_ = db.Close()
		var d damage
		if errors.As(err, &d) {
			return nil, corrupt(path, d)
		}
		return nil, fmt.Errorf("local: %s: %w", path, err)
	}
	return st, nil
}

// damage is what is wrong with a damaged data file.
type damage string

func (d damage) Error() string { return string(d) }

// corrupt returns the ErrCorrupt of the file at path, saying why.
func corrupt(path string, why any) error {
	return fmt.Errorf("%w: %s: %v", ErrCorrupt, path, why)
}

// openError explains why bbolt could not open the file.
func openError(path string, timeout time.Duration, err error) error {
	var pe *fs.PathError
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("%w: %s (waited %v for its lock)", ErrLocked, path, timeout)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch), strings.Contains(err.Error(), "file size too small"):
		return corrupt(path, err)
	case errors.As(err, &pe):
		return fmt.Errorf("local: %w", err)
	}
	return fmt.Errorf("local: open %s: %w", path, err)
}

// init checks the size and format of an existing file, before anything
// is written to it, and creates the layout in a new one; a damage error
// says what is wrong with the file.
func (s *boltStorage) init() error {
	fresh := false
	err := s.db.View(func(tx *bbolt.Tx) error {
		if err := checkFileSize(tx); err != nil {
			return err
		}
		info := tx.Bucket(bucketInfo)
		if fresh = info == nil; fresh {
			return nil
		}
		if f := string(info.Get(keyFormat)); f != dataFormat {
			return damage(fmt.Sprintf("format %q, want %q", f, dataFormat))
		}
		if tx.Bucket(bucketTables) == nil {
			return damage("no tables bucket")
		}
		return nil
	})
	if err != nil || !fresh {
		return err
	}
	return s.db.Update(createLayout)
}

// checkFileSize rejects a file shorter than its pages: a truncated file.
func checkFileSize(tx *bbolt.Tx) error {
	fi, err := os.Stat(tx.DB().Path())
	if err != nil {
		return err
	}
	if fi.Size() < tx.Size() {
		return damage(fmt.Sprintf("truncated: %d bytes, its pages need %d", fi.Size(), tx.Size()))
	}
	return nil
}

// createLayout creates the buckets of an empty file. A file with other
// buckets is not the engine's.
func createLayout(tx *bbolt.Tx) error {
	if err := tx.ForEach(func([]byte, *bbolt.Bucket) error { return damage("unknown buckets") }); err != nil {
		return err
	}
	info, err := tx.CreateBucket(bucketInfo)
	if err != nil {
		return err
	}
	if err := info.Put(keyFormat, []byte(dataFormat)); err != nil {
		return err
	}
	_, err = tx.CreateBucket(bucketTables)
	return err
}
