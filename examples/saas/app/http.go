package app

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/dokklib/db"
)

// The page sizes of GET /orgs/{org}/tasks: when ?limit= is not given,
// and the most it may be.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// NewHandler returns the service's JSON API over HTTP:
//
//	POST   /users                                sign a user up
//	PATCH  /users/{user}                         change a user's email
//	GET    /users/{user}/orgs                    the orgs a user is a member of
//	POST   /orgs                                 create an org with its owner
//	GET    /orgs/{org}                           everything an org holds
//	DELETE /orgs/{org}                           delete it
//	GET    /orgs/{org}/members                   the members of an org
//	PUT    /orgs/{org}/members/{user}            add a member
//	POST   /orgs/{org}/projects                  create a project
//	PATCH  /orgs/{org}/projects/{project}        rename a project, at a version
//	POST   /orgs/{org}/projects/{project}/tasks  create a task
//	GET    /orgs/{org}/projects/{project}/tasks  its tasks due ?from= ?to= (RFC 3339)
//	GET    /orgs/{org}/tasks                     a page: ?status= ?limit= ?cursor=
//	PATCH  /orgs/{org}/tasks/{task}              set a task's status
//
// Lists are {"items": [...]}, with "next", the cursor of the next page,
// for pages. Errors are {"error": "..."}: 400 for invalid input, 404 when
// what is named does not exist, 409 for a taken id or email and for a
// stale version, 500 otherwise (and the error is logged).
func NewHandler(s *Service) http.Handler {
	h := handler{s}
	mux := http.NewServeMux()
	for pattern, f := range map[string]handlerFunc{
		"POST /users":                               h.createUser,
		"PATCH /users/{user}":                       h.changeEmail,
		"GET /users/{user}/orgs":                    h.orgsOf,
		"POST /orgs":                                h.createOrg,
		"GET /orgs/{org}":                           h.export,
		"DELETE /orgs/{org}":                        h.deleteOrg,
		"GET /orgs/{org}/members":                   h.members,
		"PUT /orgs/{org}/members/{user}":            h.addMember,
		"POST /orgs/{org}/projects":                 h.createProject,
		"PATCH /orgs/{org}/projects/{project}":      h.renameProject,
		"POST /orgs/{org}/projects/{project}/tasks": h.createTask,
		"GET /orgs/{org}/projects/{project}/tasks":  h.tasksDue,
		"GET /orgs/{org}/tasks":                     h.listTasks,
		"PATCH /orgs/{org}/tasks/{task}":            h.setTaskStatus,
	} {
		mux.Handle(pattern, f)
	}
	return mux
}

// handlerFunc is an HTTP handler that returns its error, for ServeHTTP to
// write.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// ServeHTTP runs f, and writes its error, if any, with its status.
func (f handlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	err := f(w, r)
	if err == nil {
		return
	}
	code, msg := http.StatusInternalServerError, http.StatusText(http.StatusInternalServerError)
	for _, e := range httpErrors {
		if errors.Is(err, e.err) {
			code, msg = e.code, cmp.Or(e.msg, err.Error())
			break
		}
	}
	if code == http.StatusInternalServerError {
		slog.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeJSON(w, code, map[string]string{"error": msg})
}

// errBadRequest is wrapped by the errors of requests that do not parse.
var errBadRequest = errors.New("bad request")

// httpErrors are the HTTP statuses and messages of the errors of the
// service, the first that matches first; a 400 says what was wrong.
var httpErrors = []struct {
	err  error
	code int
	msg  string
}{
	{errBadRequest, http.StatusBadRequest, ""},
	{db.ErrInvalidArgument, http.StatusBadRequest, ""},
	{ErrUnknownUser, http.StatusNotFound, "no such user"},
	{ErrUnknownOrg, http.StatusNotFound, "no such org"},
	{ErrUnknownProject, http.StatusNotFound, "no such project"},
	{db.ErrNotFound, http.StatusNotFound, "not found"},
	{db.ErrNotUnique, http.StatusConflict, "another user has that email"},
	{db.ErrVersionConflict, http.StatusConflict, "version conflict: it changed since that version"},
	{db.ErrExists, http.StatusConflict, "that id is taken"},
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// reply writes v with the status code, unless err is not nil.
func reply(w http.ResponseWriter, code int, v any, err error) error {
	if err == nil {
		writeJSON(w, code, v)
	}
	return err
}

// list is the body of a list: its items, and the cursor of the next page.
type list[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// replyList writes items as a list, [] when there are none.
func replyList[T any](w http.ResponseWriter, items []T, next string, err error) error {
	if items == nil {
		items = []T{}
	}
	return reply(w, http.StatusOK, list[T]{Items: items, Next: next}, err)
}

// decode reads the request's JSON body into v.
func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: body: %w", errBadRequest, err)
	}
	return nil
}

// handler holds the handlers of the routes.
type handler struct{ s *Service }

func (h handler) createUser(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		UserID string `json:"user_id"`
		Email  string `json:"email"`
		Name   string `json:"name"`
	}
	if err := decode(r, &body); err != nil {
		return err
	}
	u, err := h.s.CreateUser(r.Context(), User{UserID: body.UserID, Email: body.Email, Name: body.Name})
	return reply(w, http.StatusCreated, u, err)
}

