package db

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db/internal/ddbtype"
)

// MaxItemSize is the largest item DynamoDB stores, in bytes as it counts
// them: 400 KB.
const MaxItemSize = 409_600

// itemSize returns an item's size as DynamoDB counts it: the length of
// each attribute name plus the size of its value.
func itemSize(item map[string]types.AttributeValue) int {
	n := 0
	for name, v := range item {
		n += len(name) + valueSize(v)
	}
	return n
}

// valueSize returns the size DynamoDB counts for one attribute value: a
// string's or binary's length, a number's compact decimal size, 1 for a
// boolean or null, and for lists and maps 3 bytes plus 1 for each element
// on top of the elements' sizes.
func valueSize(av types.AttributeValue) int {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return len(v.Value)
	case *types.AttributeValueMemberN:
		return ddbtype.NumberSize(v.Value)
	case *types.AttributeValueMemberB:
		return len(v.Value)
	case *types.AttributeValueMemberBOOL, *types.AttributeValueMemberNULL:
		return 1
	case *types.AttributeValueMemberL:
		n := 3 + len(v.Value)
		for _, e := range v.Value {
			n += valueSize(e)
		}
		return n
	case *types.AttributeValueMemberM:
		return 3 + len(v.Value) + itemSize(v.Value)
	case *types.AttributeValueMemberSS:
		return sumSizes(v.Value, func(s string) int { return len(s) })
	case *types.AttributeValueMemberNS:
		return sumSizes(v.Value, ddbtype.NumberSize)
	case *types.AttributeValueMemberBS:
		return sumSizes(v.Value, func(b []byte) int { return len(b) })
	}
	return 0
}

func sumSizes[E any](s []E, size func(E) int) int {
	n := 0
	for _, e := range s {
		n += size(e)
	}
	return n
}

// checkItemSize refuses an item larger than DynamoDB stores.
func checkItemSize(item map[string]types.AttributeValue) error {
	if n := itemSize(item); n > MaxItemSize {
		return invalid("the item is %d bytes as DynamoDB counts them; it stores at most %d (400 KB)", n, MaxItemSize)
	}
	return nil
}
