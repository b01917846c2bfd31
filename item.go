package db

import (
	"fmt"
	"reflect"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/cockroachdb/apd/v3"
)

// Item is an item's attributes as Go values. Items read from a table hold
// string (S), Number (N), []byte (B), bool (BOOL), nil (NULL), []any (L),
// map[string]any (M), StringSet (SS), NumberSet (NS) and BinarySet (BS).
// Items written may also hold Go's integer and float types, Item, []string,
// and anything the SDK's attributevalue package marshals, such as structs.
type Item map[string]any

// Number is a DynamoDB number in decimal text, as "12.50". It keeps all of
// DynamoDB's 38 significant digits, which float64 cannot.
type Number string

// Int64 returns n as an int64, or an error if it is not an integer in range.
func (n Number) Int64() (int64, error) { return strconv.ParseInt(string(n), 10, 64) }

// Float64 returns the float64 nearest to n.
func (n Number) Float64() (float64, error) { return strconv.ParseFloat(string(n), 64) }

// String returns n's decimal text.
func (n Number) String() string { return string(n) }

// Decimal returns n as an arbitrary-precision decimal.
func (n Number) Decimal() (*apd.Decimal, error) {
	d, _, err := apd.NewFromString(string(n))
	if err != nil || d.Form != apd.Finite {
		return nil, fmt.Errorf("%w: %q is not a number", ErrInvalidArgument, string(n))
	}
	return d, nil
}

// StringSet is a DynamoDB string set (SS).
type StringSet []string

// NumberSet is a DynamoDB number set (NS).
type NumberSet []Number

// BinarySet is a DynamoDB binary set (BS).
type BinarySet [][]byte

// encodeItem turns an Item into the SDK's attribute values.
func encodeItem(item Item) (map[string]types.AttributeValue, error) {
	out := make(map[string]types.AttributeValue, len(item))
	for name, v := range item {
		av, err := encodeValue(v)
		if err != nil {
			return nil, fmt.Errorf("%w: attribute %q: %w", ErrInvalidArgument, name, err)
		}
		out[name] = av
	}
	return out, nil
}

// encodeValue turns one Go value into an attribute value.
func encodeValue(v any) (types.AttributeValue, error) {
	switch v := v.(type) {
	case nil:
		return &types.AttributeValueMemberNULL{Value: true}, nil
	case string:
		return &types.AttributeValueMemberS{Value: v}, nil
	case Number:
		if _, err := v.Decimal(); err != nil {
			return nil, err
		}
		return &types.AttributeValueMemberN{Value: string(v)}, nil
	case bool:
		return &types.AttributeValueMemberBOOL{Value: v}, nil
	case []byte:
		return &types.AttributeValueMemberB{Value: v}, nil
	case int:
		return number(strconv.FormatInt(int64(v), 10)), nil
	case int64:
		return number(strconv.FormatInt(v, 10)), nil
	case int32:
		return number(strconv.FormatInt(int64(v), 10)), nil
	case uint64:
		return number(strconv.FormatUint(v, 10)), nil
	case float64:
		// As the codec and the SDK's attributevalue write floats.
		return number(strconv.FormatFloat(v, 'f', -1, 64)), nil
	case []any:
		return encodeList(v)
	case map[string]any:
		return encodeMap(v)
	case Item:
		return encodeMap(v)
	case StringSet:
		return &types.AttributeValueMemberSS{Value: v}, nil
	case NumberSet:
		ns := make([]string, len(v))
		for i, n := range v {
			ns[i] = string(n)
		}
		return &types.AttributeValueMemberNS{Value: ns}, nil
	case BinarySet:
		return &types.AttributeValueMemberBS{Value: v}, nil
	case types.AttributeValue:
		return v, nil
	}
	switch reflect.TypeOf(v).Kind() {
	case reflect.Chan, reflect.Func, reflect.UnsafePointer, reflect.Complex64, reflect.Complex128:
		return nil, fmt.Errorf("DynamoDB has no type for %T", v)
	}
	return marshalValue(v)
}

func number(s string) types.AttributeValue { return &types.AttributeValueMemberN{Value: s} }

func encodeList(l []any) (types.AttributeValue, error) {
	out := make([]types.AttributeValue, len(l))
	for i, v := range l {
		av, err := encodeValue(v)
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", i, err)
		}
		out[i] = av
	}
	return &types.AttributeValueMemberL{Value: out}, nil
}

func encodeMap(m map[string]any) (types.AttributeValue, error) {
	out := make(map[string]types.AttributeValue, len(m))
	for k, v := range m {
		av, err := encodeValue(v)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", k, err)
		}
		out[k] = av
	}
	return &types.AttributeValueMemberM{Value: out}, nil
}

// decodeItem turns the SDK's attribute values into an Item.
func decodeItem(av map[string]types.AttributeValue) (Item, error) {
	item := make(Item, len(av))
	for name, v := range av {
		gv, err := decodeValue(v)
		if err != nil {
			return nil, fmt.Errorf("db: attribute %q: %w", name, err)
		}
		item[name] = gv
	}
	return item, nil
}

// decodeValue turns one attribute value into a Go value.
func decodeValue(av types.AttributeValue) (any, error) {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return v.Value, nil
	case *types.AttributeValueMemberN:
		return Number(v.Value), nil
	case *types.AttributeValueMemberB:
		return v.Value, nil
	case *types.AttributeValueMemberBOOL:
		return v.Value, nil
	case *types.AttributeValueMemberNULL:
		return nil, nil
	case *types.AttributeValueMemberL:
		out := make([]any, len(v.Value))
		for i, e := range v.Value {
			d, err := decodeValue(e)
			if err != nil {
				return nil, err
			}
			out[i] = d
		}
		return out, nil
	case *types.AttributeValueMemberM:
		out := make(map[string]any, len(v.Value))
		for k, e := range v.Value {
			d, err := decodeValue(e)
			if err != nil {
				return nil, err
			}
			out[k] = d
		}
		return out, nil
	case *types.AttributeValueMemberSS:
		return StringSet(v.Value), nil
	case *types.AttributeValueMemberNS:
		out := make(NumberSet, len(v.Value))
		for i, n := range v.Value {
			out[i] = Number(n)
		}
		return out, nil
	case *types.AttributeValueMemberBS:
		return BinarySet(v.Value), nil
	}
	return nil, fmt.Errorf("unknown attribute value type %T", av)
}

// typeOf names the DynamoDB type of an attribute value, as "S".
func typeOf(av types.AttributeValue) string {
	switch av.(type) {
	case *types.AttributeValueMemberS:
		return "S"
	case *types.AttributeValueMemberN:
		return "N"
	case *types.AttributeValueMemberB:
		return "B"
	case *types.AttributeValueMemberBOOL:
		return "BOOL"
	case *types.AttributeValueMemberNULL:
		return "NULL"
	case *types.AttributeValueMemberL:
		return "L"
	case *types.AttributeValueMemberM:
		return "M"
	case *types.AttributeValueMemberSS:
		return "SS"
	case *types.AttributeValueMemberNS:
		return "NS"
	case *types.AttributeValueMemberBS:
		return "BS"
	}
	return fmt.Sprintf("%T", av)
}
