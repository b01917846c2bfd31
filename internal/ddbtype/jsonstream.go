package ddbtype

// JSONKind is the kind of a JSON value, as JSONReader.Kind reports it.
type JSONKind uint8

// The kinds of JSON values. JSONInt is a number without fraction or
// exponent, JSONDecimal one with either; JSONInvalid is no value at all.
const (
	JSONInvalid = JSONKind(jsonInvalid)
	JSONNull    = JSONKind(jsonNull)
	JSONBool    = JSONKind(jsonBool)
	JSONInt     = JSONKind(jsonInt)
	JSONDecimal = JSONKind(jsonDecimal)
	JSONString  = JSONKind(jsonString)
	JSONArray   = JSONKind(jsonArray)
	JSONObject  = JSONKind(jsonObject)
)

// JSONReader reads one JSON document value by value, for decoders of
// request envelopes that hand the attribute values inside to ReadItem and
// ReadValue, so that the document is scanned once. Its errors are
// *SerializationError, or *ValidationError from ReadItem and ReadValue.
type JSONReader struct {
	r jsonReader
}

// NewJSONReader returns a reader at the start of data.
func NewJSONReader(data []byte) *JSONReader {
	return &JSONReader{r: jsonReader{data: data}}
}

// NewJSONReaderShared is NewJSONReader for data that nothing changes
// while the strings read from it live: the strings of ReadString and Name
// share data's bytes (or, for those with escapes, the bytes decoded for
// them) rather than copy them, so that reading many strings costs no
// allocation each. They keep data from being freed.
func NewJSONReaderShared(data []byte) *JSONReader {
	return &JSONReader{r: jsonReader{data: data, shared: true}}
}

// Name returns a member name that ReadObject gave, as a string: of a
// reader of NewJSONReaderShared, one that shares its bytes.
func (r *JSONReader) Name(name []byte) string { return r.r.str(name) }

// Kind skips whitespace and returns the kind of the next value.
func (r *JSONReader) Kind() JSONKind { return JSONKind(r.r.kind()) }

// End checks that only whitespace remains.
func (r *JSONReader) End() error { return r.r.end() }

// ReadNull consumes null.
func (r *JSONReader) ReadNull() error { return r.r.literal("null") }

// ReadBool consumes true or false.
func (r *JSONReader) ReadBool() (bool, error) {
	if r.r.kind() != jsonBool {
		return false, r.r.syntaxError()
	}
	return r.r.readBool()
}

// ReadNumber consumes a number and returns its text.
func (r *JSONReader) ReadNumber() ([]byte, error) {
	r.r.skipSpace()
	start := r.r.pos
	err := r.r.readNumber()
	return r.r.data[start:r.r.pos], err
}

// ReadString consumes a string and returns its value.
func (r *JSONReader) ReadString() (string, error) {
	r.r.skipSpace()
	return r.r.readString()
}

// ReadObject consumes an object, calling member with each member's name
// (valid only during the call) and the reader at the member's value, which
// member must consume.
func (r *JSONReader) ReadObject(member func(name []byte) error) error {
	if r.r.kind() != jsonObject {
		return r.r.syntaxError()
	}
	return r.r.readObject(member)
}

// ReadArray consumes an array, calling elem with the reader at each
// element, which elem must consume.
func (r *JSONReader) ReadArray(elem func() error) error {
	if r.r.kind() != jsonArray {
		return r.r.syntaxError()
	}
	return r.r.readArray(elem)
}

// Skip consumes any value and returns its text.
func (r *JSONReader) Skip() ([]byte, error) {
	r.r.skipSpace()
	start := r.r.pos
	err := r.r.skipValue()
	return r.r.data[start:r.r.pos], err
}

// ReadItem consumes an item as Item.UnmarshalJSON decodes it, returning
// nil for JSON null.
func (r *JSONReader) ReadItem() (Item, error) {
	d := r.decoder()
	m, err := d.item()
	return m, r.done(&d, err)
}

// ReadValue consumes an attribute value as Value.UnmarshalJSON decodes
// it, returning the zero Value for JSON null.
func (r *JSONReader) ReadValue() (Value, error) {
	d := r.decoder()
	v, err := d.nullableValue()
	return v, r.done(&d, err)
}

// decoder returns an attribute value decoder at the reader's position,
// with its own nesting count as when the value is decoded on its own.
func (r *JSONReader) decoder() avDecoder {
	return avDecoder{jsonReader: jsonReader{data: r.r.data, pos: r.r.pos}}
}

// done moves the reader past what d consumed and returns err, else d's
// validation error.
func (r *JSONReader) done(d *avDecoder, err error) error {
	r.r.pos = d.pos
	if err == nil {
		err = d.invalid
	}
	return err
}
