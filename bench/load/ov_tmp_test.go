package load

import (
	"context"
	"testing"

	"github.com/dokklib/db/local"
)

func BenchmarkLib(b *testing.B) {
	eng := local.New()
	pairs, err := libraryPairs(context.Background(), eng)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range pairs {
		b.Run(p.op+"/lib", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				p.library(context.Background(), 0, i)
			}
		})
		b.Run(p.op+"/raw", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				p.raw(context.Background(), 0, i)
			}
		})
	}
}
