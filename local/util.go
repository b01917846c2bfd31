package local

import "strconv"

// itoa formats an int.
func itoa(i int) string { return strconv.Itoa(i) }

// appendInt appends the decimal form of i.
func appendInt(dst []byte, i int) []byte { return strconv.AppendInt(dst, int64(i), 10) }
