package ddbtype

import (
	"bytes"
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Decoding DynamoDB's JSON wire format.
//
// DynamoDB (Amazon's Coral framework, Jackson underneath) first
// deserializes the request, answering SerializationException when the
// JSON does not fit the API model, and then validates it, answering
// ValidationException. The decoder does the same within one value: it
// reads the whole input, stops at the first serialization error, and
// otherwise reports the first validation error in document order. The
// messages come from dynalite's tests, which were written against
// DynamoDB, and from GitHub issues quoting DynamoDB; where a case is not
// covered by either, the comment says so.
//
// Fields that are JSON null count as absent, and unknown fields are
// ignored (both as in dynalite). Numbers are stored in canonical form.

// SerializationException messages for JSON types that do not fit the model.
const (
	msgStartOfMap     = "Start of structure or map found where not expected"
	msgFieldType      = "Unexpected field type"
	msgValueType      = "Unexpected value type in payload"
	msgNotBase64      = "only base-64-encoded strings are convertible to bytes"
	msgBase64Length   = "Base64 encoded length is expected a multiple of 4 bytes but found: "
	msgBase64Last     = "Invalid last non-pad Base64 character dectected" // sic
	msgBadBoolean     = "Unexpected token received from parser"
	msgAVCollection   = "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue"
	msgMapCollection  = "Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>"
	msgNullSetElement = "Null set element" // not DynamoDB's wording, which is unknown
)

// target is a Java type of the API model that a JSON value is read into.
type target uint8

const (
	targetString  target = iota // S, N and SS, NS elements
	targetBlob                  // B and BS elements
	targetBoolean               // BOOL, NULL
	targetList                  // SS, NS, BS, L
	targetMap                   // M, Item
	targetValue                 // an AttributeValue in a list or map
)

// mismatch returns the SerializationException for a JSON value of kind k
// where t is expected.
func mismatch(k jsonKind, t target) error {
	if k == jsonObject {
		return serializationError(msgStartOfMap)
	}
	switch t {
	case targetString, targetBoolean:
		return scalarMismatch(k, t)
	case targetBlob:
		if k == jsonArray {
			return serializationError("Unrecognized collection type class java.nio.ByteBuffer")
		}
		return serializationError(msgNotBase64)
	case targetList:
		return serializationError(msgFieldType)
	case targetMap:
		if k == jsonArray {
			return serializationError(msgMapCollection)
		}
		return serializationError(msgFieldType)
	}
	if k == jsonArray {
		return serializationError(msgAVCollection)
	}
	return serializationError(msgValueType)
}

// scalarMismatch returns the message for a String or Boolean target and
// a JSON array, number or (for Boolean) string.
func scalarMismatch(k jsonKind, t target) error {
	name := "String"
	if t == targetBoolean {
		name = "Boolean"
	}
	switch k {
	case jsonArray:
		return serializationError("Unrecognized collection type class java.lang." + name)
	case jsonDecimal:
		return serializationError("DECIMAL_VALUE cannot be converted to " + name)
	case jsonString:
		return serializationError(msgBadBoolean)
	}
	return serializationError("NUMBER_VALUE cannot be converted to " + name)
}

// avDecoder decodes attribute values, remembering the first validation
// error while it continues looking for serialization errors.
type avDecoder struct {
	jsonReader
	invalid error
}

// fail records a validation error unless one was recorded before.
func (d *avDecoder) fail(err error) {
	if d.invalid == nil && err != nil {
		d.invalid = err
	}
}

// UnmarshalJSON decodes an AttributeValue from DynamoDB's JSON wire format,
// e.g. {"S":"x"}, {"N":"1.50"} (stored as "1.5") or {"M":{"a":{"NULL":true}}}.
// It implements json.Unmarshaler; JSON null leaves v unchanged. Errors are
// *SerializationError or *ValidationError with DynamoDB's messages, v is
// only changed on success.
func (v *Value) UnmarshalJSON(data []byte) error {
	d := avDecoder{jsonReader: jsonReader{data: data}}
	null := d.kind() == jsonNull
	val, err := d.nullableValue()
	if err = d.finish(err); err == nil && !null {
		*v = val
	}
	return err
}

// nullableValue decodes an AttributeValue, or JSON null as the zero Value.
func (d *avDecoder) nullableValue() (Value, error) {
	if d.kind() == jsonNull {
		return Value{}, d.literal("null")
	}
	return d.value(0)
}

// UnmarshalJSON decodes an item (a map of attribute names to attribute
// values, as in PutItem's Item, Key or ExpressionAttributeValues) from
// DynamoDB's JSON wire format. It implements json.Unmarshaler; JSON null
// leaves it unchanged. Errors are as for Value.UnmarshalJSON.
func (it *Item) UnmarshalJSON(data []byte) error {
	d := avDecoder{jsonReader: jsonReader{data: data}}
	m, err := d.item()
	if err = d.finish(err); err == nil && m != nil {
		*it = m
	}
	return err
}

// item decodes an item, or JSON null as nil.
func (d *avDecoder) item() (Item, error) {
	switch k := d.kind(); k {
	case jsonNull:
		return nil, d.literal("null")
	case jsonObject:
		return d.mapBody(0)
	case jsonInvalid:
		return nil, d.syntaxError()
	default:
		return nil, mismatch(k, targetMap)
	}
}

// finish returns the decoding error err, else a syntax error for trailing
// input, else the first validation error.
func (d *avDecoder) finish(err error) error {
	if err == nil {
		err = d.end()
	}
	if err == nil {
		err = d.invalid
	}
	return err
}

// value decodes an AttributeValue at the given DynamoDB nesting depth.
// JSON null, allowed by the JSON but not a value, is reported like an
// empty AttributeValue (DynamoDB's answer is unknown).
func (d *avDecoder) value(depth int) (Value, error) {
	switch k := d.kind(); k {
	case jsonObject:
		return d.object(depth)
	case jsonNull:
		d.fail(validationError(msgEmptyAV))
		return Value{}, d.literal("null")
	case jsonInvalid:
		return Value{}, d.syntaxError()
	default:
		return Value{}, mismatch(k, targetValue)
	}
}

// object decodes the members of an AttributeValue object. As with
// Jackson, a member given twice keeps its last value and a null member
// unsets an earlier one. Validation errors are reported for the members
// that remain, in the order they were (last) given, then the count of
// types is checked (dynalite's order: {"S":"","N":""} is a number error).
func (d *avDecoder) object(depth int) (Value, error) {
	if depth >= MaxNestingDepth {
		d.fail(validationError(msgNesting))
	}
	var f avFields
	err := d.readObject(func(name []byte) error {
		return d.member(&f, name, depth)
	})
	if err != nil {
		return Value{}, err
	}
	order := f.order[:f.n]
	for _, t := range order {
		d.fail(f.errs[t])
	}
	switch f.n {
	case 0:
		d.fail(validationError(msgEmptyAV))
		return Value{}, nil
	case 1:
	default:
		d.fail(validationError(msgMultipleAV))
	}
	return f.vals[order[f.n-1]], nil
}

// avFields collects the typed members of an AttributeValue object.
type avFields struct {
	vals  [TypeBS + 1]Value
	errs  [TypeBS + 1]error
	order [TypeBS + 1]Type // the members present, in the order of their last value
	n     int              // len(order)
}

// unset removes a member.
func (f *avFields) unset(t Type) {
	if i := slices.Index(f.order[:f.n], t); i >= 0 {
		copy(f.order[i:], f.order[i+1:f.n])
		f.n--
	}
}

// member decodes one member of an AttributeValue object into f.
func (d *avDecoder) member(f *avFields, name []byte, depth int) error {
	t := typeByName(name)
	if t == TypeNone {
		return d.skipValue()
	}
	f.unset(t)
	if d.kind() == jsonNull {
		return d.literal("null")
	}
	outer := d.invalid
	d.invalid = nil
	v, err := d.field(t, depth)
	f.vals[t], f.errs[t] = v, d.invalid
	f.order[f.n] = t
	f.n++
	d.invalid = outer
	return err
}

// typeByName returns the type with the given wire name, or TypeNone.
func typeByName(name []byte) Type {
	for t := TypeS; t <= TypeBS; t++ {
		if typeNames[t] == string(name) {
			return t
		}
	}
	return TypeNone
}

// field decodes the member of type t of an AttributeValue.
func (d *avDecoder) field(t Type, depth int) (Value, error) {
	switch t {
	case TypeS:
		s, err := d.str()
		return Value{Type: TypeS, S: s}, err
	case TypeN:
		s, err := d.str()
		return Value{Type: TypeN, S: d.number(s)}, err
	case TypeB:
		b, err := d.blob()
		return Value{Type: TypeB, B: b}, err
	case TypeBOOL:
		b, err := d.boolean()
		return Value{Type: TypeBOOL, Bool: b}, err
	case TypeNULL:
		b, err := d.boolean()
		if err == nil && !b {
			d.fail(validationError(msgNullFalse))
		}
		return Value{Type: TypeNULL}, err
	case TypeL:
		return d.list(depth)
	case TypeM:
		return d.mapValue(depth)
	}
	return d.set(t)
}

// str decodes a String.
func (d *avDecoder) str() (string, error) {
	if k := d.kind(); k != jsonString {
		return "", d.mismatchOrSyntax(k, targetString)
	}
	return d.readString()
}

// mismatchOrSyntax returns the syntax error for invalid JSON, or the
// serialization error for a value of kind k where t is expected.
func (d *avDecoder) mismatchOrSyntax(k jsonKind, t target) error {
	if k == jsonInvalid {
		return d.syntaxError()
	}
	isTrue := d.data[d.pos] == 't'
	if k == jsonBool || k == jsonInt || k == jsonDecimal {
		// Jackson fails on the token itself; check it is well formed first.
		if err := d.skipValue(); err != nil {
			return err
		}
	}
	if k == jsonBool && t == targetString {
		if isTrue {
			return serializationError("TRUE_VALUE cannot be converted to String")
		}
		return serializationError("FALSE_VALUE cannot be converted to String")
	}
	return mismatch(k, t)
}

// number validates a number and returns its canonical form, or the text
// itself after recording the validation error.
func (d *avDecoder) number(s string) string {
	c, err := CanonicalNumber(s)
	if err != nil {
		d.fail(err)
		return s
	}
	return c
}

// blob decodes a base64 Blob.
func (d *avDecoder) blob() ([]byte, error) {
	if k := d.kind(); k != jsonString {
		return nil, d.mismatchOrSyntax(k, targetBlob)
	}
	s, err := d.readStringBytes()
	if err != nil {
		return nil, err
	}
	return decodeBase64(s)
}

// decodeBase64 decodes standard, padded base64 as DynamoDB does. DynamoDB
// checks the length first (message confirmed by a Scylla issue quoting
// DynamoDB). For other malformed input dynalite gives the "last non-pad
// character" message, which DynamoDB gives at least for bad final
// characters ("=+/=", "+/+="); that it also covers invalid characters
// elsewhere is an assumption.
func decodeBase64(s []byte) ([]byte, error) {
	if len(s)%4 != 0 {
		return nil, serializationError(msgBase64Length + strconv.Itoa(utf16Len(string(s))))
	}
	// Go's decoder skips line breaks; DynamoDB's presumably does not.
	if bytes.ContainsAny(s, "\r\n") {
		return nil, serializationError(msgBase64Last)
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
	n, err := base64.StdEncoding.Strict().Decode(out, s)
	if err != nil {
		return nil, serializationError(msgBase64Last)
	}
	return out[:n], nil
}

// utf16Len returns the length of s in UTF-16 code units (Java's length).
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// boolean decodes a Boolean. Like DynamoDB (per dynalite), it accepts the
// strings true, false, 1, 0, yes and no in any case.
func (d *avDecoder) boolean() (bool, error) {
	switch k := d.kind(); k {
	case jsonBool:
		return d.readBool()
	case jsonString:
		s, err := d.readString()
		if err != nil {
			return false, err
		}
		switch strings.ToUpper(s) {
		case "TRUE", "1", "YES":
			return true, nil
		case "FALSE", "0", "NO":
			return false, nil
		}
		return false, serializationError(msgBadBoolean)
	default:
		return false, d.mismatchOrSyntax(k, targetBoolean)
	}
}

// list decodes an L.
func (d *avDecoder) list(depth int) (Value, error) {
	if k := d.kind(); k != jsonArray {
		return Value{}, d.mismatchOrSyntax(k, targetList)
	}
	l := []Value{}
	err := d.readArray(func() error {
		v, err := d.value(depth + 1)
		l = append(l, v)
		return err
	})
	return Value{Type: TypeL, L: l}, err
}

// mapValue decodes an M.
func (d *avDecoder) mapValue(depth int) (Value, error) {
	if k := d.kind(); k != jsonObject {
		return Value{}, d.mismatchOrSyntax(k, targetMap)
	}
	m, err := d.mapBody(depth + 1)
	return Value{Type: TypeM, M: m}, err
}

// mapBody decodes an object of attribute values at the given depth. A
// repeated name keeps the last value, as Jackson does, and only the
// validation errors of the values kept count, in the order of their names'
// last appearance.
func (d *avDecoder) mapBody(depth int) (map[string]Value, error) {
	m := map[string]Value{}
	var errs []memberError
	err := d.readObject(func(name []byte) error {
		v, verr, err := d.isolated(depth)
		key := string(name)
		if len(errs) > 0 {
			// Only names in m have errors, so this drops a repeated
			// name's earlier error without first looking the name up.
			errs = slices.DeleteFunc(errs, func(e memberError) bool { return e.name == key })
		}
		m[key] = v
		if verr != nil {
			errs = append(errs, memberError{key, verr})
		}
		return err
	})
	if len(errs) > 0 {
		d.fail(errs[0].err)
	}
	return m, err
}

// memberError is the validation error of a map member.
type memberError struct {
	name string
	err  error
}

// isolated decodes a value and returns its validation error separately.
func (d *avDecoder) isolated(depth int) (Value, error, error) {
	outer := d.invalid
	d.invalid = nil
	v, err := d.value(depth)
	verr := d.invalid
	d.invalid = outer
	return v, verr, err
}

// set decodes an SS, NS or BS, validates it and sorts it (see SortSet).
func (d *avDecoder) set(t Type) (Value, error) {
	if k := d.kind(); k != jsonArray {
		return Value{}, d.mismatchOrSyntax(k, targetList)
	}
	v := Value{Type: t}
	err := d.readArray(func() error {
		return d.setElement(&v)
	})
	if err != nil {
		return v, err
	}
	if t == TypeNS {
		return d.numberSet(v), nil
	}
	if err := v.validateSet(); err != nil {
		d.fail(err)
		return v, nil
	}
	v.SortSet()
	return v, nil
}

// setElement decodes one element of a set into v.
func (d *avDecoder) setElement(v *Value) error {
	if d.kind() == jsonNull {
		return d.nullSetElement(v)
	}
	if v.Type == TypeBS {
		b, err := d.blob()
		v.BS = append(v.BS, b)
		return err
	}
	s, err := d.str()
	v.SS = append(v.SS, s)
	return err
}

// nullSetElement handles a JSON null in a set. In a number set DynamoDB
// treats it like an empty string (dynalite); for the other sets its answer
// is unknown and this decoder reports a serialization error.
func (d *avDecoder) nullSetElement(v *Value) error {
	if err := d.literal("null"); err != nil {
		return err
	}
	if v.Type != TypeNS {
		return serializationError(msgNullSetElement)
	}
	v.SS = append(v.SS, "")
	return nil
}

// numberSet validates a decoded NS and canonicalizes its numbers.
func (d *avDecoder) numberSet(v Value) Value {
	if err := v.validateSet(); err != nil {
		d.fail(err)
		return v
	}
	for i, s := range v.SS {
		v.SS[i], _ = CanonicalNumber(s)
	}
	v.SortSet()
	return v
}
