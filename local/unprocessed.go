package local

import (
	"github.com/dokklib/db/internal/ddbtype"
)

// appendUnprocessedItems appends BatchWriteItem's UnprocessedItems member:
// the writes left, grouped by table (they come in table order).
func appendUnprocessedItems(dst []byte, left []batchWrite) []byte {
	dst = append(dst, `"UnprocessedItems":{`...)
	for i, w := range left {
		switch {
		case i == 0:
			dst = append(ddbtype.AppendJSONString(dst, w.table), ":["...)
		case left[i-1].table != w.table:
			dst = append(ddbtype.AppendJSONString(append(dst, "],"...), w.table), ":["...)
		default:
			dst = append(dst, ',')
		}
		if w.put != nil {
			dst = w.put.Decoded().AppendJSON(append(dst, `{"PutRequest":{"Item":`...))
		} else {
			dst = w.key.AppendJSON(append(dst, `{"DeleteRequest":{"Key":`...))
		}
		dst = append(dst, "}}"...)
	}
	if len(left) > 0 {
		dst = append(dst, ']')
	}
	return append(dst, '}')
}

// appendUnprocessedKeys appends one table's unprocessed KeysAndAttributes.
func appendUnprocessedKeys(dst []byte, p *batchGetTable, keys []ddbtype.Item) []byte {
	dst = ddbtype.AppendJSONString(dst, p.name)
	dst = appendItems(append(dst, `:{"Keys":`...), keys)
	if p.in.ProjectionExpression != nil {
		dst = ddbtype.AppendJSONString(append(dst, `,"ProjectionExpression":`...), *p.in.ProjectionExpression)
	}
	if p.in.ConsistentRead != nil && *p.in.ConsistentRead {
		dst = append(dst, `,"ConsistentRead":true`...)
	}
	if len(p.in.ExpressionAttributeNames) > 0 {
		dst = append(dst, `,"ExpressionAttributeNames":{`...)
		for i, k := range sortedNames(p.in.ExpressionAttributeNames) {
			dst = appendSep(dst, i > 0, "")
			dst = ddbtype.AppendJSONString(dst, k)
			dst = ddbtype.AppendJSONString(append(dst, ':'), p.in.ExpressionAttributeNames[k])
		}
		dst = append(dst, '}')
	}
	return append(dst, '}')
}
