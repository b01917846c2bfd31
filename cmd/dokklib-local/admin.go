package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/dokklib/db/local"
)

// adminPrefix is the path of the admin endpoint, served with -admin.
const adminPrefix = "/_dokklib/"

// maxAdminBody bounds an admin request body.
const maxAdminBody = 1 << 20

// routes returns the server's handler: the engine, and with -admin the
// admin endpoint under adminPrefix.
func routes(eng *local.Engine, admin bool) http.Handler {
	if !admin {
		return eng
	}
	a := adminHandler(eng.Faults())
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, adminPrefix) {
			a.ServeHTTP(w, r)
			return
		}
		eng.ServeHTTP(w, r)
	})
}

// adminHandler returns the admin endpoint managing faults, for loopback
// clients only:
//
//	GET    /_dokklib/faults       the active faults, a JSON array
//	POST   /_dokklib/faults       add a fault (a JSON object) or several (an array); answers them with their IDs
//	DELETE /_dokklib/faults       remove every fault
//	DELETE /_dokklib/faults/{id}  remove one fault
func adminHandler(f *local.Faults) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_dokklib/faults", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, f.List())
	})
	mux.HandleFunc("POST /_dokklib/faults", func(w http.ResponseWriter, r *http.Request) { addFaults(f, w, r) })
	mux.HandleFunc("DELETE /_dokklib/faults", func(w http.ResponseWriter, _ *http.Request) {
		f.Clear()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("DELETE /_dokklib/faults/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || !f.Remove(local.FaultID(id)) {
			writeError(w, http.StatusNotFound, "no fault "+r.PathValue("id"))
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	return loopbackOnly(mux)
}

// addFaults adds the faults of a POST body and answers them with their
// IDs. An invalid fault adds nothing after it.
func addFaults(f *local.Faults, w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxAdminBody))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	var faults []local.Fault
	if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && trimmed[0] != '[' {
		body = append(append([]byte{'['}, trimmed...), ']')
	}
	if err := json.Unmarshal(body, &faults); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	for i := range faults {
		if faults[i].ID, err = f.Add(faults[i]); err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
	}
	writeJSON(w, http.StatusCreated, faults)
}

// loopbackOnly refuses requests from other hosts than this one.
func loopbackOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			writeError(w, http.StatusForbidden, "the admin endpoint answers loopback clients only")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// writeJSON answers v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// writeError answers an error message as JSON with status.
func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]string{"error": msg})
	_, _ = w.Write(append(b, '\n'))
}
