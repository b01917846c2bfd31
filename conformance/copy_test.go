package conformance

import (
	"reflect"
	"strings"
)

// subst returns a deep copy of an SDK input with every string passed through
// r, after setting nil TableName fields to "$T". Cases are shared by the
// backends, so requests are never changed in place.
func subst(in any, r *strings.Replacer) any {
	return copyValue(reflect.ValueOf(in), r).Interface()
}

// copyValue deep-copies v, replacing strings with r.
func copyValue(v reflect.Value, r *strings.Replacer) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			p := reflect.New(v.Type().Elem())
			p.Elem().Set(copyValue(v.Elem(), r))
			out.Set(p)
		}
	case reflect.Interface:
		if !v.IsNil() {
			out.Set(copyValue(v.Elem(), r))
		}
	case reflect.Struct:
		copyStruct(v, out, r)
	case reflect.Map:
		if !v.IsNil() {
			m := reflect.MakeMapWithSize(v.Type(), v.Len())
			for it := v.MapRange(); it.Next(); {
				m.SetMapIndex(copyValue(it.Key(), r), copyValue(it.Value(), r))
			}
			out.Set(m)
		}
	case reflect.Slice:
		if !v.IsNil() {
			s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			for i := range v.Len() {
				s.Index(i).Set(copyValue(v.Index(i), r))
			}
			out.Set(s)
		}
	case reflect.String:
		out.SetString(r.Replace(v.String()))
	default:
		out.Set(v)
	}
	return out
}

// copyStruct copies the exported fields of struct v into out, and fills a
// nil TableName *string with "$T".
func copyStruct(v, out reflect.Value, r *strings.Replacer) {
	for i := range v.NumField() {
		if v.Type().Field(i).IsExported() {
			out.Field(i).Set(copyValue(v.Field(i), r))
		}
	}
	f := out.FieldByName("TableName")
	if f.IsValid() && f.Kind() == reflect.Pointer && f.IsNil() && f.Type().Elem().Kind() == reflect.String {
		name := r.Replace("$T")
		f.Set(reflect.ValueOf(&name))
	}
}
