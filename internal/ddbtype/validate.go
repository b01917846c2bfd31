package ddbtype

import (
	"encoding/base64"
	"slices"
	"strings"
)

// MaxNestingDepth is how deeply DynamoDB lets values nest ("up to 32
// levels deep", developer guide): an attribute's value is at level 1, the
// elements of an L or M at level 1 are at level 2, and so on; no value may
// be at a deeper level. So 32 nested lists are allowed if the innermost is
// empty, 31 if it holds a value. (Measured against DynamoDB by
// nubo-db/dynoxide.)
const MaxNestingDepth = 32

// ValidationException messages for attribute values, from dynalite's tests
// (written against DynamoDB) and the nubo-db/dynamodb-conformance suite
// (run against DynamoDB). The double space in "An string set  may not be
// empty", the missing space before "of type BS" and the missing prefix and
// period of the number set message are DynamoDB's.
const (
	msgEmptyAV    = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
	msgMultipleAV = "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"
	msgInvalid    = "One or more parameter values were invalid: "
	msgNullFalse  = msgInvalid + "Null attribute value types must have the value of true"
	msgEmptySS    = msgInvalid + "An string set  may not be empty"
	msgEmptyNS    = msgInvalid + "An number set  may not be empty"
	msgEmptyBS    = msgInvalid + "Binary sets should not be empty"
	msgDupNS      = "Input collection contains duplicates"
	// From nubo-db/dynoxide, confirmed against DynamoDB (eu-west-2).
	msgNesting = "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"
)

// Validate checks v as DynamoDB checks every attribute value it receives
// (in items, keys and ExpressionAttributeValues): a type is set, numbers
// are valid, sets are neither empty nor hold duplicates (numbers compared
// numerically), and L and M nest at most MaxNestingDepth levels. Map
// members are checked in name order. The error is a *ValidationError with
// DynamoDB's message. Empty strings and binaries are valid here; keys
// have further rules the engine checks.
func (v Value) Validate() error {
	return v.validate(0)
}

// Validate checks every attribute value of the item (see Value.Validate),
// in name order.
func (it Item) Validate() error {
	return validateMap(it, 0)
}

// validate checks v at the given nesting depth.
func (v Value) validate(depth int) error {
	if depth >= MaxNestingDepth {
		return validationError(msgNesting)
	}
	switch v.Type {
	case TypeS, TypeB, TypeBOOL, TypeNULL:
		return nil
	case TypeN:
		_, err := parseNumber(v.S)
		return err
	case TypeSS, TypeNS, TypeBS:
		return v.validateSet()
	case TypeL:
		for _, e := range v.L {
			if err := e.validate(depth + 1); err != nil {
				return err
			}
		}
		return nil
	case TypeM:
		return validateMap(v.M, depth+1)
	}
	return validationError(msgEmptyAV)
}

// validateMap checks the values of a map in name order.
func validateMap(m map[string]Value, depth int) error {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := m[name].validate(depth); err != nil {
			return err
		}
	}
	return nil
}

// validateSet checks an SS, NS or BS: not empty, valid numbers, no
// duplicates, in that order (dynalite).
func (v Value) validateSet() error {
	switch v.Type {
	case TypeSS:
		if len(v.SS) == 0 {
			return validationError(msgEmptySS)
		}
		if hasDuplicates(v.SS, identity) {
			return validationError(msgInvalid + "Input collection [" + strings.Join(v.SS, ", ") + "] contains duplicates.")
		}
	case TypeNS:
		return validateNumberSet(v.SS)
	case TypeBS:
		if len(v.BS) == 0 {
			return validationError(msgEmptyBS)
		}
		if hasDuplicates(v.BS, func(b []byte) string { return string(b) }) {
			return validationError(msgInvalid + "Input collection [" + joinBase64(v.BS) + "]of type BS contains duplicates.")
		}
	}
	return nil
}

// validateNumberSet checks the numbers of an NS. Duplicates are found by
// value ("1" and "1.0" are duplicates), which is an assumption: DynamoDB
// stores numbers canonically, so it cannot keep both.
func validateNumberSet(ns []string) error {
	if len(ns) == 0 {
		return validationError(msgEmptyNS)
	}
	for _, s := range ns {
		if _, err := parseNumber(s); err != nil {
			return err
		}
	}
	if hasDuplicates(ns, numberKey) {
		return validationError(msgDupNS)
	}
	return nil
}

// hasDuplicates reports whether two elements have the same key.
func hasDuplicates[E any](s []E, key func(E) string) bool {
	seen := make(map[string]struct{}, len(s))
	for _, e := range s {
		k := key(e)
		if _, ok := seen[k]; ok {
			return true
		}
		seen[k] = struct{}{}
	}
	return false
}

// joinBase64 joins binaries in base64, separated by ", ".
func joinBase64(bs [][]byte) string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = base64.StdEncoding.EncodeToString(b)
	}
	return strings.Join(parts, ", ")
}
