package db

import (
	"fmt"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// sliceEncoder encodes slices and arrays: of bytes as B, with a set
// option or as [][]byte as a set, else as L.
func sliceEncoder(k encKey) encodeFunc {
	t := k.t
	if t.Elem().Kind() == reflect.Uint8 {
		return encodeBytes
	}
	ek := encKey{t: t.Elem(), opts: k.opts.elem(), noAddr: k.noAddr && t.Kind() == reflect.Array}
	elem := encoderFor(ek)
	switch {
	case k.opts.has(tagBinarySet) || t == rtBytesSlice:
		return setEncoder(elem, makeBinarySet)
	case k.opts.has(tagNumberSet):
		return setEncoder(elem, makeNumberSet)
	case k.opts.has(tagStringSet):
		return setEncoder(elem, makeStringSet)
	}
	return listEncoder(elem, countMembers(ek.t, ek.opts, 0))
}

// encodeBytes encodes a slice or array of bytes as a copy in a B.
func encodeBytes(_ *encState, v reflect.Value) (types.AttributeValue, error) {
	b := make([]byte, v.Len())
	if v.Kind() == reflect.Slice || v.CanAddr() {
		copy(b, v.Bytes())
	} else {
		for i := range b {
			b[i] = byte(v.Index(i).Uint())
		}
	}
	return &types.AttributeValueMemberB{Value: b}, nil
}

// encodeElems encodes the elements of v, leaving out omitted ones.
func encodeElems(st *encState, v reflect.Value, elem encodeFunc) ([]types.AttributeValue, error) {
	if err := st.enter(); err != nil {
		return nil, err
	}
	defer st.leave()
	out := make([]types.AttributeValue, 0, v.Len())
	for i := range v.Len() {
		av, err := elem(st, v.Index(i))
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", i, err)
		}
		if av != nil {
			out = append(out, av)
		}
	}
	return out, nil
}

// listEncoder encodes a list; each element makes about per memberCounts.
func listEncoder(elem encodeFunc, per memberCounts) encodeFunc {
	return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
		st.reserve(per.times(v.Len()))
		l, err := encodeElems(st, v, elem)
		if err != nil {
			return nil, err
		}
		return st.list(l), nil
	}
}

// setEncoder encodes a set: NULL if empty, as attributevalue does, else
// the set that makeSet makes of the encoded elements.
func setEncoder(elem encodeFunc, makeSet func([]types.AttributeValue) (types.AttributeValue, error)) encodeFunc {
	return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
		if v.Len() == 0 {
			return newNull(), nil
		}
		l, err := encodeElems(st, v, elem)
		if err != nil {
			return nil, err
		}
		return makeSet(l)
	}
}

func makeBinarySet(l []types.AttributeValue) (types.AttributeValue, error) {
	bs := make([][]byte, len(l))
	for i, av := range l {
		b, ok := av.(*types.AttributeValueMemberB)
		if !ok || b == nil || b.Value == nil {
			return nil, fmt.Errorf("a binary set holds only non-nil byte slices")
		}
		bs[i] = b.Value
	}
	return &types.AttributeValueMemberBS{Value: bs}, nil
}

func makeNumberSet(l []types.AttributeValue) (types.AttributeValue, error) {
	ns := make([]string, len(l))
	for i, av := range l {
		n, ok := av.(*types.AttributeValueMemberN)
		if !ok || n == nil {
			return nil, fmt.Errorf("a number set holds only numbers")
		}
		ns[i] = n.Value
	}
	return &types.AttributeValueMemberNS{Value: ns}, nil
}

func makeStringSet(l []types.AttributeValue) (types.AttributeValue, error) {
	ss := make([]string, len(l))
	for i, av := range l {
		s, ok := av.(*types.AttributeValueMemberS)
		if !ok || s == nil {
			return nil, fmt.Errorf("a string set holds only strings")
		}
		ss[i] = s.Value
	}
	return &types.AttributeValueMemberSS{Value: ss}, nil
}
