package local

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/dokklib/db/internal/ddbtype"
)

// Stream view types (API reference, StreamSpecification).
const (
	viewKeysOnly       = "KEYS_ONLY"
	viewNewImage       = "NEW_IMAGE"
	viewOldImage       = "OLD_IMAGE"
	viewNewAndOldImage = "NEW_AND_OLD_IMAGES"
)

// seqDigits is the width of the sequence numbers the engine writes:
// DynamoDB's are digit strings of 21 to 40 digits (API reference,
// SequenceNumberRange), and DynamoDB Local pads its counter to 21.
const seqDigits = 21

// formatSeq returns a sequence number as DynamoDB writes it.
func formatSeq(n uint64) string {
	s := strconv.FormatUint(n, 10)
	if len(s) >= seqDigits {
		return s
	}
	return "000000000000000000000"[:seqDigits-len(s)] + s
}

// parseSeq parses a sequence number: digits only, as DynamoDB writes
// them; ok is false for anything else or a number the engine never gives.
func parseSeq(s string) (uint64, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil && s != ""
}

// itemsEqual reports whether two items hold the same attributes with equal
// values.
func itemsEqual(a, b ddbtype.Item) bool {
	if len(a) != len(b) {
		return false
	}
	for name, v := range a {
		w, ok := b[name]
		if !ok || !ddbtype.Equal(v, w) {
			return false
		}
	}
	return true
}

// recordJSON returns the JSON of the record of a change, numbered seq and
// committed at time at, as GetRecords answers it.
func (s *stream) recordJSON(ch *change, seq uint64, at time.Time) []byte {
	name, item := "MODIFY", ch.new
	switch {
	case ch.old == nil:
		name = "INSERT"
	case ch.new == nil:
		name, item = "REMOVE", ch.old
	}
	keys := s.key.addAttrs(make(ddbtype.Item, len(s.key.attrs)), item)
	b := make([]byte, 0, 256+ch.oldSize+ch.newSize)
	b = append(b, `{"awsRegion":`...)
	b = ddbtype.AppendJSONString(b, s.region)
	b = append(b, `,"dynamodb":{"ApproximateCreationDateTime":`...)
	b = strconv.AppendInt(b, at.Unix(), 10) // rounded down to the second
	b = append(b, `,"Keys":`...)
	b = keys.AppendJSON(b)
	size := keys.Size()
	if ch.new != nil && (s.view == viewNewImage || s.view == viewNewAndOldImage) {
		b = append(b, `,"NewImage":`...)
		b = ch.new.AppendJSON(b)
		size += ch.newSize
	}
	if ch.old != nil && (s.view == viewOldImage || s.view == viewNewAndOldImage) {
		b = append(b, `,"OldImage":`...)
		b = ch.old.AppendJSON(b)
		size += ch.oldSize
	}
	b = append(b, `,"SequenceNumber":"`...)
	b = append(b, formatSeq(seq)...)
	b = append(b, `","SizeBytes":`...)
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, `,"StreamViewType":`...)
	b = ddbtype.AppendJSONString(b, s.view)
	b = append(b, `},"eventID":"`...)
	b = append(b, newEventID()...)
	b = append(b, `","eventName":"`...)
	b = append(b, name...)
	b = append(b, `","eventSource":"aws:dynamodb","eventVersion":"1.1"`...)
	if ch.byTTL {
		// Deletions by TTL name the service as their author (Developer
		// Guide, "DynamoDB Streams and Time to Live").
		b = append(b, `,"userIdentity":{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"}`...)
	}
	return append(b, '}')
}

// newEventID returns a record's eventID: 32 random hex digits, as
// DynamoDB's.
func newEventID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
