package local

import (
	"bytes"

	"github.com/dokklib/db/internal/ddbtype"
)

// checkStartInQuery refuses a Query's ExclusiveStartKey, encoded as
// start, that lies outside the keys the query reads, rng, as DynamoDB
// does (dynalite test/query.js): in another partition than part's
// values, "...outside query boundaries..."; in the partition but outside
// the sort key condition, "...does not match the range key predicate".
func checkStartInQuery(start []byte, part []ddbtype.Value, rng keyRange) error {
	if start == nil {
		return nil
	}
	var prefix []byte
	for _, v := range part {
		var err error
		if prefix, err = ddbtype.AppendKey(prefix, v); err != nil {
			return err
		}
	}
	switch {
	case !bytes.HasPrefix(start, prefix):
		return validationErr("The provided starting key is outside query boundaries based on provided conditions")
	case !rng.holds(start):
		return validationErr("The provided starting key does not match the range key predicate")
	}
	return nil
}

// holds reports whether key k lies in the range.
func (r keyRange) holds(k []byte) bool {
	return (r.from == nil || bytes.Compare(k, r.from) >= 0) && (r.to == nil || bytes.Compare(k, r.to) < 0)
}
