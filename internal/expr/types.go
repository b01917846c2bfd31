package expr

import (
	"encoding/base64"

	"github.com/dokklib/db/internal/ddbtype"
)

// typeSet is a set of attribute types, one bit per ddbtype.Type.
type typeSet uint16

func setOf(ts ...ddbtype.Type) typeSet {
	var s typeSet
	for _, t := range ts {
		s |= 1 << t
	}
	return s
}

func (s typeSet) has(t ddbtype.Type) bool { return s&(1<<t) != 0 }

var (
	allTypes = setOf(ddbtype.TypeS, ddbtype.TypeN, ddbtype.TypeB, ddbtype.TypeBOOL, ddbtype.TypeNULL,
		ddbtype.TypeL, ddbtype.TypeM, ddbtype.TypeSS, ddbtype.TypeNS, ddbtype.TypeBS)
	orderedTypes  = setOf(ddbtype.TypeS, ddbtype.TypeN, ddbtype.TypeB)
	boolType      = setOf(ddbtype.TypeBOOL)
	numberType    = setOf(ddbtype.TypeN)
	listType      = setOf(ddbtype.TypeL)
	stringBinary  = setOf(ddbtype.TypeS, ddbtype.TypeB)
	iterableTypes = setOf(ddbtype.TypeS, ddbtype.TypeB, ddbtype.TypeSS, ddbtype.TypeNS, ddbtype.TypeBS,
		ddbtype.TypeL, ddbtype.TypeM)
)

// DynamoDB lists type sets in messages in Java HashSet order. These two
// strings are as observed from DynamoDB (the order is not guaranteed).
const (
	// allTypesString is how DynamoDB writes "any type", the type of a path
	// operand, e.g. in attribute_type(a, b).
	allTypesString = "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"
	// validTypeNames lists the type names attribute_type accepts.
	validTypeNames = "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}"
)

// operandTypes returns the operand types operator n accepts.
func operandTypes(n *node) typeSet {
	switch n.kind {
	case nCompare:
		if n.cmp == cmpEQ || n.cmp == cmpNE {
			return allTypes
		}
		return orderedTypes
	case nBetween:
		return orderedTypes
	case nAnd, nOr, nNot:
		return boolType
	case nPlus, nMinus:
		return numberType
	case nFunc:
		return funcOperandTypes(n.fn)
	}
	return allTypes
}

func funcOperandTypes(f funcID) typeSet {
	switch f {
	case fnBeginsWith:
		return stringBinary
	case fnSize:
		return iterableTypes
	case fnListAppend:
		return listType
	}
	return allTypes
}

// returnTypes returns the types operator n may produce.
func returnTypes(n *node) typeSet {
	switch {
	case n.kind == nPlus || n.kind == nMinus:
		return numberType
	case n.kind != nFunc:
		return boolType
	}
	switch n.fn {
	case fnSize:
		return numberType
	case fnListAppend:
		return listType
	case fnIfNotExists:
		return allTypes
	}
	return boolType
}

// mayReturn reports whether operand n can produce a value of a type in s.
func (n *node) mayReturn(s typeSet) bool {
	switch n.kind {
	case nPath:
		return true
	case nValue:
		return s.has(n.val.Type)
	}
	return s&returnTypes(n) != 0
}

// returnTypeString describes the types operand n may produce, as DynamoDB
// does in "operand type" messages.
func (n *node) returnTypeString() string {
	switch n.kind {
	case nPath:
		return allTypesString
	case nValue:
		return n.val.Type.String()
	}
	switch rt := returnTypes(n); rt {
	case allTypes:
		return allTypesString
	case numberType:
		return "N"
	case listType:
		return "L"
	}
	return "BOOL"
}

// typeByName maps the type names attribute_type accepts to types.
func typeByName(name string) ddbtype.Type {
	for t := ddbtype.TypeS; t <= ddbtype.TypeBS; t++ {
		if t.String() == name {
			return t
		}
	}
	return ddbtype.TypeNone
}

var longTypeNames = [...]string{
	ddbtype.TypeS: "STRING", ddbtype.TypeN: "NUMBER", ddbtype.TypeB: "BINARY",
	ddbtype.TypeBOOL: "BOOLEAN", ddbtype.TypeNULL: "NULL", ddbtype.TypeL: "LIST",
	ddbtype.TypeM: "MAP", ddbtype.TypeSS: "STRING_SET", ddbtype.TypeNS: "NUMBER_SET",
	ddbtype.TypeBS: "BINARY_SET",
}

// longTypeName is the type name DynamoDB uses in ADD and DELETE messages.
func longTypeName(t ddbtype.Type) string {
	if int(t) < len(longTypeNames) {
		return longTypeNames[t]
	}
	return ""
}

// attrValueString renders a scalar value as DynamoDB does in BETWEEN
// messages, e.g. "AttributeValue: {N:1}". The rendering of binary values
// (base64 here) is a guess.
func attrValueString(v ddbtype.Value) string {
	text := v.S
	if v.Type == ddbtype.TypeB {
		text = base64.StdEncoding.EncodeToString(v.B)
	}
	return "AttributeValue: {" + v.Type.String() + ":" + text + "}"
}

// compareScalars orders two values of the same type among S, N and B.
func compareScalars(a, b ddbtype.Value) int {
	c, _ := ddbtype.Compare(a, b)
	return c
}