func (h handler) changeEmail(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Email string `json:"email"`
	}
	if err := decode(r, &body); err != nil {
		return err
	}
	u, err := h.s.ChangeEmail(r.Context(), r.PathValue("user"), body.Email)
	return reply(w, http.StatusOK, u, err)
}

func (h handler) orgsOf(w http.ResponseWriter, r *http.Request) error {
	orgs, err := h.s.OrgsOf(r.Context(), r.PathValue("user"))
	return replyList(w, orgs, "", err)
}

func (h handler) createOrg(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		OrgID string `json:"org_id"`
		Name  string `json:"name"`
		Owner string `json:"owner"`
	}
	if err := decode(r, &body); err != nil {
		return err
	}
	org, err := h.s.CreateOrg(r.Context(), Org{OrgID: body.OrgID, Name: body.Name}, body.Owner)
	return reply(w, http.StatusCreated, org, err)
}

func (h handler) export(w http.ResponseWriter, r *http.Request) error {
	data, err := h.s.Export(r.Context(), r.PathValue("org"))
	if err == nil && len(data.Orgs) == 0 {
		err = ErrUnknownOrg
	}
	return reply(w, http.StatusOK, data, err)
}

func (h handler) deleteOrg(w http.ResponseWriter, r *http.Request) error {
	deleted, err := h.s.DeleteOrg(r.Context(), r.PathValue("org"))
	if err == nil && len(deleted) == 0 {
		err = ErrUnknownOrg
	}
	return reply(w, http.StatusOK, map[string]any{"deleted": deleted}, err)
}

func (h handler) members(w http.ResponseWriter, r *http.Request) error {
	ms, err := h.s.Members(r.Context(), r.PathValue("org"))
	return replyList(w, ms, "", err)
}

func (h handler) addMember(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Role Role `json:"role"`
	}
	if err := decode(r, &body); err != nil {
		return err
	}
	m, err := h.s.AddMember(r.Context(), r.PathValue("org"), r.PathValue("user"), body.Role)
	return reply(w, http.StatusCreated, m, err)
}

func (h handler) createProject(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		ProjectID string `json:"project_id"`
		Name      string `json:"name"`
	}
	if err := decode(r, &body); err != nil {
		return err
	}
	p, err := h.s.CreateProject(r.Context(), Project{OrgID: r.PathValue("org"), ProjectID: body.ProjectID, Name: body.Name})
	return reply(w, http.StatusCreated, p, err)
}

func (h handler) renameProject(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Name    string `json:"name"`
		Version int    `json:"version"`
	}
	if err := decode(r, &body); err != nil {
		return err
	}
	p, err := h.s.RenameProject(r.Context(), r.PathValue("org"), r.PathValue("project"), body.Name, body.Version)
	return reply(w, http.StatusOK, p, err)
}

func (h handler) createTask(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		TaskID string    `json:"task_id"`
		Title  string    `json:"title"`
		Status Status    `json:"status"`
		Due    time.Time `json:"due"`
	}
	if err := decode(r, &body); err != nil {
		return err
	}
	t, err := h.s.CreateTask(r.Context(), Task{OrgID: r.PathValue("org"), ProjectID: r.PathValue("project"),
		TaskID: body.TaskID, Title: body.Title, Status: body.Status, Due: body.Due})
	return reply(w, http.StatusCreated, t, err)
}

func (h handler) tasksDue(w http.ResponseWriter, r *http.Request) error {
	from, err := timeParam(r, "from")
	if err != nil {
		return err
	}
	to, err := timeParam(r, "to")
	if err != nil {
		return err
	}
	tasks, err := h.s.TasksDue(r.Context(), r.PathValue("org"), r.PathValue("project"), from, to)
	return replyList(w, tasks, "", err)
}

// timeParam parses the query parameter name, an RFC 3339 time; the zero
// time when it is not given.
func timeParam(r *http.Request, name string) (time.Time, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %s: %w", errBadRequest, name, err)
	}
	return t, nil
}

func (h handler) listTasks(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit := DefaultPageSize
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxPageSize {
			return fmt.Errorf("%w: limit %q is not from 1 to %d", errBadRequest, s, MaxPageSize)
		}
		limit = n
	}
	page, err := h.s.ListTasks(r.Context(), r.PathValue("org"), Status(q.Get("status")), q.Get("cursor"), limit)
	return replyList(w, page.Items, page.Next, err)
}

func (h handler) setTaskStatus(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Status Status `json:"status"`
	}
	if err := decode(r, &body); err != nil {
		return err
	}
	t, err := h.s.SetTaskStatus(r.Context(), r.PathValue("org"), r.PathValue("task"), body.Status)
	return reply(w, http.StatusOK, t, err)
}
