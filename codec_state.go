package db

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// maxCodecDepth bounds the nesting of values that the codec follows, so that a
// cycle fails instead of overflowing the stack. DynamoDB stores 32 levels.
const maxCodecDepth = 1000

// encState is the state of one encoding: the member structs of the
// attribute values it makes, allocated together in chunks, the text of
// its numbers and times, written in one buffer, and how deep it is.
type encState struct {
	s     chunk[types.AttributeValueMemberS]
	n     chunk[types.AttributeValueMemberN]
	b     chunk[types.AttributeValueMemberBOOL]
	l     chunk[types.AttributeValueMemberL]
	m     chunk[types.AttributeValueMemberM]
	text  strings.Builder
	depth int
}

// chunk holds members allocated together; those from i on are free. (An
// index rather than reslicing spares a write barrier for each member.)
type chunk[T any] struct {
	buf []T
	i   int
}

// reserve makes room for n more members.
func (c *chunk[T]) reserve(n int) {
	if len(c.buf)-c.i < n {
		c.buf, c.i = make([]T, n), 0
	}
}

// next returns a free member.
func (c *chunk[T]) next() *T {
	if c.i == len(c.buf) {
		c.buf, c.i = make([]T, 8), 0
	}
	c.i++
	return &c.buf[c.i-1]
}

var encStates = sync.Pool{New: func() any { return new(encState) }}

// newEncState returns an encState from the pool; put it back with done.
func newEncState() *encState { return encStates.Get().(*encState) }

// done returns st to the pool, without the memory it gave out.
func (st *encState) done() {
	*st = encState{}
	encStates.Put(st)
}

// keep returns b as a string in st's text buffer. Strings given out stay
// as they are: the buffer only grows past them, or is replaced.
func (st *encState) keep(b []byte) string {
	if st.text.Cap()-st.text.Len() < len(b) {
		st.text = strings.Builder{}
		st.text.Grow(max(64, len(b)))
	}
	start := st.text.Len()
	st.text.Write(b)
	return st.text.String()[start:]
}

func (st *encState) intText(i int64) string {
	if 0 <= i && i < 100 {
		return strconv.FormatInt(i, 10) // no allocation
	}
	var buf [24]byte
	return st.keep(strconv.AppendInt(buf[:0], i, 10))
}

func (st *encState) uintText(u uint64) string {
	if u < 100 {
		return strconv.FormatUint(u, 10)
	}
	var buf [24]byte
	return st.keep(strconv.AppendUint(buf[:0], u, 10))
}

func (st *encState) floatText(f float64, bits int) string {
	var buf [32]byte
	return st.keep(strconv.AppendFloat(buf[:0], f, 'f', -1, bits))
}

func (st *encState) timeText(t time.Time) string {
	var buf [40]byte
	return st.keep(t.AppendFormat(buf[:0], time.RFC3339Nano))
}

// memberCounts counts member structs of each kind, to allocate them at once.
type memberCounts struct{ s, n, b, l, m int }

// add adds k times d to c.
func (c *memberCounts) add(d memberCounts, k int) {
	c.s += d.s * k
	c.n += d.n * k
	c.b += d.b * k
	c.l += d.l * k
	c.m += d.m * k
}

// reserve makes room for c more members.
func (st *encState) reserve(c memberCounts) {
	st.s.reserve(c.s)
	st.n.reserve(c.n)
	st.b.reserve(c.b)
	st.l.reserve(c.l)
	st.m.reserve(c.m)
}

func (st *encState) str(s string) types.AttributeValue {
	p := st.s.next()
	p.Value = s
	return p
}

func (st *encState) num(s string) types.AttributeValue {
	p := st.n.next()
	p.Value = s
	return p
}

func (st *encState) bool(b bool) types.AttributeValue {
	p := st.b.next()
	p.Value = b
	return p
}

func (st *encState) list(l []types.AttributeValue) types.AttributeValue {
	p := st.l.next()
	p.Value = l
	return p
}

func (st *encState) mapOf(m map[string]types.AttributeValue) types.AttributeValue {
	p := st.m.next()
	p.Value = m
	return p
}

func newNull() types.AttributeValue { return &types.AttributeValueMemberNULL{Value: true} }

// enter goes one level deeper, and leave comes back.
func (st *encState) enter() error {
	if st.depth++; st.depth > maxCodecDepth {
		return fmt.Errorf("values nested more than %d deep: is there a cycle?", maxCodecDepth)
	}
	return nil
}

func (st *encState) leave() { st.depth-- }
