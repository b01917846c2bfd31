package load

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/pprof"
	"os/signal"
	"syscall"
	"time"
)

// Serve serves h on the loopback address addr until SIGINT or SIGTERM.
// With profiling, it also serves net/http/pprof under /debug/pprof/.
func Serve(addr string, h http.Handler, profiling bool) error {
	if host, _, err := net.SplitHostPort(addr); err != nil || !net.ParseIP(host).IsLoopback() {
		return errors.New("load: serve on a loopback address only, such as 127.0.0.1:8000")
	}
	if profiling {
		mux := http.NewServeMux()
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.Handle("/", h)
		h = mux
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutCtx)
}
