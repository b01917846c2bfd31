package main

import (
	"strconv"
	"strings"
)

// intList is a flag of comma-separated integers.
type intList []int

// String returns the integers, comma-separated.
func (l *intList) String() string {
	s := make([]string, len(*l))
	for i, n := range *l {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// Set parses comma-separated integers; "" is none.
func (l *intList) Set(v string) error {
	var out []int
	for f := range strings.SplitSeq(v, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			return err
		}
		out = append(out, n)
	}
	*l = out
	return nil
}
