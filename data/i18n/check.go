package i18n

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
)

// verb matches a format verb with its index, flags, width and precision.
var verb = regexp.MustCompile(`%(?:\[(\d+)\])?([-+# 0]*\d*(?:\.\d+)?[a-zA-Z%])`)

// verbArgs lists a format's verbs by the argument they format (an index
// [n] moves to argument n, as in fmt), sorted: "%s %d" and "%[2]d %[1]s"
// both give ["1:s" "2:d"]. %% is no argument.
func verbArgs(format string) []string {
	var out []string
	arg := 1
	for _, m := range verb.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			arg, _ = strconv.Atoi(m[1])
		}
		out = append(out, strconv.Itoa(arg)+":"+m[2])
		arg++
	}
	slices.Sort(out)
	return out
}

// CheckMsgs checks a catalogue, a struct whose fields are Msg values (a
// map or slice of Msg works too): every message has an English and a
// Chinese text, and both format the same arguments with the same verbs
// (indexed verbs such as %[2]s may reorder them); every Noun has all three forms. It returns one error
// per bad message, naming it. Unexported fields are checked too.
func CheckMsgs(catalogue any) []error {
	var errs []error
	check := func(name string, m Msg) {
		if m.En == "" || m.Zh == "" {
			errs = append(errs, fmt.Errorf("%s: a language is missing: %q / %q", name, m.En, m.Zh))
			return
		}
		en, zh := verbArgs(m.En), verbArgs(m.Zh)
		if !slices.Equal(en, zh) {
			errs = append(errs, fmt.Errorf("%s: verbs %q in English, %q in Chinese", name, en, zh))
		}
	}
	walk(reflect.ValueOf(catalogue), "catalogue", check)
	return errs
}

var (
	msgType  = reflect.TypeFor[Msg]()
	nounType = reflect.TypeFor[Noun]()
)

func walk(v reflect.Value, name string, check func(string, Msg)) {
	if v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	switch {
	case v.Type() == msgType:
		check(name, Msg{v.Field(0).String(), v.Field(1).String()})
	case v.Type() == nounType:
		if v.Field(0).String() == "" || v.Field(1).String() == "" || v.Field(2).String() == "" {
			check(name, Msg{}) // reports the missing form
		}
	case v.Kind() == reflect.Struct:
		for i := range v.NumField() {
			walk(v.Field(i), name+"."+v.Type().Field(i).Name, check)
		}
	case v.Kind() == reflect.Map:
		for _, k := range v.MapKeys() {
			walk(v.MapIndex(k), fmt.Sprintf("%s[%v]", name, k), check)
		}
	case v.Kind() == reflect.Slice || v.Kind() == reflect.Array:
		for i := range v.Len() {
			walk(v.Index(i), fmt.Sprintf("%s[%d]", name, i), check)
		}
	}
}
