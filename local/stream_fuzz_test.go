package local

import (
	"strings"
	"testing"
	"time"
)

// FuzzShardIterator feeds GetRecords' iterator parser arbitrary text: it
// must never panic, must refuse what the engine did not write, and what
// it accepts must encode back to an iterator that decodes the same.
func FuzzShardIterator(f *testing.F) {
	arn := "arn:aws:dynamodb:us-east-1:000000000000:table/tbl/stream/2026-03-01T12:00:00.250"
	valid := shardIterator{arn: arn, shard: "shardId-00000001772366400250-0a1b2c3d", after: 41, issued: streamT0}.encode()
	for _, seed := range []string{valid, "", "|1|", arn + "|1|", arn + "|1|AAAA", strings.Replace(valid, "|1|", "|2|", 1),
		valid[:len(valid)-3], valid + "A", "x|1|" + strings.Repeat("A", 40)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		it, ok := decodeIterator(s)
		if !ok {
			return
		}
		again, ok := decodeIterator(it.encode())
		if !ok || again.arn != it.arn || again.shard != it.shard || again.after != it.after || !again.issued.Equal(it.issued) {
			t.Fatalf("%q decodes to %+v, which encodes to %+v", s, it, again)
		}
	})
}

// FuzzSequenceNumber feeds GetShardIterator's sequence number parser
// arbitrary text: what it accepts is digits whose number formats back to
// the same value.
func FuzzSequenceNumber(f *testing.F) {
	for _, seed := range []string{"000000000000000000001", "18446744073709551615", "18446744073709551616", "", "-1", "1e5", "0x10", "٣"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := parseSeq(s)
		if !ok {
			return
		}
		if strings.TrimLeft(s, "0123456789") != "" {
			t.Fatalf("%q accepted", s)
		}
		if back, ok := parseSeq(formatSeq(n)); !ok || back != n {
			t.Fatalf("%q: %d formats to %s", s, n, formatSeq(n))
		}
	})
}

func TestShardIteratorRoundTrip(t *testing.T) {
	it := shardIterator{arn: "arn:aws:dynamodb:us-east-1:000000000000:table/t.-_/stream/2026-03-01T12:00:00.250",
		shard: "shardId-00000001772366400250-0a1b2c3d", after: 1<<64 - 1, issued: time.Unix(0, 1)}
	got, ok := decodeIterator(it.encode())
	if !ok || got != it {
		t.Fatalf("round trip: %+v, %v", got, ok)
	}
	if !strings.HasPrefix(it.encode(), it.arn+"|1|") {
		t.Fatalf("iterator %q does not start with its stream's ARN", it.encode())
	}
}
