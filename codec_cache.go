package db

import (
	"reflect"
	"sync"
	"sync/atomic"
)

// compiled returns the function that compile makes for k, compiling it
// once and keeping it in m. While it compiles, a recursive type that
// needs it finds standIn(get), which calls the compiled function.
func compileOnce[K comparable, F any](m *sync.Map, k K, compile func(K) F, standIn func(get func() F) F) F {
	if f, ok := m.Load(k); ok {
		return f.(F)
	}
	var (
		wg sync.WaitGroup
		f  F
	)
	wg.Add(1)
	get := func() F {
		wg.Wait()
		return f
	}
	if g, loaded := m.LoadOrStore(k, standIn(get)); loaded {
		return g.(F)
	}
	f = compile(k)
	wg.Done()
	m.Store(k, f)
	return f
}

// cached returns the function that compile makes for k, compiling it once
// and keeping it in m, for types that cannot refer to themselves.
func cached[K comparable, F any](m *sync.Map, k K, compile func(K) F) F {
	if f, ok := m.Load(k); ok {
		return f.(F)
	}
	f, _ := m.LoadOrStore(k, compile(k))
	return f.(F)
}

// typeCache keeps compiled functions by type; the last one asked for is
// found without hashing.
type typeCache[F any] struct {
	last atomic.Pointer[typeEntry[F]]
	all  sync.Map // reflect.Type → *typeEntry[F]
}

type typeEntry[F any] struct {
	t reflect.Type
	f F
}

// get returns the function that compile makes for t, compiling it once.
func (c *typeCache[F]) get(t reflect.Type, compile func(reflect.Type) F) F {
	if e := c.last.Load(); e != nil && e.t == t {
		return e.f
	}
	e := cached(&c.all, t, func(t reflect.Type) *typeEntry[F] { return &typeEntry[F]{t, compile(t)} })
	c.last.Store(e)
	return e.f
}
