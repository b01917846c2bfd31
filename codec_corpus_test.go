package db

import (
	"encoding"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The corpus of the compatibility tests: types of many shapes, and values
// of them, which the codec must encode and decode as attributevalue does.

type cBasic struct {
	S   string
	I   int
	I8  int8
	I16 int16
	I32 int32
	I64 int64
	U   uint
	U8  uint8
	U16 uint16
	U32 uint32
	U64 uint64
	F32 float32
	F64 float64
	B   bool
	Bs  []byte
	Arr [4]byte
}

type cTags struct {
	Renamed     string         `dynamodbav:"renamed"`
	Ignored     string         `dynamodbav:"-"`
	IgnoredOpt  string         `dynamodbav:"-,omitempty"`
	Comma       string         `dynamodbav:","`
	Omit        string         `dynamodbav:",omitempty"`
	OmitInt     int            `dynamodbav:",omitempty"`
	OmitBool    bool           `dynamodbav:"ob,omitempty"`
	OmitPtr     *int           `dynamodbav:",omitempty"`
	OmitSlice   []string       `dynamodbav:",omitempty"`
	OmitMap     map[string]int `dynamodbav:",omitempty"`
	OmitArr     [0]int         `dynamodbav:",omitempty"`
	OmitTime    time.Time      `dynamodbav:",omitempty"`
	OmitStruct  cInner         `dynamodbav:",omitempty"`
	Null        string         `dynamodbav:",nullempty"`
	NullInt     int            `dynamodbav:",nullempty"`
	NullPtr     *string        `dynamodbav:",nullempty"`
	AsString    int            `dynamodbav:",string"`
	AsStringU   uint16         `dynamodbav:",string"`
	AsStringF   float64        `dynamodbav:",string"`
	AsStringPtr *int           `dynamodbav:",string"`
	AsStringNum Number         `dynamodbav:",string"`
	AsStringStr string         `dynamodbav:",string"`
	AsStringSl  []int          `dynamodbav:",string"`
	SS          []string       `dynamodbav:",stringset"`
	NS          []int          `dynamodbav:",numberset"`
	NSf         []float64      `dynamodbav:",numberset"`
	NSnum       []Number       `dynamodbav:",numberset"`
	BS          [][]byte       `dynamodbav:",binaryset"`
	BSDefault   [][]byte
	EmptySS     []string          `dynamodbav:",stringset"`
	SSArr       [2]string         `dynamodbav:",stringset"`
	Unix        time.Time         `dynamodbav:",unixtime"`
	UnixPtr     *time.Time        `dynamodbav:",unixtime"`
	UnixSlice   []time.Time       `dynamodbav:",unixtime"`
	OmitElem    []string          `dynamodbav:",omitemptyelem"`
	OmitElemMap map[string]string `dynamodbav:",omitemptyelem"`
	NullElem    []string          `dynamodbav:",nullemptyelem"`
	NullElemMap map[string]*int   `dynamodbav:",nullemptyelem"`
	OmitNested  [][]string        `dynamodbav:",omitempty,omitemptyelem"`
	OmitPtrPtr  **int             `dynamodbav:",omitempty,omitemptyelem"`
	PtrPtr      **int             `dynamodbav:",omitempty"`
	Unknown     string            `dynamodbav:"u,whatever"`
}

type cInner struct {
	A        string
	B        int
	Shadowed string
}

type cInner2 struct {
	A string
	C int
}

type Exported struct {
	E string
	F int `dynamodbav:"f"`
}

type cAlsoE struct{ E string }

type cEmbed struct {
	cInner
	*cInner2
	Shadowed int
	Named    cInner `dynamodbav:"named"`
}

type cEmbedTagged struct {
	Exported `dynamodbav:"exp"`
	Own      string
}

type cEmbedPtr struct {
	*Exported
	Other string
}

type cEmbedDup struct {
	Exported
	cAlsoE
	G string
}

type cLevel1 struct{ Exported }
type cLevel2 struct{ Exported }

type cEmbedDeepDup struct {
	cLevel1
	cLevel2
}

type cTagWins struct {
	Exported
	cTagged
}

type cTagged struct {
	X string `dynamodbav:"E"`
}

type cMyString string
type cMyInt int
type cMyStrings []string

type cEmbedNonStruct struct {
	cMyString
	cMyInt
	cMyStrings
	Own string
}

type cEmbedExportedNonStruct struct {
	MyName
	*MyNum
}

type MyName string
type MyNum int

type hidden struct{ X int }

type cHiddenTagged struct {
	hidden  `dynamodbav:"h"`
	*cInner `dynamodbav:"hp"`
}

type cMarsh struct{ V string }

func (m cMarsh) MarshalDynamoDBAttributeValue() (types.AttributeValue, error) {
	return &types.AttributeValueMemberS{Value: "m:" + m.V}, nil
}

func (m *cMarsh) UnmarshalDynamoDBAttributeValue(av types.AttributeValue) error {
	if s, ok := av.(*types.AttributeValueMemberS); ok && s != nil {
		m.V = strings.TrimPrefix(s.Value, "m:")
		return nil
	}
	m.V = fmt.Sprintf("other %T", av)
	return nil
}

type cPtrMarsh struct{ V int }

func (m *cPtrMarsh) MarshalDynamoDBAttributeValue() (types.AttributeValue, error) {
	return &types.AttributeValueMemberN{Value: strconv.Itoa(m.V * 10)}, nil
}

func (m *cPtrMarsh) UnmarshalDynamoDBAttributeValue(av types.AttributeValue) error {
	m.V = -1
	switch av := av.(type) {
	case *types.AttributeValueMemberN:
		if av != nil {
			n, err := strconv.Atoi(av.Value)
			m.V = n / 10
			return err
		}
	case *types.AttributeValueMemberSS:
		if av != nil {
			m.V = len(av.Value)
		}
	case *types.AttributeValueMemberM:
		if av != nil {
			m.V = -len(av.Value)
		}
	}
	return nil
}

type cNilMarsh struct{ V string }

func (cNilMarsh) MarshalDynamoDBAttributeValue() (types.AttributeValue, error) { return nil, nil }

type cErrMarsh struct{}

func (cErrMarsh) MarshalDynamoDBAttributeValue() (types.AttributeValue, error) {
	return nil, fmt.Errorf("no")
}

type cMarshalers struct {
	M    cMarsh
	MP   *cMarsh
	PM   cPtrMarsh
	PMP  *cPtrMarsh
	L    []cPtrMarsh
	LP   []*cPtrMarsh
	Map  map[string]cPtrMarsh
	Arr  [2]cPtrMarsh
	N    cNilMarsh
	Set  []cPtrMarsh `dynamodbav:",numberset"`
	Any  any
	Omit *cMarsh `dynamodbav:",omitempty"`
}

type cOuterMarsh struct{ cMarsh }

type cText struct{ A, B string }

func (t cText) MarshalText() ([]byte, error) { return []byte(t.A + "|" + t.B), nil }

func (t *cText) UnmarshalText(b []byte) error {
	t.A, t.B, _ = strings.Cut(string(b), "|")
	return nil
}

var _ encoding.TextMarshaler = cText{}

type cStringer string

func (s cStringer) String() string { return "<" + string(s) + ">" }

type cMaps struct {
	SI      map[string]int
	IS      map[int]string
	I8S     map[int8]string
	US      map[uint64]bool
	BI      map[bool]int
	FS      map[float64]string
	F32S    map[float32]string
	TI      map[cText]int
	StrI    map[cStringer]int
	SP      map[string]*int
	SA      map[string]any
	SB      map[string][]byte
	SS      map[string][]string
	SM      map[string]map[string]int
	Item    Item
	Nested  map[string]cInner
	NamedSI map[cMyString]cMyInt
}

type cSlices struct {
	Ints    []int
	Strs    []string
	Arr     [3]int
	Zero    [0]int
	Ptrs    []*int
	Nested  [][]int
	Anys    []any
	Bytes   []byte
	ByteArr [4]byte
	BytesL  [][]byte
	BArr    [2][]byte
	Structs []cInner
	Named   cMyStrings
	Times   []time.Time
}

type cPtrs struct {
	I    *int
	S    *string
	PP   **int
	St   *cInner
	StPP **cInner
	T    *time.Time
	Sl   *[]string
	M    *map[string]int
}

type cIfaces struct {
	A     any
	B     any
	C     any
	D     any
	E     any
	NilP  any
	Omit  any `dynamodbav:",omitempty"`
	OmitE any `dynamodbav:",omitempty,omitemptyelem"`
	Str   fmt.Stringer
}

type cMyTime time.Time

type cTimes struct {
	T    time.Time
	Z    time.Time
	Loc  time.Time
	P    *time.Time
	Mine cMyTime
	TS   time.Time `dynamodbav:",string"`
}

type cOwn struct {
	N   Number
	NS  NumberSet
	SS  StringSet
	BS  BinarySet
	It  Item
	ESS StringSet
}

type cNode struct {
	V    int
	Next *cNode
	Kids []cNode
}

type cDeep struct {
	A struct {
		B struct {
			C []map[string][]struct{ D int }
		}
	}
}

func ptr[T any](v T) *T { return &v }

// corpus returns the values of the compatibility tests.
func corpus() []any {
	seven := 7
	zero := 0
	now := time.Date(2024, 5, 17, 10, 11, 12, 123456789, time.UTC)
	east := time.Date(2024, 5, 17, 10, 11, 12, 0, time.FixedZone("X", 3600+1800))
	return []any{
		cBasic{},
		cBasic{"s", -1, -8, -16, -32, -64, 1, 8, 16, 32, 1 << 63, 1.5, 3.25e300, true, []byte{}, [4]byte{1, 2, 3, 4}},
		cBasic{F32: 0.1, F64: 0.1, Bs: []byte("x")},
		cTags{},
		cTags{
			Renamed: "r", Ignored: "i", IgnoredOpt: "io", Comma: "c", Omit: "o", OmitInt: 1, OmitBool: true,
			OmitPtr: &zero, OmitSlice: []string{}, OmitMap: map[string]int{}, Null: "n", NullInt: 2,
			NullPtr: ptr(""), AsString: 42, AsStringU: 7, AsStringF: 1.25, AsStringPtr: &seven, AsStringNum: "12.5",
			AsStringStr: "x", AsStringSl: []int{1, 2}, SS: []string{"a", "b"}, NS: []int{1, 2}, NSf: []float64{0.5},
			NSnum: []Number{"1", "2.5"}, BS: [][]byte{{1}, {2}}, BSDefault: [][]byte{{3}}, EmptySS: []string{},
			SSArr: [2]string{"x", "y"}, Unix: now, UnixPtr: &now, UnixSlice: []time.Time{now},
			OmitElem: []string{"", "a", ""}, OmitElemMap: map[string]string{"a": "", "b": "c"},
			NullElem: []string{"", "a"}, NullElemMap: map[string]*int{"a": nil, "b": &zero},
			OmitNested: [][]string{{"", "a"}, nil, {}}, OmitPtrPtr: ptr[*int](nil), PtrPtr: ptr(&zero),
			Unknown: "u",
		},
		cTags{OmitPtrPtr: ptr(&seven), PtrPtr: ptr[*int](nil)},
		cEmbed{cInner: cInner{"a", 1, "s"}, cInner2: &cInner2{"a2", 2}, Shadowed: 3, Named: cInner{A: "n"}},
		cEmbed{cInner: cInner{"a", 1, "s"}},
		cEmbedTagged{Exported{"e", 1}, "own"},
		cEmbedPtr{},
		cEmbedPtr{&Exported{"e", 2}, "o"},
		cEmbedDup{Exported{"e", 1}, cAlsoE{"e2"}, "g"},
		cEmbedDeepDup{cLevel1{Exported{"1", 1}}, cLevel2{Exported{"2", 2}}},
		cTagWins{Exported{"e", 1}, cTagged{"x"}},
		cEmbedNonStruct{Own: "own"},
		cHiddenTagged{hidden{3}, &cInner{A: "a"}},
		cHiddenTagged{},
		cEmbedExportedNonStruct{"name", ptr(MyNum(5))},
		cMarshalers{},
		cMarshalers{
			M: cMarsh{"a"}, MP: &cMarsh{"b"}, PM: cPtrMarsh{1}, PMP: &cPtrMarsh{2},
			L: []cPtrMarsh{{3}}, LP: []*cPtrMarsh{{4}, nil}, Map: map[string]cPtrMarsh{"k": {5}},
			Arr: [2]cPtrMarsh{{6}, {7}}, N: cNilMarsh{"n"}, Set: []cPtrMarsh{{8}, {9}}, Any: cMarsh{"c"},
		},
		cOuterMarsh{cMarsh{"outer"}},
		cMaps{},
		cMaps{
			SI: map[string]int{"a": 1, "b": 2}, IS: map[int]string{-1: "m", 2: "t"}, I8S: map[int8]string{8: "e"},
			US: map[uint64]bool{1 << 63: true}, BI: map[bool]int{true: 1, false: 0},
			FS: map[float64]string{1.5: "x", 1e21: "big", 1e-7: "small"}, F32S: map[float32]string{0.1: "f"},
			TI: map[cText]int{{"a", "b"}: 1}, StrI: map[cStringer]int{"x": 1},
			SP: map[string]*int{"nil": nil, "z": &zero}, SA: map[string]any{"s": "x", "n": 1.5, "l": []any{"a", true}},
			SB: map[string][]byte{"b": {1}, "e": {}, "n": nil}, SS: map[string][]string{"a": {"x"}},
			SM: map[string]map[string]int{"m": {"x": 1}}, Item: Item{"n": Number("1"), "s": "x", "ss": StringSet{"a"}},
			Nested: map[string]cInner{"k": {A: "a"}}, NamedSI: map[cMyString]cMyInt{"k": 3},
		},
		cMaps{SI: map[string]int{}, SA: map[string]any{}},
		cSlices{},
		cSlices{
			Ints: []int{1, 2}, Strs: []string{"a", ""}, Arr: [3]int{1, 2, 3}, Ptrs: []*int{nil, &seven},
			Nested: [][]int{{1}, nil, {}}, Anys: []any{"a", 1, nil, []any{}, map[string]any{"x": false}},
			Bytes: []byte{9}, ByteArr: [4]byte{1}, BytesL: [][]byte{{1}, {}}, BArr: [2][]byte{{1}, nil},
			Structs: []cInner{{A: "a"}}, Named: cMyStrings{"n"}, Times: []time.Time{now, east},
		},
		cSlices{Ints: []int{}, Strs: []string{}, Bytes: []byte{}, Anys: []any{}},
		cPtrs{},
		cPtrs{I: &seven, S: ptr(""), PP: ptr(&seven), St: &cInner{A: "a"}, StPP: ptr(&cInner{B: 2}),
			T: &now, Sl: &[]string{"x"}, M: &map[string]int{"a": 1}},
		cPtrs{PP: ptr[*int](nil), StPP: ptr[*cInner](nil), Sl: ptr[[]string](nil)},
		cIfaces{},
		cIfaces{A: 1, B: "s", C: cInner{A: "a"}, D: &cInner{B: 1}, E: []any{1, "x"}, NilP: (*int)(nil),
			Omit: (*int)(nil), OmitE: (*int)(nil), Str: cStringer("x")},
		cIfaces{A: map[string]any{"a": []string{"x"}}, B: [][]byte{{1}}, C: ptr(ptr(3)), D: Number("5"), E: StringSet{"a"}},
		cTimes{},
		cTimes{T: now, Z: time.Time{}, Loc: east, P: &now, Mine: cMyTime(now), TS: now},
		cOwn{},
		cOwn{N: "123456789012345678901234567890.12345678", NS: NumberSet{"1", "2"}, SS: StringSet{"a", "b"},
			BS: BinarySet{{1}, {2}}, It: Item{"x": Number("1"), "l": []any{"a"}}, ESS: StringSet{}},
		cNode{V: 1, Next: &cNode{V: 2}, Kids: []cNode{{V: 3, Kids: []cNode{{V: 4}}}}},
		cDeep{},
		// Scalars, and values that are not structs.
		"", "s", 0, 7, -7, 1.5, float32(2.5), true, false, uint8(3), Number("1.50"), cMyString("m"), cMyInt(4),
		[]byte(nil), []byte{}, []byte{1, 2}, [2]byte{1, 2}, []string(nil), []string{}, []int{1}, [][]byte{{1}},
		map[string]int(nil), map[string]int{}, map[string]any{"a": 1, "b": nil}, Item{"a": "b"},
		StringSet{"a"}, StringSet{}, NumberSet{"1"}, BinarySet{{1}}, now, &now, cMyTime(now),
		[]any{1, "a", nil}, ptr(3), ptr[*int](nil), cMarsh{"top"}, &cPtrMarsh{3}, cPtrMarsh{4},
		map[string]cPtrMarsh{"a": {1}}, []cPtrMarsh{{2}}, [1]cPtrMarsh{{3}}, &[1]cPtrMarsh{{3}},
		&cInner{A: "p"}, ptr(&cInner{A: "pp"}), (*cInner)(nil),
	}
}
