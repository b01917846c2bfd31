package db

import (
	"fmt"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// MarshalDynamoDBAttributeValue encodes s as an SS, or as NULL when it is
// empty, since DynamoDB has no empty sets. It makes sets of StringSet
// fields with the SDK's attributevalue package too.
func (s StringSet) MarshalDynamoDBAttributeValue() (types.AttributeValue, error) {
	if len(s) == 0 {
		return newNull(), nil
	}
	return &types.AttributeValueMemberSS{Value: copyStrings(s)}, nil
}

// UnmarshalDynamoDBAttributeValue decodes an SS, or NULL as a nil set.
func (s *StringSet) UnmarshalDynamoDBAttributeValue(av types.AttributeValue) error {
	return unmarshalSet(av, s, func(x *types.AttributeValueMemberSS) StringSet { return StringSet(copyStrings(x.Value)) })
}

// MarshalDynamoDBAttributeValue encodes s as an NS, or as NULL when it is
// empty, since DynamoDB has no empty sets. It makes sets of NumberSet
// fields with the SDK's attributevalue package too.
func (s NumberSet) MarshalDynamoDBAttributeValue() (types.AttributeValue, error) {
	if len(s) == 0 {
		return newNull(), nil
	}
	ns := make([]string, len(s))
	for i, n := range s {
		ns[i] = string(n)
	}
	return &types.AttributeValueMemberNS{Value: ns}, nil
}

// UnmarshalDynamoDBAttributeValue decodes an NS, or NULL as a nil set.
func (s *NumberSet) UnmarshalDynamoDBAttributeValue(av types.AttributeValue) error {
	return unmarshalSet(av, s, func(x *types.AttributeValueMemberNS) NumberSet { return numberSetOf(x.Value) })
}

// MarshalDynamoDBAttributeValue encodes s as a BS of copies, or as NULL
// when it is empty, since DynamoDB has no empty sets. It makes sets of
// BinarySet fields with the SDK's attributevalue package too.
func (s BinarySet) MarshalDynamoDBAttributeValue() (types.AttributeValue, error) {
	if len(s) == 0 {
		return newNull(), nil
	}
	return &types.AttributeValueMemberBS{Value: copyBinarySet(s)}, nil
}

// UnmarshalDynamoDBAttributeValue decodes a BS, or NULL as a nil set.
func (s *BinarySet) UnmarshalDynamoDBAttributeValue(av types.AttributeValue) error {
	return unmarshalSet(av, s, func(x *types.AttributeValueMemberBS) BinarySet { return copyBinarySet(x.Value) })
}

// copyStrings returns a copy of ss, never nil.
func copyStrings(ss []string) []string {
	out := make([]string, len(ss))
	copy(out, ss)
	return out
}

// member is a pointer to a member type M of attribute values.
type member[M any] interface {
	*M
	types.AttributeValue
}

// unmarshalSet sets *s to what conv makes of av, a set member P, or to nil
// for NULL.
func unmarshalSet[M any, P member[M], S any](av types.AttributeValue, s *S, conv func(P) S) error {
	switch x := av.(type) {
	case P:
		if (*M)(x) != nil {
			*s = conv(x)
			return nil
		}
	case *types.AttributeValueMemberNULL, nil:
		var zero S
		*s = zero
		return nil
	}
	return decodeTypeError(av, reflect.TypeFor[S]())
}

func numberSetOf(ns []string) NumberSet {
	out := make(NumberSet, len(ns))
	for i, n := range ns {
		out[i] = Number(n)
	}
	return out
}

func copyBinarySet(bs [][]byte) [][]byte {
	out := make([][]byte, len(bs))
	for i, b := range bs {
		out[i] = append([]byte{}, b...)
	}
	return out
}

// setEncoders encode the set types as their Marshalers do, reading them
// without boxing.
var setEncoders = map[reflect.Type]encodeFunc{
	reflect.TypeFor[StringSet](): encodeSetAs(StringSet.MarshalDynamoDBAttributeValue),
	reflect.TypeFor[NumberSet](): encodeSetAs(NumberSet.MarshalDynamoDBAttributeValue),
	reflect.TypeFor[BinarySet](): encodeSetAs(BinarySet.MarshalDynamoDBAttributeValue),
}

func encodeSetAs[T any](marshal func(T) (types.AttributeValue, error)) encodeFunc {
	return func(_ *encState, v reflect.Value) (types.AttributeValue, error) {
		return marshal(valueAs[T](v))
	}
}

// valueAs returns the T in v, without boxing it when v is addressable.
func valueAs[T any](v reflect.Value) T {
	if v.CanAddr() {
		return *v.Addr().Interface().(*T)
	}
	return v.Interface().(T)
}

// typeError says that av cannot be decoded into a t.
func decodeTypeError(av types.AttributeValue, t reflect.Type) error {
	return fmt.Errorf("cannot decode %s into %s", typeOf(av), t)
}
