package local

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"go.etcd.io/bbolt"
)

func TestPITRSurvivesReopen(t *testing.T) {
	dir := t.TempDir()
	clock := &fakeClock{t: t0.Add(-time.Hour)}
	e := openT(t, dir, WithClock(clock.now))
	c := e.Client()
	createPKSK(t, c, "src")
	pitrPut(t, c, "src", "a", "0")
	clock.set(t0)
	enablePITR(t, c, "src", 0)
	want := history(t, c, clock, "src")
	mustOK(t, e.Close())

	clock.set(t0.Add(time.Hour))
	e = openT(t, dir, WithClock(clock.now))
	c = e.Client()
	for i, w := range want {
		target := fmt.Sprintf("at%d", i)
		_, err := restoreAt(c, "src", target, t0.Add(time.Duration(i)*10*time.Minute+5*time.Minute))
		mustOK(t, err)
		if got := contents(t, c, target); got != w {
			t.Errorf("after reopening, at step %d: %q, want %q", i, got, w)
		}
	}
	// Changes after reopening are logged too.
	pitrPut(t, c, "src", "d", "1")
	clock.set(t0.Add(2 * time.Hour))
	_, err := restoreAt(c, "src", "latest", time.Time{})
	mustOK(t, err)
	if got := contents(t, c, "latest"); got != "a=2 c=1 d=1" {
		t.Errorf("latest after reopening: %q", got)
	}
}

func TestPITRRetentionOnDisk(t *testing.T) {
	dir := t.TempDir()
	clock := &fakeClock{t: t0}
	e := openT(t, dir, WithClock(clock.now))
	c := e.Client()
	createPKSK(t, c, "src")
	enablePITR(t, c, "src", 1)
	for h := range 72 {
		clock.set(t0.Add(time.Duration(h+1) * time.Hour))
		pitrPut(t, c, "src", "a", fmt.Sprint(h+1))
	}
	mustOK(t, e.Close())
	logged := 0
	db, err := bbolt.Open(filepath.Join(dir, DataFile), 0o600, nil)
	mustOK(t, err)
	err = db.View(func(tx *bbolt.Tx) error {
		logged = tx.Bucket(bucketTables).Bucket([]byte("src")).Bucket(bucketPITR).Bucket(bucketLog).Stats().KeyN
		return nil
	})
	mustOK(t, err)
	mustOK(t, db.Close())
	if logged != 25 {
		t.Errorf("the data file's log holds %d changes, want 25", logged)
	}
	e = openT(t, dir, WithClock(clock.now))
	c = e.Client()
	_, err = restoreAt(c, "src", "first", clock.now().Add(-24*time.Hour))
	mustOK(t, err)
	if got := contents(t, c, "first"); got != "a=48" {
		t.Errorf("at the earliest restorable time: %q, want a=48", got)
	}
	pd := enablePITR(t, c, "src", 35) // the base's time was kept: the window fills as time passes
	if !pd.EarliestRestorableDateTime.Equal(clock.now().Add(-24 * time.Hour)) {
		t.Errorf("after lengthening the period: earliest %v", pd.EarliestRestorableDateTime)
	}
}

func TestPITRDisableOnDisk(t *testing.T) {
	dir := t.TempDir()
	e := openT(t, dir)
	c := e.Client()
	createPKSK(t, c, "src")
	enablePITR(t, c, "src", 0)
	pitrPut(t, c, "src", "a", "1")
	mustOK(t, e.Close())
	e = openT(t, dir)
	c = e.Client()
	if e.lookupTable("src").pitr == nil {
		t.Fatal("recovery not reloaded")
	}
	_, err := c.UpdateContinuousBackups(ctx, &dynamodbUpdateOff)
	mustOK(t, err)
	mustOK(t, e.Close())
	e = openT(t, dir)
	if e.lookupTable("src").pitr != nil {
		t.Fatal("disabled recovery came back")
	}
}

// dynamodbUpdateOff disables the recovery of table "src".
var dynamodbUpdateOff = dynamodb.UpdateContinuousBackupsInput{TableName: aws.String("src"),
	PointInTimeRecoverySpecification: &types.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: aws.Bool(false)}}

