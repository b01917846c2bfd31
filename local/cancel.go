package local

import (
	"strings"

	"github.com/dokklib/db/internal/ddbtype"
)

// cancellationReason is one item's entry in a TransactionCanceledException:
// Code "None" for items that were fine.
type cancellationReason struct {
	code string
	msg  string
	item ddbtype.Item // ReturnValuesOnConditionCheckFailure ALL_OLD
}

// canceledErr returns the TransactionCanceledException for reasons.
func canceledErr(reasons []cancellationReason) *apiError {
	codes := make([]string, len(reasons))
	for i, r := range reasons {
		codes[i] = r.code
	}
	return &apiError{
		status:       400,
		typ:          nsDynamoDB + "TransactionCanceledException",
		msg:          "Transaction cancelled, please refer cancellation reasons for specific reasons [" + strings.Join(codes, ", ") + "]",
		upperMessage: true,
		reasons:      reasons,
	}
}

// appendReasons appends the CancellationReasons member.
func appendReasons(dst []byte, reasons []cancellationReason) []byte {
	dst = append(dst, `,"CancellationReasons":[`...)
	for i, r := range reasons {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"Code":`...)
		dst = ddbtype.AppendJSONString(dst, r.code)
		if r.item != nil {
			dst = append(dst, `,"Item":`...)
			dst = r.item.AppendJSON(dst)
		}
		if r.msg != "" {
			dst = append(dst, `,"Message":`...)
			dst = ddbtype.AppendJSONString(dst, r.msg)
		}
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

// appendItem appends an item as a JSON map of attribute values.
func appendItem(dst []byte, item ddbtype.Item) []byte { return item.AppendJSON(dst) }
