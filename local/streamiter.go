package local

import (
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"strings"
	"time"
)

// A shard iterator is opaque to clients, written as DynamoDB writes
// theirs: the stream's ARN, "|1|", then base64 (URL alphabet, no padding)
// of a version byte, the time it was issued (Unix nanoseconds, 8 bytes),
// the sequence number after which it reads (8 bytes), the shard's ID, and
// a CRC-32 of the ARN and all that, so that an iterator the engine did not
// write is refused rather than misread.

// iteratorVersion is the version byte of the iterators the engine writes.
const iteratorVersion = 1

// iterSep separates an iterator's ARN from its payload.
const iterSep = "|1|"

// shardIterator is a decoded shard iterator.
type shardIterator struct {
	arn    string
	shard  string
	after  uint64    // it reads the records after this sequence number
	issued time.Time // for its 15 minutes' lifetime
}

// encode returns the iterator's text.
func (it shardIterator) encode() string {
	p := make([]byte, 0, 17+len(it.shard)+4)
	p = append(p, iteratorVersion)
	p = binary.BigEndian.AppendUint64(p, uint64(it.issued.UnixNano()))
	p = binary.BigEndian.AppendUint64(p, it.after)
	p = append(p, it.shard...)
	p = binary.BigEndian.AppendUint32(p, iteratorSum(it.arn, p))
	return it.arn + iterSep + base64.RawURLEncoding.EncodeToString(p)
}

// iteratorSum returns the checksum of an iterator's ARN and payload.
func iteratorSum(arn string, payload []byte) uint32 {
	h := crc32.NewIEEE()
	_, _ = h.Write([]byte(arn))
	_, _ = h.Write(payload)
	return h.Sum32()
}

// decodeIterator parses an iterator's text; ok is false for text the
// engine did not write.
func decodeIterator(s string) (shardIterator, bool) {
	i := strings.LastIndex(s, iterSep)
	if i <= 0 {
		return shardIterator{}, false
	}
	arn := s[:i]
	p, err := base64.RawURLEncoding.DecodeString(s[i+len(iterSep):])
	if err != nil || len(p) < 1+8+8+4 || p[0] != iteratorVersion {
		return shardIterator{}, false
	}
	body, sum := p[:len(p)-4], binary.BigEndian.Uint32(p[len(p)-4:])
	if iteratorSum(arn, body) != sum {
		return shardIterator{}, false
	}
	return shardIterator{
		arn:    arn,
		issued: time.Unix(0, int64(binary.BigEndian.Uint64(body[1:9]))),
		after:  binary.BigEndian.Uint64(body[9:17]),
		shard:  string(body[17:]),
	}, true
}
