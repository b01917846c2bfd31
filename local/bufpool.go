package local

import "sync"

// maxPooledBytes is the largest buffer a bytesPool keeps. A pool holds
// what it is given until the garbage collector empties it, and busy pools
// never empty: without a limit, one huge response or page would keep its
// buffer in memory for good.
const maxPooledBytes = 64 << 10

// bytesPool is a pool of reusable byte buffers that drops those grown
// over maxPooledBytes instead of keeping them.
type bytesPool struct {
	pool sync.Pool
}

// newBytesPool returns a pool whose new buffers have capacity size.
func newBytesPool(size int) *bytesPool {
	p := &bytesPool{}
	p.pool.New = func() any { b := make([]byte, 0, size); return &b }
	return p
}

// get returns an empty buffer. Buffers travel as pointers so that putting
// one back does not allocate.
func (p *bytesPool) get() *[]byte {
	bp := p.pool.Get().(*[]byte)
	*bp = (*bp)[:0]
	return bp
}

// put returns a buffer for reuse, unless it has grown over
// maxPooledBytes; bp must not be used after.
func (p *bytesPool) put(bp *[]byte) {
	if cap(*bp) <= maxPooledBytes {
		p.pool.Put(bp)
	}
}
