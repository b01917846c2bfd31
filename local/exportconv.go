package local

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db/internal/ddbtype"
)

// toAttributeValues converts an item to the SDK's attribute values.
func toAttributeValues(it ddbtype.Item) map[string]types.AttributeValue {
	out := make(map[string]types.AttributeValue, len(it))
	for name, v := range it {
		out[name] = toAttributeValue(v)
	}
	return out
}

// toAttributeValue converts a value to the SDK's attribute value.
func toAttributeValue(v ddbtype.Value) types.AttributeValue {
	switch v.Type {
	case ddbtype.TypeS:
		return &types.AttributeValueMemberS{Value: v.S}
	case ddbtype.TypeN:
		return &types.AttributeValueMemberN{Value: v.S}
	case ddbtype.TypeB:
		return &types.AttributeValueMemberB{Value: v.B}
	case ddbtype.TypeBOOL:
		return &types.AttributeValueMemberBOOL{Value: v.Bool}
	case ddbtype.TypeNULL:
		return &types.AttributeValueMemberNULL{Value: true}
	case ddbtype.TypeL:
		l := make([]types.AttributeValue, len(v.L))
		for i, e := range v.L {
			l[i] = toAttributeValue(e)
		}
		return &types.AttributeValueMemberL{Value: l}
	case ddbtype.TypeM:
		return &types.AttributeValueMemberM{Value: toAttributeValues(v.M)}
	case ddbtype.TypeSS:
		return &types.AttributeValueMemberSS{Value: v.SS}
	case ddbtype.TypeNS:
		return &types.AttributeValueMemberNS{Value: v.SS}
	case ddbtype.TypeBS:
		return &types.AttributeValueMemberBS{Value: v.BS}
	}
	return &types.AttributeValueMemberNULL{Value: true} // TypeNone: never in a decoded item
}

// fromAttributeValues converts the SDK's attribute values to an item.
func fromAttributeValues(m map[string]types.AttributeValue) (ddbtype.Item, error) {
	out := make(ddbtype.Item, len(m))
	for name, av := range m {
		v, err := fromAttributeValue(av)
		if err != nil {
			return nil, fmt.Errorf("attribute %q: %w", name, err)
		}
		out[name] = v
	}
	return out, nil
}

// fromAttributeValue converts the SDK's attribute value to a value.
func fromAttributeValue(av types.AttributeValue) (ddbtype.Value, error) {
	switch av := av.(type) {
	case *types.AttributeValueMemberS:
		return ddbtype.Value{Type: ddbtype.TypeS, S: av.Value}, nil
	case *types.AttributeValueMemberN:
		return ddbtype.Value{Type: ddbtype.TypeN, S: av.Value}, nil
	case *types.AttributeValueMemberB:
		return ddbtype.Value{Type: ddbtype.TypeB, B: av.Value}, nil
	case *types.AttributeValueMemberBOOL:
		return ddbtype.Value{Type: ddbtype.TypeBOOL, Bool: av.Value}, nil
	case *types.AttributeValueMemberNULL:
		return ddbtype.Value{Type: ddbtype.TypeNULL}, nil
	case *types.AttributeValueMemberL:
		l := make([]ddbtype.Value, len(av.Value))
		for i, e := range av.Value {
			v, err := fromAttributeValue(e)
			if err != nil {
				return ddbtype.Value{}, err
			}
			l[i] = v
		}
		return ddbtype.Value{Type: ddbtype.TypeL, L: l}, nil
	case *types.AttributeValueMemberM:
		m, err := fromAttributeValues(av.Value)
		return ddbtype.Value{Type: ddbtype.TypeM, M: m}, err
	case *types.AttributeValueMemberSS:
		return ddbtype.Value{Type: ddbtype.TypeSS, SS: av.Value}, nil
	case *types.AttributeValueMemberNS:
		return ddbtype.Value{Type: ddbtype.TypeNS, SS: av.Value}, nil
	case *types.AttributeValueMemberBS:
		return ddbtype.Value{Type: ddbtype.TypeBS, BS: av.Value}, nil
	}
	return ddbtype.Value{}, fmt.Errorf("unknown attribute value type %T", av)
}
