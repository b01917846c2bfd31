package ddbtype

// Sizes as DynamoDB computes them.
//
// Source: the developer guide, "DynamoDB item sizes and formats"
// (CapacityUnitCalculations.html):
//   - an item's size is the sum, over its attributes, of the UTF-8 length of
//     the name plus the size of the value;
//   - S: UTF-8 bytes; B: raw bytes; BOOL and NULL: 1 byte;
//   - N: "approximately 1 byte per two significant digits, plus 1 byte";
//     leading and trailing zeros are trimmed;
//   - L and M: 3 bytes, plus for each element 1 byte and its size (for a
//     map element, the UTF-8 length of its name plus its value's size);
//   - sets: the sum of their elements' sizes.
//
// Numbers, exactly. DynamoDB's number limits (38 digits, 1E-130 to below
// 1E126) are those of Oracle's NUMBER, and Oracle's NUMBER length matches
// every number size measured on DynamoDB that we know of: dynalite's size
// formula and tests (written against DynamoDB), and the 33 literals
// nubo-db/dynoxide measured byte-exact against eu-west-2 by bisecting the
// 400 KB limit ("-42" is 3 bytes, "1.5" is 3, "0.15" is 2, "1E125" is 2).
// The layout is one exponent byte, one byte per base-100 digit with the
// digits grouped in pairs either side of the decimal point and zero pairs
// at either end dropped, and for a negative number a terminating byte
// unless there are 20 base-100 digits. Zero is one byte. The
// 20-digit-negative exception is Oracle's rule; it was not observed on
// DynamoDB.
const (
	MaxItemSize         = 400 * 1024 // bytes, PutItem and the result of UpdateItem
	MaxPartitionKeySize = 2048       // bytes of a partition key value
	MaxSortKeySize      = 1024       // bytes of a sort key value
)

// DynamoDB's size messages, from dynalite (written against DynamoDB).
// "of2048" lacks a space in DynamoDB's message too.
const (
	msgItemTooLarge     = "Item size has exceeded the maximum allowed size"
	msgPartitionKeySize = "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"
	msgSortKeySize      = "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"
)

// Size returns the size DynamoDB counts for an attribute value, without the
// attribute name. A zero Value has size 0.
func (v Value) Size() int {
	switch v.Type {
	case TypeS:
		return len(v.S)
	case TypeN:
		return numberSize(v.S)
	case TypeB:
		return len(v.B)
	case TypeBOOL, TypeNULL:
		return 1
	case TypeL:
		return listSize(v.L)
	case TypeM:
		return 3 + len(v.M) + Item(v.M).Size()
	case TypeSS:
		return sum(v.SS, func(s string) int { return len(s) })
	case TypeNS:
		return sum(v.SS, numberSize)
	case TypeBS:
		return sum(v.BS, func(b []byte) int { return len(b) })
	}
	return 0
}

// Size returns the item's size as DynamoDB counts it against the 400 KB
// limit and for capacity units: the UTF-8 length of each attribute name
// plus the size of its value.
func (it Item) Size() int {
	n := 0
	for name, v := range it {
		n += len(name) + v.Size()
	}
	return n
}

// listSize returns the size of a list's elements plus its overhead.
func listSize(l []Value) int {
	n := 3 + len(l)
	for _, v := range l {
		n += v.Size()
	}
	return n
}

// sum adds up the sizes of set elements.
func sum[E any](s []E, size func(E) int) int {
	n := 0
	for _, e := range s {
		n += size(e)
	}
	return n
}

// NumberSize returns the size DynamoDB counts for the number in decimal
// text s (see the comment at the top); for text that is not a number, the
// text's length.
func NumberSize(s string) int { return numberSize(s) }

// numberSize returns the size of a number (see the comment at the top). For
// text that is not a number it returns the text's length.
func numberSize(s string) int {
	n, ok := scanNumber(s)
	if !ok {
		return len(s)
	}
	return n.size()
}

// size returns the Oracle NUMBER length of n.
func (n number) size() int {
	if n.isZero() {
		return 1
	}
	// Digit i has the power exp-1-i; pairs are aligned on even powers.
	first := floorDiv(n.exp-1, 2)
	last := floorDiv(n.exp-len(n.digits), 2)
	pairs := first - last + 1
	size := 1 + pairs
	if n.neg && pairs < 20 {
		size++
	}
	return size
}

// floorDiv divides rounding towards negative infinity.
func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// CheckItemSize returns DynamoDB's *ValidationError if the item is larger
// than MaxItemSize.
func CheckItemSize(it Item) error {
	_, err := CheckedItemSize(it)
	return err
}

// CheckedItemSize is CheckItemSize also returning the item's size, for
// callers that need it later and would otherwise compute it again.
func CheckedItemSize(it Item) (int, error) {
	size := it.Size()
	return size, CheckSize(size)
}

// CheckSize returns DynamoDB's *ValidationError for an item of the given
// size (Item.Size) over MaxItemSize.
func CheckSize(size int) error {
	if size > MaxItemSize {
		return validationError(msgItemTooLarge)
	}
	return nil
}

// CheckKeySize returns DynamoDB's *ValidationError if a partition key
// (partition true) or sort key value is too large. Numbers always fit.
func CheckKeySize(v Value, partition bool) error {
	size := v.Size()
	if v.Type == TypeN {
		return nil
	}
	switch {
	case partition && size > MaxPartitionKeySize:
		return validationError(msgPartitionKeySize)
	case !partition && size > MaxSortKeySize:
		return validationError(msgSortKeySize)
	}
	return nil
}

// WriteCapacityUnits returns the write capacity units for writing an item of
// the given size: one per started KB, at least one.
func WriteCapacityUnits(size int) float64 {
	return float64(max(1, (size+1023)/1024))
}

// ReadCapacityUnits returns the read capacity units for reading the given
// number of bytes: one per started 4 KB, at least one, halved for an
// eventually consistent read.
func ReadCapacityUnits(size int, consistent bool) float64 {
	units := float64(max(1, (size+4095)/4096))
	if consistent {
		return units
	}
	return units / 2
}