func TestPITRKeptOnDiskOnly(t *testing.T) {
	dir := t.TempDir()
	clock := &fakeClock{t: t0}
	e := openT(t, dir, WithClock(clock.now))
	c := e.Client()
	createPKSK(t, c, "src")
	pitrPut(t, c, "src", "a", "0")
	enablePITR(t, c, "src", 0)
	clock.set(t0.Add(time.Minute))
	pitrPut(t, c, "src", "a", "1")
	if p := e.lookupTable("src").pitr; p.base != nil || len(p.log) != 0 {
		t.Fatalf("with a data file, memory holds a base (%v) and %d changes", p.base != nil, len(p.log))
	}
	clock.set(t0.Add(time.Hour))
	_, err := restoreAt(c, "src", "back", t0.Add(30*time.Second))
	mustOK(t, err)
	if got := contents(t, c, "back"); got != "a=0" {
		t.Fatalf("restored %q, want a=0", got)
	}
}

func TestPITRDamagedLogRefusesOpen(t *testing.T) {
	dir := t.TempDir()
	e := openT(t, dir)
	c := e.Client()
	createPKSK(t, c, "src")
	enablePITR(t, c, "src", 0)
	mustOK(t, e.Close())
	rewrite(t, filepath.Join(dir, DataFile), func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketTables).Bucket([]byte("src")).Bucket(bucketPITR).Bucket(bucketLog).Put([]byte("k"), []byte{1, 2})
	})
	if _, err := Open(dir); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open of a damaged recovery log: %v, want ErrCorrupt", err)
	}
}

func TestPITREnablingCutShortIsDropped(t *testing.T) {
	dir := t.TempDir()
	e := openT(t, dir)
	c := e.Client()
	createPKSK(t, c, "src")
	enablePITR(t, c, "src", 0)
	mustOK(t, e.Close())
	// As if the process died while copying the base: no record yet.
	rewrite(t, filepath.Join(dir, DataFile), func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketTables).Bucket([]byte("src")).Bucket(bucketPITR).Delete(keyPITR)
	})
	e = openT(t, dir)
	if e.lookupTable("src").pitr != nil {
		t.Fatal("a recovery whose enabling was cut short was taken up")
	}
	_, err := restoreAt(e.Client(), "src", "dst", time.Time{})
	wantErr(t, err, "PointInTimeRecoveryUnavailableException", "")
	mustOK(t, e.Close())
	err = func() error {
		db, err := bbolt.Open(filepath.Join(dir, DataFile), 0o600, nil)
		if err != nil {
			return err
		}
		defer db.Close()
		return db.View(func(tx *bbolt.Tx) error {
			if tx.Bucket(bucketTables).Bucket([]byte("src")).Bucket(bucketPITR) != nil {
				return errors.New("the partial recovery is still in the data file")
			}
			return nil
		})
	}()
	mustOK(t, err)
}

func TestPITREnableLargeTableOnDisk(t *testing.T) {
	dir := t.TempDir()
	clock := &fakeClock{t: t0}
	e := openT(t, dir, WithClock(clock.now))
	c := e.Client()
	createIndexed(t, c, "src")
	putN(t, c, "src", "a", 0, backupCopyBatch+100) // more than one copying transaction
	enablePITR(t, c, "src", 0)
	clock.set(t0.Add(time.Minute))
	putN(t, c, "src", "b", 0, 3)
	mustOK(t, e.Close())
	clock.set(t0.Add(time.Hour))
	c = openT(t, dir, WithClock(clock.now)).Client()
	_, err := restoreAt(c, "src", "before", t0.Add(30*time.Second))
	mustOK(t, err)
	_, err = restoreAt(c, "src", "after", time.Time{})
	mustOK(t, err)
	if b, a := countItems(t, c, "before", "GSI_1"), countItems(t, c, "after", "LSI_1"); b != backupCopyBatch+100 || a != backupCopyBatch+103 {
		t.Fatalf("restored %d items before the later writes and %d after", b, a)
	}
}
