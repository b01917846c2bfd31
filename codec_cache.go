package db

import "sync"

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
