package expr

import (
	"sort"
	"unicode/utf16"
)

// DynamoDB is written in Java, and a few of its messages list elements in
// the iteration order of a java.util.HashMap or HashSet: the keys reported
// as unused in ExpressionAttributeNames/Values, and the second path of a
// "Two document paths overlap/conflict" message. The helpers here
// reproduce that order: buckets in index order, where the index is the
// spread hash code masked by the table size, and insertion order within a
// bucket.

// javaStringHash returns java.lang.String.hashCode() of s, computed over
// UTF-16 code units.
func javaStringHash(s string) int32 {
	var h int32
	for _, r := range s {
		if r >= 0x10000 {
			hi, lo := utf16.EncodeRune(r)
			h = 31*h + hi
			h = 31*h + lo
			continue
		}
		h = 31*h + r
	}
	return h
}

// javaBucket returns the HashMap bucket of a key with hash code h in a
// table of size tableSize (a power of two).
func javaBucket(h int32, tableSize int) int {
	u := uint32(h)
	return int((u ^ u>>16) & uint32(tableSize-1))
}

// javaTableSize returns the table size of a HashMap that started with the
// default capacity and had n entries put into it.
func javaTableSize(n int) int {
	size := 16
	for n > size*3/4 {
		size *= 2
	}
	return size
}

// javaSetTableSize returns the table size of new HashSet<>(c) for a
// collection c of n elements: max(n/.75+1, 16) rounded up to a power of
// two.
func javaSetTableSize(n int) int {
	want := max(int(float32(n)/0.75)+1, 16)
	size := 1
	for size < want {
		size *= 2
	}
	return size
}

// javaHashSetOrder returns keys in the order a java.util.HashSet<String>
// built from a collection of total elements iterates them. keys must be in
// insertion order, which decides ties within a bucket.
func javaHashSetOrder(keys []string, total int) []string {
	size := javaSetTableSize(total)
	out := append([]string(nil), keys...)
	sort.SliceStable(out, func(i, j int) bool {
		return javaBucket(javaStringHash(out[i]), size) < javaBucket(javaStringHash(out[j]), size)
	})
	return out
}

// docPathElemHash returns the hash code DynamoDB gives a document path
// element: Apache Commons HashCodeBuilder(8191, 127) over the name or the
// index.
func docPathElemHash(e PathElem) int32 {
	const seed = int32(8191 * 127)
	if e.IsIndex {
		return seed + int32(e.Index)
	}
	return seed + javaStringHash(e.Name)
}

// HashSetOrder returns names in the order a java.util.HashSet<String> of
// them iterates, the order of the names some of DynamoDB's messages list.
// names must be in insertion order, which decides ties.
func HashSetOrder(names []string) []string { return javaHashSetOrder(names, len(names)) }
