package bench

import (
	"flag"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
)

var ratios = flag.Bool("ratios", false, "run TestCodecRatios, which measures for a minute or so")

// TestCodecRatios measures the codecs side by side: rounds of short slices
// of each codec in turn, in a rotating order, so that they share the
// machine's changing load alike. It prints, for marshal and unmarshal,
// the median over rounds of each codec's CPU and wall time per operation
// relative to dokklib's in the same round, and allocations per operation.
func TestCodecRatios(t *testing.T) {
	if !*ratios {
		t.Skip("run with -ratios")
	}
	item, err := attributevalue.MarshalMap(profile)
	if err != nil {
		t.Fatal(err)
	}
	ops := map[string]func(int) error{}
	for _, c := range codecs {
		ops["marshal "+c.name] = func(int) error { _, err := c.marshal(profile); return err }
		ops["unmarshal "+c.name] = func(int) error { var p Profile; return c.unmarshal(item, &p) }
	}
	for _, dir := range []string{"marshal", "unmarshal"} {
		t.Log(sideBySide(t, dir, ops, 30, 20*time.Millisecond))
	}
}

// slice is one codec's measure in one round, per operation.
type slice struct{ cpu, wall float64 }

// sideBySide runs rounds of the direction's operations and formats the
// median ratios to dokklib's.
func sideBySide(t *testing.T, dir string, ops map[string]func(int) error, rounds int, d time.Duration) string {
	names := make([]string, len(codecs))
	for i, c := range codecs {
		names[i] = c.name
	}
	perRound := make([]map[string]slice, rounds)
	for r := range rounds {
		perRound[r] = map[string]slice{}
		for i := range names {
			name := names[(i+r)%len(names)]
			perRound[r][name] = runSlice(t, ops[dir+" "+name], d)
		}
	}
	out := fmt.Sprintf("\n%s: median of %d rounds' ratios, codec / dokklib\n| codec | CPU | wall | allocs/op |\n| --- | --- | --- | --- |\n", dir, rounds)
	for _, name := range names {
		var cpu, wall []float64
		for _, m := range perRound {
			cpu = append(cpu, m[name].cpu/m["dokklib"].cpu)
			wall = append(wall, m[name].wall/m["dokklib"].wall)
		}
		allocs := testing.AllocsPerRun(100, func() { _ = ops[dir+" "+name](0) })
		out += fmt.Sprintf("| %s | %.2f | %.2f | %.0f |\n", name, median(cpu), median(wall), allocs)
	}
	return out
}

// runSlice runs op for about d and returns its CPU and wall time per
// operation, in nanoseconds.
func runSlice(t *testing.T, op func(int) error, d time.Duration) slice {
	startCPU, start := cpuTime(), time.Now()
	n := 0
	for ; time.Since(start) < d; n++ {
		for i := range 64 {
			if err := op(i); err != nil {
				t.Fatal(err)
			}
		}
	}
	n *= 64
	return slice{float64(cpuTime()-startCPU) / float64(n), float64(time.Since(start)) / float64(n)}
}

func median(xs []float64) float64 {
	slices.Sort(xs)
	return xs[len(xs)/2]
}
