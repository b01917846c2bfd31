package bench

import (
	"reflect"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/guregu/dynamo/v2"

	"github.com/dokklib/db"
)

// Address is the nested struct of Profile.
type Address struct {
	Street string
	City   string
	Zip    int
}

// Profile is a representative item: ten fields of strings, integers, a
// float, a bool, a time, a list, a map and a nested struct.
type Profile struct {
	ID      string
	Name    string
	Age     int
	Visits  int64
	Score   float64
	Active  bool
	Created time.Time
	Tags    []string
	Attrs   map[string]string
	Address Address
}

var profile = Profile{
	ID:      "USER#alice",
	Name:    "Alice Liddell",
	Age:     34,
	Visits:  123456,
	Score:   98.625,
	Active:  true,
	Created: time.Date(2024, 5, 17, 10, 11, 12, 123456789, time.UTC),
	Tags:    []string{"admin", "beta", "early-adopter"},
	Attrs:   map[string]string{"plan": "pro", "theme": "dark", "lang": "en"},
	Address: Address{Street: "1 Rabbit Hole", City: "Oxford", Zip: 12345},
}

// codecs are the libraries compared, by name, and code written by hand
// for Profile as a reference.
var codecs = []struct {
	name      string
	marshal   func(any) (map[string]types.AttributeValue, error)
	unmarshal func(map[string]types.AttributeValue, any) error
}{
	{"dokklib", db.MarshalItem, db.UnmarshalItem},
	{"attributevalue", attributevalue.MarshalMap, attributevalue.UnmarshalMap},
	{"guregu", func(v any) (map[string]types.AttributeValue, error) { return dynamo.MarshalItem(v) },
		func(m map[string]types.AttributeValue, out any) error { return dynamo.UnmarshalItem(m, out) }},
	{"handwritten", func(v any) (map[string]types.AttributeValue, error) { p := v.(Profile); return handMarshal(&p), nil },
		func(m map[string]types.AttributeValue, out any) error { return handUnmarshal(m, out.(*Profile)) }},
}

// TestCodecsAgree checks that the three codecs make the same item of
// profile and read it back the same.
func TestCodecsAgree(t *testing.T) {
	want, err := attributevalue.MarshalMap(profile)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range codecs {
		got, err := c.marshal(profile)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: marshal gives %v, %v", c.name, got, err)
		}
		var p Profile
		if err := c.unmarshal(want, &p); err != nil || !reflect.DeepEqual(p, profile) {
			t.Errorf("%s: unmarshal gives %+v, %v", c.name, p, err)
		}
	}
}

// cpuTime returns the CPU time that the process has used, in user and
// system mode: unlike the wall time, it leaves out the time spent waiting
// for a CPU, which dominates on a busy machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs op b.N times, reporting allocations and CPU time per op.
func measure(b *testing.B, op func() error) {
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

func BenchmarkMarshal(b *testing.B) {
	for _, c := range codecs {
		b.Run(c.name, func(b *testing.B) {
			measure(b, func() error {
				_, err := c.marshal(profile)
				return err
			})
		})
	}
}

func BenchmarkUnmarshal(b *testing.B) {
	item, err := attributevalue.MarshalMap(profile)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range codecs {
		b.Run(c.name, func(b *testing.B) {
			measure(b, func() error {
				var p Profile
				return c.unmarshal(item, &p)
			})
		})
	}
}
