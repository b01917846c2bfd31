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

// listEncoder encodes a list; each element makes about per members.
func listEncoder(elem encodeFunc, per memberCounts) encodeFunc {
	return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
		var c memberCounts
		c.add(per, v.Len())
		st.reserve(c)
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
	bs, err := setElems(l, "non-nil byte slices", func(b *types.AttributeValueMemberB) ([]byte, bool) { return b.Value, b.Value != nil })
	return &types.AttributeValueMemberBS{Value: bs}, err
}

func makeNumberSet(l []types.AttributeValue) (types.AttributeValue, error) {
	ns, err := setElems(l, "numbers", func(n *types.AttributeValueMemberN) (string, bool) { return n.Value, true })
	return &types.AttributeValueMemberNS{Value: ns}, err
}

func makeStringSet(l []types.AttributeValue) (types.AttributeValue, error) {
	ss, err := setElems(l, "strings", func(s *types.AttributeValueMemberS) (string, bool) { return s.Value, true })
	return &types.AttributeValueMemberSS{Value: ss}, err
}

// setElems returns the values of the members P in l, which value accepts.
func setElems[M any, P member[M], E any](l []types.AttributeValue, what string, value func(P) (E, bool)) ([]E, error) {
	out := make([]E, len(l))
	for i, av := range l {
		m, ok := av.(P)
		ok = ok && (*M)(m) != nil
		if ok {
			out[i], ok = value(m)
		}
		if !ok {
			return nil, fmt.Errorf("a set holds only %s", what)
		}
	}
	return out, nil
}
