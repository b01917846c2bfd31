package local

import (
	"crypto/sha256"
	"encoding/binary"
	"slices"

	"github.com/dokklib/db/internal/ddbtype"
)

// paramsPool holds the buffers requests' canonical forms are built in.
var paramsPool = newBytesPool(4096)

// hash returns the digest of the request's parameters other than its
// token: requests that differ only in member order, spacing or number
// spelling of the JSON body, which SDKs do not keep stable between
// retries, have the same digest, as DynamoDB compares requests by
// meaning.
func (in *transactWriteInput) hash() [32]byte {
	bp := paramsPool.get()
	*bp = in.appendCanonical(*bp)
	sum := sha256.Sum256(*bp)
	paramsPool.put(bp)
	return sum
}

// appendCanonical appends an unambiguous encoding of the parameters,
// with maps in key order.
func (in *transactWriteInput) appendCanonical(b []byte) []byte {
	b = appendOptString(b, in.ReturnConsumedCapacity)
	b = appendOptString(b, in.ReturnItemCollectionMetrics)
	b = appendPresent(b, in.TransactItems != nil)
	b = binary.AppendUvarint(b, uint64(len(in.TransactItems)))
	for _, it := range in.TransactItems {
		b = it.appendCanonical(b)
	}
	return b
}

// appendCanonical appends the canonical encoding of one action.
func (it *transactWriteItem) appendCanonical(b []byte) []byte {
	b = appendKeyed(b, it.ConditionCheck)
	b = appendPresent(b, it.Put != nil)
	if it.Put != nil {
		b = it.Put.txCommon.appendCanonical(b)
		b = appendPutItem(b, &it.Put.Item)
	}
	b = appendKeyed(b, it.Delete)
	b = appendPresent(b, it.Update != nil)
	if it.Update != nil {
		b = appendKeyed(b, &it.Update.txKeyed)
		b = appendOptString(b, it.Update.UpdateExpression)
	}
	return b
}

// appendKeyed appends the canonical encoding of an optional keyed action.
func appendKeyed(b []byte, k *txKeyed) []byte {
	b = appendPresent(b, k != nil)
	if k == nil {
		return b
	}
	b = k.txCommon.appendCanonical(b)
	return appendParamItem(b, k.Key)
}

// appendCanonical appends the canonical encoding of the members every
// action has.
func (c *txCommon) appendCanonical(b []byte) []byte {
	b = appendOptString(b, c.TableName)
	b = appendOptString(b, c.ConditionExpression)
	b = appendOptString(b, c.ReturnValuesOnConditionCheckFailure)
	b = appendPresent(b, c.ExpressionAttributeNames != nil)
	b = binary.AppendUvarint(b, uint64(len(c.ExpressionAttributeNames)))
	for _, k := range sortedKeys(c.ExpressionAttributeNames) {
		b = appendLenString(appendLenString(b, k), c.ExpressionAttributeNames[k])
	}
	return appendParamItem(b, ddbtype.Item(c.ExpressionAttributeValues))
}

// appendParamItem appends an optional item's binary encoding, which is unique
// (attributes in name order), self-delimiting and keeps numbers as
// written.
func appendParamItem(b []byte, it ddbtype.Item) []byte {
	if it == nil {
		return append(b, 0)
	}
	if out, err := it.AppendBinary(append(b, 1)); err == nil {
		return out
	}
	// Nested beyond the codec's limit, which validation prevents.
	return it.AppendJSON(append(b, 2))
}

// appendPutItem is appendParamItem for a Put's item, whose encoding, when
// it has one, is the one appendParamItem would make.
func appendPutItem(b []byte, p *putItem) []byte {
	if p.Data == nil {
		return appendParamItem(b, p.Item)
	}
	return append(append(b, 1), p.Data...)
}

// appendPresent appends whether an optional member is present.
func appendPresent(b []byte, ok bool) []byte {
	if ok {
		return append(b, 1)
	}
	return append(b, 0)
}

// appendOptString appends an optional string.
func appendOptString(b []byte, s *string) []byte {
	b = appendPresent(b, s != nil)
	if s == nil {
		return b
	}
	return appendLenString(b, *s)
}

// appendLenString appends a string after its length.
func appendLenString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
