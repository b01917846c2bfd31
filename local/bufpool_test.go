package local

import (
	"strconv"
	"strings"
	"testing"
)

// TestBytesPoolDropsOversized checks that a buffer grown over the limit is
// not kept: sync.Pool hands back what was just put, so without the limit
// the large buffer would come back at once.
func TestBytesPoolDropsOversized(t *testing.T) {
	p := newBytesPool(16)
	for range 100 {
		bp := p.get()
		*bp = append(*bp, make([]byte, maxPooledBytes+1)...)
		p.put(bp)
		got := p.get()
		if cap(*got) > maxPooledBytes {
			t.Fatalf("pool returned a buffer of capacity %d, over the limit %d", cap(*got), maxPooledBytes)
		}
		p.put(got)
	}
}

// TestBytesPoolReuses checks that buffers within the limit are kept, and
// come back empty.
func TestBytesPoolReuses(t *testing.T) {
	p := newBytesPool(16)
	const grown = maxPooledBytes / 2
	for range 100 {
		bp := p.get()
		*bp = append(*bp, make([]byte, grown)...)
		p.put(bp)
		got := p.get()
		if len(*got) != 0 {
			t.Fatalf("pooled buffer has length %d, want 0", len(*got))
		}
		if cap(*got) >= grown {
			return
		}
	}
	t.Fatal("a buffer within the limit never came back")
}

// TestLargeResponseBuffersNotPooled checks that the handler's response
// buffer and a direct read's page buffer are dropped after a response
// larger than the pools keep.
func TestLargeResponseBuffersNotPooled(t *testing.T) {
	e := New(WithTTLInterval(0))
	defer e.Close()
	mustCall(t, e, "CreateTable", `{"TableName":"big","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],`+
		`"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`)
	pad := strings.Repeat("x", 1024)
	for i := range 80 {
		mustCall(t, e, "PutItem", `{"TableName":"big","Item":{"pk":{"S":"`+strconv.Itoa(i)+`"},"pad":{"S":"`+pad+`"}}}`)
	}
	for range 20 {
		if out := mustCall(t, e, "Scan", `{"TableName":"big"}`); len(out) <= maxPooledBytes {
			t.Fatalf("Scan answered %d bytes, want more than %d", len(out), maxPooledBytes)
		}
		for name, p := range map[string]*bytesPool{"respPool": respPool, "rawPool": rawPool} {
			bp := p.get()
			if cap(*bp) > maxPooledBytes {
				t.Fatalf("%s kept a buffer of capacity %d, over the limit %d", name, cap(*bp), maxPooledBytes)
			}
			p.put(bp)
		}
	}
}
