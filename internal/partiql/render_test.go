package partiql

import (
	"strconv"
	"strings"
)

// render writes a statement back as PartiQL in a canonical form that
// shows its structure: every compound expression in parentheses, every
// name quoted, one keyword per update action.
func render(st Statement) string {
	switch st := st.(type) {
	case *Select:
		return renderSelect(st)
	case *Insert:
		return "INSERT INTO " + renderTarget(st.Target) + " VALUE " + renderExpr(st.Value)
	case *Update:
		var acts []string
		for _, a := range st.Actions {
			if a.Remove {
				acts = append(acts, "REMOVE "+renderPath(a.Path))
			} else {
				acts = append(acts, "SET "+renderPath(a.Path)+" = "+renderExpr(a.Value))
			}
		}
		return "UPDATE " + renderTarget(st.Target) + " " + strings.Join(acts, " ") + renderWhere(st.Where) + renderReturning(st.Returning)
	case *Delete:
		return "DELETE FROM " + renderTarget(st.Target) + renderWhere(st.Where) + renderReturning(st.Returning)
	case *Exists:
		return "EXISTS(" + renderSelect(st.Select) + ")"
	}
	return "?"
}

func renderSelect(s *Select) string {
	proj := "*"
	if s.Projection != nil {
		var ps []string
		for _, p := range s.Projection {
			ps = append(ps, renderPath(p))
		}
		proj = strings.Join(ps, ", ")
	}
	out := "SELECT " + proj + " FROM " + renderTarget(s.Target) + renderWhere(s.Where)
	if s.OrderBy != nil {
		out += " ORDER BY " + renderPath(s.OrderBy.Path)
		if s.OrderBy.Desc {
			out += " DESC"
		}
	}
	return out
}

func renderTarget(t Target) string {
	if t.Index != "" {
		return quoteName(t.Table) + "." + quoteName(t.Index)
	}
	return quoteName(t.Table)
}

func renderWhere(x Expr) string {
	if x == nil {
		return ""
	}
	return " WHERE " + renderExpr(x)
}

func renderReturning(r Returning) string {
	if r == ReturnNone {
		return ""
	}
	return " RETURNING " + r.String() + " *"
}

func renderPath(p Path) string {
	var b strings.Builder
	for i, el := range p.Elems {
		switch {
		case el.IsIndex:
			b.WriteString("[" + strconv.Itoa(el.Index) + "]")
		case i > 0:
			b.WriteString("." + quoteName(el.Name))
		default:
			b.WriteString(quoteName(el.Name))
		}
	}
	return b.String()
}

func renderList(xs []Expr) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = renderExpr(x)
	}
	return strings.Join(parts, ", ")
}

func renderExpr(x Expr) string {
	switch x := x.(type) {
	case *Path:
		return renderPath(*x)
	case *Literal:
		switch x.Kind {
		case LitString:
			return quoteString(x.Text)
		case LitNumber:
			return x.Text
		case LitBool:
			return strings.ToUpper(x.Text)
		case LitNull:
			return "NULL"
		}
		return "MISSING"
	case *Param:
		return "?"
	case *List:
		return "[" + renderList(x.Elems) + "]"
	case *Bag:
		return "<<" + renderList(x.Elems) + ">>"
	case *Tuple:
		parts := make([]string, len(x.Keys))
		for i, k := range x.Keys {
			parts[i] = quoteString(k) + ": " + renderExpr(x.Values[i])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case *Binary:
		return "(" + renderExpr(x.Left) + " " + x.Op.String() + " " + renderExpr(x.Right) + ")"
	case *Not:
		return "(NOT " + renderExpr(x.X) + ")"
	case *Between:
		return "(" + renderExpr(x.X) + not(x.Not) + " BETWEEN " + renderExpr(x.Low) + " AND " + renderExpr(x.High) + ")"
	case *In:
		return "(" + renderExpr(x.X) + not(x.Not) + " IN [" + renderList(x.List) + "])"
	case *Is:
		return "(" + renderExpr(x.X) + " IS" + not(x.Not) + " " + x.Type + ")"
	case *Call:
		return x.Name + "(" + renderList(x.Args) + ")"
	}
	return "?"
}

func not(b bool) string {
	if b {
		return " NOT"
	}
	return ""
}

func quoteName(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func quoteString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
