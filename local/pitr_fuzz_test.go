package local

import (
	"bytes"
	"testing"
	"time"

	"github.com/dokklib/db/internal/ddbtype"
)

// FuzzDecodeChange checks that any bytes, as a damaged recovery log might
// hold, decode or are refused without a panic, and that an encoded change
// decodes to its key and item.
func FuzzDecodeChange(f *testing.F) {
	c := itemCodec{key: newKeySchema(keyAttr{Name: "PK", Type: ddbtype.TypeS}, keyAttr{})}
	f.Add([]byte("k"), "v", false)
	f.Add([]byte{}, "", true)
	f.Add(bytes.Repeat([]byte{0xff}, 20), "x", false)
	f.Fuzz(func(t *testing.T, key []byte, v string, deletion bool) {
		// Any bytes: refused, or applied without a panic.
		if _, _, ok := decodeChange(key); ok {
			applyChange(newStore(c), key)
		}
		ch := change{key: key}
		if !deletion {
			ch.new = ddbtype.Item{"V": ddbtype.String(v)}
			ch.newSize = len(v) + 1
		}
		at := time.Unix(1_700_000_000, 123)
		rec := appendChange(nil, c, &ch, at)
		k, value, ok := decodeChange(rec)
		if !ok || !bytes.Equal(k, key) || (value == nil) != deletion || !changeTime(rec).Equal(at) {
			t.Fatalf("decodeChange(%x) = %x, %x, %v", rec, k, value, ok)
		}
		s := newStore(c)
		applyChange(s, rec)
		if got, ok := s.tree.Get(probe(key)); ok == deletion || (ok && c.decode(got).item["V"].S != v) {
			t.Fatalf("applied %x: %v %v", rec, got, ok)
		}
	})
}

// FuzzBackupOrder checks that any ExclusiveStartBackupArn finds its place
// in ListBackups' order without a panic, and that the ARNs the engine
// makes give back their creation time.
func FuzzBackupOrder(f *testing.F) {
	f.Add("arn:aws:dynamodb:us-east-1:000000000000:table/t/backup/01700000000000-deadbeef", int64(1_700_000_000_000))
	f.Add("arn:x/backup/-", int64(0))
	f.Add("", int64(-1))
	f.Fuzz(func(t *testing.T, arn string, ms int64) {
		_ = backupOrder(arn)
		if ms < 0 || ms > 1<<45 {
			return
		}
		made := backupARN("arn:aws:dynamodb:us-east-1:000000000000:table/t", time.UnixMilli(ms))
		if k := backupOrder(made); k.ms != ms || k.arn != made {
			t.Fatalf("backupOrder(%s) = %v, want %d", made, k, ms)
		}
	})
}
